/** The colour decision and the "did you mean" helper, on their own (the CLI tests run them end to end). */
import { describe, expect, it } from 'vitest';
import { decideColor } from '../../src/commands/color-choice.js';
import { closestName, didYouMean, editDistance } from '../../src/diagnostics/did-you-mean.js';

describe('decideColor', () => {
  const tty = { isTTY: true };
  const pipe = { isTTY: false };

  it('colours a terminal, not a pipe, when nothing says otherwise', () => {
    expect(decideColor(undefined, tty, {})).toBe(true);
    expect(decideColor(undefined, pipe, {})).toBe(false);
  });

  it('NO_COLOR (non-empty) turns it off; an empty NO_COLOR does not', () => {
    expect(decideColor(undefined, tty, { NO_COLOR: '1' })).toBe(false);
    expect(decideColor(undefined, tty, { NO_COLOR: '' })).toBe(true);
  });

  it('FORCE_COLOR wins over NO_COLOR and the stream; 0 and false turn it off', () => {
    expect(decideColor(undefined, pipe, { FORCE_COLOR: '1', NO_COLOR: '1' })).toBe(true);
    expect(decideColor(undefined, pipe, { FORCE_COLOR: '' })).toBe(true);
    expect(decideColor(undefined, tty, { FORCE_COLOR: '0' })).toBe(false);
    expect(decideColor(undefined, tty, { FORCE_COLOR: 'false' })).toBe(false);
  });

  it('--color and --no-color win over everything', () => {
    expect(decideColor(true, pipe, { NO_COLOR: '1', FORCE_COLOR: '0' })).toBe(true);
    expect(decideColor(false, tty, { FORCE_COLOR: '1' })).toBe(false);
  });
});

describe('did you mean', () => {
  it('measures edits', () => {
    expect(editDistance('gitlb', 'gitlab')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });

  it('suggests the closest name only when it is close', () => {
    const formats = ['circleci1', 'circleci2', 'gitlab'];
    expect(closestName('gitlb', formats)).toBe('gitlab');
    expect(closestName('GitLab', formats)).toBe('gitlab');
    expect(closestName('circelci2', formats)).toBe('circleci2');
    expect(closestName('jenkins', formats)).toBeUndefined();
    // Short inputs allow one edit: "ab" is not "gitlab".
    expect(closestName('ab', formats)).toBeUndefined();
    expect(didYouMean('unknown-kye', ['unknown-key', 'yaml-syntax'])).toBe(' (did you mean "unknown-key"?)');
    expect(didYouMean('zzz', ['unknown-key'])).toBe('');
  });
});
