import { describe, expect, it } from 'vitest';
import { job, plain, read } from './helpers.js';

describe('circleci2 reader: commands, executors and parameters', () => {
  it('expands commands with typed parameters, defaults and steps parameters in place', () => {
    const { pipeline, codes } = read(`version: 2.1
commands:
  say:
    parameters:
      text: {type: string}
      times: {type: integer, default: 2}
      loud: {type: boolean, default: false}
      var: {type: env_var_name, default: GREETING}
      after: {type: steps, default: []}
    steps:
      - run: echo << parameters.text >> x<< parameters.times >> $<< parameters.var >> << parameters.loud >>
      - steps: << parameters.after >>
jobs:
  build:
    docker: [{image: cimg/base:2024.01}]
    steps:
      - say:
          text: hi
          loud: yes
          after:
            - run: echo after
workflows:
  ci: {jobs: [build]}
`);
    expect(plain(job(pipeline, 'build').steps)).toEqual([
      { kind: 'run', command: 'echo hi x2 $GREETING true' },
      { kind: 'run', command: 'echo after' },
    ]);
    expect(codes).not.toContain('unknown-key');
  });

  it('passes steps through nested commands with lexical scoping', () => {
    const { pipeline } = read(`version: 2.1
commands:
  inner:
    parameters: {body: {type: steps}}
    steps: [{steps: << parameters.body >>}]
  outer:
    parameters: {body: {type: steps}, label: {type: string, default: outer}}
    steps:
      - run: echo << parameters.label >>
      - inner: {body: << parameters.body >>}
jobs:
  build:
    docker: [{image: cimg/base:2024.01}]
    steps:
      - outer:
          body: [{run: echo body}]
workflows:
  ci: {jobs: [build]}
`);
    expect(plain(job(pipeline, 'build').steps)).toEqual([
      { kind: 'run', command: 'echo outer' },
      { kind: 'run', command: 'echo body' },
    ]);
  });

  it('reports missing required, unknown and wrongly typed arguments', () => {
    const { codes } = read(`version: 2.1
commands:
  c:
    parameters: {n: {type: integer}, flag: {type: boolean, default: true}, mode: {type: enum, enum: [a, b], default: a}}
    steps: [{run: echo << parameters.n >>}]
jobs:
  build:
    docker: [{image: cimg/base:2024.01}]
    steps:
      - c: {flag: maybe, mode: z, extra: 1}
workflows:
  ci: {jobs: [build]}
`);
    expect(codes).toEqual(expect.arrayContaining(['missing-key', 'circleci2-unknown-parameter', 'wrong-type', 'invalid-value']));
  });

  it('merges executors with job keys (job wins, environment merged) and executor parameters', () => {
    const { pipeline } = read(`version: 2.1
executors:
  py:
    parameters: {tag: {type: string, default: "3.12"}}
    docker: [{image: "cimg/python:<< parameters.tag >>"}]
    resource_class: large
    environment: {A: exec, B: exec}
jobs:
  build:
    executor: {name: py, tag: "3.10"}
    resource_class: small
    environment: {B: job}
    steps: [checkout]
workflows:
  ci: {jobs: [build]}
`);
    const build = plain(job(pipeline, 'build'));
    expect(build.executor).toEqual({ kind: 'docker', image: { name: 'cimg/python:3.10' } });
    expect(build.resourceClass).toBe('small');
    expect(build.environment).toEqual([
      { name: 'A', value: 'exec', expand: false },
      { name: 'B', value: 'job', expand: false },
    ]);
  });

  it('expands job parameters per invocation and keeps `1.10` as written', () => {
    const { pipeline } = read(`version: 2.1
jobs:
  test:
    parameters: {go: {type: string}}
    docker: [{image: "cimg/go:<< parameters.go >>"}]
    steps: [checkout]
workflows:
  ci:
    jobs:
      - test: {name: old, go: 1.10}
      - test: {name: new, go: "1.22"}
`);
    expect(pipeline.jobs.map((j) => [j.id, (j.executor as { image: { name: string } }).image.name])).toEqual([
      ['old', 'cimg/go:1.10'],
      ['new', 'cimg/go:1.22'],
    ]);
  });

  it('turns pipeline parameters into ${name} references and pipeline values into variables', () => {
    const { pipeline, codes } = read(`version: 2.1
parameters:
  target: {type: string, default: staging, description: Where}
jobs:
  build:
    docker: [{image: cimg/base:2024.01}]
    steps:
      - run: deploy << pipeline.parameters.target >> << pipeline.git.revision >> << pipeline.trigger_source >>
workflows:
  ci: {jobs: [build]}
`);
    expect(plain(pipeline.parameters)).toEqual([{ name: 'target', type: 'string', default: 'staging', description: 'Where' }]);
    expect(plain(job(pipeline, 'build').steps)).toEqual([{ kind: 'run', command: 'deploy ${target} ${CIRCLE_SHA1} << pipeline.trigger_source >>' }]);
    expect(codes).toEqual(expect.arrayContaining(['circleci2-pipeline-value', 'circleci2-expression']));
  });

  it('warns when a version 2 file uses 2.1 features', () => {
    const { codes } = read(`version: 2
commands:
  c: {steps: [{run: x}]}
jobs:
  build:
    docker: [{image: cimg/base:2024.01}]
    steps: [c]
`);
    expect(codes).toContain('circleci2-version-feature');
  });

  it('stops runaway recursion with a diagnostic', () => {
    const { codes } = read(`version: 2.1
commands:
  loop: {steps: [loop]}
jobs:
  build:
    docker: [{image: cimg/base:2024.01}]
    steps: [loop]
workflows:
  ci: {jobs: [build]}
`);
    expect(codes).toContain('circleci2-recursion');
  });

  it('reports unused definitions instead of dropping them silently', () => {
    const { codes } = read(`version: 2.1
commands:
  unused: {steps: [{run: x}]}
jobs:
  build:
    docker: [{image: cimg/base:2024.01}]
    steps: [checkout]
  orphan:
    docker: [{image: cimg/base:2024.01}]
    steps: [checkout]
workflows:
  ci: {jobs: [build]}
`);
    expect(codes.filter((c) => c === 'circleci2-unused-definition')).toHaveLength(2);
    expect(codes).not.toContain('unknown-key');
  });
});
