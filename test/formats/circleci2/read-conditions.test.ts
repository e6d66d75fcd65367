import { describe, expect, it } from 'vitest';
import { job, plain, read } from './helpers.js';

const config = (condition: string, params = '') => `version: 2.1
parameters:
  flag: {type: boolean, default: false}
  env: {type: string, default: dev}
jobs:
  build:
    parameters:
      on: {type: boolean, default: true}
${params}    docker: [{image: cimg/base:2024.01}]
    steps:
      - when:
          condition:
${condition}
          steps: [{run: yes}]
workflows:
  ci: {jobs: [build]}
`;

const stepsOf = (condition: string) => plain(job(read(config(condition)).pipeline, 'build').steps);

describe('circleci2 reader: logic statements', () => {
  it('resolves compile-time conditions', () => {
    expect(stepsOf('            << parameters.on >>')).toEqual([{ kind: 'run', command: 'yes' }]);
    expect(stepsOf('            not: << parameters.on >>')).toEqual([]);
    expect(stepsOf('            equal: [a, a, a]')).toEqual([{ kind: 'run', command: 'yes' }]);
    expect(stepsOf('            and: [true, {equal: [a, b]}]')).toEqual([]);
    expect(stepsOf('            matches: {pattern: "^v[0-9]+$", value: v12}')).toEqual([{ kind: 'run', command: 'yes' }]);
    expect(stepsOf('            or: ["", 0, false]')).toEqual([]);
  });

  it('keeps pipeline-dependent conditions as IR conditions', () => {
    const [step] = stepsOf(`            and:
              - << pipeline.parameters.flag >>
              - equal: [main, << pipeline.git.branch >>]
              - matches: {pattern: "/^v.*/", value: << pipeline.git.tag >>}
              - not: {equal: [prod, << pipeline.parameters.env >>]}
              - equal: [scheduled_pipeline, << pipeline.trigger_source >>]`);
    expect(step).toEqual({
      kind: 'conditional',
      condition: {
        kind: 'and',
        all: [
          { kind: 'var', name: 'flag', scope: 'parameter', op: 'truthy' },
          { kind: 'ref', ref: 'branch', match: { kind: 'exact', value: 'main' } },
          { kind: 'ref', ref: 'tag', match: { kind: 'regex', source: '^v.*', fullMatch: true } },
          { kind: 'not', condition: { kind: 'var', name: 'env', scope: 'parameter', op: 'equals', value: 'prod' } },
          { kind: 'source', source: 'schedule' },
        ],
      },
      steps: [{ kind: 'run', command: 'yes' }],
    });
  });

  it('keeps what it cannot evaluate as opaque, with a diagnostic', () => {
    const { pipeline, codes } = read(config('            equal: [a, << pipeline.id >>]'));
    expect(plain(job(pipeline, 'build').steps)[0]).toMatchObject({ kind: 'conditional', condition: { kind: 'opaque', format: 'circleci2' } });
    expect(codes).toContain('circleci2-expression');
  });

  it('reads workflow when/unless', () => {
    const { pipeline } = read(`version: 2.1
parameters:
  nightly: {type: boolean, default: false}
jobs:
  build:
    docker: [{image: cimg/base:2024.01}]
    steps: [checkout]
workflows:
  ci:
    unless: << pipeline.parameters.nightly >>
    jobs: [build]
`);
    expect(plain(pipeline.workflows[0]!.condition)).toEqual({ kind: 'not', condition: { kind: 'var', name: 'nightly', scope: 'parameter', op: 'truthy' } });
  });
});
