import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Job, Pipeline, Step, WorkflowNode } from '../../../src/ir/types.js';
import { checkedAtEnd } from '../../support/shared.js';
import { schemaError } from '../../support/schemas.js';
import { codes, read, write } from './helpers.js';

const run = (command: string, extra: Partial<Extract<Step, { kind: 'run' }>> = {}): Step => ({ kind: 'run', command, ...extra });
const dockerJob = (id: string, steps: Step[], extra: Partial<Job> = {}): Job => ({
  id,
  executor: { kind: 'docker', image: { name: 'cimg/base:2024.01' } },
  steps: [{ kind: 'checkout' }, ...steps],
  ...extra,
});
const circle = (jobs: Job[], nodes: WorkflowNode[], extra: Partial<Pipeline> = {}): Pipeline => ({
  source: 'circleci2',
  jobs,
  workflows: [{ name: 'main', nodes }],
  ...extra,
});

/** Every output of this file, held to the GitLab schema by the file's last test. */
const outputs = checkedAtEnd<string>();

function emit(pipeline: Pipeline, options = {}) {
  const result = write(pipeline, options);
  outputs.add(result.text);
  return { ...result, data: parse(result.text, { version: '1.1' }) as Record<string, Record<string, unknown>> };
}

describe('GitLab writer: graph', () => {
  it('derives stages from topological levels and keeps exact needs', () => {
    const { data } = emit(
      circle(
        [dockerJob('build', [run('make')]), dockerJob('lint', [run('make lint')]), dockerJob('test', [run('make test')]), dockerJob('deploy', [run('make deploy')])],
        [
          { id: 'build', job: 'build' },
          { id: 'lint', job: 'lint' },
          { id: 'test', job: 'test', requires: [{ node: 'build' }] },
          { id: 'deploy', job: 'deploy', requires: [{ node: 'test' }, { node: 'lint' }] },
        ],
      ),
    );
    // Each stage is named for what it holds; GitLab runs them in this order.
    expect(data.stages).toEqual(['lint-build', 'test', 'deploy']);
    expect(data.build!.stage).toBe('lint-build');
    expect(data.test!.needs).toEqual(['build']);
    expect(data.deploy!.stage).toBe('deploy');
    expect(data.deploy!.needs).toEqual(['test', 'lint']);
  });

  it('starts a background step once: a command that already ends in & gets no second one', () => {
    const { data } = emit(circle([dockerJob('build', [run('./daemon &', { background: true }), run('./server', { background: true }), run('make')])], [{ id: 'build', job: 'build' }]));
    expect(data.build!.script).toEqual(['./daemon &', './server &', 'make']);
  });

  it('warns that a workspace attached elsewhere than the job directory lands in $CI_PROJECT_DIR', () => {
    const { diagnostics } = write(
      circle(
        [dockerJob('build', [run('make'), { kind: 'workspace-persist', root: '.', paths: ['dist'] }]), dockerJob('deploy', [{ kind: 'workspace-attach', at: '/tmp/ws' }, run('./deploy /tmp/ws/dist')])],
        [{ id: 'build', job: 'build' }, { id: 'deploy', job: 'deploy', requires: [{ node: 'build' }] }],
      ),
    );
    const attached = diagnostics.filter((d) => d.message.includes('the workspace is attached at'));
    expect(attached.map((d) => [d.severity, d.message])).toEqual([
      ['warning', 'job "deploy": the workspace is attached at "/tmp/ws" in CircleCI; GitLab restores artifacts into $CI_PROJECT_DIR, where the job\'s commands must look for them'],
    ]);
  });

  it('names a service variable that looks like a credential as a manual task, without its value', () => {
    const job = dockerJob('test', [run('make test')], {
      services: [{ name: 'mysql:8.0', environment: [{ name: 'MYSQL_ROOT_PASSWORD', value: 'hunter2' }, { name: 'MYSQL_DATABASE', value: 'app' }] }],
    });
    const { diagnostics } = write(circle([job], [{ id: 'test', job: 'test' }]));
    const secrets = diagnostics.filter((d) => d.code === 'manual-secret');
    expect(secrets.map((d) => d.message)).toEqual(['service "mysql:8.0": MYSQL_ROOT_PASSWORD looks like a credential; move it to a masked CI/CD variable']);
  });

  it('names jobs of several workflows apart and turns schedules into rules', () => {
    const { data, diagnostics } = emit({
      source: 'circleci2',
      jobs: [dockerJob('test', [run('make test')])],
      workflows: [
        { name: 'commit', nodes: [{ id: 'test', job: 'test' }] },
        { name: 'nightly', triggers: [{ kind: 'schedule', cron: '0 3 * * *' }], nodes: [{ id: 'test', job: 'test' }] },
      ],
    });
    expect(Object.keys(data)).toEqual(expect.arrayContaining(['commit:test', 'nightly:test']));
    expect(data['nightly:test']!.rules).toEqual([{ if: '$CI_PIPELINE_SOURCE == "schedule"' }]);
    expect(data['commit:test']!.rules).toEqual([{ if: '$CI_PIPELINE_SOURCE != "schedule"' }]);
    // The job both workflows run is written once, as a hidden template both extend.
    expect(data['.test']).toMatchObject({ image: 'cimg/base:2024.01', script: ['make test'] });
    expect(data['nightly:test']!.extends).toBe('.test');
    expect(diagnostics.find((d) => d.code === 'manual-schedule')?.message).toContain('0 3 * * *');
  });

  it('folds an approval gate into when: manual with allow_failure: false', () => {
    const { data } = emit(
      circle(
        [dockerJob('build', [run('make')]), dockerJob('deploy', [run('make deploy')])],
        [
          { id: 'build', job: 'build' },
          { id: 'hold', approval: true, requires: [{ node: 'build' }] },
          { id: 'deploy', job: 'deploy', requires: [{ node: 'hold' }] },
        ],
      ),
    );
    expect(data.hold).toBeUndefined();
    expect(data.deploy).toMatchObject({ when: 'manual', allow_failure: false });
    expect(data.deploy!.needs).toBeUndefined(); // stage ordering says the same
  });

  it('keeps CircleCI jobs without tag filters out of tag pipelines', () => {
    const branchOnly = emit(circle([dockerJob('a', [run('x')])], [{ id: 'a', job: 'a' }]));
    expect(branchOnly.data.workflow).toEqual({ rules: [{ if: '$CI_COMMIT_TAG', when: 'never' }, { when: 'always' }] });

    const mixed = emit(
      circle(
        [dockerJob('a', [run('x')]), dockerJob('release', [run('y')])],
        [
          { id: 'a', job: 'a' },
          {
            id: 'release',
            job: 'release',
            rules: [{ condition: { kind: 'ref', ref: 'tag', match: { kind: 'regex', source: 'v.*', fullMatch: true } } }],
          },
        ],
      ),
    );
    expect(mixed.data.workflow).toBeUndefined();
    expect(mixed.data.a!.rules).toEqual([{ if: '$CI_COMMIT_TAG == null' }]);
    expect(mixed.data.release!.rules).toEqual([{ if: '$CI_COMMIT_TAG =~ /^v.*$/' }]);
  });

  it('reports contexts and parallelism', () => {
    const { data, diagnostics } = emit(circle([dockerJob('t', [run('x')], { parallelism: 4 })], [{ id: 't', job: 't', contexts: ['aws'] }]));
    expect(data.t!.parallel).toBe(4);
    expect(codes(diagnostics)).toEqual(expect.arrayContaining(['manual-context', 'gitlab-parallel-index']));
  });
});

describe('GitLab writer: jobs', () => {
  it('writes docker-daemon as a pinned TLS dind service on a privileged runner', () => {
    const { data, diagnostics } = emit(
      circle(
        [{ id: 'img', executor: { kind: 'machine' }, steps: [{ kind: 'checkout' }, { kind: 'docker-daemon', engine: 'local', layerCaching: true }, run('docker build .')] }],
        [{ id: 'img', job: 'img' }],
      ),
    );
    expect(data.img).toMatchObject({
      image: expect.stringMatching(/^docker:[\d.]+-cli$/),
      services: [expect.stringMatching(/^docker:[\d.]+-dind$/)],
      variables: { DOCKER_TLS_CERTDIR: '/certs' },
    });
    expect(codes(diagnostics)).toEqual(expect.arrayContaining(['default-chosen', 'manual-runner']));
  });

  it('uses the runner socket in socket mode', () => {
    const { data, diagnostics } = emit(
      circle([dockerJob('img', [{ kind: 'docker-daemon', engine: 'remote', version: '24.0.9' }, run('docker build .')])], [{ id: 'img', job: 'img' }]),
      { dockerMode: 'socket' },
    );
    expect(data.img!.services).toBeUndefined();
    expect(diagnostics.some((d) => d.code === 'manual-runner' && d.message.includes('docker.sock'))).toBe(true);
  });

  it('shims or rewrites CircleCI predefined variables', () => {
    const pipeline = circle([dockerJob('t', [run('echo $CIRCLE_SHA1 ${CIRCLE_BRANCH} $CIRCLE_NODE_INDEX')])], [{ id: 't', job: 't' }]);
    const shim = emit(pipeline);
    expect(shim.data.variables).toEqual({ CIRCLE_BRANCH: '$CI_COMMIT_BRANCH', CIRCLE_SHA1: '$CI_COMMIT_SHA' });
    expect((shim.data.default as { before_script: string[] }).before_script[0]).toContain('CIRCLE_NODE_INDEX');
    const rewritten = emit(pipeline, { variableMode: 'rewrite' });
    expect(rewritten.data.t!.script).toEqual(['echo $CI_COMMIT_SHA ${CI_COMMIT_BRANCH} $((${CI_NODE_INDEX:-1} - 1))']);
  });

  it('keeps literal CircleCI values literal and rewrites localhost to service hosts', () => {
    const { data } = emit(
      circle(
        [
          dockerJob('t', [run('psql -h localhost -p 5432'), run('curl localhost:6379')], {
            environment: [
              { name: 'DATABASE_URL', value: 'postgres://u@localhost/db', expand: false },
              { name: 'PRICE', value: '$5', expand: false },
            ],
            services: [{ name: 'cimg/postgres:16.1' }, { name: 'redis:7', alias: 'cache' }],
          }),
        ],
        [{ id: 't', job: 't' }],
      ),
    );
    expect(data.t!.variables).toEqual({ DATABASE_URL: 'postgres://u@postgres/db', PRICE: { value: '$5', expand: false } });
    expect(data.t!.services).toEqual([{ name: 'cimg/postgres:16.1', alias: 'postgres' }, { name: 'redis:7', alias: 'cache' }]);
    expect(data.t!.script).toEqual(['psql -h localhost -p 5432', 'curl cache:6379']);
  });

  const steps = [
    run('cd web && npm ci', { name: 'Install' }),
    run('npm test', { workingDirectory: '~/project/web' }),
    run('./lint.sh'),
    run('./a.sh', { continueOnFailure: true }),
    run('./b.sh', { continueOnFailure: true }),
  ];

  it('merges shells carefully: cd resets, working directories, 1.0 test commands', () => {
    const { data } = emit(circle([dockerJob('t', steps)], [{ id: 't', job: 't' }]));
    expect(data.t!.script).toEqual([
      // A step that changes its shell gets a child shell, so its cd stays in it.
      '(cd web && npm ci)',
      'cd "$CI_PROJECT_DIR"/web',
      'npm test',
      'cd "$CI_PROJECT_DIR"',
      './lint.sh',
      './a.sh || CIPORT_RC=1',
      './b.sh || CIPORT_RC=1',
      'test "${CIPORT_RC:-0}" -eq 0',
    ]);
    expect(data.t!.after_script).toBeUndefined();
  });

  it('records failures up to an always-step, so it runs after a failed step and can fail the job', () => {
    const { data } = emit(circle([dockerJob('t', [...steps, run('./report.sh', { when: 'always' })])], [{ id: 't', job: 't' }]));
    const tracked = (command: string, record = 'CIPORT_FAILED') => `set +e; if [ "\${CIPORT_FAILED:-0}" -eq 0 ]; then (\nset -e\n${command}\n); [ $? -eq 0 ] || ${record}=1; fi; set -e`;
    expect(data.t!.script).toEqual([
      // Each step is a child shell of its own, as in CircleCI, so no cd reset is needed.
      tracked('cd web && npm ci'),
      tracked('cd "$CI_PROJECT_DIR"/web\nnpm test'),
      tracked('./lint.sh'),
      // 1.0 test commands record apart, so the ones after still run; the group then counts as a failure.
      tracked('./a.sh', 'CIPORT_RC'),
      tracked('./b.sh', 'CIPORT_RC'),
      'test "${CIPORT_RC:-0}" -eq 0 || CIPORT_FAILED=1',
      'set +e; (\nset -e\n./report.sh\n); [ $? -eq 0 ] || CIPORT_FAILED=1; set -e',
      'test "${CIPORT_FAILED:-0}" -eq 0',
    ]);
    expect(data.t!.after_script).toBeUndefined();
  });

  it('pairs cache restore and save, maps workspaces and test results, no checkout → GIT_STRATEGY', () => {
    const key = { parts: [{ kind: 'literal' as const, value: 'v1-deps-' }, { kind: 'checksum' as const, files: ['yarn.lock'] }] };
    const { data } = emit(
      circle(
        [
          dockerJob('build', [
            { kind: 'cache-restore', keys: [key, { parts: [{ kind: 'literal', value: 'v1-deps-' }] }] },
            run('yarn'),
            { kind: 'cache-save', key, paths: ['node_modules'] },
            { kind: 'workspace-persist', root: '.', paths: ['dist'] },
            { kind: 'test-results', path: 'reports' },
          ]),
          { id: 'deploy', executor: { kind: 'docker', image: { name: 'alpine' } }, steps: [{ kind: 'workspace-attach', at: '.' }, run('ls dist')] },
        ],
        [
          { id: 'build', job: 'build' },
          { id: 'deploy', job: 'deploy', requires: [{ node: 'build' }] },
        ],
      ),
    );
    expect(data.build!.cache).toEqual({ key: { files: ['yarn.lock'], prefix: 'v1-deps' }, paths: ['node_modules'], fallback_keys: ['v1-deps-'] });
    expect(data.build!.artifacts).toEqual({ paths: ['dist'], reports: { junit: 'reports/**/*.xml' } });
    expect(data.deploy!.variables).toEqual({ GIT_STRATEGY: 'none' });
  });

  it('writes comments of the IR back', () => {
    const { text } = emit(
      circle([dockerJob('t', [run('x')], { comments: { before: ['Runs the tests'] } })], [{ id: 't', job: 't' }], { comments: { before: ['Converted'] } }),
    );
    expect(text).toMatch(/^# Converted\n/);
    expect(text).toContain('# Runs the tests\nt:');
  });
});

describe('GitLab writer: merge request pipelines', () => {
  const again = (text: string) => emit(read(text).pipeline).data;

  it('keeps a bare rules entry, which opens merge request pipelines, a rule list', () => {
    expect(again('a:\n  script: [x]\n  rules:\n    - when: always\n').a).toMatchObject({ rules: [{ when: 'always' }] });
    expect(again('a:\n  script: [x]\n  when: always\n').a).toMatchObject({ when: 'always' });
  });

  it('writes the default `only: [branches, tags]` inside a rule list as a pipeline-source test', () => {
    expect(again('a:\n  script: [x]\n  except: [main]\n').a!.rules).toEqual([
      { if: '$CI_COMMIT_BRANCH == "main"', when: 'never' },
      { if: '$CI_PIPELINE_SOURCE != "merge_request_event"' },
    ]);
  });
});

outputs.checkAll('GitLab writer: every output above passes the GitLab schema', (text) => expect(schemaError('gitlab', text), text).toBeUndefined());
