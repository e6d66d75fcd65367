import { describe, expect, it } from 'vitest';
import { docker, job, plain, read } from './helpers.js';

const steps = (text: string) => plain(job(read(docker(text)).pipeline, 'build').steps);

describe('circleci2 reader: steps', () => {
  it('reads run in short and long form with every key', () => {
    expect(
      steps(`      - run: make
      - run:
          name: Test
          command: make test
          shell: /bin/sh
          environment:
            A: "1"
          background: true
          working_directory: sub
          no_output_timeout: 20m
          when: on_fail
          max_auto_reruns: 3
`),
    ).toEqual([
      { kind: 'run', command: 'make' },
      {
        kind: 'run',
        command: 'make test',
        name: 'Test',
        shell: '/bin/sh',
        environment: [{ name: 'A', value: '1', expand: false }],
        background: true,
        workingDirectory: 'sub',
        noOutputTimeout: '20m',
        when: 'on_failure',
        maxAutoReruns: 3,
      },
    ]);
  });

  it('reads checkout, caches, artifacts, test results, workspaces and ssh keys', () => {
    expect(
      steps(`      - checkout:
          path: src
          method: full
      - restore_cache:
          key: a-{{ .Branch }}
          keys: [b-]
      - save_cache:
          key: v1-{{ checksum "go.sum" }}-{{ .Environment.GOOS }}
          paths: [/go/pkg]
          when: always
      - store_artifacts: {path: out, destination: build}
      - store_test_results: {path: reports}
      - persist_to_workspace: {root: ., paths: [bin]}
      - attach_workspace: {at: /tmp/ws}
      - add_ssh_keys: {fingerprints: ["ab:cd"]}
`),
    ).toEqual([
      { kind: 'checkout', path: 'src', method: 'full' },
      { kind: 'cache-restore', keys: [{ parts: [{ kind: 'literal', value: 'a-' }, { kind: 'branch' }] }, { parts: [{ kind: 'literal', value: 'b-' }] }] },
      {
        kind: 'cache-save',
        key: { parts: [{ kind: 'literal', value: 'v1-' }, { kind: 'checksum', files: ['go.sum'] }, { kind: 'literal', value: '-' }, { kind: 'env', name: 'GOOS' }] },
        paths: ['/go/pkg'],
        when: 'always',
      },
      { kind: 'artifacts', paths: ['out'], destination: 'build' },
      { kind: 'test-results', path: 'reports', format: 'junit' },
      { kind: 'workspace-persist', root: '.', paths: ['bin'] },
      { kind: 'workspace-attach', at: '/tmp/ws' },
      { kind: 'ssh-keys', fingerprints: ['ab:cd'] },
    ]);
  });

  it('reads setup_remote_docker and the beta setup_docker_engine as one docker-daemon step', () => {
    const { pipeline, codes } = read(
      docker(`      - setup_remote_docker: {version: docker27, docker_layer_caching: true}
      - setup_docker_engine: {reusable: true, exclusive: false}
      - setup_remote_docker
`),
    );
    expect(plain(job(pipeline, 'build').steps)).toEqual([
      { kind: 'docker-daemon', engine: 'remote', version: 'docker27', layerCaching: true },
      { kind: 'docker-daemon', engine: 'remote', layerCaching: true },
      { kind: 'docker-daemon', engine: 'remote' },
    ]);
    expect(codes.filter((c) => c === 'deprecated-syntax')).toHaveLength(3);
  });

  it('reads deploy as a run step with deploy semantics and says it is deprecated', () => {
    const { pipeline, codes } = read(docker('      - deploy:\n          command: ./ship\n'));
    expect(plain(job(pipeline, 'build').steps)).toEqual([{ kind: 'run', command: './ship', deploy: true }]);
    expect(codes).toContain('deprecated-syntax');
  });

  it('reads the 2.0-beta `type:` step spelling', () => {
    const { pipeline, codes } = read(docker('      - type: shell\n        command: make\n      - type: cache-restore\n        key: k\n'));
    expect(plain(job(pipeline, 'build').steps)).toEqual([
      { kind: 'run', command: 'make' },
      { kind: 'cache-restore', keys: [{ parts: [{ kind: 'literal', value: 'k' }] }] },
    ]);
    expect(codes).not.toContain('unknown-key');
  });

  it('carries an unknown step as a placeholder with an error', () => {
    const { pipeline, diagnostics } = read(docker('      - frobnicate:\n          level: 3\n'));
    expect(plain(job(pipeline, 'build').steps)).toEqual([{ kind: 'unmapped', format: 'circleci2', name: 'frobnicate', value: { level: 3 } }]);
    expect(diagnostics.find((d) => d.code === 'circleci2-unknown-command')?.origin?.range[0]).toBeGreaterThan(0);
  });

  it('reports wrong types with positions instead of throwing', () => {
    const { diagnostics } = read(docker('      - run:\n          command: [a, b]\n'));
    expect(diagnostics.some((d) => d.code === 'missing-key' || d.code === 'wrong-type')).toBe(true);
  });

  it('notes circleci tests split', () => {
    expect(read(docker('      - run: circleci tests glob "**/*.py" | circleci tests split\n')).codes).toContain('circleci2-test-splitting');
  });

  it('keeps origins pointing into the file', () => {
    const text = docker('      - run: make\n');
    const step = job(read(text).pipeline, 'build').steps[0]!;
    expect(text.slice(step.origin!.range[0], step.origin!.range[1])).toContain('run: make');
  });
});
