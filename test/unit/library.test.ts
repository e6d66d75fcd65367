/** The library API (src/index.ts) from source: the shapes a consumer gets, and bad input from untyped callers. */
import { describe, expect, it } from 'vitest';
import { detectFormat, formatIds, formats, translate, verify, type FormatId } from '../../src/index.js';

const gitlab = `build:
  script:
    - make
deploy:
  script:
    - ./deploy.sh
  only:
    - main
`;

describe('library translate', () => {
  it('locates diagnostics and the output places of behaviour differences by line and column', () => {
    // GitLab expands `$USER` from CI variables only (empty); 1.0 exports the value in the shell.
    const text = 'print:\n  image: alpine:3.20\n  variables:\n    GREETING: "hello $USER"\n  script:\n    - echo "$GREETING"\n';
    const result = translate({ file: '.gitlab-ci.yml', text, to: 'circleci1' });
    expect(result).toMatchObject({ from: 'gitlab', to: 'circleci1', fatal: false });
    const difference = result.diagnostics.find((d) => d.code === 'behaviour-difference');
    expect(difference).toMatchObject({ file: '.gitlab-ci.yml', line: 4, column: 5 });
    expect(difference?.related).toEqual([expect.objectContaining({ file: 'circle.yml', line: expect.any(Number), column: expect.any(Number) })]);
    const variableLine = result.output!.split('\n').findIndex((l) => l.includes('GREETING:')) + 1;
    expect(result.behaviour?.unnamed[0]?.after).toMatchObject({ file: 'circle.yml', line: variableLine });
  });

  it('says why nothing was written, at the place', () => {
    const result = translate({ file: '.gitlab-ci.yml', text: 'build:\n  script: [make\n', to: 'circleci2' });
    expect(result).toMatchObject({ from: 'gitlab', output: null, fatal: true, behaviour: null });
    expect(result.diagnostics[0]).toMatchObject({ code: 'yaml-syntax', severity: 'error', file: '.gitlab-ci.yml', line: expect.any(Number), column: expect.any(Number) });
  });

  it('turns a wrong format id from an untyped caller into a clear TypeError', () => {
    expect(() => translate({ file: 'a.yml', text: '', to: 'github' as FormatId })).toThrow(/to must be one of circleci1, circleci2, gitlab \(got "github"\)/);
    expect(() => translate({ file: 'a.yml', text: '', from: 'jenkins' as FormatId, to: 'gitlab' })).toThrow(TypeError);
    expect(() => translate({ file: 'a.yml', to: 'gitlab' } as never)).toThrow(/needs \{ file, text \}/);
  });
});

describe('library verify', () => {
  it('finds the same configuration the same, and names both places of a difference', () => {
    expect(verify({ file: '.gitlab-ci.yml', text: gitlab }, { file: '.gitlab-ci.yml', text: gitlab }).same).toBe(true);
    const everyBranch = `# deploys from every branch\n${gitlab.replace('  only:\n    - main\n', '')}`;
    const result = verify({ file: '.gitlab-ci.yml', text: gitlab }, { file: '.gitlab-ci.yml', text: everyBranch });
    expect(result.same).toBe(false);
    expect(result.events).toContain('other-branch');
    // Both are called .gitlab-ci.yml, yet each side is located in its own text: deploy is on line 4, then 5.
    expect(result.differences).toContainEqual(expect.objectContaining({ job: 'deploy', before: { file: '.gitlab-ci.yml', line: 4, column: 1 }, after: { file: '.gitlab-ci.yml', line: 5, column: 1 } }));
  });

  it('answers null, with the reading errors, when a side cannot be read', () => {
    const result = verify({ file: '.gitlab-ci.yml', text: gitlab }, { file: 'notes.txt', text: 'hello\n' });
    expect(result).toMatchObject({ same: null, differences: [] });
    expect(result.diagnostics.map((d) => d.code)).toContain('format-unknown');
  });
});

describe('library formats', () => {
  it('describes every format without its reader and writer', () => {
    expect(formatIds).toEqual(['circleci1', 'circleci2', 'gitlab']);
    expect(formats.circleci2).toEqual({ id: 'circleci2', title: 'CircleCI 2.x (.circleci/config.yml)', fileNames: ['.circleci/config.yml', '.circleci/config.yaml'], versions: ['2.1', '2.0'] });
    expect(Object.isFrozen(formats.gitlab)).toBe(true);
    expect(detectFormat('.gitlab-ci.yml', gitlab)?.format).toBe('gitlab');
    expect(detectFormat('notes.txt', 'hello\n')).toBeNull();
  });
});
