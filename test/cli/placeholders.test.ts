/**
 * `--placeholders fail|pass` (issue 14, fail closed): a step ciport cannot translate becomes a
 * command that fails the job (default), or with `pass` one that prints the same message and lets
 * the job go on; the diagnostic says which. The written commands are run with sh to show what
 * they do.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { translate } from '../../src/translate.js';
import { ciport, gitRepo, removeTempDirs, tempDir, writeTree } from '../commands/helpers.js';

afterAll(removeTempDirs);

const unknownOrb = `version: 2.1
orbs:
  acme: acme/tools@1.2.3
jobs:
  build:
    docker:
      - image: cimg/base:2024.01
    steps:
      - checkout
      - acme/publish
      - run: make
workflows:
  ci:
    jobs: [build]
`;
const message = 'ciport: the circleci2 step "acme/publish" was not translated; replace this';
const passes = 'only prints a message marks its place (--placeholders=pass)';

function configFile(text: string, name = '.circleci/config.yml'): string {
  const dir = tempDir();
  writeTree(dir, { [name]: text });
  return join(dir, name);
}

/** The placeholder line of a GitLab output, run in sh: its exit status and what it printed. */
function runGitlabPlaceholder(output: string): { line: string; status: number | null; stderr: string } {
  const script = (parse(output) as { build: { script: string[] } }).build.script;
  const line = script.find((l) => l.includes('ciport:'))!;
  const run = spawnSync('sh', ['-c', line], { encoding: 'utf8' });
  return { line, status: run.status, stderr: run.stderr };
}

describe('--placeholders', () => {
  it('fails the job by default and with fail, and says so', () => {
    const input = configFile(unknownOrb);
    for (const args of [[], ['--placeholders', 'fail']]) {
      const run = ciport(['convert', input, '--to', 'gitlab', ...args]);
      expect(run.code).toBe(0);
      const placeholder = runGitlabPlaceholder(run.stdout);
      expect(placeholder.status).toBe(1);
      expect(placeholder.stderr).toBe(`${message} line\n`);
      expect(run.stderr).toContain('a placeholder that fails the job marks its place [unmapped-step]');
    }
  });

  it('with pass, prints the same message and lets the next lines run, and the warning says the job passes without the step', () => {
    const input = configFile(unknownOrb);
    const run = ciport(['convert', input, '--to', 'gitlab', '--placeholders=pass']);
    expect(run.code).toBe(0);
    const placeholder = runGitlabPlaceholder(run.stdout);
    expect(placeholder.status).toBe(0);
    expect(placeholder.stderr).toBe(`${message} line\n`);
    // GitLab runs a job's script lines in one shell: the placeholder must not end it (no exit 0 either).
    const script = (parse(run.stdout) as { build: { script: string[] } }).build.script;
    const rest = [...script.slice(script.indexOf(placeholder.line)).map((l) => (l === 'make' ? 'true' : l)), 'echo after'];
    const whole = spawnSync('sh', ['-e', '-c', rest.join('\n')], { encoding: 'utf8' });
    expect(whole.stdout).toBe('after\n');
    expect(run.stderr).toContain(`manual task: job "build": step "acme/publish" (circleci2) has no GitLab translation; a placeholder line that ${passes}: the job passes without doing the step [unmapped-step]`);
  });

  it('with pass, writes passing placeholders for CircleCI 1.0 and 2.x targets too', () => {
    const onePointO = ciport(['convert', configFile(unknownOrb), '--to', 'circleci1', '--placeholders', 'pass']);
    expect(onePointO.stdout).toContain(`echo '${message.replace(/"/g, '\\"')} command' >&2"`);
    expect(onePointO.stdout).not.toContain('exit 1');
    expect(onePointO.stderr).toContain(`manual task: the step "acme/publish" has no CircleCI 1.0 form; a placeholder command that ${passes}: the build passes without doing the step`);

    // A lone 1.0 file: the commands 1.0 inferred are unknown, each a placeholder step in 2.x.
    const lone = configFile('machine:\n  node:\n    version: 8\n', 'circle.yml');
    const commandsOf = (output: string) =>
      Object.values((parse(output) as { jobs: Record<string, { steps: unknown[] }> }).jobs)
        .flatMap((job) => job.steps)
        .flatMap((s) => (typeof s === 'object' && s && 'run' in s ? [(s as { run: { command: string } }).run.command] : []))
        .filter((c) => c.includes('ciport:'));
    const failing = ciport(['convert', lone, '--to', 'circleci2']);
    const passing = ciport(['convert', lone, '--to', 'circleci2', '--placeholders', 'pass']);
    expect(commandsOf(passing.stdout).length).toBeGreaterThan(0);
    expect(commandsOf(passing.stdout).length).toBe(commandsOf(failing.stdout).length);
    for (const c of commandsOf(failing.stdout)) expect(spawnSync('sh', ['-c', c]).status).toBe(1);
    for (const c of commandsOf(passing.stdout)) expect(spawnSync('sh', ['-c', c]).status).toBe(0);
    expect(passing.stderr).toContain(`a placeholder step that ${passes}: the job passes without doing the step`);
  });

  it('leaves the difference named: the behaviour comparison still finds the step missing, and the warning names it', () => {
    for (const to of ['gitlab', 'circleci1'] as const) {
      const r = translate({ file: '.circleci/config.yml', text: unknownOrb, from: 'circleci2', to, emit: { placeholders: 'pass' } });
      expect(r.output).toContain('acme/publish\\" was not translated; replace this');
      expect(r.output).not.toContain('exit 1');
      expect(r.behaviour?.differences.map((d) => d.kind)).toContain('command-changed');
      expect(r.behaviour?.unnamed).toEqual([]);
    }
  });

  it('reaches migrate, diff and audit, and audit records and compares it only when not the default', () => {
    const repo = gitRepo({ '.circleci/config.yml': unknownOrb });
    const migrate = ciport(['migrate', repo, '--to', 'gitlab', '--dry-run', '--placeholders', 'pass']);
    expect(migrate.stdout).toContain(`echo '${message.replace(/"/g, '\\"')} line' >&2"`);
    expect(migrate.stdout).toContain('the job passes without doing the step');
    const diff = ciport(['diff', repo, '--to', 'gitlab', '--placeholders', 'pass']);
    expect(diff.stdout).toContain(`+    - "echo '${message.replace(/"/g, '\\"')} line' >&2"`);

    const org = tempDir();
    writeTree(org, { 'app/.circleci/config.yml': unknownOrb });
    const summaryOf = (out: string) => JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { run: { options: Record<string, unknown> } };

    const passing = join(tempDir(), 'report');
    expect(ciport(['audit', org, '--to', 'gitlab', '--out', passing, '--jobs', '1', '--placeholders', 'pass']).code).toBe(0);
    expect(readFileSync(join(passing, 'repos', 'app', '.gitlab-ci.yml'), 'utf8')).not.toContain('exit 1');
    expect(summaryOf(passing).run.options.placeholders).toBe('pass');
    expect(readFileSync(join(passing, 'summary.md'), 'utf8')).toContain('(placeholders that only print a message)');
    // Resumed without it, the run would mix passing and failing placeholders: refused.
    const resumed = ciport(['audit', org, '--to', 'gitlab', '--out', passing, '--jobs', '1', '--resume']);
    expect(resumed.code).toBe(2);
    expect(resumed.stderr).toContain('(--placeholders pass there, (not given) here)');

    const failing = join(tempDir(), 'report');
    expect(ciport(['audit', org, '--to', 'gitlab', '--out', failing, '--jobs', '1', '--placeholders', 'fail']).code).toBe(0);
    expect(summaryOf(failing).run.options).not.toHaveProperty('placeholders');
    expect(readFileSync(join(failing, 'summary.md'), 'utf8')).toContain('(placeholders that fail the job)');
    // fail is the default: a run given it resumes as one given nothing.
    expect(ciport(['audit', org, '--to', 'gitlab', '--out', failing, '--jobs', '1', '--resume']).code).toBe(0);
  });

  it('refuses another mode as bad usage, and suggests the option for a misspelling', () => {
    const input = configFile(unknownOrb);
    const run = ciport(['convert', input, '--to', 'gitlab', '--placeholders', 'skip']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain("option '--placeholders <mode>' argument 'skip' is invalid. Allowed choices are fail, pass.");
    const misspelt = ciport(['convert', input, '--to', 'gitlab', '--placeholder', 'pass']);
    expect(misspelt.code).toBe(2);
    expect(misspelt.stderr).toContain('(Did you mean --placeholders?)');
  });
});
