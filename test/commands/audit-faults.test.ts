/**
 * Faults in bulk runs: repositories that vanish mid-run, permission-denied folders and files, corrupt
 * git objects in bare repositories, and a disk that fills up while the report is written. Each run
 * must complete, name every failure in summary.json and summary.md, leave earlier output intact and
 * exit 1 (2 only when the summary itself cannot be written).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nobody, runningAsRoot, unprivilegedCanRunCli, unreachableCheckout } from '../support/unprivileged.js';
import { bareRepo, ciport, cleanCircle2Config, gitlabConfig, removeTempDirs, root, snapshot, tempDir, writeTree } from './helpers.js';

afterAll(removeTempDirs);

const faults = join(root, 'test', 'fixtures', 'faults', 'register.mjs');

interface Summary {
  totals: Record<string, number>;
  codes: Array<{ code: string; repositories: number }>;
  repositories: Array<{ name: string; status: string; files: string[]; reason?: string }>;
}

const readSummary = (out: string) => JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as Summary;
const byName = (summary: Summary) => Object.fromEntries(summary.repositories.map((r) => [r.name, r]));

const leftovers = (dir: string) => Object.keys(snapshot(dir)).filter((path) => /\.tmp\b|\.old\b/.test(path));

describe('audit: repositories that change or break during the run', () => {
  it('reports a repository deleted between listing and reading, and goes on', () => {
    const org = tempDir('ciport-vanish-');
    // Repositories run in name order with one worker: translating "a-remover" deletes "b-vanishes"
    // after discovery listed it and before its turn comes.
    writeTree(join(org, 'a-remover'), { '.gitlab-ci.yml': `${gitlabConfig}# fake: remove ${join(org, 'b-vanishes')}\n` });
    writeTree(join(org, 'b-vanishes'), { '.gitlab-ci.yml': gitlabConfig });
    writeTree(join(org, 'c-fine'), { '.gitlab-ci.yml': gitlabConfig });
    const out = join(tempDir(), 'out');
    // The fake: only its `# fake: remove` marker can delete a repository between discovery and its turn.
    // To CircleCI: a GitLab repository audited for GitLab would be on target, never translated.
    const run = ciport(['audit', org, '--to', 'circleci2', '--out', out, '--jobs', '1'], { fake: true });
    expect(run.code, run.stderr).toBe(1);
    expect(existsSync(join(org, 'b-vanishes'))).toBe(false);
    const repos = byName(readSummary(out));
    expect(repos['a-remover']!.status).toBe('success');
    expect(repos['c-fine']!.status).toBe('success');
    expect(repos['b-vanishes']).toMatchObject({ status: 'not-converted' });
    expect(repos['b-vanishes']!.reason).toContain('no such file or directory');
    expect(readSummary(out).codes).toEqual([expect.objectContaining({ code: 'input-unreadable', repositories: 1 })]);
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toContain('b-vanishes');
    expect(JSON.parse(readFileSync(join(out, 'repos/b-vanishes/diagnostics.json'), 'utf8'))).toMatchObject({ status: 'not-converted' });
  });

  it('reports corrupt git objects in bare repositories as failures, not as missing configurations', () => {
    const org = tempDir('ciport-corrupt-');
    const corruptObject = (bare: string, revision: string) => {
      const object = execFileSync('git', ['rev-parse', revision], { cwd: bare, encoding: 'utf8' }).trim();
      const file = join(bare, 'objects', object.slice(0, 2), object.slice(2));
      expect(existsSync(file), `${revision} is a loose object`).toBe(true);
      // Replace rather than overwrite: the clone may share the file with its source by a hard link.
      rmSync(file);
      writeFileSync(file, 'not a zlib stream');
    };
    corruptObject(bareRepo(org, 'blob.git', { '.circleci/config.yml': cleanCircle2Config }), 'HEAD:.circleci/config.yml');
    corruptObject(bareRepo(org, 'commit.git', { '.gitlab-ci.yml': gitlabConfig }), 'HEAD');
    bareRepo(org, 'fine.git', { '.circleci/config.yml': cleanCircle2Config });
    execFileSync('git', ['init', '-q', '--bare', join(org, 'empty.git')]);
    const out = join(tempDir(), 'out');
    const run = ciport(['audit', org, '--to', 'gitlab', '--out', out]);
    expect(run.code, run.stderr).toBe(1);
    const repos = byName(readSummary(out));
    expect(repos['fine.git']!.status).toBe('success');
    expect(repos['empty.git']).toMatchObject({ status: 'unsupported', reason: 'the bare repository has no commit at HEAD' });
    expect(repos['blob.git']).toMatchObject({ status: 'not-converted' });
    expect(repos['blob.git']!.reason).toMatch(/^cannot read \.circleci\/config\.yml at HEAD of the bare repository \(corrupt git object\?\)/);
    expect(repos['commit.git']).toMatchObject({ status: 'not-converted' });
    expect(repos['commit.git']!.reason).toMatch(/^cannot read HEAD of the bare repository: .*corrupt/);
    const md = readFileSync(join(out, 'summary.md'), 'utf8');
    expect(md).toContain('blob.git');
    expect(md).toContain('commit.git');
  });

  // Root reads everything: the run goes as an unprivileged user so permissions apply.
  const permissionTest = unprivilegedCanRunCli() ? it : it.skip;
  const permissionTitle = unprivilegedCanRunCli() ? '' : ` ${unreachableCheckout}`;
  permissionTest(`reports permission-denied folders and files${permissionTitle}`, () => {
    const base = tempDir('ciport-perm-');
    const org = join(base, 'org');
    writeTree(join(org, 'closed-folder'), { '.gitlab-ci.yml': gitlabConfig });
    writeTree(join(org, 'closed-file'), { '.gitlab-ci.yml': gitlabConfig });
    writeTree(join(org, 'open'), { '.gitlab-ci.yml': gitlabConfig });
    chmodSync(base, 0o755);
    for (const name of ['org', 'org/open', 'org/closed-file']) chmodSync(join(base, name), 0o755);
    chmodSync(join(org, 'open', '.gitlab-ci.yml'), 0o644);
    chmodSync(join(org, 'closed-file', '.gitlab-ci.yml'), 0o000);
    chmodSync(join(org, 'closed-folder'), 0o000);
    const outParent = tempDir();
    chmodSync(outParent, 0o777);
    const out = join(outParent, 'out');
    const run = ciport(['audit', org, '--to', 'circleci2', '--out', out], runningAsRoot ? { uid: nobody } : {});
    chmodSync(join(org, 'closed-folder'), 0o755);
    expect(run.code, run.stderr).toBe(1);
    const repos = byName(readSummary(out));
    expect(repos.open!.status).toBe('success');
    expect(repos['closed-folder']).toMatchObject({ status: 'not-converted' });
    expect(repos['closed-folder']!.reason).toContain('permission denied');
    expect(repos['closed-file']).toMatchObject({ status: 'not-converted' });
    expect(repos['closed-file']!.reason).toContain('permission denied');
  });
});

describe('audit: a disk that fills up while the report is written', () => {
  /** Five repositories that each translate, in name order. */
  function organisation(): string {
    const org = tempDir('ciport-full-');
    for (const name of ['r1', 'r2', 'r3', 'r4', 'r5']) writeTree(join(org, name), { '.circleci/config.yml': cleanCircle2Config.replaceAll('build', `build-${name}`) });
    return org;
  }

  it('finishes the run, names each failed repository and keeps earlier output intact', () => {
    const org = organisation();
    const out = join(tempDir(), 'out');
    expect(ciport(['audit', org, '--to', 'gitlab', '--out', out, '--jobs', '1']).code).toBe(0);
    const before = snapshot(out);
    // The worker's fourth write fails: r1's three files land, every later write finds the disk full.
    const env = { CIPORT_TEST_FAULTS: JSON.stringify({ enospcAfter: 3, in: 'workers' }) };
    // --force: the folder holds the earlier audit, started again here.
    const run = ciport(['audit', org, '--to', 'gitlab', '--out', out, '--jobs', '1', '--force'], { imports: [faults], env });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/^audited 5 repositories: 0 already on target, 1 successful, 0 partially successful, 0 converted with errors, 4 not converted, 0 unsupported\n/);
    const summary = readSummary(out);
    expect(summary.repositories.map((r) => [r.name, r.status])).toEqual([
      ['r1', 'success'],
      ['r2', 'not-converted'],
      ['r3', 'not-converted'],
      ['r4', 'not-converted'],
      ['r5', 'not-converted'],
    ]);
    for (const repo of summary.repositories.slice(1)) {
      expect(repo.reason).toBe(`cannot write repos/${repo.name}/: no space left on device`);
      expect(repo.files).toEqual([]);
    }
    expect(summary.codes).toEqual([expect.objectContaining({ code: 'audit-write-failed', repositories: 4 })]);
    const md = readFileSync(join(out, 'summary.md'), 'utf8');
    expect(md).toContain('audit-write-failed');
    for (const name of ['r2', 'r3', 'r4', 'r5']) expect(md).toContain(name);
    // The folders of the repositories that could not be written are the earlier run's, whole.
    const after = snapshot(out);
    for (const [path, text] of Object.entries(before)) if (/^repos\/r[2-5]\//.test(path)) expect(after[path], path).toBe(text);
    expect(after['repos/r1/.gitlab-ci.yml']).toBe(before['repos/r1/.gitlab-ci.yml']);
    expect(leftovers(out)).toEqual([]);
  });

  it('writes no half files into a fresh report folder', () => {
    const org = organisation();
    const out = join(tempDir(), 'out');
    const env = { CIPORT_TEST_FAULTS: JSON.stringify({ enospcAfter: 4, in: 'workers' }) };
    const run = ciport(['audit', org, '--to', 'gitlab', '--out', out, '--jobs', '1'], { imports: [faults], env });
    expect(run.code, run.stderr).toBe(1);
    // r1 wrote 3 files; r2's second file failed, so r2 has no folder at all (and no half file).
    expect(readdirSync(join(out, 'repos')).sort()).toEqual(['r1']);
    expect(readFileSync(join(out, 'repos/r1/.gitlab-ci.yml'), 'utf8')).toContain('build-r1');
    expect(readSummary(out).totals).toMatchObject({ repositories: 5, success: 1, 'not-converted': 4 });
    expect(leftovers(out)).toEqual([]);
  });

  it('exits 2 when the summary itself cannot be written, keeping the previous summary', () => {
    const org = organisation();
    const out = join(tempDir(), 'out');
    expect(ciport(['audit', org, '--to', 'gitlab', '--out', out]).code).toBe(0);
    const previous = readFileSync(join(out, 'summary.json'), 'utf8');
    writeTree(join(org, 'r6'), { 'README.md': 'no CI\n' });
    const env = { CIPORT_TEST_FAULTS: JSON.stringify({ enospcAfter: 0, in: 'main' }) };
    const run = ciport(['audit', org, '--to', 'gitlab', '--out', out, '--force'], { imports: [faults], env });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`ciport: cannot write the report in ${out}: no space left on device\n`);
    expect(readFileSync(join(out, 'summary.json'), 'utf8')).toBe(previous);
    expect(leftovers(out)).toEqual([]);
  });
});
