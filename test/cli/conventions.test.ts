/**
 * CLI conventions shared with eslint, tsc and actionlint, on the real CLI: colour decided from the
 * terminal, NO_COLOR, FORCE_COLOR and --color; a closing summary line; --quiet; --max-warnings;
 * --format text|json on every reporting command; `-` for standard input; "did you mean".
 */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanCircle2Config } from '../commands/helpers.js';
import { runCli } from '../support/run-cli.js';

/** One warning (gitlab-parallel-index, in job build) and one manual task (manual-context at 14:9) for --to gitlab. */
const warnedConfig = `version: 2
jobs:
  build:
    docker:
      - image: node:20
    parallelism: 2
    steps:
      - checkout
      - run: npm test
workflows:
  version: 2
  main:
    jobs:
      - build:
          context: production
`;

const ansi = /\u001b\[/;
/** No colour from the environment unless a test sets it: vitest's own FORCE_COLOR must not leak in. */
const plainEnv = { NO_COLOR: undefined, FORCE_COLOR: undefined };

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'ciport-conventions-'));
}

function configFile(text = warnedConfig, name = 'config.yml'): string {
  const file = join(tempDir(), name);
  writeFileSync(file, text);
  return file;
}

/** A repository folder with one configuration, at the CircleCI 2.x path. */
function repo(text = warnedConfig, dir = tempDir()): string {
  mkdirSync(join(dir, '.circleci'), { recursive: true });
  writeFileSync(join(dir, '.circleci', 'config.yml'), text);
  return dir;
}

describe('colour', () => {
  const file = configFile();
  const stderrOf = (args: string[], env: NodeJS.ProcessEnv) => runCli(['convert', file, '--to', 'gitlab', ...args], { env: { ...plainEnv, ...env } }).stderr;

  it('is off in a pipe, and on under FORCE_COLOR or --color', () => {
    expect(stderrOf([], {})).not.toMatch(ansi);
    const forced = stderrOf([], { FORCE_COLOR: '1' });
    expect(forced).toContain('\u001b[33mwarning\u001b[0m');
    expect(forced).toContain('\u001b[35mmanual task\u001b[0m');
    expect(stderrOf(['--color'], {})).toContain('\u001b[33mwarning\u001b[0m');
  });

  it('is off under NO_COLOR, FORCE_COLOR=0 and --no-color, and --no-color beats FORCE_COLOR', () => {
    expect(stderrOf(['--color'], { NO_COLOR: '1' })).toMatch(ansi); // the flag wins over the environment
    expect(stderrOf([], { NO_COLOR: '1' })).not.toMatch(ansi);
    expect(stderrOf([], { FORCE_COLOR: '0' })).not.toMatch(ansi);
    expect(stderrOf(['--no-color'], { FORCE_COLOR: '1' })).not.toMatch(ansi);
  });

  it('leaves the translated YAML uncoloured', () => {
    const run = runCli(['convert', file, '--to', 'gitlab', '--color']);
    expect(run.stdout).toContain('parallel: 2');
    expect(run.stdout).not.toMatch(ansi);
  });
});

describe('summary line, --quiet and --max-warnings', () => {
  const file = configFile();

  it('closes the diagnostics with the counts', () => {
    const run = runCli(['convert', file, '--to', 'gitlab']);
    expect(run.status).toBe(0);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines.at(-1)).toBe('0 errors, 1 warning, 1 manual task, 0 notes');
    expect(run.stderr).toMatch(/config\.yml:\d+:5: warning: .*\[gitlab-parallel-index\]/);
  });

  it('prints nothing on stderr when there is nothing to report', () => {
    const clean = configFile(cleanCircle2Config);
    const run = runCli(['convert', clean, '--to', 'gitlab']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
  });

  it('--quiet shows errors only, still counting what it hides', () => {
    const run = runCli(['convert', file, '--to', 'gitlab', '--quiet']);
    expect(run.status).toBe(0);
    expect(run.stderr).not.toContain('[gitlab-parallel-index]');
    expect(run.stderr).not.toContain('[manual-context]');
    expect(run.stderr).toBe('0 errors, 1 warning, 1 manual task, 0 notes (2 not shown under --quiet)\n');
    const json = JSON.parse(runCli(['convert', file, '--to', 'gitlab', '--quiet', '--format', 'json']).stdout);
    expect(json.diagnostics).toEqual([]);
    expect(json.counts).toEqual({ errors: 0, warnings: 1, manualTasks: 1, notes: 0 });
  });

  it('--quiet still shows an error', () => {
    const broken = configFile('version: 2\njobs:\n  build: [unclosed\n');
    const run = runCli(['convert', broken, '--to', 'gitlab', '--quiet']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/config\.yml:4:1: error: .*\[yaml-syntax\]/);
  });

  it('--max-warnings N exits 1 only past N warnings, under --quiet too', () => {
    expect(runCli(['convert', file, '--to', 'gitlab', '--max-warnings', '1']).status).toBe(0);
    expect(runCli(['convert', file, '--to', 'gitlab', '--max-warnings', '0']).status).toBe(1);
    expect(runCli(['convert', file, '--to', 'gitlab', '--max-warnings', '0', '--quiet']).status).toBe(1);
    expect(runCli(['migrate', repo(), '--to', 'gitlab', '--dry-run', '--max-warnings', '0']).status).toBe(1);
    expect(runCli(['diff', repo(), '--to', 'gitlab', '--max-warnings', '0']).status).toBe(1);
    expect(runCli(['diff', repo(), '--to', 'gitlab', '--max-warnings', '5']).status).toBe(0);
    const bad = runCli(['convert', file, '--to', 'gitlab', '--max-warnings', 'many']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--max-warnings must be a whole number');
  });

  it('migrate and diff close with the same line', () => {
    expect(runCli(['migrate', repo(), '--to', 'gitlab', '--dry-run']).stderr.trimEnd().split('\n').at(-1)).toBe('0 errors, 1 warning, 1 manual task, 0 notes');
    expect(runCli(['diff', repo(), '--to', 'gitlab']).stderr).toContain('\n0 errors, 1 warning, 1 manual task, 0 notes\n');
  });
});

describe('--format json on every reporting command', () => {
  const record = { code: 'gitlab-parallel-index', severity: 'warning', file: '.circleci/config.yml', column: 5 };

  it('convert (also as --json)', () => {
    const file = configFile();
    for (const flag of [['--format', 'json'], ['--json']]) {
      const run = runCli(['convert', file, '--to', 'gitlab', ...flag]);
      expect(run.status).toBe(0);
      const body = JSON.parse(run.stdout);
      expect(body.output).toContain('parallel: 2');
      expect(body.diagnostics[0]).toMatchObject({ ...record, file });
      expect(Object.keys(body.diagnostics[0]).sort()).toEqual(['code', 'column', 'file', 'hint', 'line', 'message', 'severity']);
    }
  });

  it('migrate: what it did or would do, and the diagnostics', () => {
    const dir = repo();
    const dry = JSON.parse(runCli(['migrate', dir, '--to', 'gitlab', '--dry-run', '--format', 'json']).stdout);
    expect(dry.dryRun).toBe(true);
    expect(dry.planned.map((p: { path: string }) => p.path)).toEqual([join(dir, '.gitlab-ci.yml'), join(dir, 'MIGRATION.md')]);
    expect(dry.diagnostics[0]).toMatchObject(record);
    expect(existsSync(join(dir, '.gitlab-ci.yml'))).toBe(false);
    const run = runCli(['migrate', dir, '--to', 'gitlab', '--format', 'json']);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout).done).toEqual([`wrote ${join(dir, '.gitlab-ci.yml')}`, `wrote ${join(dir, 'MIGRATION.md')}`]);
    const refused = runCli(['migrate', dir, '--to', 'gitlab', '--format', 'json']);
    expect(refused.status).toBe(2);
    expect(JSON.parse(refused.stdout).diagnostics.map((d: { code: string }) => d.code)).toContain('output-exists');
  });

  it('diff: the patch, whether it differs, and the diagnostics', () => {
    const body = JSON.parse(runCli(['diff', repo(), '--to', 'gitlab', '--format', 'json']).stdout);
    expect(body.differs).toBe(true);
    expect(body.patch).toContain('+build:');
    expect(body.diagnostics[0]).toMatchObject(record);
    const text = runCli(['diff', repo(), '--to', 'gitlab', '--format', 'text']);
    expect(text.stdout).toContain('+build:');
  });

  it('audit: totals, counts and the files written', () => {
    const org = tempDir();
    repo(warnedConfig, join(org, 'one'));
    const out = join(tempDir(), 'report');
    const run = runCli(['audit', org, '--to', 'gitlab', '--out', out, '--format', 'json', '--jobs', '1']);
    expect(run.status, run.stderr).toBe(0);
    const body = JSON.parse(run.stdout);
    expect(body.totals).toMatchObject({ repositories: 1 });
    expect(body.counts).toEqual({ errors: 0, warnings: 1, manualTasks: 1, notes: 0 });
    expect(body.written).toContain(join(out, 'summary.json'));
    const text = runCli(['audit', org, '--to', 'gitlab', '--out', join(tempDir(), 'r'), '--jobs', '1']);
    expect(text.stdout.trimEnd().split('\n').at(-1)).toBe('0 errors, 1 warning, 1 manual task, 0 notes in 1 repository');
  });

  it('verify: unreadable input as diagnostic records', () => {
    const broken = configFile('version: 2\njobs:\n  build: [unclosed\n');
    const run = runCli(['verify', broken, configFile(), '--format', 'json']);
    expect(run.status).toBe(2);
    const body = JSON.parse(run.stdout);
    expect(body.diagnostics[0]).toMatchObject({ code: 'yaml-syntax', severity: 'error', file: broken, line: 4 });
  });
});

describe('standard input', () => {
  it('convert - reads the configuration, located by --stdin-filename', () => {
    const run = runCli(['convert', '-', '--to', 'gitlab', '--stdin-filename', '.circleci/config.yml'], { input: warnedConfig });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('parallel: 2');
    expect(run.stderr).toMatch(/^\.circleci\/config\.yml:\d+:5: warning: /);
  });

  it('refuses --stdin-filename without - as the input', () => {
    const run = runCli(['convert', configFile(), '--to', 'gitlab', '--stdin-filename', 'circle.yml']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--stdin-filename names standard input');
  });

  it('names it <stdin> without --stdin-filename', () => {
    const run = runCli(['convert', '-', '--to', 'gitlab', '--from', 'circleci2'], { input: warnedConfig });
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/^<stdin>:\d+:5: warning: /);
  });

  it('bad input on standard input: a located error, exit 2, nothing written', () => {
    const out = join(tempDir(), 'out.yml');
    const run = runCli(['convert', '-', '--to', 'gitlab', '--stdin-filename', 'circle.yml', '-o', out], { input: 'test: [unclosed\n' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^circle\.yml:\d+:\d+: error: .*\[yaml-syntax\]/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
    const binary = runCli(['convert', '-', '--to', 'gitlab'], { input: 'a\u0000b' });
    expect(binary.status).toBe(2);
    expect(binary.stderr).toContain('<stdin> contains NUL bytes');
  });

  it('verify reads one side from standard input, not both', () => {
    const gitlab = configFile('build:\n  image: node:20\n  script:\n    - npm test\n', '.gitlab-ci.yml');
    const same = runCli(['verify', '-', gitlab, '--stdin-filename', 'other/.gitlab-ci.yml'], { input: 'build:\n  image: node:20\n  script:\n    - npm test\n' });
    expect(same.status, same.stderr).toBe(0);
    expect(same.stdout).toContain('other/.gitlab-ci.yml and');
    const both = runCli(['verify', '-', '-'], { input: 'x' });
    expect(both.status).toBe(2);
    expect(both.stderr).toContain('only one of the two configurations can be read from standard input');
  });
});

describe('did you mean', () => {
  it('a misspelt format id', () => {
    const run = runCli(['convert', 'x.yml', '--to', 'gitlb']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('unknown format "gitlb" (did you mean "gitlab"?)');
    expect(runCli(['convert', 'x.yml', '--to', 'circelci2']).stderr).toContain('(did you mean "circleci2"?)');
    // Nothing close: no guess.
    expect(runCli(['convert', 'x.yml', '--to', 'jenkins']).stderr).not.toContain('did you mean');
  });

  it('a misspelt option or command, before complaining that --to is missing', () => {
    const option = runCli(['convert', 'x.yml', '--too', 'gitlab']);
    expect(option.status).toBe(2);
    expect(option.stderr).toContain("unknown option '--too'");
    expect(option.stderr).toContain('Did you mean --to?');
    const command = runCli(['convrt', 'x.yml']);
    expect(command.status).toBe(2);
    expect(command.stderr).toContain('Did you mean convert?');
  });

  it('a misspelt diagnostic code in explain', () => {
    const run = runCli(['explain', 'unknown-kye']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('unknown diagnostic code "unknown-kye" (did you mean "unknown-key"?)');
    expect(runCli(['explain', 'no-such-thing-at-all']).stderr).not.toContain('did you mean');
  });
});

describe('usage', () => {
  it('ciport with no command prints help on stderr and exits 2', () => {
    const run = runCli([]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Usage: ciport');
    expect(run.stderr).toContain('convert');
    expect(run.stdout).toBe('');
  });

  it('convert without input says the input is missing first, then --to', () => {
    const run = runCli(['convert']);
    expect(run.status).toBe(2);
    expect(run.stderr.split('\n')[0]).toContain("missing required argument 'input'");
    const noTo = runCli(['convert', 'x.yml']);
    expect(noTo.status).toBe(2);
    expect(noTo.stderr).toContain("required option '--to <format>' not specified");
  });
});
