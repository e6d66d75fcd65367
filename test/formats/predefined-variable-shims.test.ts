/**
 * GitLab predefined variables in CircleCI output (issue "Inside a job"): a value CircleCI can
 * compute is exported by a shim before the job's commands, and is the value GitLab would give; a
 * value it cannot give is named, once.
 */
import { spawnSync, type StdioOptions } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Diagnostic } from '../../src/diagnostics/types.js';
import { shimsOf } from '../../src/rules/predefined-variables.js';
import { translate } from '../../src/translate.js';

/**
 * GitLab's rule for CI_COMMIT_REF_SLUG (https://docs.gitlab.com/ci/variables/predefined_variables/):
 * "CI_COMMIT_REF_NAME in lowercase, shortened to 63 bytes, and with everything except 0-9 and a-z
 * replaced with -. No leading / trailing -." GitLab's code (lib/gitlab/utils.rb `slugify`)
 * downcases, replaces each character, keeps the first 63 and then strips the dashes, so a slug
 * cut at a dash is shorter than 63.
 */
function gitlabSlug(ref: string): string {
  return Array.from(ref.toLowerCase(), (c) => (/^[a-z0-9]$/.test(c) ? c : '-'))
    .join('')
    .slice(0, 63)
    .replace(/^-+|-+$/g, '');
}

const gitlabFile = (script: string, variables = '') => `${variables}build:\n  image: alpine\n  script:\n    - ${script}\n`;

function toCircleci2(text: string, version = '2.1'): { doc: any; diagnostics: Diagnostic[] } {
  const result = translate({ file: '.gitlab-ci.yml', text, from: 'gitlab', to: 'circleci2', emit: { version } });
  return { doc: parse(result.output ?? '', { version: '1.1' }), diagnostics: result.diagnostics };
}

function toCircleci1(text: string): { doc: any; diagnostics: Diagnostic[] } {
  const result = translate({ file: '.gitlab-ci.yml', text, from: 'gitlab', to: 'circleci1' });
  return { doc: parse(result.output ?? '', { version: '1.1' }), diagnostics: result.diagnostics };
}

/** The job's "Map predefined variables" step command, as CircleCI 2.x would run it. */
function shimStep(doc: any): string {
  const step = doc.jobs.build.steps.find((s: any) => s.run?.name === 'Map predefined variables');
  expect(step, 'no shim step').toBeDefined();
  return step.run.command as string;
}

// stdin from /dev/null: bash started with a socket as stdin (Node's default pipes are socket
// pairs) takes itself for an ssh session and reads ~/.bashrc instead of $BASH_ENV.
const quiet: { encoding: 'utf8'; stdio: StdioOptions } = { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] };

/** Runs a 2.x shim step in bash as CircleCI does, then reads `name` in a later step's shell. */
function runShim2(command: string, name: string, env: Record<string, string>): string {
  const bashEnv = join(mkdtempSync(join(tmpdir(), 'ciport-shim-')), 'bash_env');
  writeFileSync(bashEnv, '');
  const clean = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/home/circleci', BASH_ENV: bashEnv, ...env };
  const step = spawnSync('bash', ['-eo', 'pipefail', '-c', command], { env: clean, ...quiet });
  expect(step.status, step.stderr).toBe(0);
  // A later step: bash sources $BASH_ENV before its command (BASH_ENV is bash's own start-up file).
  const later = spawnSync('bash', ['-c', `printf '%s' "$${name}"`], { env: clean, ...quiet });
  expect(later.status, later.stderr + readFileSync(bashEnv, 'utf8')).toBe(0);
  return later.stdout;
}

/** A 1.0 `machine.environment` value, which 1.0 exports through the shell. */
function runShim1(value: string, name: string, env: Record<string, string>): string {
  const run = spawnSync('bash', ['-c', `export ${name}="${value}"; printf '%s' "$${name}"`], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env }, ...quiet });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout;
}

const long = `Feature/JIRA-1234_${'Improve.Caching_For-Large.Repos_'.repeat(2)}`.slice(0, 70);
const cutAtDash = `${'a'.repeat(62)}/tail`; // the 63rd character is a dash GitLab strips
const refs = ['Feature/ABC_12.x', long, cutAtDash, '--Release/2024.1--', 'fix/Café-Ünïcode', 'main'];

describe('CI_COMMIT_REF_SLUG shim', () => {
  it('is the slug GitLab documents, for branches, in CircleCI 2.x', () => {
    expect(long).toHaveLength(70);
    const command = shimStep(toCircleci2(gitlabFile('docker build -t app:$CI_COMMIT_REF_SLUG .')).doc);
    for (const ref of refs) {
      const slug = runShim2(command, 'CI_COMMIT_REF_SLUG', { CIRCLE_BRANCH: ref });
      expect(slug, ref).toBe(gitlabSlug(ref));
      expect(slug.length).toBeLessThanOrEqual(63);
    }
    expect(gitlabSlug('Feature/ABC_12.x')).toBe('feature-abc-12-x');
    expect(gitlabSlug(cutAtDash)).toBe('a'.repeat(62));
  });

  it('slugs the tag in a tag build, where CircleCI sets CIRCLE_TAG (and no branch)', () => {
    const command = shimStep(toCircleci2(gitlabFile('echo $CI_COMMIT_REF_SLUG')).doc);
    expect(runShim2(command, 'CI_COMMIT_REF_SLUG', { CIRCLE_TAG: 'V1.2.3-RC.1' })).toBe('v1-2-3-rc-1');
  });

  it('is the same slug in CircleCI 1.0 machine.environment', () => {
    const { doc } = toCircleci1(gitlabFile('echo $CI_COMMIT_REF_SLUG'));
    const value = doc.machine.environment.CI_COMMIT_REF_SLUG as string;
    for (const ref of refs) expect(runShim1(value, 'CI_COMMIT_REF_SLUG', { CIRCLE_BRANCH: ref }), ref).toBe(gitlabSlug(ref));
  });

  it('warns once that a fork pull request is slugged under its CircleCI branch name', () => {
    const { diagnostics } = toCircleci2(gitlabFile('echo $CI_COMMIT_REF_SLUG $CI_COMMIT_REF_SLUG'));
    const found = diagnostics.filter((d) => d.message.includes('$CI_COMMIT_REF_SLUG'));
    expect(found.map((d) => [d.code, d.severity])).toEqual([['semantic-difference', 'warning']]);
  });
});

describe('other computed GitLab variables', () => {
  const script = 'echo $CI_COMMIT_SHORT_SHA $CI_COMMIT_BRANCH $CI_COMMIT_REF_NAME $CI_COMMIT_SHA';
  const env = { CIRCLE_SHA1: '0123456789abcdef0123456789abcdef01234567', CIRCLE_BRANCH: 'feature/x' };

  it('gives GitLab values in CircleCI 2.x', () => {
    const command = shimStep(toCircleci2(gitlabFile(script)).doc);
    expect(runShim2(command, 'CI_COMMIT_SHORT_SHA', env)).toBe('01234567');
    expect(runShim2(command, 'CI_COMMIT_BRANCH', env)).toBe('feature/x');
    expect(runShim2(command, 'CI_COMMIT_REF_NAME', env)).toBe('feature/x');
    expect(runShim2(command, 'CI_COMMIT_SHA', env)).toBe(env.CIRCLE_SHA1);
    expect(runShim2(command, 'CI_COMMIT_REF_NAME', { ...env, CIRCLE_TAG: 'v2' })).toBe('v2');
  });

  it('gives GitLab values in CircleCI 1.0', () => {
    const environment = toCircleci1(gitlabFile(script)).doc.machine.environment as Record<string, string>;
    expect(runShim1(environment.CI_COMMIT_SHORT_SHA!, 'X', env)).toBe('01234567');
    expect(runShim1(environment.CI_COMMIT_REF_NAME!, 'X', env)).toBe('feature/x');
    expect(runShim1(environment.CI_COMMIT_BRANCH!, 'X', env)).toBe('feature/x');
  });

  it('gives CI_PROJECT_DIR as an absolute path in CircleCI 2.x, where the working directory can start with ~', () => {
    const command = shimStep(toCircleci2(gitlabFile('cd "$CI_PROJECT_DIR/app"')).doc);
    expect(runShim2(command, 'CI_PROJECT_DIR', { CIRCLE_WORKING_DIRECTORY: '~/project' })).toBe('/home/circleci/project');
    expect(runShim2(command, 'CI_PROJECT_DIR', { CIRCLE_WORKING_DIRECTORY: '/src/a~b' })).toBe('/src/a~b');
  });

  it('keeps the shim table to names GitLab predefines, with a 1.0 shim wherever 1.0 has the value', () => {
    const two = shimsOf('gitlab', 'circleci2');
    const one = shimsOf('gitlab', 'circleci1');
    expect([...two.keys()].filter((name) => !one.has(name))).toEqual(['CI_PROJECT_DIR']);
    expect(two.get('CI_COMMIT_SHORT_SHA')).toMatchObject({ exact: true });
    expect(shimsOf('circleci2', 'circleci1').size).toBe(0);
  });
});

describe('GitLab variables CircleCI cannot give', () => {
  const text = 'deploy:\n  image: docker\n  script:\n    - docker login -u $CI_REGISTRY_USER -p $CI_REGISTRY_PASSWORD $CI_REGISTRY\n    - docker push $CI_REGISTRY/app\n    - echo $CI_RUNNER_ID\ntest:\n  image: alpine\n  script:\n    - echo $CI_REGISTRY $CI_RUNNER_ID\n';

  for (const [target, unavailable] of [
    ['circleci2', 'circleci2-variable-unavailable'],
    ['circleci1', 'circleci1-variable-unavailable'],
  ] as const) {
    it(`names each once in ${target}: registry values as variables to create, others as unavailable`, () => {
      const { diagnostics } = target === 'circleci2' ? toCircleci2(text) : toCircleci1(text);
      const about = (name: string) => diagnostics.filter((d) => new RegExp(`\\$?\\b${name}\\b`).test(d.message)).map((d) => d.code);
      expect(about('CI_REGISTRY')).toEqual(['manual-secret']);
      expect(about('CI_REGISTRY_USER')).toEqual(['manual-secret']);
      expect(about('CI_RUNNER_ID')).toEqual([unavailable]);
      const registry = diagnostics.find((d) => d.message.includes('variable CI_REGISTRY '))!;
      expect(registry.message).toContain('used by 2 jobs "deploy", "test", set by GitLab itself');
      const password = diagnostics.find((d) => d.message.includes('CI_REGISTRY_PASSWORD'))!;
      expect(password.hint).toContain('It is a secret');
    });
  }

  it('says nothing of a registry variable the file defines itself', () => {
    const { diagnostics } = toCircleci2(gitlabFile('docker push $CI_REGISTRY/app', 'variables:\n  CI_REGISTRY: registry.example.com\n'));
    expect(diagnostics.filter((d) => d.message.includes('CI_REGISTRY'))).toEqual([]);
  });

  it('still names a CircleCI 2.x value 1.0 lacks, which stays in the same project settings', () => {
    const text = 'version: 2.1\njobs:\n  build:\n    docker: [{image: cimg/base:2024.01}]\n    steps:\n      - run: echo $CIRCLE_PROJECT_ID\nworkflows:\n  main:\n    jobs: [build]\n';
    const result = translate({ file: '.circleci/config.yml', text, from: 'circleci2', to: 'circleci1' });
    expect(result.diagnostics.filter((d) => d.message.includes('CIRCLE_PROJECT_ID')).map((d) => d.code)).toEqual(['circleci1-variable-unavailable']);
  });
});
