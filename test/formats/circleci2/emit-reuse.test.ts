/**
 * 2.1 `executors:` and `commands:` in the writer: what is hoisted, what stays inline, the names,
 * and that the output means the same as the unfactored one (re-read IR, schema, re-emit).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsMod from 'ajv-formats';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { createSink } from '../../../src/diagnostics/sink.js';
import { emitCircleci2 } from '../../../src/formats/circleci2/emit.js';
import { commandName, imageParts, slug, uniqueNames } from '../../../src/formats/circleci2/emit-reuse-names.js';
import { normalize } from '../../../src/ir/normalize.js';
import type { Pipeline } from '../../../src/ir/types.js';
import { read } from './helpers.js';
import { repoRoot, runCli } from '../../support/run-cli.js';
import { checkedAtEnd, sharedPath } from '../../support/shared.js';

const addFormats = addFormatsMod.default;

/** Every factored output of this file, held to the CircleCI 2.1 schema by the file's last test. */
const factoredDocs = checkedAtEnd<unknown>();

function write(pipeline: Pipeline, options: { version?: string; factor?: boolean } = {}): { text: string; doc: any } {
  const text = emitCircleci2(pipeline, { sink: createSink(), options: { version: '2.1', ...options } });
  return { text, doc: parse(text, { version: '1.1' }) };
}

/** Writes `yaml` (a 2.1 config) factored and plain, and checks both mean the same. */
function convert(yaml: string): { text: string; doc: any } {
  const { pipeline } = read(yaml);
  const factored = write(pipeline);
  const plain = write(pipeline, { factor: false });
  factoredDocs.add(factored.doc);
  expect(normalize(read(factored.text).pipeline)).toEqual(normalize(read(plain.text).pipeline));
  // Re-reading and re-writing the factored output reproduces it (names and choices are stable).
  expect(write(read(factored.text).pipeline).text).toBe(factored.text);
  return factored;
}

const postgres = `      - image: cimg/postgres:16.2
        environment:
          POSTGRES_USER: app
`;

function jobs(specs: Array<[name: string, executor: string, steps: string]>): string {
  const body = specs.map(([name, executor, steps]) => `  ${name}:\n${executor}    steps:\n${steps}`).join('');
  const entries = specs.map(([name]) => `      - ${name}\n`).join('');
  return `version: 2.1\njobs:\n${body}workflows:\n  ci:\n    jobs:\n${entries}`;
}

const dockerWith = (image: string, extra = '') => `    docker:\n      - image: ${image}\n${extra}`;
const oneStep = (command: string) => `      - run: ${command}\n`;

describe('circleci2 writer: executors', () => {
  it('hoists an image with its service container that two jobs share, named after the image', () => {
    const { doc, text } = convert(
      jobs([
        ['test', dockerWith('cimg/node:20.11', postgres), oneStep('npm test')],
        ['lint', dockerWith('cimg/node:20.11', postgres), oneStep('npm run lint')],
        ['docs', dockerWith('alpine:3.20'), oneStep('./docs.sh')],
      ]),
    );
    expect(doc.executors).toEqual({
      node: { docker: [{ image: 'cimg/node:20.11' }, { image: 'cimg/postgres:16.2', environment: { POSTGRES_USER: 'app' } }] },
    });
    expect(Object.keys(doc.jobs.test)).toEqual(['executor', 'steps']);
    expect(doc.jobs.lint.executor).toBe('node');
    expect(doc.jobs.docs.docker).toEqual([{ image: 'alpine:3.20' }]);
    // House order: executors before jobs.
    expect(Object.keys(doc)).toEqual(['version', 'executors', 'jobs', 'workflows']);
    expect(text).toContain('executors:\n  node:\n    docker:\n');
  });

  it('keeps a bare image inline for four jobs and hoists it for five', () => {
    const four = convert(jobs(['a', 'b', 'c', 'd'].map((n) => [n, dockerWith('cimg/base:2024.01'), oneStep(`make ${n}`)])));
    expect(four.doc.executors).toBeUndefined();
    expect(four.doc.jobs.a.docker).toEqual([{ image: 'cimg/base:2024.01' }]);
    const five = convert(jobs(['a', 'b', 'c', 'd', 'e'].map((n) => [n, dockerWith('cimg/base:2024.01'), oneStep(`make ${n}`)])));
    expect(five.doc.executors).toEqual({ base: { docker: [{ image: 'cimg/base:2024.01' }] } });
    expect(Object.values(five.doc.jobs).map((j: any) => j.executor)).toEqual(['base', 'base', 'base', 'base', 'base']);
  });

  it('takes working_directory and shell into the executor but leaves resource_class and environment with the job', () => {
    const executor = (extra: string) => `${dockerWith('cimg/python:3.12', postgres)}    working_directory: ~/app\n    shell: /bin/bash -eo pipefail\n${extra}`;
    const { doc } = convert(
      jobs([
        ['small', executor(''), oneStep('pytest')],
        ['big', executor('    resource_class: large\n    environment:\n      WORKERS: "8"\n'), oneStep('pytest -n 8')],
      ]),
    );
    expect(doc.executors.python).toMatchObject({ working_directory: '~/app', shell: '/bin/bash -eo pipefail' });
    expect(doc.executors.python.resource_class).toBeUndefined();
    expect(doc.jobs.big).toMatchObject({ executor: 'python', resource_class: 'large', environment: { WORKERS: '8' } });
    expect(doc.jobs.small.working_directory).toBeUndefined();
  });

  it('names executors of one image apart by their tags', () => {
    const { doc } = convert(
      jobs([
        ['old-a', dockerWith('cimg/node:18.20', postgres), oneStep('npm test')],
        ['old-b', dockerWith('cimg/node:18.20', postgres), oneStep('npm run lint')],
        ['new-a', dockerWith('cimg/node:20.11', postgres), oneStep('npm test')],
        ['new-b', dockerWith('cimg/node:20.11', postgres), oneStep('npm run lint')],
      ]),
    );
    expect(Object.keys(doc.executors)).toEqual(['node-18-20', 'node-20-11']);
    expect(doc.jobs['old-a'].executor).toBe('node-18-20');
    expect(doc.jobs['new-b'].executor).toBe('node-20-11');
  });

  it('shares machine and macOS executors too', () => {
    const machine = '    machine:\n      image: ubuntu-2204:2024.01.1\n      docker_layer_caching: true\n';
    const macos = '    macos:\n      xcode: 15.4.0\n    working_directory: ~/ios\n';
    const { doc } = convert(
      jobs([
        ['m1', machine, oneStep('docker build .')],
        ['m2', machine, oneStep('docker compose up -d')],
        ['m3', machine, oneStep('docker compose run e2e')],
        ['i1', macos, oneStep('fastlane test')],
        ['i2', macos, oneStep('fastlane beta')],
        ['i3', macos, oneStep('fastlane release')],
      ]),
    );
    expect(doc.executors).toEqual({
      'ubuntu-2204': { machine: { image: 'ubuntu-2204:2024.01.1', docker_layer_caching: true } },
      macos: { macos: { xcode: '15.4.0' }, working_directory: '~/ios' },
    });
  });

  it('does not take a name that a job already uses for an executor of its own', () => {
    const { pipeline } = read(
      jobs([
        ['a', dockerWith('cimg/node:20.11', postgres), oneStep('npm test')],
        ['b', dockerWith('cimg/node:20.11', postgres), oneStep('npm run lint')],
        ['c', '    executor: node\n', oneStep('echo')],
      ]),
    );
    const { doc } = write(pipeline);
    expect(doc.jobs.c.executor).toBe('node');
    expect(doc.jobs.a.executor).toBe('node-20-11');
    expect(Object.keys(doc.executors)).toEqual(['node-20-11']);
  });

  it('keeps an image that carries a comment in its job', () => {
    const commented = `    docker:\n      - image: cimg/node:20.11 # pinned for the ABI\n${postgres}`;
    const { doc, text } = convert(
      jobs([
        ['a', commented, oneStep('npm test')],
        ['b', dockerWith('cimg/node:20.11', postgres), oneStep('npm run lint')],
        ['c', dockerWith('cimg/node:20.11', postgres), oneStep('npm run build')],
      ]),
    );
    expect(doc.jobs.a.docker[0].image).toBe('cimg/node:20.11');
    expect(text).toContain('      - image: cimg/node:20.11 # pinned for the ABI\n');
    expect(doc.jobs.b.executor).toBe('node');
  });

  it('writes no executors in 2.0 or with factor: false', () => {
    const { pipeline } = read(jobs(['a', 'b', 'c'].map((n) => [n, dockerWith('cimg/node:20.11', postgres), oneStep(`make ${n}`)])));
    expect(write(pipeline).doc.executors).toBeDefined();
    expect(write(pipeline, { factor: false }).doc.executors).toBeUndefined();
    const old = write(pipeline, { version: '2.0' }).doc;
    expect(old.executors).toBeUndefined();
    expect(old.jobs.a.docker).toHaveLength(2);
  });
});

const install = `      - checkout
      - restore_cache:
          keys:
            - npm-v1-{{ checksum "package-lock.json" }}
            - npm-v1-
      - run:
          name: Install dependencies
          command: npm ci
      - save_cache:
          key: npm-v1-{{ checksum "package-lock.json" }}
          paths:
            - ~/.npm
`;
const image = dockerWith('cimg/node:20.11');

describe('circleci2 writer: commands', () => {
  it('hoists a shared install run in place, named after its named run step', () => {
    const { doc } = convert(
      jobs([
        ['test', image, `${install}${oneStep('npm test')}`],
        ['lint', image, `${oneStep('echo start')}${install}${oneStep('npm run lint')}`],
      ]),
    );
    expect(Object.keys(doc.commands)).toEqual(['install-dependencies']);
    expect(doc.commands['install-dependencies'].steps).toHaveLength(4);
    expect(doc.commands['install-dependencies'].steps[0]).toBe('checkout');
    expect(doc.jobs.test.steps).toEqual(['install-dependencies', { run: 'npm test' }]);
    expect(doc.jobs.lint.steps).toEqual([{ run: 'echo start' }, 'install-dependencies', { run: 'npm run lint' }]);
    expect(Object.keys(doc)).toEqual(['version', 'commands', 'jobs', 'workflows']);
  });

  it('keeps short shared runs and short single steps inline', () => {
    // Five lines in two jobs would save one line; a four-line step in four jobs is not long enough alone.
    const short = `      - checkout\n      - run: make deps\n      - run:\n          command: make clean\n          when: always\n`;
    expect(convert(jobs(['a', 'b'].map((n) => [n, image, `${short}${oneStep(`make ${n}`)}`]))).doc.commands).toBeUndefined();
    const step = `      - run:\n          name: Report\n          command: ./report.sh\n          when: always\n`;
    expect(convert(jobs(['a', 'b', 'c', 'd'].map((n) => [n, image, `${oneStep(`make ${n}`)}${step}`]))).doc.commands).toBeUndefined();
    // Three such jobs share enough.
    expect(Object.keys(convert(jobs(['a', 'b', 'c'].map((n) => [n, image, `${short}${oneStep(`make ${n}`)}`]))).doc.commands)).toEqual(['checkout-to-make-clean']);
  });

  it('keeps when attributes, working directories and order inside the command', () => {
    const steps = `      - run:
          name: Start services
          command: docker compose up -d
          working_directory: ~/project/infra
      - run:
          name: Wait for services
          command: ./wait.sh
          no_output_timeout: 5m
      - run:
          name: Collect logs
          command: docker compose logs > logs.txt
          when: on_fail
`;
    const { doc } = convert(jobs([['a', image, `${steps}${oneStep('make a')}`], ['b', image, `${oneStep('make b')}${steps}`]]));
    expect(doc.commands['start-services-to-collect-logs'].steps).toEqual([
      { run: { name: 'Start services', command: 'docker compose up -d', working_directory: '~/project/infra' } },
      { run: { name: 'Wait for services', command: './wait.sh', no_output_timeout: '5m' } },
      { run: { name: 'Collect logs', command: 'docker compose logs > logs.txt', when: 'on_fail' } },
    ]);
    expect(doc.jobs.a.steps).toEqual(['start-services-to-collect-logs', { run: 'make a' }]);
    expect(doc.jobs.b.steps).toEqual([{ run: 'make b' }, 'start-services-to-collect-logs']);
  });

  it('never names a command after a built-in step, a step in use, or a job', () => {
    const script = ['git fetch --tags', 'git submodule sync', 'git submodule update --init', 'git lfs install', 'git lfs pull', 'git status'];
    const long = (name: string) => `      - run:\n          name: ${name}\n          command: |\n${script.map((l) => `            ${l}\n`).join('')}`;
    const { pipeline } = read(
      jobs([
        ['a', image, `${long('Checkout')}${oneStep('make a')}`],
        ['b', image, `${long('Checkout')}${oneStep('make b')}`],
        ['c', image, `${long('Lint')}${oneStep('make c')}`],
        ['lint', image, `${long('Lint')}${oneStep('make d')}`],
      ]),
    );
    const { doc } = write(pipeline);
    expect(Object.keys(doc.commands).sort()).toEqual(['checkout-steps', 'lint-steps']);
  });

  it('numbers commands whose steps give the same name in the order jobs first use them', () => {
    // The same steps for yarn: a different run that names itself the same.
    const yarn = install.replace(/npm-v1/g, 'yarn-v1').replace('npm ci', 'yarn install --frozen-lockfile').replace('~/.npm', '~/.cache/yarn');
    const { doc } = convert(
      jobs([
        ['a', image, install],
        ['b', image, install],
        ['c', image, `${oneStep('echo')}${yarn}`],
        ['d', image, `${oneStep('echo')}${yarn}`],
      ]),
    );
    expect(Object.keys(doc.commands)).toEqual(['install-dependencies', 'install-dependencies-2']);
    expect(doc.jobs.a.steps).toEqual(['install-dependencies']);
    expect(doc.jobs.c.steps).toEqual(['install-dependencies-2']);
    expect(doc.commands['install-dependencies-2'].steps[0]).toEqual({ run: 'echo' });
  });

  it('keeps steps with comments in their job and moves later comments with their steps', () => {
    const { text, doc } = convert(
      jobs([
        ['a', image, `${install}      # the real work\n${oneStep('npm test')}`],
        ['b', image, `${install}${oneStep('npm run lint')}`],
        ['c', image, `      # fetch first\n${install}${oneStep('npm run build')}`],
      ]),
    );
    // Job c's checkout carries a comment, so the run all three share starts after it.
    expect(doc.jobs.a.steps).toEqual(['checkout', 'install-dependencies', { run: 'npm test' }]);
    expect(doc.jobs.c.steps).toEqual(['checkout', 'install-dependencies', { run: 'npm run build' }]);
    expect(text).toContain('      - install-dependencies\n      # the real work\n      - run: npm test\n');
    expect(text).toContain('      # fetch first\n      - checkout\n');
  });

  it('writes no commands in 2.0', () => {
    const { pipeline } = read(jobs([['a', image, `${install}${oneStep('npm test')}`], ['b', image, `${install}${oneStep('npm run lint')}`]]));
    expect(write(pipeline).doc.commands).toBeDefined();
    expect(write(pipeline, { version: '2.0' }).doc.commands).toBeUndefined();
  });
});

describe('circleci2 writer: reuse names', () => {
  it('slugs to lowercase words CircleCI accepts', () => {
    expect(slug('Install dependencies')).toBe('install-dependencies');
    expect(slug('save_cache')).toBe('save-cache');
    expect(slug('3rd party: Setup!')).toBe('rd-party-setup');
    expect(slug('12345')).toBe('');
    expect(slug('a'.repeat(30) + ' ' + 'b'.repeat(30))).toBe('a'.repeat(30));
  });

  it('reads the name and tag of an image', () => {
    expect(imageParts('cimg/node:20.1')).toEqual({ name: 'node', tag: '20.1' });
    expect(imageParts('registry.example.com:5000/team/app@sha256:abc')).toEqual({ name: 'app', tag: '' });
    expect(imageParts('ruby')).toEqual({ name: 'ruby', tag: '' });
    expect(imageParts('${GITLAB_DEPENDENCY_PROXY}golang:${GO_VERSION}')).toEqual({ name: 'golang', tag: '' });
    expect(imageParts('cimg/python:<< pipeline.parameters.python >>')).toEqual({ name: 'python', tag: '' });
  });

  it('moves colliding or reserved names to their next candidate, then numbers them', () => {
    expect(uniqueNames([['node', 'node-18'], ['node', 'node-20'], ['ruby', 'ruby-3']], new Set())).toEqual(['node-18', 'node-20', 'ruby']);
    expect(uniqueNames([['base', 'base-stable']], new Set(['base']))).toEqual(['base-stable']);
    expect(uniqueNames([['x'], ['x'], ['x']], new Set(['x']))).toEqual(['x-2', 'x-3', 'x-4']);
  });

  it('names a command after its steps', () => {
    expect(commandName([{ run: 'npm ci --prefer-offline' }])).toBe('npm-ci');
    expect(commandName(['checkout', { attach_workspace: { at: '.' } }])).toBe('checkout-and-attach-workspace');
    expect(commandName(['checkout', { restore_cache: { key: 'k' } }, { run: 'make' }, { save_cache: { key: 'k', paths: ['x'] } }])).toBe('checkout-to-save-cache');
    expect(commandName([{ run: { name: 'Map predefined variables', command: 'x' } }, 'checkout', { run: { name: 'Install', command: 'y' } }])).toBe('install');
    expect(commandName([{ when: { condition: true, steps: [{ run: 'make release' }] } }])).toBe('when-make-release');
  });
});

describe('ciport convert --no-factor', () => {
  it('keeps every executor and step in its job', () => {
    const input = join(repoRoot, 'golden', 'circleci2', 'reuse-executors-commands', 'input', '.circleci', 'config.yml');
    const factored = runCli(['convert', input, '--to', 'circleci2']);
    const plain = runCli(['convert', input, '--to', 'circleci2', '--no-factor']);
    expect(factored.status).toBe(0);
    expect(plain.status).toBe(0);
    expect(factored.stdout).toMatch(/^executors:$/m);
    expect(factored.stdout).toMatch(/^commands:$/m);
    expect(plain.stdout).not.toMatch(/^(executors|commands):$/m);
    expect(normalize(read(plain.stdout).pipeline)).toEqual(normalize(read(factored.stdout).pipeline));
  }, 60_000);
});

let validate21: ReturnType<Ajv['compile']> | undefined;
factoredDocs.checkAll('circleci2 writer: every factored output above passes the CircleCI 2.1 schema', (doc) => {
  if (!validate21) {
    const ajv = new Ajv({ strict: false, validateFormats: false });
    addFormats(ajv);
    validate21 = ajv.compile(JSON.parse(readFileSync(sharedPath('schemas', 'circleci-config.schema.json'), 'utf8')));
  }
  expect(validate21(doc), JSON.stringify(validate21.errors)).toBe(true);
});
