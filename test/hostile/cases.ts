/**
 * The hostile-input cases, generated: malformed YAML, resource-exhaustion shapes, wrong types at
 * every level of a valid config of each format, cycles, dangling references, explosions, hostile
 * names, and seeded mutations of corpus files. Each case is small in memory except the few large
 * ones, which are built lazily.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isPair, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import type { FormatId } from '../../src/ir/types.js';
import { hasShared, sharedDir } from '../support/shared.js';

export interface HostileCase {
  name: string;
  format: FormatId;
  /** Built lazily so large cases cost memory only while they run. */
  text: () => string;
  /** Extra repository files (path → content) for include/inference cases. */
  files?: Record<string, string>;
  /** Expectation beyond "no crash": the run must be fatal (exit 2) or report an error (exit 1). */
  expect?: 'fatal' | 'error' | 'any';
  /** Diagnostic codes every target's result must hold. */
  codes?: string[];
  /** Diagnostic codes no target's result may hold (a limit that must not be mistaken for another). */
  absent?: string[];
  /** Large enough to run alone in a child process, whose own peak memory is measured. */
  large?: boolean;
}

export const fileNames: Record<FormatId, string> = {
  circleci1: 'circle.yml',
  circleci2: '.circleci/config.yml',
  gitlab: '.gitlab-ci.yml',
};

const templates: Record<FormatId, string> = {
  circleci2: `version: 2.1
orbs:
  tools:
    commands:
      hello:
        parameters:
          who: {type: string, default: world}
        steps:
          - run: echo hello << parameters.who >>
executors:
  node:
    docker:
      - image: cimg/node:20.11
commands:
  install:
    steps:
      - run: npm ci
parameters:
  deploy:
    type: boolean
    default: false
jobs:
  build:
    executor: node
    environment:
      NODE_ENV: test
    steps:
      - checkout
      - install
      - tools/hello:
          who: ci
      - restore_cache:
          keys: ['deps-{{ checksum "package-lock.json" }}']
      - run:
          name: test
          command: npm test
          no_output_timeout: 20m
      - save_cache:
          key: deps-{{ checksum "package-lock.json" }}
          paths: [~/.npm]
      - persist_to_workspace:
          root: .
          paths: [dist]
  deploy:
    docker:
      - image: cimg/base:stable
      - image: postgres:16
        name: db
    parallelism: 2
    steps:
      - attach_workspace:
          at: .
      - setup_remote_docker:
          version: 20.10.24
      - run: docker build -t app .
workflows:
  main:
    jobs:
      - build
      - hold:
          type: approval
          requires: [build]
      - deploy:
          requires: [hold]
          context: [prod]
          filters:
            branches:
              only: [main, /release-.*/]
            tags:
              only: /^v.*/
  nightly:
    triggers:
      - schedule:
          cron: "0 3 * * *"
          filters:
            branches:
              only: main
    jobs:
      - build
`,
  gitlab: `stages: [build, test, deploy]
variables:
  GIT_DEPTH: "10"
  PATH_VAR:
    value: "$HOME/bin"
    expand: false
default:
  image: node:20
.base:
  tags: [docker]
  retry: 1
build:
  extends: .base
  stage: build
  script:
    - npm ci
    - npm run build
  cache:
    key:
      files: [package-lock.json]
    paths: [node_modules/]
  artifacts:
    paths: [dist/]
    expire_in: 1 week
test:
  stage: test
  needs: [build]
  services:
    - name: postgres:16
      alias: db
  script:
    - npm test
  rules:
    - if: '$CI_COMMIT_BRANCH == "main" || $CI_COMMIT_TAG =~ /^v\\d+/'
    - when: manual
docker:
  stage: deploy
  image: docker:24.0.5-cli
  services: [docker:24.0.5-dind]
  variables:
    DOCKER_TLS_CERTDIR: /certs
  script: [docker build -t app .]
  only: [main]
  environment:
    name: production
    url: https://example.com
  parallel:
    matrix:
      - REGION: [eu, us]
`,
  circleci1: `machine:
  timezone: Europe/Berlin
  environment:
    GOPATH: \${HOME}/go
  node:
    version: 18.0.0
  services:
    - docker
    - redis
dependencies:
  pre:
    - npm install -g yarn
  override:
    - yarn install
  cache_directories:
    - ~/.cache/yarn
test:
  override:
    - yarn test:
        timeout: 900
        environment:
          CI: "true"
    - yarn lint:
        parallel: true
        files:
          - src/**/*.js
deployment:
  production:
    branch: [main, /release-.*/]
    owner: example
    commands:
      - ./deploy.sh
  tags:
    tag: /v[0-9]+(\\.[0-9]+)*/
    commands:
      - ./release.sh
general:
  branches:
    ignore: [gh-pages]
  artifacts:
    - dist
`,
};

/** Replacement values of each YAML type, to put where a different type is expected. */
const swaps: Array<[string, unknown]> = [
  ['string', 'x'],
  ['number', 5],
  ['list', ['a', 1]],
  ['map', { a: 1 }],
  ['null', null],
];

/** Every node path of a document (map keys and list indexes), breadth-limited. */
function nodePaths(text: string): Array<Array<string | number>> {
  const doc = parseDocument(text, { version: '1.1' });
  const paths: Array<Array<string | number>> = [];
  const visit = (node: unknown, path: Array<string | number>) => {
    if (path.length) paths.push(path);
    if (isMap(node)) for (const pair of node.items) if (isPair(pair) && isScalar(pair.key)) visit(pair.value, [...path, String(pair.key.value)]);
    if (isSeq(node)) node.items.forEach((item, i) => visit(item, [...path, i]));
  };
  visit(doc.contents as Node, []);
  return paths;
}

function withValue(text: string, path: Array<string | number>, value: unknown): string {
  const doc = parseDocument(text, { version: '1.1' });
  doc.setIn(path, doc.createNode(value));
  return doc.toString();
}

/** A small deterministic PRNG so mutation failures reproduce from their seed. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mutate(text: string, seed: number): string {
  const random = mulberry32(seed);
  const lines = text.split('\n');
  const pick = () => Math.floor(random() * lines.length);
  const kind = seed % 4;
  if (kind === 0) lines.splice(pick(), 1);
  else if (kind === 1) {
    const i = pick();
    lines.splice(i, 0, lines[i] ?? '');
  } else if (kind === 2) {
    const i = pick();
    lines[i] = `${' '.repeat(1 + Math.floor(random() * 4))}${lines[i] ?? ''}`;
  } else {
    const i = pick();
    lines[i] = (lines[i] ?? '').replace(/:\s+\S.*$/, ': [1, {a: 2}]');
  }
  return lines.join('\n');
}

function repeatJobs(format: FormatId, count: number, name: (i: number) => string): string {
  const lines: string[] = [];
  if (format === 'circleci2') {
    lines.push('version: 2.1', 'jobs:');
    for (let i = 0; i < count; i++) lines.push(`  ${JSON.stringify(name(i))}:`, '    docker: [{image: alpine}]', '    steps: [checkout]');
    lines.push('workflows:', '  w:', '    jobs:');
    for (let i = 0; i < count; i++) lines.push(`      - ${JSON.stringify(name(i))}`);
  } else if (format === 'gitlab') {
    for (let i = 0; i < count; i++) lines.push(`${JSON.stringify(name(i))}:`, '  script: [echo hi]');
  } else {
    lines.push('deployment:');
    for (let i = 0; i < count; i++) lines.push(`  ${JSON.stringify(name(i))}:`, '    branch: main', '    commands: [echo hi]');
  }
  return `${lines.join('\n')}\n`;
}

export function buildCases(): HostileCase[] {
  const cases: HostileCase[] = [];
  const formatsList: FormatId[] = ['circleci1', 'circleci2', 'gitlab'];
  const add = (c: HostileCase) => cases.push(c);

  for (const format of formatsList) {
    const base = templates[format];
    // --- malformed YAML and encodings
    // An empty circle.yml is valid 1.0: CircleCI inferred everything (circleci-1.0.md §1).
    const emptyExpectation = format === 'circleci1' ? 'any' : 'fatal';
    add({ name: 'empty file', format, text: () => '', expect: emptyExpectation });
    add({ name: 'comment-only file', format, text: () => '# nothing\n# at all\n', expect: emptyExpectation });
    add({ name: 'scalar at top level', format, text: () => 'just a string\n', expect: 'fatal' });
    add({ name: 'list at top level', format, text: () => '- a\n- b\n', expect: 'fatal' });
    add({ name: 'tab indentation', format, text: () => 'jobs:\n\tbuild:\n\t\tsteps: []\n', expect: 'fatal' });
    add({ name: 'unclosed quote', format, text: () => 'a: "unclosed\nb: 2\n', expect: 'fatal' });
    add({ name: 'unclosed flow', format, text: () => 'a: [1, 2\n', expect: 'fatal' });
    add({ name: 'NUL byte', format, text: () => base.replace('\n', '\0\n'), expect: 'fatal' });
    add({ name: 'BOM and CRLF', format, text: () => `\ufeff${base.replace(/\n/g, '\r\n')}` });
    add({ name: 'duplicate keys', format, text: () => `${base}${base.split('\n').slice(0, 3).join('\n')}\n` });
    add({ name: 'undefined alias', format, text: () => `a: *nowhere\n${base}`, expect: 'fatal' });
    add({
      name: 'alias bomb',
      format,
      text: () => {
        const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
        for (let i = 1; i < 10; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
        return `${lines.join('\n')}\n`;
      },
      expect: 'fatal',
      codes: ['yaml-alias-limit'],
    });
    // Over 600,000 one-character values in 1.4 MB: parsing them would take about a gigabyte.
    add({ name: 'node-limit bomb', format, text: () => `a: [${Array(700_000).fill('1').join(',')}]\n`, expect: 'fatal', codes: ['yaml-node-limit'], absent: ['yaml-alias-limit'] });
    add({ name: 'flow nesting 1e5', format, text: () => `a: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`, expect: 'fatal' });
    add({
      name: 'block nesting 1e3',
      format,
      text: () => Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n'),
      expect: 'fatal',
    });
    add({ name: '20,000 jobs', format, text: () => repeatJobs(format, 20_000, (i) => `job-${i}`), large: true, absent: ['yaml-alias-limit', 'yaml-node-limit'], codes: ['behaviour-check-skipped'] });
    add({ name: 'job names with / .. and newlines', format, text: () => repeatJobs(format, 3, (i) => ['a/b', '../../etc', 'line\nbreak'][i]!) });
    add({ name: 'job name of 20,000 characters', format, text: () => repeatJobs(format, 1, () => 'j'.repeat(20_000)) });
    add({ name: 'binary garbage', format, text: () => Array.from({ length: 2000 }, (_, i) => String.fromCharCode(1 + ((i * 7919) % 250))).join(''), expect: 'any' });

    // --- wrong types at every level of a valid config
    for (const path of nodePaths(base)) {
      for (const [typeName, value] of swaps) {
        add({ name: `${path.join('.')} as ${typeName}`, format, text: () => withValue(base, path, value), expect: 'any' });
      }
    }
  }

  // --- cycles, dangling references, explosions, includes
  add({ name: 'requires cycle', format: 'circleci2', text: () => 'version: 2.1\njobs:\n  a: {docker: [{image: x}], steps: [checkout]}\n  b: {docker: [{image: x}], steps: [checkout]}\nworkflows:\n  w:\n    jobs:\n      - a: {requires: [b]}\n      - b: {requires: [a]}\n', expect: 'error' });
  add({ name: 'recursive commands', format: 'circleci2', text: () => 'version: 2.1\ncommands:\n  a: {steps: [b]}\n  b: {steps: [a]}\njobs:\n  j: {docker: [{image: x}], steps: [a]}\nworkflows:\n  w: {jobs: [j]}\n', expect: 'error' });
  add({ name: 'undefined executor, command, parameter and job', format: 'circleci2', text: () => 'version: 2.1\njobs:\n  j:\n    executor: nope\n    steps:\n      - missing-command\n      - run: echo << parameters.nope >>\nworkflows:\n  w:\n    jobs: [j, ghost]\n', expect: 'error' });
  add({ name: 'bad enum argument', format: 'circleci2', text: () => 'version: 2.1\ncommands:\n  c:\n    parameters:\n      mode: {type: enum, enum: [a, b]}\n    steps: [{run: echo << parameters.mode >>}]\njobs:\n  j: {docker: [{image: x}], steps: [{c: {mode: z}}]}\nworkflows:\n  w: {jobs: [j]}\n', expect: 'error' });
  add({ name: 'matrix explosion', format: 'circleci2', text: () => `version: 2.1\njobs:\n  j:\n    parameters: {a: {type: string}, b: {type: string}, c: {type: string}, d: {type: string}}\n    docker: [{image: x}]\n    steps: [checkout]\nworkflows:\n  w:\n    jobs:\n      - j:\n          matrix:\n            parameters:\n${['a', 'b', 'c', 'd'].map((p) => `              ${p}: [${Array.from({ length: 40 }, (_, i) => i).join(', ')}]`).join('\n')}\n`, expect: 'error' });
  add({ name: 'extends cycle', format: 'gitlab', text: () => '.a: {extends: .b, script: [x]}\n.b: {extends: .a}\njob: {extends: .a}\n', expect: 'error' });
  add({ name: 'extends missing parent', format: 'gitlab', text: () => 'job: {extends: .nope, script: [x]}\n', expect: 'error' });
  add({ name: '!reference cycle', format: 'gitlab', text: () => '.a: {script: !reference [.b, script]}\n.b: {script: !reference [.a, script]}\njob: {script: !reference [.a, script]}\n', expect: 'error' });
  add({ name: 'needs cycle', format: 'gitlab', text: () => 'a: {script: [x], needs: [b]}\nb: {script: [x], needs: [a]}\n', expect: 'error' });
  add({ name: 'needs undefined job', format: 'gitlab', text: () => 'a: {script: [x], needs: [ghost]}\n', expect: 'error' });
  // Issue 18: 40,000 jobs in 1.2 MB without an alias were refused as an alias bomb.
  // The behaviour check is bounded (limits.maxBehaviourJobs): past it, it is skipped and said.
  add({ name: '40,000 plain jobs', format: 'gitlab', text: () => repeatJobs('gitlab', 40_000, (i) => `job-${i}`), large: true, absent: ['yaml-alias-limit', 'yaml-node-limit'], codes: ['behaviour-check-skipped'] });
  // Issue 18: 12^8 = 430 million jobs grew until the heap was exhausted.
  add({
    name: 'parallel matrix 8 x 12',
    format: 'gitlab',
    text: () => `job:\n  script: [x]\n  parallel:\n    matrix:\n${Array.from({ length: 8 }, (_, v) => `${v ? '        ' : '      - '}V${v}: [${Array.from({ length: 12 }, (_, i) => i).join(', ')}]`).join('\n')}\n`,
    expect: 'error',
    codes: ['matrix-too-large'],
  });
  add({ name: 'parallel matrix explosion', format: 'gitlab', text: () => `job:\n  script: [x]\n  parallel:\n    matrix:\n      - A: [${Array.from({ length: 30 }, (_, i) => i).join(', ')}]\n        B: [${Array.from({ length: 30 }, (_, i) => i).join(', ')}]\n`, expect: 'any' });
  add({ name: 'include escaping with ..', format: 'gitlab', text: () => "include: '../outside.yml'\njob: {script: [x]}\n", expect: 'any' });
  add({ name: 'include absolute path outside', format: 'gitlab', text: () => "include: {local: '/etc/passwd'}\njob: {script: [x]}\n", expect: 'any' });
  // Refused whole (issue 18): nothing of a translation that named a file of the machine is written.
  add({ name: 'include through symlink', format: 'gitlab', text: () => "include: 'ci/escape.yml'\njob: {script: [x]}\n", expect: 'fatal', codes: ['input-outside-repository'] });
  add({ name: 'include remote', format: 'gitlab', text: () => "include: {remote: 'https://example.com/ci.yml'}\njob: {script: [x]}\n", expect: 'any' });
  add({ name: 'include glob everything', format: 'gitlab', text: () => "include: '**/*.yml'\njob: {script: [x]}\n", files: { 'ci/a.yml': 'a: {script: [a]}\n' }, expect: 'any' });
  add({ name: 'include itself', format: 'gitlab', text: () => "include: '.gitlab-ci.yml'\njob: {script: [x]}\n", expect: 'any' });

  // --- seeded mutations of corpus files
  if (hasShared()) {
    let seed = 1;
    for (const format of formatsList) {
      const dir = join(sharedDir(), 'corpus', format);
      for (const name of readdirSync(dir).filter((n) => n.endsWith('.yml')).sort()) {
        const s = seed++;
        add({ name: `mutation #${s} of ${name}`, format, text: () => mutate(readFileSync(join(dir, name), 'utf8'), s), expect: 'any' });
      }
    }
  }
  return cases;
}
