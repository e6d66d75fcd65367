import { describe, expect, it } from 'vitest';
import { read, runs, write } from './helpers.js';

describe('circleci1 comments', () => {
  it('keeps the file header, section comments and command comments', () => {
    const text = ['# Build for the docs site', '', 'machine:', '  node:', '    version: 8.9.0', '# The unit tests', 'test:', '  override:', '    - npm test # fast', ''].join('\n');
    const { pipeline } = read(text);
    expect(pipeline.comments).toEqual({ before: ['Build for the docs site'] });
    expect(runs(pipeline)[0]?.comments).toEqual({ before: ['The unit tests'], trailing: 'fast' });
    const out = write(pipeline).text;
    expect(out.startsWith('# Build for the docs site\n')).toBe(true);
    expect(out).toContain('    # The unit tests\n    - npm test # fast\n');
    // Written once more, the text does not change.
    expect(write(read(out).pipeline).text).toBe(out);
  });
});
