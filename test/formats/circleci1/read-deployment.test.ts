import { describe, expect, it } from 'vitest';
import { job, plain, read } from './helpers.js';

describe('circleci1 reader: deployment', () => {
  it('makes one job per subsection, after the build, for its branches', () => {
    const { pipeline } = read('deployment:\n  staging:\n    branch: develop\n    commands:\n      - ./deploy staging\n');
    const node = pipeline.workflows[0]!.nodes[1]!;
    expect(plain(node)).toEqual({
      id: 'staging',
      job: 'staging',
      requires: [{ node: 'build' }],
      rules: [{ condition: { kind: 'ref', ref: 'branch', match: { kind: 'exact', value: 'develop' } } }],
    });
    expect(job(pipeline, 'staging').steps.map((s) => s.kind)).toEqual(['checkout', 'run']);
    expect(pipeline.workflows).toHaveLength(1);
    expect(pipeline.workflows[0]!.name).toBeUndefined();
  });

  it('reads lists, /regex/ (whole-name), tags and owner', () => {
    const { pipeline } = read('deployment:\n  release:\n    branch: [main, /release-.*/]\n    tag: /v[0-9]+/\n    owner: acme\n    commands: [./ship]\n');
    expect(plain(pipeline.workflows[0]!.nodes[1]!.rules)).toEqual([
      {
        condition: {
          kind: 'and',
          all: [
            { kind: 'owner', owner: 'acme' },
            {
              kind: 'or',
              any: [
                {
                  kind: 'or',
                  any: [
                    { kind: 'ref', ref: 'branch', match: { kind: 'exact', value: 'main' } },
                    { kind: 'ref', ref: 'branch', match: { kind: 'regex', source: 'release-.*', fullMatch: true } },
                  ],
                },
                { kind: 'ref', ref: 'tag', match: { kind: 'regex', source: 'v[0-9]+', fullMatch: true } },
              ],
            },
          ],
        },
      },
    ]);
  });

  it('lets tags build only when a deployment has a tag selector', () => {
    expect(plain(read('test:\n  override: [make]\n').pipeline.rules)).toEqual([{ condition: { kind: 'ref', ref: 'branch' } }]);
    const tagged = read('deployment:\n  pub:\n    tag: /v.*/\n    commands: [./pub]\n').pipeline;
    expect(plain(tagged.rules)).toEqual([
      { condition: { kind: 'ref', ref: 'branch' } },
      { condition: { kind: 'ref', ref: 'tag', match: { kind: 'regex', source: 'v.*', fullMatch: true } } },
    ]);
  });

  it('reads /.*?/ as any branch', () => {
    const { pipeline } = read('deployment:\n  all:\n    branch: /.*?/\n    commands: [./x]\n');
    expect(plain(pipeline.workflows[0]!.nodes[1]!.rules)).toEqual([{ condition: { kind: 'ref', ref: 'branch' } }]);
  });

  it('runs only the first matching deployment', () => {
    const { pipeline, codes } = read('deployment:\n  a:\n    branch: /rel-.*/\n    commands: [x]\n  b:\n    branch: rel-1\n    commands: [y]\n  c:\n    branch: main\n    commands: [z]\n');
    const [, , b, c] = pipeline.workflows[0]!.nodes;
    expect(plain(b!.rules![0]!.condition)).toEqual({
      kind: 'and',
      all: [
        { kind: 'ref', ref: 'branch', match: { kind: 'exact', value: 'rel-1' } },
        { kind: 'not', condition: { kind: 'ref', ref: 'branch', match: { kind: 'regex', source: 'rel-.*', fullMatch: true } } },
      ],
    });
    // `main` cannot match `rel-.*` or `rel-1`: no exclusion needed.
    expect(plain(c!.rules![0]!.condition)).toEqual({ kind: 'ref', ref: 'branch', match: { kind: 'exact', value: 'main' } });
    expect(codes.filter((x) => x === 'circleci1-first-deployment')).toHaveLength(1);
  });

  it('turns heroku.appname into a git push and a manual task', () => {
    const { pipeline, codes } = read('deployment:\n  prod:\n    branch: main\n    heroku:\n      appname: shop-prod\n');
    expect(job(pipeline, 'prod').steps[1]).toMatchObject({ kind: 'run', command: 'git push git@heroku.com:shop-prod.git $CIRCLE_SHA1:refs/heads/master' });
    expect(codes).toContain('manual-setting');
  });

  it('diagnoses pre in a subsection, and reads a subsection without selectors as never deploying (fail closed)', () => {
    const { pipeline, codes } = read('deployment:\n  prod:\n    pre: [echo pre]\n    commands: [./go]\n');
    expect(job(pipeline, 'prod').steps.filter((s) => s.kind === 'run')).toHaveLength(2);
    expect(codes).toContain('circleci1-section-key');
    expect(codes).toContain('circleci1-deployment-selector');
    // 1.0 needs a branch or tag to know when to deploy: without one it is not read as every branch.
    const node = pipeline.workflows[0]!.nodes.find((n) => n.id === 'prod')!;
    expect(plain(node.rules)).toEqual([{ condition: { kind: 'literal', value: false } }]);
  });

  it('reports `deployment: pre:` lists as the error 1.0 gave', () => {
    const { codes, pipeline } = read('deployment:\n  pre:\n    - echo hi\n');
    expect(codes).toContain('wrong-type');
    expect(pipeline.jobs).toHaveLength(1);
  });

  it('reports an invalid regex', () => {
    expect(read('deployment:\n  x:\n    branch: /(/\n    commands: [a]\n').codes).toContain('invalid-value');
  });

  it('renames a deployment called build', () => {
    const { pipeline, codes } = read('deployment:\n  build:\n    branch: main\n    commands: [a]\n');
    expect(pipeline.jobs.map((j) => j.id)).toEqual(['build', 'deploy-build']);
    expect(codes).not.toContain('graph-duplicate-id');
  });
});
