/**
 * `ciport migrate`, end to end through the CLI in a child process over the real translation: what
 * is written, refused, committed, and what MIGRATION.md says about the translation.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { circle2Config, ciport, git, gitRepo, removeTempDirs, tempDir, writeTree } from './helpers.js';

afterAll(removeTempDirs);

const circleRepo = () => writeTree(tempDir(), { '.circleci/config.yml': circle2Config, 'README.md': '# app\n' });

describe('ciport migrate', () => {
  it('writes the target at its conventional path and MIGRATION.md next to it, keeping the source', () => {
    const dir = circleRepo();
    const run = ciport(['migrate', dir, '--to', 'gitlab']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`wrote ${join(dir, '.gitlab-ci.yml')}`);
    expect(readFileSync(join(dir, '.gitlab-ci.yml'), 'utf8')).toMatch(/^build:\n  stage: build\n  image: node:20\n/m);
    const notes = readFileSync(join(dir, 'MIGRATION.md'), 'utf8');
    expect(notes).toContain('- 2 jobs: `build`, `deploy`');
    expect(notes).toContain('- 1 workflow: `main`');
    // Every warning with file:line:col, every manual task as a checklist item.
    expect(notes).toContain('## Warnings\n\n- `.circleci/config.yml:12:5` job "deploy": parallelism 2 became parallel;');
    expect(notes).toContain('## Manual tasks\n\n- [ ] `.circleci/config.yml:21:9` context "production" (used by deploy): create its variables');
    expect(existsSync(join(dir, '.circleci/config.yml'))).toBe(true);
    expect(run.stderr).toContain('manual task:');
  });

  it('writes MIGRATION.md beside a target that lives in a folder', () => {
    const dir = writeTree(tempDir(), { '.gitlab-ci.yml': 'build:\n  script: [make]\n' });
    const run = ciport(['migrate', dir, '--to', 'circleci2']);
    expect(run.code).toBe(0);
    expect(existsSync(join(dir, '.circleci/config.yml'))).toBe(true);
    expect(existsSync(join(dir, '.circleci/MIGRATION.md'))).toBe(true);
  });

  it('is deterministic: the same input gives the same bytes', () => {
    const a = circleRepo();
    const b = circleRepo();
    ciport(['migrate', a, '--to', 'gitlab']);
    ciport(['migrate', b, '--to', 'gitlab']);
    for (const file of ['.gitlab-ci.yml', 'MIGRATION.md']) expect(readFileSync(join(a, file), 'utf8')).toBe(readFileSync(join(b, file), 'utf8'));
  });

  it('never overwrites an existing target or MIGRATION.md without --force', () => {
    const dir = circleRepo();
    writeFileSync(join(dir, '.gitlab-ci.yml'), 'mine: true\n');
    const refused = ciport(['migrate', dir, '--to', 'gitlab']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('.gitlab-ci.yml already exists; nothing was written [output-exists]');
    expect(refused.stderr).toContain('--force');
    expect(readFileSync(join(dir, '.gitlab-ci.yml'), 'utf8')).toBe('mine: true\n');
    expect(existsSync(join(dir, 'MIGRATION.md'))).toBe(false);

    const notesOnly = circleRepo();
    writeFileSync(join(notesOnly, 'MIGRATION.md'), 'notes\n');
    expect(ciport(['migrate', notesOnly, '--to', 'gitlab']).code).toBe(2);
    expect(existsSync(join(notesOnly, '.gitlab-ci.yml'))).toBe(false);

    const forced = ciport(['migrate', dir, '--to', 'gitlab', '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(join(dir, '.gitlab-ci.yml'), 'utf8')).toContain('build:');
  });

  it('--dry-run prints paths and contents and writes nothing', () => {
    const dir = circleRepo();
    const run = ciport(['migrate', dir, '--to', 'gitlab', '--dry-run', '--remove-source']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('dry run: nothing was written');
    expect(run.stdout).toContain(`--- would create ${join(dir, '.gitlab-ci.yml')}`);
    expect(run.stdout).toContain(`--- would create ${join(dir, 'MIGRATION.md')}`);
    expect(run.stdout).toContain(`--- would remove ${join(dir, '.circleci/config.yml')}`);
    expect(run.stdout).toContain('# Migration from CircleCI 2.x');
    expect(existsSync(join(dir, '.gitlab-ci.yml'))).toBe(false);
    expect(existsSync(join(dir, 'MIGRATION.md'))).toBe(false);
    expect(existsSync(join(dir, '.circleci/config.yml'))).toBe(true);
  });

  it('--dry-run never prints a secret value', () => {
    const config = circle2Config.replace('    parallelism: 2\n', '    parallelism: 2\n    environment:\n      DB_PASSWORD: hunter2secretvalue\n');
    const dir = writeTree(tempDir(), { '.circleci/config.yml': config });
    const run = ciport(['migrate', dir, '--to', 'gitlab', '--dry-run']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout + run.stderr).not.toContain('hunter2secretvalue');
    // Masked in the printed output, in the code frame of the diagnostic, and named as a manual task.
    expect(run.stdout).toContain('  variables:\n    DB_PASSWORD: ****\n');
    expect(run.stderr).toContain('14 |       DB_PASSWORD: ****');
    expect(run.stdout).toContain('DB_PASSWORD looks like a credential; move it to a masked CI/CD variable (`manual-secret`)');
  });

  it('writes nothing and exits 2 when the translation is fatal', () => {
    const dir = writeTree(tempDir(), { '.circleci/config.yml': 'version: 2\njobs: [\n' });
    const run = ciport(['migrate', dir, '--to', 'gitlab']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('[yaml-syntax]');
    expect(run.stdout).toBe('');
    expect(existsSync(join(dir, '.gitlab-ci.yml'))).toBe(false);
    expect(existsSync(join(dir, 'MIGRATION.md'))).toBe(false);
  });

  it('exits 1 with error diagnostics (still writing) and with warnings under --strict', () => {
    // No workflow and no job named build: an error (nothing runs on push), not a fatal one.
    const withError = writeTree(tempDir(), { '.circleci/config.yml': 'version: 2\njobs:\n  test:\n    docker: [{image: node:20}]\n    steps: [checkout, run: make]\n' });
    const run = ciport(['migrate', withError, '--to', 'gitlab']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('.circleci/config.yml:2:1: error: the configuration has no "workflows" and no job named "build"; nothing runs on push [missing-key]');
    expect(existsSync(join(withError, '.gitlab-ci.yml'))).toBe(true);
    expect(ciport(['migrate', circleRepo(), '--to', 'gitlab', '--strict']).code).toBe(1);
  });

  it('refuses a repository with several configurations unless --from says which', () => {
    const dir = writeTree(tempDir(), { 'circle.yml': 'test:\n  override:\n    - make\n', '.circleci/config.yml': circle2Config });
    const refused = ciport(['migrate', dir, '--to', 'gitlab']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('[input-ambiguous]');
    expect(refused.stderr).toContain('--from');
    expect(existsSync(join(dir, '.gitlab-ci.yml'))).toBe(false);
    expect(ciport(['migrate', dir, '--to', 'gitlab', '--from', 'circleci2']).code).toBe(0);
  });

  it('does not count the target it generated earlier as a second source', () => {
    const dir = circleRepo();
    expect(ciport(['migrate', dir, '--to', 'gitlab']).code).toBe(0);
    const first = readFileSync(join(dir, '.gitlab-ci.yml'), 'utf8');
    const again = ciport(['migrate', dir, '--to', 'gitlab', '--force']);
    expect(again.code, again.stderr).toBe(0);
    expect(readFileSync(join(dir, 'MIGRATION.md'), 'utf8')).toContain('ciport translated `.circleci/config.yml` (circleci2) into `.gitlab-ci.yml` (gitlab).');
    expect(readFileSync(join(dir, '.gitlab-ci.yml'), 'utf8')).toBe(first);
  });

  it('refuses a file, a missing directory and a repository without configuration with exit 2', () => {
    const dir = circleRepo();
    expect(ciport(['migrate', join(dir, '.circleci/config.yml'), '--to', 'gitlab']).stderr).toContain('[input-not-directory]');
    expect(ciport(['migrate', join(dir, 'nope'), '--to', 'gitlab']).code).toBe(2);
    const empty = writeTree(tempDir(), { 'README.md': 'x\n' });
    const run = ciport(['migrate', empty, '--to', 'gitlab']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('[input-not-found]');
    expect(ciport(['migrate', dir, '--to', 'jenkins']).code).toBe(2);
  });

  it('--remove-source deletes the source after writing', () => {
    const dir = circleRepo();
    const run = ciport(['migrate', dir, '--to', 'gitlab', '--remove-source']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`removed ${join(dir, '.circleci/config.yml')}`);
    expect(existsSync(join(dir, '.circleci/config.yml'))).toBe(false);
    expect(existsSync(join(dir, '.gitlab-ci.yml'))).toBe(true);
  });

  it('defaults to the current directory', () => {
    const dir = circleRepo();
    const run = ciport(['migrate', '--to', 'gitlab'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('wrote .gitlab-ci.yml');
  });
});

describe('ciport migrate --branch', () => {
  it('commits the migration on a new branch with a summarising message', () => {
    const dir = gitRepo({ '.circleci/config.yml': circle2Config, 'README.md': '# app\n' });
    const run = ciport(['migrate', dir, '--to', 'gitlab', '--branch', 'ciport/gitlab', '--remove-source']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/committed [0-9a-f]{7,} on new branch ciport\/gitlab/);
    expect(git(dir, ['rev-parse', '--abbrev-ref', 'HEAD']).trim()).toBe('ciport/gitlab');
    const message = git(dir, ['log', '-1', '--format=%B']);
    expect(message).toContain('Migrate CI from circleci2 to gitlab');
    expect(message).toContain('2 jobs, 1 workflow.');
    expect(message).toContain('1 warning, 1 manual task: see MIGRATION.md.');
    const changed = git(dir, ['show', '--name-status', '--format=', 'HEAD']).trim().split('\n').sort();
    expect(changed).toEqual(['A\t.gitlab-ci.yml', 'A\tMIGRATION.md', 'D\t.circleci/config.yml']);
    expect(git(dir, ['status', '--porcelain'])).toBe('');
    // The original branch is untouched.
    expect(git(dir, ['show', '--name-only', '--format=', 'main']).trim().split('\n').sort()).toEqual(['.circleci/config.yml', 'README.md']);
  });

  it('refuses when the directory is not a git repository, writing nothing', () => {
    const dir = circleRepo();
    const run = ciport(['migrate', dir, '--to', 'gitlab', '--branch', 'migrate']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('[git-not-repository]');
    expect(existsSync(join(dir, '.gitlab-ci.yml'))).toBe(false);
  });

  it('refuses when the branch exists', () => {
    const dir = gitRepo({ '.circleci/config.yml': circle2Config });
    git(dir, ['branch', 'taken']);
    const run = ciport(['migrate', dir, '--to', 'gitlab', '--branch', 'taken']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('branch taken already exists [git-branch-exists]');
    expect(existsSync(join(dir, '.gitlab-ci.yml'))).toBe(false);
  });

  it('refuses when other changes are staged', () => {
    const dir = gitRepo({ '.circleci/config.yml': circle2Config, 'app.js': 'one\n' });
    writeFileSync(join(dir, 'app.js'), 'two\n');
    git(dir, ['add', 'app.js']);
    const run = ciport(['migrate', dir, '--to', 'gitlab', '--branch', 'migrate']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('[git-staged-changes]');
    expect(run.stderr).toContain('app.js');
    expect(existsSync(join(dir, '.gitlab-ci.yml'))).toBe(false);
    expect(git(dir, ['rev-parse', '--abbrev-ref', 'HEAD']).trim()).toBe('main');
  });

  it('refuses an invalid branch name', () => {
    const dir = gitRepo({ '.circleci/config.yml': circle2Config });
    const run = ciport(['migrate', dir, '--to', 'gitlab', '--branch', 'bad..name']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('not a valid branch name');
  });

  it('with --dry-run only says it would commit', () => {
    const dir = gitRepo({ '.circleci/config.yml': circle2Config });
    const run = ciport(['migrate', dir, '--to', 'gitlab', '--branch', 'later', '--dry-run']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--- would commit on new branch later');
    expect(git(dir, ['branch', '--list', 'later'])).toBe('');
  });
});

describe('ciport migrate paths', () => {
  it('names the diagnostics from the git top level, and MIGRATION.md from the repository folder', () => {
    const top = gitRepo({ 'services/api/.circleci/config.yml': circle2Config });
    const dir = join(top, 'services', 'api');
    const run = ciport(['migrate', dir, '--to', 'gitlab']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/^services\/api\/\.circleci\/config\.yml:\d+:5: warning: .*\[gitlab-parallel-index\]/m);
    expect(readFileSync(join(dir, 'MIGRATION.md'), 'utf8')).toMatch(/`\.circleci\/config\.yml:\d+:5`/);
  });
});
