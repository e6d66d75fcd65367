import { describe, expect, it } from 'vitest';
import type { Pipeline, RunStep } from '../../../src/ir/types.js';
import { write } from './helpers.js';

const gitlabJob = (lines: string[], rules?: Pipeline['workflows'][number]['nodes'][number]['rules']): Pipeline => ({
  source: 'gitlab',
  jobs: [
    { id: 'build', steps: [{ kind: 'checkout' }, { kind: 'run', command: 'make', phase: 'script' }] },
    { id: 'ship', steps: lines.map((command): RunStep => ({ kind: 'run', command, phase: 'script' })) },
  ],
  workflows: [{ nodes: [{ id: 'build', job: 'build' }, { id: 'ship', job: 'ship', requires: [{ node: 'build' }], ...(rules ? { rules } : {}) }] }],
});

const main = [{ condition: { kind: 'ref' as const, ref: 'branch' as const, match: { kind: 'exact' as const, value: 'main' } } }];

describe('circleci1 writer: one shell per command', () => {
  it('joins GitLab script lines that set state for later lines', () => {
    const { text, codes } = write(gitlabJob(['cd deploy', 'TAG=$(git describe)', './push.sh $TAG'], main));
    expect(text).toContain('    commands:\n      - |-\n        set -e\n        cd deploy\n        TAG=$(git describe)\n        ./push.sh $TAG\n');
    expect(codes).toContain('approximate-translation');
  });

  it('keeps independent lines as separate commands', () => {
    const { text } = write(gitlabJob(['make lint', 'make test']));
    expect(text).toContain('compile:\n  override:\n    - make\n    - make lint\n    - make test\n');
  });
});

describe('circleci1 writer: deployments', () => {
  it('joins jobs with the same refs, since 1.0 runs only the first matching deployment', () => {
    const pipeline: Pipeline = {
      source: 'gitlab',
      jobs: [
        { id: 'build', steps: [{ kind: 'run', command: 'make' }] },
        { id: 'migrate', steps: [{ kind: 'run', command: './migrate' }] },
        { id: 'release', steps: [{ kind: 'run', command: './release' }] },
        { id: 'preview', steps: [{ kind: 'run', command: './preview' }] },
      ],
      workflows: [
        {
          nodes: [
            { id: 'build', job: 'build' },
            { id: 'migrate', job: 'migrate', requires: [{ node: 'build' }], rules: main },
            { id: 'release', job: 'release', requires: [{ node: 'migrate' }], rules: main },
            {
              id: 'preview',
              job: 'preview',
              requires: [{ node: 'build' }],
              rules: [{ condition: { kind: 'ref', ref: 'branch', match: { kind: 'regex', source: '.*', fullMatch: false } } }],
            },
          ],
        },
      ],
    };
    const { text, diagnostics } = write(pipeline);
    expect(text).toContain('deployment:\n  migrate:\n    branch: main\n    commands:\n      - ./migrate\n      - ./release\n  preview:\n');
    expect(diagnostics.find((d) => d.message.includes('joined'))?.message).toBe('"release" deploys for the same refs as "migrate"; 1.0 runs only the first matching deployment, so its commands are joined to "migrate", on its machine');
  });

  it('says when joined jobs did not wait for each other: the second now runs only after the first succeeds', () => {
    const origin = (line: number) => ({ file: '.gitlab-ci.yml', range: [line * 10, line * 10 + 5] as [number, number] });
    const pipeline: Pipeline = {
      source: 'gitlab',
      jobs: [
        { id: 'build', steps: [{ kind: 'run', command: 'make' }] },
        { id: 'docs', steps: [{ kind: 'run', command: './publish-docs' }] },
        { id: 'release', steps: [{ kind: 'run', command: './release' }] },
      ],
      workflows: [
        {
          nodes: [
            { id: 'build', job: 'build' },
            { id: 'docs', job: 'docs', requires: [{ node: 'build' }], rules: main, origin: origin(1) },
            { id: 'release', job: 'release', requires: [{ node: 'build' }], rules: main, origin: origin(2) },
          ],
        },
      ],
    };
    const { text, diagnostics } = write(pipeline);
    expect(text).toContain('deployment:\n  docs:\n    branch: main\n    commands:\n      - ./publish-docs\n      - ./release\n');
    const joined = diagnostics.find((d) => d.message.includes('joined'))!;
    expect(joined).toMatchObject({ code: 'semantic-difference', severity: 'warning', origin: origin(2), related: [{ origin: origin(1) }] });
    expect(joined.message).toContain('run after them, only when they succeed');
  });
});
