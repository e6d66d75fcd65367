/**
 * Two spellings of one behaviour compare equal, and near-misses of those spellings do not: the
 * session reading of `cd`, of "run them all, fail at the end", of `$BASH_ENV` exports and of
 * variables that only rename a predefined one.
 */
import { describe, expect, it } from 'vitest';
import { sessionLines } from '../../src/behaviour/session-lines.js';
import type { ShellSession } from '../../src/behaviour/types.js';
import type { FormatId } from '../../src/ir/types.js';
import { readPipeline } from '../../src/translate.js';
import { compareConfigurations } from '../../src/verify.js';

function side(file: string, text: string, format: FormatId) {
  const read = readPipeline({ file, text, from: format });
  if (!read.pipeline) throw new Error(`${file} did not read`);
  return { pipeline: read.pipeline, format };
}

const session = (commands: string[], failsJob = true): ShellSession => ({
  commands,
  when: 'on_success',
  background: false,
  failsJob,
  continueOnFailure: false,
  directory: '.',
  environment: {},
});
/** A circle.yml with nothing left for 1.0's inference to fill in. */
const explicit = (test: string, top = '') => `${top}dependencies:\n  override: []\ndatabase:\n  override: []\ntest:\n  override:\n${test}`;

const context = { isCheckoutDirectory: (word: string) => word === '$CI_PROJECT_DIR' };

describe('session lines', () => {
  it('a line that is only `cd` moves the lines after it, and cd back to the checkout ends that', () => {
    const lines = sessionLines(session(['cd frontend', 'npm test', 'cd ../api/', 'make', 'cd "$CI_PROJECT_DIR"', 'ls']), context);
    expect(lines.map((l) => [l.text, l.directory])).toEqual([
      ['npm test', 'frontend'],
      ['make', 'api'],
      ['ls', '.'],
    ]);
  });

  it('`cd x && make` is a command, not a directory change', () => {
    const lines = sessionLines(session(['cd x && make', 'ls']), context);
    expect(lines.map((l) => [l.text, l.directory])).toEqual([
      ['cd x && make', '.'],
      ['ls', '.'],
    ]);
  });

  it('`cmd || FAILED=1` with a later gate lets later lines run and still fails the job', () => {
    const lines = sessionLines(session(['make check || RC=1', 'make lint || RC=1', 'test "${RC:-0}" -eq 0']), context);
    expect(lines.map((l) => [l.text, l.continueOnFailure, l.failsJob])).toEqual([
      ['make check', true, true],
      ['make lint', true, true],
    ]);
  });

  it('without the gate the recorded failure can no longer fail the job', () => {
    const lines = sessionLines(session(['make check || RC=1', 'echo done']), context);
    expect(lines.map((l) => [l.text, l.continueOnFailure, l.failsJob])).toEqual([
      ['make check', true, false],
      ['echo done', false, true],
    ]);
  });

  it('a gate on another variable is an ordinary command', () => {
    const lines = sessionLines(session(['make || RC=1', 'test "${OTHER:-0}" -eq 0']), context);
    expect(lines.map((l) => l.text)).toEqual(['make', 'test "${OTHER:-0}" -eq 0']);
    expect(lines[0]!.failsJob).toBe(false);
  });

  it('a multi-line block in braces is read as its lines', () => {
    const lines = sessionLines(session(['{\nnpm ci\nnpm test\n} || RC=1', 'test "$RC" -eq 0']), context);
    expect(lines.map((l) => l.text)).toEqual(['npm ci', 'npm test']);
  });
});

describe('session lines: child shells, ignored status, background, failure guards', () => {
  it('a `( … )` command is a child shell: its cd moves nothing after it', () => {
    const lines = sessionLines(session(['(cd sub && make)', '(cd other)', '(\ncd api\nmake\n)', 'ls']), context);
    expect(lines.map((l) => [l.text, l.directory, l.subshell])).toEqual([
      ['cd sub && make', '.', 1],
      ['make', 'api', 3],
      ['ls', '.', undefined],
    ]);
  });

  it('`cmd || true` can no longer fail the job; `a || b` still can', () => {
    expect(sessionLines(session(['./collect.sh || true']), context).map((l) => [l.text, l.failsJob])).toEqual([['./collect.sh', false]]);
    expect(sessionLines(session(['make || make retry']), context).map((l) => l.failsJob)).toEqual([true]);
    expect(sessionLines(session(['rm -f key || true || :']), context).map((l) => [l.text, l.failsJob])).toEqual([['rm -f key', false]]);
    // A line of a multi-line command too.
    expect(sessionLines(session(['docker login\ndocker pull app || true\ndocker build .']), context).map((l) => [l.text, l.failsJob])).toEqual([
      ['docker login', true],
      ['docker pull app', false],
      ['docker build .', true],
    ]);
  });

  it('`cmd &` runs in the background; `a && b` does not', () => {
    expect(sessionLines(session(['./server &']), context).map((l) => [l.text, l.background])).toEqual([['./server', true]]);
    expect(sessionLines(session(['a && b']), context).map((l) => l.background)).toEqual([false]);
    // Joined into one multi-line command, the line still starts in the background.
    expect(sessionLines(session(['export A=1\nnohup ./server >log 2>&1 &\n./client']), context).map((l) => [l.text, l.background])).toEqual([
      ['export A=1', false],
      ['nohup ./server >log 2>&1', true],
      ['./client', false],
    ]);
  });

  it('an if on the job status runs its body only after a failure, where the format has one', () => {
    const guard = 'if [ "$CI_JOB_STATUS" = "failed" ]; then\n./notify.sh\nfi';
    const withStatus = { ...context, jobStatus: { variable: 'CI_JOB_STATUS', failed: 'failed' } };
    expect(sessionLines(session([guard]), withStatus).map((l) => [l.text, l.when])).toEqual([['./notify.sh', 'on_failure']]);
    expect(sessionLines(session([guard.replace('failed" ]', 'success" ]')]), withStatus).map((l) => l.when)).toEqual(['on_success', 'on_success', 'on_success']);
    expect(sessionLines(session([guard]), context).map((l) => l.when)).toEqual(['on_success', 'on_success', 'on_success']);
  });
});

describe('spellings across formats', () => {
  it('CircleCI steps that change their shell agree with GitLab child shells, not with bare lines', () => {
    const steps = ['nc -z db 5432 && exit 0', 'cd sub', 'make test'];
    const c2 = side('.circleci/config.yml', `version: 2.1\njobs:\n  t:\n    docker: [{image: node:20}]\n    steps:\n${steps.map((s) => `      - run: ${s}\n`).join('')}workflows:\n  w:\n    jobs: [t]\n`, 'circleci2');
    const gitlab = (lines: string[]) => side('.gitlab-ci.yml', `t:\n  image: node:20\n  script:\n${lines.map((l) => `    - ${JSON.stringify(l)}\n`).join('')}`, 'gitlab');
    const inShell = (b: ReturnType<typeof side>) => compareConfigurations(c2, b).filter((d) => d.kind.startsWith('command') || d.kind.startsWith('session')).map((d) => d.kind);
    expect(inShell(gitlab(['(nc -z db 5432 && exit 0)', '(cd sub)', 'make test']))).toEqual([]);
    expect(inShell(gitlab(steps))).toEqual(expect.arrayContaining(['session-joined', 'command-directory']));
  });

  it('1.0 test commands and GitLab `|| CIPORT_RC=1` with a final gate agree', () => {
    const c1 = side('circle.yml', explicit('    - make check\n    - make lint\n'), 'circleci1');
    const ok = side('.gitlab-ci.yml', 'build:\n  script:\n    - make check || CIPORT_RC=1\n    - make lint || CIPORT_RC=1\n    - test "${CIPORT_RC:-0}" -eq 0\n', 'gitlab');
    const noGate = side('.gitlab-ci.yml', 'build:\n  script:\n    - make check || CIPORT_RC=1\n    - make lint || CIPORT_RC=1\n', 'gitlab');
    const kinds = (b: ReturnType<typeof side>) => compareConfigurations(c1, b).filter((d) => d.kind.startsWith('command')).map((d) => d.kind);
    expect(kinds(ok)).toEqual([]);
    expect(kinds(noGate)).toEqual(['command-status', 'command-status']);
  });

  it('a 1.0 `pwd` modifier and a GitLab `cd` line agree; a different directory does not', () => {
    const c1 = side('circle.yml', explicit('    - npm test:\n        pwd: frontend\n'), 'circleci1');
    const same = side('.gitlab-ci.yml', 'build:\n  script:\n    - cd frontend\n    - npm test || CIPORT_RC=1\n    - cd "$CI_PROJECT_DIR"\n    - test "${CIPORT_RC:-0}" -eq 0\n', 'gitlab');
    const other = side('.gitlab-ci.yml', 'build:\n  script:\n    - cd backend\n    - npm test || CIPORT_RC=1\n    - test "${CIPORT_RC:-0}" -eq 0\n', 'gitlab');
    const kinds = (b: ReturnType<typeof side>) => compareConfigurations(c1, b).filter((d) => d.kind.startsWith('command')).map((d) => d.kind);
    expect(kinds(same)).toEqual([]);
    expect(kinds(other)).toEqual(['command-directory']);
  });

  it('CircleCI `$BASH_ENV` exports set variables for later steps, as the 1.0 machine environment does', () => {
    const c1 = side('circle.yml', 'machine:\n  environment:\n    GOPATH: "${HOME}/go"\ntest:\n  override:\n    - go test\n', 'circleci1');
    const exported = (value: string) =>
      side('.circleci/config.yml', `version: 2.1\njobs:\n  build:\n    docker: [{image: cimg/go:1.22}]\n    steps:\n      - run: echo "export GOPATH=\\"${value}\\"" >> "$BASH_ENV"\n      - run: go test\nworkflows:\n  w:\n    jobs: [build]\n`, 'circleci2');
    const variables = (b: ReturnType<typeof side>) => compareConfigurations(c1, b).filter((d) => d.kind === 'variable' || d.kind === 'command-added').map((d) => d.kind);
    expect(variables(exported('${HOME}/go'))).toEqual([]);
    expect(variables(exported('${HOME}/gopath'))).toEqual(['variable']);
  });

  it('a variable that only renames a predefined one reads the same as the predefined one', () => {
    const c1 = side('circle.yml', explicit('    - ./publish.sh $CIRCLE_SHA1\n'), 'circleci1');
    const shim = side('.gitlab-ci.yml', 'variables:\n  CIRCLE_SHA1: $CI_COMMIT_SHA\nbuild:\n  script:\n    - ./publish.sh $CIRCLE_SHA1 || CIPORT_RC=1\n    - test "${CIPORT_RC:-0}" -eq 0\n', 'gitlab');
    const wrong = side('.gitlab-ci.yml', 'variables:\n  CIRCLE_SHA1: $CI_COMMIT_BRANCH\nbuild:\n  script:\n    - ./publish.sh $CIRCLE_SHA1 || CIPORT_RC=1\n    - test "${CIPORT_RC:-0}" -eq 0\n', 'gitlab');
    const changed = (b: ReturnType<typeof side>) => compareConfigurations(c1, b).filter((d) => d.kind === 'command-changed').map((d) => d.message);
    expect(changed(shim)).toEqual([]);
    expect(changed(wrong)).toEqual(['job build: `./publish.sh $CIRCLE_SHA1` reads a variable that means something else in the translation']);
  });

  it('a 1.0 cache saved after every build agrees with a CircleCI key made new by every run, not with a fixed key', () => {
    const c1 = side('circle.yml', 'dependencies:\n  override: []\n  cache_directories: [vendor]\ndatabase:\n  override: []\ntest:\n  override:\n    - make\n', 'circleci1');
    const c2 = (key: string) =>
      side('.circleci/config.yml', `version: 2.1\njobs:\n  build:\n    docker: [{image: cimg/base:stable}]\n    steps:\n      - checkout\n      - restore_cache: {keys: [deps-]}\n      - save_cache: {key: "${key}", paths: [vendor]}\n      - run: make\nworkflows:\n  w:\n    jobs: [build]\n`, 'circleci2');
    const caches = (b: ReturnType<typeof side>) => compareConfigurations(c1, b).filter((d) => d.kind === 'cache').length;
    expect(caches(c2('deps-{{ .Branch }}-{{ epoch }}'))).toBe(0);
    expect(caches(c2('deps-{{ .Branch }}'))).toBe(1);
  });

  it('a CircleCI machine executor has a Docker engine of its own; a docker executor has none', () => {
    const c1 = side('circle.yml', 'machine:\n  services: [docker]\ntest:\n  override:\n    - docker build .\n', 'circleci1');
    const executor = (kind: string) =>
      side('.circleci/config.yml', `version: 2.1\njobs:\n  build:\n    ${kind}\n    steps: [checkout, {run: docker build .}]\nworkflows:\n  w:\n    jobs: [build]\n`, 'circleci2');
    const engines = (b: ReturnType<typeof side>) => compareConfigurations(c1, b).filter((d) => d.kind === 'docker-engine').length;
    expect(engines(executor('machine: {image: ubuntu-2204:current}'))).toBe(0);
    expect(engines(executor('docker: [{image: cimg/base:stable}]'))).toBe(1);
  });
});
