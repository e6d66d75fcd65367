import { describe, expect, it } from 'vitest';
import { job, plain, read } from './helpers.js';

const jobs = `jobs:
  build:
    docker: [{image: cimg/base:2024.01}]
    steps: [checkout]
  test:
    parameters: {v: {type: string, default: "1"}, os: {type: string, default: linux}}
    docker: [{image: "cimg/node:<< parameters.v >>"}]
    steps: [{run: "echo << parameters.os >>"}]
`;

describe('circleci2 reader: workflows', () => {
  it('reads filters: no filter is any branch, tags only with a tags filter, regexes match whole names', () => {
    const { pipeline } = read(`version: 2.1
${jobs}workflows:
  ci:
    jobs:
      - build
      - build:
          name: tagged
          filters:
            tags: {only: /^v.*/}
            branches: {ignore: [main, /wip-.*/]}
`);
    const [plainNode, tagged] = plain(pipeline.workflows[0]!.nodes);
    expect(plainNode!.rules).toEqual([{ condition: { kind: 'ref', ref: 'branch' } }]);
    expect(tagged!.rules).toEqual([
      {
        condition: {
          kind: 'or',
          any: [
            {
              kind: 'and',
              all: [
                { kind: 'ref', ref: 'branch' },
                {
                  kind: 'not',
                  condition: {
                    kind: 'or',
                    any: [
                      { kind: 'ref', ref: 'branch', match: { kind: 'exact', value: 'main' } },
                      { kind: 'ref', ref: 'branch', match: { kind: 'regex', source: 'wip-.*', fullMatch: true } },
                    ],
                  },
                },
              ],
            },
            { kind: 'ref', ref: 'tag', match: { kind: 'regex', source: '^v.*', fullMatch: true } },
          ],
        },
      },
    ]);
  });

  it('reads requires with statuses, contexts, approvals and duplicate invocations', () => {
    const { pipeline } = read(`version: 2.1
${jobs}workflows:
  ci:
    jobs:
      - build
      - build
      - gate: {type: approval, requires: [build]}
      - test:
          context: org-global
          requires:
            - gate
            - build-1: [success, failed]
            - build-2: terminal
`);
    const nodes = plain(pipeline.workflows[0]!.nodes);
    expect(nodes.map((n) => n.id)).toEqual(['build-1', 'build-2', 'gate', 'test']);
    expect(nodes[2]).toMatchObject({ id: 'gate', approval: true, requires: [{ node: 'build-1' }, { node: 'build-2' }] });
    expect(nodes[3]!.contexts).toEqual(['org-global']);
    expect(nodes[3]!.requires).toEqual([
      { node: 'gate' },
      { node: 'build-1', statuses: ['success', 'failed'] },
      { node: 'build-2', statuses: ['success', 'failed', 'canceled', 'unauthorized', 'not_run'] },
    ]);
  });

  it('expands a matrix with the vendor naming, exclude and alias', () => {
    const { pipeline } = read(`version: 2.1
${jobs}workflows:
  ci:
    jobs:
      - test:
          matrix:
            alias: all-tests
            parameters: {v: ["18", "20"], os: [linux, mac]}
            exclude: [{v: "18", os: mac}]
      - build: {requires: [all-tests]}
`);
    const nodes = pipeline.workflows[0]!.nodes;
    expect(nodes.map((n) => n.id)).toEqual(['test-18-linux', 'test-20-linux', 'test-20-mac', 'build']);
    expect(nodes[3]!.requires?.map((r) => r.node)).toEqual(['test-18-linux', 'test-20-linux', 'test-20-mac']);
    expect(plain(job(pipeline, 'test-20-mac').steps)).toEqual([{ kind: 'run', command: 'echo mac' }]);
  });

  it('uses << matrix.x >> in names and pre/post-steps around the job', () => {
    const { pipeline } = read(`version: 2.1
${jobs}workflows:
  ci:
    jobs:
      - test:
          name: t-<< matrix.v >>
          matrix: {parameters: {v: ["1", "2"]}}
          pre-steps: [{run: pre}]
          post-steps: [{run: post}]
`);
    expect(pipeline.workflows[0]!.nodes.map((n) => n.id)).toEqual(['t-1', 't-2']);
    expect(plain(job(pipeline, 't-1').steps).map((s) => (s as { command: string }).command)).toEqual(['pre', 'echo linux', 'post']);
  });

  it('reads schedule triggers as a schedule-only workflow', () => {
    const { pipeline, codes } = read(`version: 2
jobs:
  build:
    docker: [{image: cimg/base:2024.01}]
    steps: [checkout]
workflows:
  version: 2
  nightly:
    triggers:
      - schedule: {cron: "0 0 * * *", filters: {branches: {only: [main]}}}
    jobs: [build]
`);
    const workflow = plain(pipeline.workflows[0]!);
    expect(workflow.triggers).toEqual([{ kind: 'schedule', cron: '0 0 * * *', condition: { kind: 'ref', ref: 'branch', match: { kind: 'exact', value: 'main' } } }]);
    expect(workflow.condition).toEqual({ kind: 'source', source: 'schedule' });
    expect(codes).toContain('deprecated-syntax');
  });

  it('creates the implicit workflow of a config without workflows, with job-level branches', () => {
    const { pipeline, codes } = read(`version: 2
jobs:
  build:
    docker: [{image: cimg/base:2024.01}]
    branches: {only: [main]}
    steps: [checkout]
  other:
    docker: [{image: cimg/base:2024.01}]
    steps: [checkout]
`);
    expect(plain(pipeline.workflows)).toEqual([
      { nodes: [{ id: 'build', job: 'build', rules: [{ condition: { kind: 'ref', ref: 'branch', match: { kind: 'exact', value: 'main' } } }] }] },
    ]);
    expect(pipeline.jobs.map((j) => j.id)).toEqual(['build']);
    expect(codes).toEqual(expect.arrayContaining(['circleci2-implicit-workflow', 'deprecated-syntax', 'circleci2-unused-definition']));
  });

  it('accounts for anchors, merge keys and overridden merged keys', () => {
    const { pipeline, codes } = read(`version: 2.1
defaults: &defaults
  docker: [{image: cimg/base:2024.01}]
  working_directory: ~/a
jobs:
  build:
    <<: *defaults
    working_directory: ~/b
    steps: [checkout]
workflows:
  ci: {jobs: [build]}
`);
    expect(job(pipeline, 'build').workingDirectory).toBe('~/b');
    expect(codes).not.toContain('unknown-key');
  });

  it('reports keys nobody reads', () => {
    const { diagnostics } = read(`version: 2.1
${jobs}workflows:
  ci:
    jobs: [build]
    only: main
`);
    expect(diagnostics.filter((d) => d.code === 'unknown-key').map((d) => d.origin?.path)).toEqual([['workflows', 'ci', 'only']]);
  });
});
