import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormatsMod from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { Job, Pipeline, Step, WorkflowNode } from '../../../src/ir/types.js';
import { checkedAtEnd, sharedPath } from '../../support/shared.js';
import { emit } from './helpers.js';

const addFormats = addFormatsMod.default;
const compile = (name: string) => {
  const ajv = new Ajv({ strict: false, validateFormats: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(sharedPath('schemas', name), 'utf8')));
};

const image = (name: string) => ({ kind: 'docker' as const, image: { name } });

function gitlab(jobs: Job[], nodes: WorkflowNode[], extra: Partial<Pipeline> = {}): Pipeline {
  return { source: 'gitlab', jobs, workflows: [{ nodes }], ...extra };
}

/** Pipelines whose 2.1 and 2.0 output the file's last test holds to the vendor schemas. */
const validPipelines = checkedAtEnd<Pipeline>();
const valid = (pipeline: Pipeline) => validPipelines.add(pipeline);

describe('circleci2 writer', () => {
  it('writes the thin slice in house order with a 2.0 workflows version', () => {
    const pipeline: Pipeline = {
      source: 'circleci2',
      jobs: [
        { id: 'build', executor: image('cimg/node:20.11'), environment: [{ name: 'A', value: '$B', expand: false }], steps: [{ kind: 'checkout' }, { kind: 'run', command: 'npm test' }] },
      ],
      workflows: [{ name: 'ci', nodes: [{ id: 'build', job: 'build', rules: [{ condition: { kind: 'ref', ref: 'branch' } }] }] }],
    };
    const { text } = emit(pipeline, '2.0');
    expect(text).toBe(`version: 2

jobs:
  build:
    docker:
      - image: cimg/node:20.11
    environment:
      A: $B
    steps:
      - checkout
      - run: npm test

workflows:
  version: 2

  ci:
    jobs:
      - build
`);
    valid(pipeline);
  });

  it('keeps GitLab before_script + script in one run when later lines depend on earlier ones', () => {
    const steps: Step[] = [
      { kind: 'run', command: 'export PATH=$HOME/bin:$PATH', phase: 'before_script' },
      { kind: 'run', command: 'cd app', phase: 'before_script' },
      { kind: 'run', command: 'make test', phase: 'script' },
      { kind: 'run', command: 'echo cleanup', phase: 'after_script' },
      { kind: 'run', command: 'rm -f key.jks || true', phase: 'after_script' },
    ];
    const { doc } = emit(gitlab([{ id: 'test', executor: image('ruby:3.3'), steps }], [{ id: 'test', job: 'test' }]));
    expect(doc.jobs.test.steps).toEqual([
      'checkout',
      { run: 'export PATH=$HOME/bin:$PATH\ncd app\nmake test' },
      // after_script's failure never failed the GitLab job, so the always-step ignores its status.
      { run: { command: 'echo cleanup || true', when: 'always' } },
      // A line that ignores its status already is kept as written, not `|| true || true`.
      { run: { command: 'rm -f key.jks || true', when: 'always' } },
    ]);
  });

  it('keeps independent script lines as separate steps', () => {
    const steps: Step[] = [
      { kind: 'run', command: 'make lint', phase: 'script' },
      { kind: 'run', command: 'make test', phase: 'script' },
    ];
    const { doc } = emit(gitlab([{ id: 'test', executor: image('ruby:3.3'), steps: [{ kind: 'checkout' }, ...steps] }], [{ id: 'test', job: 'test' }]));
    expect(doc.jobs.test.steps).toEqual(['checkout', { run: 'make lint' }, { run: 'make test' }]);
  });

  it('writes services as named secondary containers and the docker daemon as setup_remote_docker after earlier steps', () => {
    const pipeline = gitlab(
      [
        {
          id: 'build',
          executor: image('docker:27'),
          services: [{ name: 'postgres:16', alias: 'db', environment: [{ name: 'POSTGRES_PASSWORD', value: 'pw' }] }],
          steps: [
            { kind: 'checkout' },
            { kind: 'run', command: 'echo before' },
            { kind: 'docker-daemon', engine: 'dind', version: '27.5.1', layerCaching: true },
            { kind: 'run', command: 'docker build .' },
          ],
        },
      ],
      [{ id: 'build', job: 'build' }],
    );
    const { doc, codes } = emit(pipeline);
    expect(doc.jobs.build.docker).toEqual([{ image: 'docker:27' }, { image: 'postgres:16', name: 'db', environment: { POSTGRES_PASSWORD: 'pw' } }]);
    expect(doc.jobs.build.steps[1]).toEqual({ run: 'echo before' });
    expect(Object.keys(doc.jobs.build.steps[2])).toEqual(['setup_remote_docker']);
    expect(doc.jobs.build.steps[2].setup_remote_docker.docker_layer_caching).toBe(true);
    // Another kind of engine changes what the job's docker commands can do: a warning, not a note.
    expect(codes).toContain('semantic-difference');
    valid(pipeline);
  });

  it('turns pure branch/tag rules into filters, anchors GitLab regexes and runs tag jobs upstream on tags too', () => {
    const pipeline = gitlab(
      [
        { id: 'build', executor: image('alpine'), steps: [{ kind: 'run', command: 'make' }] },
        { id: 'release', executor: image('alpine'), steps: [{ kind: 'run', command: 'make release' }] },
      ],
      [
        { id: 'build', job: 'build' },
        {
          id: 'release',
          job: 'release',
          requires: [{ node: 'build' }],
          rules: [{ condition: { kind: 'ref', ref: 'tag', match: { kind: 'regex', source: '^v\\d+', fullMatch: false } } }],
        },
      ],
    );
    const { doc } = emit(pipeline);
    expect(doc.workflows.workflow.jobs).toEqual([
      { build: { filters: { tags: { only: '/.*/' } } } },
      { release: { requires: ['build'], filters: { branches: { ignore: '/.*/' }, tags: { only: '/v\\d+.*/' } } } },
    ]);
    valid(pipeline);
  });

  it('puts an approval in front of a manual job', () => {
    const pipeline = gitlab(
      [
        { id: 'build', executor: image('alpine'), steps: [{ kind: 'run', command: 'make' }] },
        { id: 'deploy', executor: image('alpine'), steps: [{ kind: 'run', command: 'make deploy' }] },
      ],
      [
        { id: 'build', job: 'build', rules: [{ condition: { kind: 'ref', ref: 'branch' } }] },
        { id: 'deploy', job: 'deploy', requires: [{ node: 'build' }], rules: [{ condition: { kind: 'ref', ref: 'branch', match: { kind: 'exact', value: 'main' } }, when: 'manual' }] },
      ],
    );
    const { doc } = emit(pipeline);
    expect(doc.workflows.workflow.jobs.slice(1)).toEqual([
      { 'approve-deploy': { type: 'approval', requires: ['build'], filters: { branches: { only: 'main' } } } },
      { deploy: { requires: ['approve-deploy'], filters: { branches: { only: 'main' } } } },
    ]);
    valid(pipeline);
  });

  it('says when rules cannot be filters and writes pipeline-parameter conditions as workflow when', () => {
    const pipeline = gitlab(
      [{ id: 'build', executor: image('alpine'), steps: [{ kind: 'run', command: 'make' }] }],
      [{ id: 'build', job: 'build', rules: [{ condition: { kind: 'var', name: 'CI_COMMIT_MESSAGE', op: 'matches', pattern: { source: 'skip', fullMatch: false } } }] }],
      { parameters: [{ name: 'mode', type: 'string', default: 'fast' }], rules: [{ condition: { kind: 'var', scope: 'parameter', name: 'mode', op: 'equals', value: 'fast' } }] },
    );
    const { doc, codes } = emit(pipeline);
    expect(codes).toContain('unsupported-feature');
    expect(doc.workflows.workflow.when).toEqual({ equal: ['fast', '<< pipeline.parameters.mode >>'] });
    expect(doc.parameters).toEqual({ mode: { type: 'string', default: 'fast' } });
    valid(pipeline);
  });

  it('expands a GitLab matrix into one job per cell and rewrites requirements', () => {
    const pipeline = gitlab(
      [
        { id: 'test', executor: image('node:20'), steps: [{ kind: 'run', command: 'npm test' }], matrix: { sets: [{ NODE: ['18', '20'] }] } },
        { id: 'report', executor: image('alpine'), steps: [{ kind: 'run', command: 'report' }] },
      ],
      [
        { id: 'test', job: 'test' },
        { id: 'report', job: 'report', requires: [{ node: 'test' }] },
      ],
    );
    const { doc } = emit(pipeline);
    // Cells take the place of the job they expand, so a second pass keeps the order.
    expect(Object.keys(doc.jobs)).toEqual(['test-18', 'test-20', 'report']);
    expect(doc.jobs['test-18'].environment).toEqual({ NODE: '18' });
    expect(doc.workflows.workflow.jobs[2]).toEqual({ report: { requires: ['test-18', 'test-20'], filters: { tags: { only: '/.*/' } } } });
    valid(pipeline);
  });

  it('exports variables that refer to others through $BASH_ENV and merges global variables into jobs', () => {
    const pipeline = gitlab(
      [{ id: 'build', executor: image('alpine'), environment: [{ name: 'BIN', value: '$HOME/bin', expand: true }], steps: [{ kind: 'checkout' }] }],
      [{ id: 'build', job: 'build' }],
      { variables: [{ name: 'LANG', value: 'C.UTF-8', expand: true }] },
    );
    const { doc, codes } = emit(pipeline);
    expect(doc.jobs.build.environment).toEqual({ LANG: 'C.UTF-8' });
    expect(doc.jobs.build.steps[0]).toEqual({ run: { name: 'Export variables', command: 'echo "export BIN=\\"$HOME/bin\\"" >> "$BASH_ENV"' } });
    expect(codes).toEqual(expect.arrayContaining(['circleci2-variable-expansion', 'approximate-translation']));
  });

  it('chooses a default image, and names runner tags, timeouts, retries and allowed failures', () => {
    const pipeline = gitlab(
      [{ id: 'build', runnerTags: ['gpu'], timeout: '2h', retry: { max: 2 }, allowFailure: true, steps: [{ kind: 'run', command: 'make' }] }],
      [{ id: 'build', job: 'build' }],
    );
    const { doc, codes } = emit(pipeline);
    expect(doc.jobs.build.docker).toEqual([{ image: 'cimg/base:stable' }]);
    // The retry is lost (CircleCI reruns steps, not jobs): that changes what runs, so a warning.
    expect(codes).toEqual(expect.arrayContaining(['default-chosen', 'manual-runner', 'unsupported-feature', 'semantic-difference']));
    valid(pipeline);
  });

  it('passes GitLab artifacts downstream through the workspace', () => {
    const pipeline = gitlab(
      [
        { id: 'build', executor: image('alpine'), steps: [{ kind: 'run', command: 'make' }, { kind: 'artifacts', paths: ['dist/'] }] },
        { id: 'test', executor: image('alpine'), steps: [{ kind: 'run', command: 'ls dist' }] },
      ],
      [
        { id: 'build', job: 'build' },
        { id: 'test', job: 'test', requires: [{ node: 'build' }] },
      ],
    );
    const { doc } = emit(pipeline);
    expect(doc.jobs.build.steps.slice(-2)).toEqual([{ store_artifacts: { path: 'dist/' } }, { persist_to_workspace: { root: '.', paths: ['dist/'] } }]);
    expect(doc.jobs.test.steps.slice(0, 2)).toEqual(['checkout', { attach_workspace: { at: '.' } }]);
    valid(pipeline);
  });

  it('writes caches with key templates and test results', () => {
    const pipeline = gitlab(
      [
        {
          id: 'build',
          executor: image('alpine'),
          steps: [
            { kind: 'cache-restore', keys: [{ parts: [{ kind: 'literal', value: 'deps-' }, { kind: 'checksum', files: ['package-lock.json'] }] }] },
            { kind: 'cache-save', key: { parts: [{ kind: 'literal', value: 'deps-' }, { kind: 'checksum', files: ['package-lock.json'] }] }, paths: ['node_modules'] },
            { kind: 'test-results', path: 'junit.xml', format: 'junit' },
          ],
        },
      ],
      [{ id: 'build', job: 'build' }],
    );
    const { doc } = emit(pipeline);
    expect(doc.jobs.build.steps.slice(1)).toEqual([
      { restore_cache: { key: 'deps-{{ checksum "package-lock.json" }}' } },
      { save_cache: { key: 'deps-{{ checksum "package-lock.json" }}', paths: ['node_modules'] } },
      { store_test_results: { path: 'junit.xml' } },
    ]);
    valid(pipeline);
  });

  it('renames job ids CircleCI does not accept', () => {
    const pipeline = gitlab(
      [{ id: 'test:unit 1/2', executor: image('alpine'), steps: [{ kind: 'run', command: 'x' }] }],
      [{ id: 'test:unit 1/2', job: 'test:unit 1/2' }],
    );
    const { doc } = emit(pipeline);
    expect(Object.keys(doc.jobs)).toEqual(['test-unit 1-2']);
    expect(doc.workflows.workflow.jobs[0]['test-unit 1-2'].name).toBe('test:unit 1/2');
    valid(pipeline);
  });

  it('writes conditional steps as when steps in 2.1 and unconditionally (with a warning) in 2.0', () => {
    const pipeline: Pipeline = {
      source: 'circleci2',
      parameters: [{ name: 'full', type: 'boolean', default: false }],
      jobs: [
        {
          id: 'build',
          executor: image('alpine'),
          steps: [{ kind: 'conditional', condition: { kind: 'var', scope: 'parameter', name: 'full', op: 'truthy' }, steps: [{ kind: 'run', command: 'make all' }] }],
        },
      ],
      workflows: [{ name: 'ci', nodes: [{ id: 'build', job: 'build', rules: [{ condition: { kind: 'ref', ref: 'branch' } }] }] }],
    };
    expect(emit(pipeline).doc.jobs.build.steps).toEqual([{ when: { condition: '<< pipeline.parameters.full >>', steps: [{ run: 'make all' }] } }]);
    const old = emit(pipeline, '2.0');
    expect(old.doc.jobs.build.steps).toEqual([{ run: 'make all' }]);
    expect(old.codes).toContain('semantic-difference');
    valid(pipeline);
  });
});

describe('circleci2 writer: predefined variables of other formats', () => {
  const pipeline = (command: string): Pipeline =>
    gitlab([{ id: 'build', executor: image('alpine'), parallelism: 2, steps: [{ kind: 'checkout' }, { kind: 'run', command }] }], [{ id: 'build', job: 'build' }]);

  it('exports the GitLab names from CircleCI values in a first step by default', () => {
    const { doc, codes } = emit(pipeline('echo $CI_COMMIT_SHA ${CI_NODE_INDEX} $CI_RUNNER_ID'));
    expect(doc.jobs.build.steps[0]).toEqual({
      run: {
        name: 'Map predefined variables',
        command: 'echo "export CI_COMMIT_SHA=\\"${CIRCLE_SHA1}\\"" >> "$BASH_ENV"\necho "export CI_NODE_INDEX=\\"$((CIRCLE_NODE_INDEX + 1))\\"" >> "$BASH_ENV"',
      },
    });
    // alpine has no bash: CircleCI's /bin/sh does not read $BASH_ENV by itself, so the step sources it.
    expect(doc.jobs.build.steps[2]).toEqual({ run: '. "$BASH_ENV"\necho $CI_COMMIT_SHA ${CI_NODE_INDEX} $CI_RUNNER_ID' });
    expect(codes).toContain('circleci2-variable-unavailable');
  });

  it('rewrites references in place with variableMode rewrite', async () => {
    const { createSink } = await import('../../../src/diagnostics/sink.js');
    const { emitCircleci2 } = await import('../../../src/formats/circleci2/emit.js');
    const text = emitCircleci2(pipeline('echo $CI_COMMIT_SHA ${CI_COMMIT_BRANCH}'), { sink: createSink(), options: { variableMode: 'rewrite' } });
    expect(text).toContain('run: echo $CIRCLE_SHA1 ${CIRCLE_BRANCH}');
    expect(text).not.toContain('Map predefined variables');
  });
});

let validators: Array<[version: string, validate: ReturnType<typeof compile>]> | undefined;
validPipelines.checkAll('circleci2 writer: the outputs checked above pass the 2.1 and 2.0 schemas', (pipeline) => {
  validators ??= [['2.1', compile('circleci-config.schema.json')], ['2.0', compile('circleci-schemastore.schema.json')]];
  for (const [version, validate] of validators) {
    const { doc } = emit(pipeline, version);
    expect(validate(doc), `${version}: ${JSON.stringify(validate.errors)}`).toBe(true);
  }
});
