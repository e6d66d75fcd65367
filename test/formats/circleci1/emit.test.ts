import { describe, expect, it } from 'vitest';
import { normalize } from '../../../src/ir/normalize.js';
import type { Pipeline } from '../../../src/ir/types.js';
import { read, write } from './helpers.js';

/** A pipeline as a GitLab or 2.x reader would give it: no 1.0 phases. */
function foreign(): Pipeline {
  return {
    source: 'gitlab',
    variables: [
      { name: 'TZ', value: 'Europe/Paris' },
      { name: 'LITERAL', value: 'a$b', expand: false },
    ],
    jobs: [
      {
        id: 'compile',
        executor: { kind: 'docker', image: { name: 'node:18.19' } },
        services: [{ name: 'postgres:15' }, { name: 'vault:1.13' }],
        steps: [
          { kind: 'checkout' },
          { kind: 'cache-restore', keys: [{ parts: [{ kind: 'checksum', files: ['package-lock.json'] }] }] },
          { kind: 'run', command: 'npm ci', name: 'Install' },
          { kind: 'cache-save', key: { parts: [{ kind: 'checksum', files: ['package-lock.json'] }] }, paths: ['node_modules'] },
          { kind: 'run', command: 'npm run build -- --sha $CI_COMMIT_SHA', noOutputTimeout: '20m' },
          { kind: 'docker-daemon', engine: 'dind', version: '24.0' },
          { kind: 'artifacts', paths: ['dist'], expireIn: '1 week' },
        ],
      },
      { id: 'unit', steps: [{ kind: 'run', command: 'npm test' }, { kind: 'test-results', path: 'junit.xml', format: 'junit' }] },
      { id: 'ship', steps: [{ kind: 'run', command: './ship.sh $CI_COMMIT_TAG', workingDirectory: 'deploy' }] },
      { id: 'approve', steps: [] },
    ],
    workflows: [
      {
        nodes: [
          { id: 'compile', job: 'compile' },
          { id: 'unit', job: 'unit', requires: [{ node: 'compile' }] },
          {
            id: 'ship',
            job: 'ship',
            requires: [{ node: 'unit' }],
            rules: [{ condition: { kind: 'ref', ref: 'tag', match: { kind: 'regex', source: '^v\\d+', fullMatch: false } } }],
          },
          { id: 'gate', approval: true, requires: [{ node: 'unit' }] },
        ],
      },
    ],
    rules: [{ condition: { kind: 'var', name: 'CI_PIPELINE_SOURCE', op: 'equals', value: 'push' } }],
  };
}

describe('circleci1 writer', () => {
  it('serialises the graph into phases and a deployment', () => {
    const { text } = write(foreign(), { variableMode: 'rewrite' });
    expect(text).toBe(
      [
        'machine:',
        '  timezone: Europe/Paris',
        '  environment:',
        '    LITERAL: a$b',
        '  node:',
        '    version: "18.19"',
        '  services:',
        '    - docker',
        '    - postgresql',
        '',
        'dependencies:',
        '  override:',
        '    # Install',
        '    - npm ci',
        '  cache_directories:',
        '    - node_modules',
        '',
        'database:',
        '  override: []',
        '',
        'compile:',
        '  override:',
        '    - npm run build -- --sha $CIRCLE_SHA1:',
        '        timeout: 1200',
        '    - npm test',
        '',
        'test:',
        '  override:',
        '    - mkdir -p $CIRCLE_TEST_REPORTS/reports && cp -R junit.xml $CIRCLE_TEST_REPORTS/reports/',
        '',
        'deployment:',
        '  ship:',
        '    tag: /v\\d+.*/',
        '    commands:',
        '      - ./deploy/ship.sh $CIRCLE_TAG:',
        '          pwd: deploy',
        '',
        'general:',
        '  artifacts:',
        '    - dist',
        '',
      ]
        .join('\n')
        .replace('./deploy/ship.sh', './ship.sh'),
    );
  });

  it('names everything 1.0 cannot say', () => {
    const { diagnostics } = write(foreign());
    expect(diagnostics.filter((d) => d.message.includes('caches per branch'))).toHaveLength(1);
    const messages = diagnostics.map((d) => `${d.code}: ${d.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringContaining('circleci1-expand-literal'),
        expect.stringContaining('manual-job: CircleCI 1.0 has no approval jobs'),
        expect.stringContaining('unsupported-feature: CircleCI 1.0 cannot start the service image "vault:1.13"'),
        expect.stringContaining('semantic-difference: the service postgres:15 becomes the 1.0 service postgresql'),
        expect.stringContaining('unsupported-feature: CircleCI 1.0 caches per branch with no key'),
        expect.stringContaining('semantic-difference: Docker on CircleCI 1.0 runs on the build machine'),
        expect.stringContaining('docker-version-replaced: Docker 24.0 becomes the engine of the 1.0 image'),
        expect.stringContaining('unsupported-feature: 1.0 artifacts are paths only'),
        expect.stringContaining('unsupported-feature: CircleCI 1.0 selects builds by branch name only'),
      ]),
    );
  });

  it('writes output its own reader reads without errors or unknown keys', () => {
    const { text } = write(foreign());
    const again = read(text);
    expect(again.diagnostics.filter((d) => d.severity === 'error' || d.code === 'unknown-key')).toEqual([]);
  });

  it('keeps the IR through 1.0 and back', () => {
    const source = [
      'machine:',
      '  timezone: UTC',
      '  environment:',
      '    GOPATH: ${HOME}/go',
      '  hosts:',
      '    cache.local: 127.0.0.1',
      '  ruby:',
      '    version: 2.2.3-p173',
      '  services: [docker, redis]',
      '  pre: [echo pre]',
      '  post: [echo post]',
      'checkout:',
      '  post: [git submodule update --init]',
      'dependencies:',
      '  pre:',
      '    - ./setup:',
      '        timeout: 60',
      '  cache_directories: [vendor]',
      '  bundler:',
      '    without: [production]',
      'test:',
      '  override:',
      '    - rspec:',
      '        parallel: true',
      '        files: [spec/**/*.rb]',
      '    - ./server: {background: true}',
      '  minitest_globs: [test/**/*_test.rb]',
      'deployment:',
      '  prod:',
      '    branch: [main, /rel-.*/]',
      '    owner: acme',
      '    commands: [./deploy]',
      '  later:',
      '    branch: /.*/',
      '    heroku:',
      '      appname: acme-later',
      'general:',
      '  branches:',
      '    ignore: [/tmp-.*/]',
      '  build_dir: app',
      '  artifacts: [log]',
      'experimental:',
      '  notify:',
      '    branches:',
      '      only: [main]',
      'notify:',
      '  webhooks:',
      '    - url: https://example.com/x',
      '',
    ].join('\n');
    const first = read(source);
    const written = write(first.pipeline);
    const second = read(written.text);
    expect(second.diagnostics.filter((d) => d.severity === 'error' || d.code === 'unknown-key')).toEqual([]);
    expect(normalize(second.pipeline)).toEqual(normalize(first.pipeline));
    expect(write(second.pipeline).text).toBe(written.text);
  });

  it('writes pre/post around the commands 1.0 infers when the repository was not read', () => {
    const { text } = write(read('dependencies:\n  pre: [a]\n  post: [b]\ntest:\n  override: [t]\n').pipeline);
    expect(text).toContain('dependencies:\n  pre:\n    - a\n  post:\n    - b\n');
    expect(text).not.toContain('database:');
  });

  it('writes inferred commands explicitly with a marker comment', () => {
    const { text } = write(read('machine:\n  node:\n    version: 8.9.0\n', { 'package.json': '{}' }).pipeline);
    expect(text).toContain('    - npm install # inferred by CircleCI 1.0\n');
    expect(text).toContain('database:\n  override: []\n');
  });

  it('maps predefined variables of a 2.x source and names those 1.0 lacks', () => {
    const pipeline: Pipeline = {
      source: 'circleci2',
      jobs: [{ id: 'build', steps: [{ kind: 'checkout' }, { kind: 'run', command: 'echo $CIRCLE_JOB ${CIRCLE_PULL_REQUEST}' }] }],
      workflows: [{ nodes: [{ id: 'build', job: 'build' }] }],
    };
    const { text, codes } = write(pipeline, { variableMode: 'rewrite' });
    expect(text).toContain('echo $CIRCLE_JOB ${CI_PULL_REQUEST}');
    expect(codes).toContain('circleci1-variable-unavailable');
  });

  it('carries predefined variables through a shim by default', () => {
    const { text } = write(foreign());
    expect(text).toContain('  environment:\n    CI_COMMIT_SHA: ${CIRCLE_SHA1}\n    CI_COMMIT_TAG: ${CIRCLE_TAG}\n    LITERAL: a$b\n');
    expect(text).toContain('npm run build -- --sha $CI_COMMIT_SHA');
  });

  it('writes machine and macOS executors, and reports other images', () => {
    const base = (executor: Pipeline['jobs'][number]['executor']): Pipeline => ({
      jobs: [{ id: 'build', ...(executor ? { executor } : {}), steps: [{ kind: 'run', command: 'make' }] }],
      workflows: [{ nodes: [{ id: 'build', job: 'build' }] }],
    });
    expect(write(base({ kind: 'macos', xcode: '9.0' })).text).toContain('machine:\n  xcode:\n    version: "9.0"\n');
    const dotnet = write(base({ kind: 'docker', image: { name: 'mcr.microsoft.com/dotnet/sdk:8.0' } }));
    expect(dotnet.codes).toContain('unsupported-feature');
    expect(dotnet.text).not.toContain('dotnet');
    const golang = write(base({ kind: 'docker', image: { name: 'golang:1.10' } }));
    expect(golang.diagnostics.map((d) => d.message)).toContain('the 1.0 image had Go preinstalled; its version is the image\'s, not the one of "golang:1.10"');
  });

  it('gives a job the branch condition of the job it requires: both deploy for that branch', () => {
    const pipeline: Pipeline = {
      jobs: [
        { id: 'a', steps: [{ kind: 'run', command: 'a' }] },
        { id: 'b', steps: [{ kind: 'run', command: 'b' }] },
        { id: 'c', steps: [{ kind: 'run', command: 'c' }] },
      ],
      workflows: [
        {
          nodes: [
            { id: 'a', job: 'a' },
            { id: 'b', job: 'b', requires: [{ node: 'a' }], rules: [{ condition: { kind: 'ref', ref: 'branch', match: { kind: 'exact', value: 'main' } } }] },
            { id: 'c', job: 'c', requires: [{ node: 'b' }] },
          ],
        },
      ],
    };
    // c does not run where b does not (https://circleci.com/docs/workflows/): not on every push.
    const { text, codes } = write(pipeline);
    expect(text).toContain('deployment:\n  b:\n    branch: main\n    commands:\n      - b\n      - c\n');
    expect(text).toContain('machine:\n  post:\n    - a\n');
    expect(codes).not.toContain('unsupported-feature');
  });

  it('leaves out a job whose required job is left out, rather than run it on every push', () => {
    const run = (id: string) => ({ id, steps: [{ kind: 'run' as const, command: `run-${id}` }] });
    const pipeline: Pipeline = {
      jobs: [run('x'), run('a'), run('b'), run('c')],
      workflows: [
        {
          nodes: [
            { id: 'x', job: 'x' },
            // Runs only when x fails, which the one 1.0 build cannot do: a is left out.
            { id: 'a', job: 'a', requires: [{ node: 'x', statuses: ['failed'] }] },
            { id: 'b', job: 'b', requires: [{ node: 'a' }] },
            // A variable test narrows a and what needs it alike.
            { id: 'c', job: 'c', rules: [{ condition: { kind: 'var', name: 'DEPLOY', op: 'defined' } }] },
          ],
        },
      ],
    };
    const { text, diagnostics } = write(pipeline);
    expect(text).toContain('- run-x\n');
    expect(text).not.toMatch(/run-[abc]/);
    const messages = diagnostics.map((d) => d.message);
    expect(messages).toContain('"b" requires "a", which CircleCI 1.0 leaves out; it is left out too rather than run where the source did not run it');
    expect(messages).toContain('CircleCI 1.0 runs the whole build on every push and cannot test the rules of "c"; it is left out rather than run on every push');
  });

  it('a job requiring a job with a variable test inherits the test and is left out with it', () => {
    const pipeline: Pipeline = {
      jobs: [
        { id: 'a', steps: [{ kind: 'run', command: 'a' }] },
        { id: 'b', steps: [{ kind: 'run', command: 'b' }] },
      ],
      workflows: [
        {
          nodes: [
            { id: 'a', job: 'a', rules: [{ condition: { kind: 'var', name: 'DEPLOY', op: 'defined' } }] },
            { id: 'b', job: 'b', requires: [{ node: 'a' }] },
          ],
        },
      ],
    };
    const { text, diagnostics } = write(pipeline);
    expect(text).not.toMatch(/- (a|b)\n/);
    expect(diagnostics.map((d) => d.message)).toContain('CircleCI 1.0 runs the whole build on every push and cannot test the rules of "a" and "b"; they are left out rather than run on every push');
  });

  it('a deployment leaves out a command that ran only after a failure, and keeps the job\'s variables', () => {
    const pipeline: Pipeline = {
      jobs: [
        { id: 'test', steps: [{ kind: 'run', command: 'make test' }] },
        {
          id: 'deploy',
          environment: [{ name: 'STAGE', value: 'production' }],
          steps: [
            { kind: 'run', command: './deploy.sh' },
            // Written as a deployment command, the clean-up would run after every good deploy.
            { kind: 'run', command: './destroy-environment.sh', when: 'on_failure' },
          ],
        },
      ],
      workflows: [
        {
          nodes: [
            { id: 'test', job: 'test' },
            { id: 'deploy', job: 'deploy', requires: [{ node: 'test' }], rules: [{ condition: { kind: 'ref', ref: 'branch', match: { kind: 'exact', value: 'main' } } }] },
          ],
        },
      ],
    };
    const { text, diagnostics } = write(pipeline);
    expect(text).toContain('deployment:\n  deploy:\n    branch: main\n    commands:\n      - ./deploy.sh\n');
    expect(text).not.toContain('destroy-environment');
    expect(text).toContain('machine:\n  environment:\n    STAGE: production\n');
    expect(diagnostics.map((d) => d.message)).toContain('CircleCI 1.0 has no commands that run only after a failure; the command is left out');
  });

  it('says once that 1.0 test commands go on after a failure, naming each command', () => {
    const at = (offset: number) => ({ file: '.gitlab-ci.yml', range: [offset, offset + 1] as [number, number] });
    const pipeline: Pipeline = {
      jobs: [
        {
          id: 'test',
          steps: [
            { kind: 'run', command: 'make unit', phase: 'test', origin: at(10) },
            { kind: 'run', command: 'make integration', phase: 'test', origin: at(20) },
          ],
        },
      ],
      workflows: [{ nodes: [{ id: 'test', job: 'test' }] }],
    };
    const said = write(pipeline).diagnostics.filter((d) => d.message.startsWith('CircleCI 1.0 runs every `test` command'));
    expect(said).toHaveLength(1);
    expect(said[0]!.origin).toEqual(at(10));
    expect(said[0]!.related).toEqual([{ message: 'the build goes on after this command fails too', origin: at(20) }]);
  });

  it('says that a deployment which did not wait for the build now does', () => {
    const main = { kind: 'ref' as const, ref: 'branch' as const, match: { kind: 'exact' as const, value: 'main' } };
    const pipeline: Pipeline = {
      jobs: [
        { id: 'test', steps: [{ kind: 'run', command: 'make test' }] },
        { id: 'docs', steps: [{ kind: 'run', command: './publish-docs.sh' }] },
        { id: 'deploy', steps: [{ kind: 'run', command: './deploy.sh' }] },
      ],
      workflows: [
        {
          nodes: [
            { id: 'test', job: 'test' },
            { id: 'docs', job: 'docs', rules: [{ condition: main }] },
            { id: 'deploy', job: 'deploy', requires: [{ node: 'test' }], rules: [{ condition: main }] },
          ],
        },
      ],
    };
    const said = write(pipeline).diagnostics.filter((d) => d.message.startsWith('CircleCI 1.0 deploys only after the whole build'));
    // docs ran alongside test in the source; deploy already waited for it.
    expect(said.map((d) => d.message)).toEqual(['CircleCI 1.0 deploys only after the whole build has succeeded: "docs" now waits for "test"']);
  });
});
