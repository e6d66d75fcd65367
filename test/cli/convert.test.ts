/** The public `ciport convert` contract: streams, exit codes, --json, -o safety, help and version. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../support/run-cli.js';

const packageVersion = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version as string;

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'ciport-cli-'));
}

describe('ciport convert', () => {
  it('prints --version and --help and exits 0', () => {
    const version = runCli(['--version']);
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toBe(packageVersion);
    const help = runCli(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('convert');
    const commandHelp = runCli(['convert', '--help']);
    expect(commandHelp.status).toBe(0);
    expect(commandHelp.stdout).toContain('--to <format>');
  });

  it('exits 2 on bad usage', () => {
    expect(runCli(['convert']).status).toBe(2);
    const badFormat = runCli(['convert', 'x.yml', '--to', 'jenkins']);
    expect(badFormat.status).toBe(2);
    expect(badFormat.stderr).toContain('unknown format "jenkins"');
    expect(runCli(['convert', 'x.yml', '--to', 'circleci2@3.0']).stderr).toContain('has no version "3.0"');
    expect(runCli(['frobnicate']).status).toBe(2);
  });

  it('exits 2 with a located message for a file that is not YAML, and writes nothing', () => {
    const dir = tempDir();
    const input = join(dir, '.gitlab-ci.yml');
    writeFileSync(input, 'job:\n  script: [unclosed\n');
    const out = join(dir, 'out.yml');
    const run = runCli(['convert', input, '--to', 'circleci2', '-o', out]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/\.gitlab-ci\.yml:\d+:\d+: error: .*\[yaml-syntax\]/);
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(existsSync(out)).toBe(false);
  });

  it('exits 2 for a missing file and for an unrecognisable one', () => {
    const missing = runCli(['convert', '/nonexistent/circle.yml', '--to', 'gitlab']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('no such file or directory');
    const dir = tempDir();
    const other = join(dir, 'compose.yml');
    writeFileSync(other, 'services:\n  web:\n    image: nginx\n');
    const unknown = runCli(['convert', other, '--to', 'gitlab']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('[format-unknown]');
  });

  it('reports failure as JSON with output null', () => {
    const dir = tempDir();
    const input = join(dir, 'circle.yml');
    writeFileSync(input, 'test: [unclosed\n');
    const run = runCli(['convert', input, '--to', 'gitlab', '--json']);
    expect(run.status).toBe(2);
    const body = JSON.parse(run.stdout);
    expect(body.output).toBeNull();
    expect(body.to).toBe('gitlab');
    expect(body.diagnostics[0]).toMatchObject({ code: 'yaml-syntax', severity: 'error', file: input });
    expect(body.diagnostics[0].line).toBeGreaterThan(0);
  });

  it('refuses a repository with several configurations unless --from is given', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'circle.yml'), 'test:\n  override:\n    - make test\n');
    writeFileSync(join(dir, '.gitlab-ci.yml'), 'test:\n  script: make test\n');
    const run = runCli(['convert', dir, '--to', 'circleci2']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('[input-ambiguous]');
    expect(run.stderr).toContain('--from');
  });

  it('finds the configuration inside a repository directory', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, '.gitlab-ci.yml'), 'test:\n  script: [make test]\n');
    const run = runCli(['convert', dir, '--to', 'gitlab', '--json']);
    const body = JSON.parse(run.stdout);
    expect(body.from).toBe('gitlab');
    expect([0, 1]).toContain(run.status);
  });
});
