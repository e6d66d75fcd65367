import { describe, expect, it } from 'vitest';
import { isPlaceholderCommand, placeholderCommand, placeholderStepName } from '../../src/ir/placeholder-text.js';

describe('placeholder text', () => {
  it.each(['line', 'step', 'command'] as const)('reads back the step a %s placeholder stands for, in either mode', (unit) => {
    for (const mode of ['fail', 'pass'] as const) {
      const command = placeholderCommand('circleci2', 'aws-cli/setup', unit, mode);
      expect(isPlaceholderCommand(command)).toBe(true);
      expect(placeholderStepName(command)).toBe('aws-cli/setup');
      // GitLab output may run it in a child shell.
      expect(placeholderStepName(`(${command})`)).toBe('aws-cli/setup');
    }
  });

  it('reads nothing from an ordinary command', () => {
    expect(placeholderStepName('echo "ciport: done"')).toBeUndefined();
    expect(isPlaceholderCommand('make test')).toBe(false);
  });
});
