/**
 * Stopping and continuing an audit: SIGINT or SIGTERM leaves a summary marked interrupted of what
 * finished, `--resume` continues into the same --out and ends with the totals of an uninterrupted
 * run, and a non-empty --out of another run (or of no audit) is refused unless --force.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditTask } from '../../src/commands/audit/audit-repo.js';
import { runPool } from '../../src/commands/audit/pool.js';
import { circle2Config, ciport, cleanCircle2Config, gitlabConfig, removeTempDirs, root, tempDir, writeTree, type RunResult } from './helpers.js';

afterAll(removeTempDirs);

interface Summary {
  interrupted?: { signal: string; done: number; total: number };
  totals: Record<string, number>;
  repositories: Array<{ name: string; status: string }>;
}
const readSummary = (out: string) => JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as Summary;
const journalLines = (out: string) => (existsSync(join(out, 'results.jsonl')) ? readFileSync(join(out, 'results.jsonl'), 'utf8').split('\n').filter(Boolean) : []);

/** Many small repositories of every kind, each with enough jobs that the run takes a few seconds. */
function organisation(count: number): string {
  const org = tempDir('ciport-resume-org-');
  const manyJobs = Array.from({ length: 40 }, (_, i) => `job-${i}:\n  image: node:20\n  script:\n    - make part-${i}\n`).join('');
  for (let i = 0; i < count; i++) {
    const name = `repo-${String(i).padStart(2, '0')}`;
    const kind = i % 5;
    const files: Record<string, string> =
      kind === 0 ? { '.circleci/config.yml': circle2Config } : kind === 1 ? { 'README.md': 'no CI\n' } : kind === 2 ? { '.circleci/config.yml': cleanCircle2Config } : { '.gitlab-ci.yml': `${manyJobs}# ${name}\n${gitlabConfig}` };
    writeTree(join(org, name), files);
  }
  return org;
}

const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** Starts the CLI, sends `signal` once the journal holds `after` results, and waits for it to end. */
function interruptAfter(args: string[], out: string, after: number, signal: NodeJS.Signals): Promise<RunResult & { sentAt: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', tsxLoader, join(root, 'src', 'cli-main.ts'), ...args], {
      cwd: root,
      env: { ...process.env, CI: '1', NO_COLOR: '', FORCE_COLOR: undefined, CIPORT_PROGRESS_INTERVAL: '0.2' },
    });
    let stdout = '';
    let stderr = '';
    let sentAt = -1;
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const poll = setInterval(() => {
      const done = journalLines(out).length - 1;
      if (done >= after && sentAt < 0) {
        sentAt = done;
        child.kill(signal);
      }
    }, 10);
    const guard = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(poll);
      clearTimeout(guard);
      resolve({ code, stdout, stderr, sentAt });
    });
  });
}

describe('audit interrupted and resumed', () => {
  const count = 40;
  const org = organisation(count);
  let reference: Summary;

  beforeAll(() => {
    const out = join(tempDir(), 'reference');
    const run = ciport(['audit', org, '--to', 'gitlab', '--out', out, '--jobs', '2']);
    expect(run.code, run.stderr).toBe(1);
    reference = readSummary(out);
    expect(reference.totals.repositories).toBe(count);
  }, 240_000);

  it('SIGINT: workers stop, the summary of what finished is marked interrupted, exit 130; --resume finishes with the uninterrupted totals', async () => {
    const out = join(tempDir(), 'report');
    const args = ['audit', org, '--to', 'gitlab', '--out', out, '--jobs', '1'];
    const run = await interruptAfter(args, out, 3, 'SIGINT');
    expect(run.sentAt, 'the run finished before the signal was sent').toBeGreaterThanOrEqual(3);
    expect(run.code, run.stderr).toBe(130);
    expect(run.stderr).toContain('ciport: SIGINT: stopping the workers');
    expect(run.stderr).toMatch(/ciport: interrupted \(SIGINT\): \d+ of 40 repositories finished; .* --resume to continue/);
    // The progress line (every 0.2 s here) went to the log.
    expect(run.stderr).toMatch(/ciport audit: \d+\/40 repositories \(\d+%\), [\d.]+\/(s|min), ETA \w+, \d+ failed\n/);
    const summary = readSummary(out);
    const recorded = journalLines(out).length - 1;
    expect(summary.interrupted).toEqual({ signal: 'SIGINT', done: recorded, total: 40 });
    expect(recorded).toBeGreaterThanOrEqual(run.sentAt);
    expect(recorded).toBeLessThan(40);
    expect(summary.totals.repositories).toBe(recorded);
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toContain(`**Interrupted** (SIGINT): ${recorded} of 40 repositories finished`);
    expect(readFileSync(join(out, 'summary.html'), 'utf8')).toContain('<strong>Interrupted</strong>');
    // Every recorded repository has its folder; no worker's half-written staging folder is left.
    for (const repo of summary.repositories) expect(existsSync(join(out, 'repos', repo.name, 'diagnostics.json')), repo.name).toBe(true);
    expect(readdirSync(join(out, 'repos')).filter((name) => name.startsWith('.'))).toEqual([]);

    // Without --resume the folder is refused, and left as it was.
    const before = readFileSync(join(out, 'summary.json'), 'utf8');
    const again = ciport(args);
    expect(again.code).toBe(2);
    expect(again.stderr).toBe(`ciport: --out ${out} already holds an audit (${recorded} repositories done); nothing was written. Pass --resume to continue it, or --force to start again\n`);
    expect(readFileSync(join(out, 'summary.json'), 'utf8')).toBe(before);

    const resumed = ciport([...args, '--resume', '--jobs', '3']);
    expect(resumed.code, resumed.stderr).toBe(1);
    const final = readSummary(out);
    expect(final.interrupted).toBeUndefined();
    expect(final.totals).toEqual(reference.totals);
    expect(final.repositories.map((r) => [r.name, r.status])).toEqual(reference.repositories.map((r) => [r.name, r.status]));
    // Each repository once in the journal: the resumed run skipped the finished ones.
    const names = journalLines(out).slice(1).map((line) => (JSON.parse(line) as { repository: { name: string } }).repository.name);
    expect(names).toEqual(reference.repositories.map((r) => r.name));
  }, 300_000);

  it('SIGTERM exits 143 with an interrupted summary', async () => {
    const out = join(tempDir(), 'report');
    const run = await interruptAfter(['audit', org, '--to', 'gitlab', '--out', out, '--jobs', '2'], out, 1, 'SIGTERM');
    expect(run.sentAt).toBeGreaterThanOrEqual(1);
    expect(run.code, run.stderr).toBe(143);
    expect(readSummary(out).interrupted).toMatchObject({ signal: 'SIGTERM', total: 40 });
  }, 300_000);

  it('--resume after a kill -9 drops the half-written last line and goes on', () => {
    const small = tempDir('ciport-resume-small-');
    for (const name of ['a', 'b', 'c']) writeTree(join(small, name), { '.gitlab-ci.yml': gitlabConfig });
    const out = join(tempDir(), 'report');
    expect(ciport(['audit', small, '--to', 'circleci2', '--out', out]).code).toBe(0);
    // As if the process died while appending c's line: the header, a, b, and half of c.
    const lines = journalLines(out);
    writeFileSync(join(out, 'results.jsonl'), `${lines.slice(0, 3).join('\n')}\n${lines[3]!.slice(0, 40)}`);
    const resumed = ciport(['audit', small, '--to', 'circleci2', '--out', out, '--resume']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(readSummary(out).totals.repositories).toBe(3);
    expect(journalLines(out).length).toBe(4);
    for (const line of journalLines(out)) expect(() => JSON.parse(line)).not.toThrow();
  }, 120_000);
});

describe('audit --out: refused unless it is this run’s', () => {
  const org = tempDir('ciport-out-org-');
  writeTree(join(org, 'one'), { '.gitlab-ci.yml': gitlabConfig });
  writeTree(join(org, 'two'), { '.circleci/config.yml': cleanCircle2Config });

  it('refuses a folder that holds no audit unless --force, writing nothing', () => {
    const out = writeTree(tempDir(), { 'notes.txt': 'mine\n' });
    const run = ciport(['audit', org, '--to', 'gitlab', '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`ciport: --out ${out} is not empty and holds no ciport audit (no results.jsonl); nothing was written. Choose a new folder, or pass --force to write into this one\n`);
    expect(readdirSync(out)).toEqual(['notes.txt']);
    expect(ciport(['audit', org, '--to', 'gitlab', '--out', out, '--resume']).code).toBe(2);
    const forced = ciport(['audit', org, '--to', 'gitlab', '--out', out, '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(readSummary(out).totals.repositories).toBe(2);
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('mine\n');
  }, 120_000);

  it('starts again with --force; --resume with other options or another shard is refused', () => {
    const out = join(tempDir(), 'report');
    expect(ciport(['audit', org, '--to', 'gitlab', '--out', out, '--shard', '1/2']).code).toBe(0);
    const otherShard = ciport(['audit', org, '--to', 'gitlab', '--out', out, '--shard', '2/2', '--resume']);
    expect(otherShard.code).toBe(2);
    expect(otherShard.stderr).toBe(`ciport: --resume: the audit in ${out} was made differently (--shard 1/2 there, 2/2 here); resume with its options, or pass --force to start again\n`);
    const otherOptions = ciport(['audit', org, '--to', 'circleci2', '--out', out, '--shard', '1/2', '--resume', '--timeout', '5']);
    expect(otherOptions.code).toBe(2);
    expect(otherOptions.stderr).toContain('(--to gitlab there, circleci2@2.1 here; --timeout 60 there, 5 here)');
    expect(ciport(['audit', org, '--to', 'gitlab', '--out', out, '--resume', '--force']).stderr).toContain('give one of them');
    const forced = ciport(['audit', org, '--to', 'circleci2', '--out', out, '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(readSummary(out).totals.repositories).toBe(2);
    expect(JSON.parse(journalLines(out)[0]!)).toMatchObject({ shard: null, options: { '--to': 'circleci2@2.1' } });
  }, 120_000);

  it('refuses a damaged journal with its line', () => {
    const out = join(tempDir(), 'report');
    expect(ciport(['audit', org, '--to', 'gitlab', '--out', out]).code).toBe(0);
    const lines = journalLines(out);
    writeFileSync(join(out, 'results.jsonl'), `${lines[0]}\nnot json\n${lines[2]}\n`);
    const run = ciport(['audit', org, '--to', 'gitlab', '--out', out, '--resume']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`ciport: ${join(out, 'results.jsonl')}:2: not a repository result; the journal is damaged (pass --force to start again)\n`);
  }, 120_000);
});

describe('the worker pool stopped by a signal', () => {
  const tasks = (names: string[]): AuditTask[] =>
    names.map((name) => ({ repo: { name, safeName: name, path: '/nowhere', kind: 'checkout' }, to: 'gitlab', parse: {}, emit: {}, maxBytes: 1, outDir: '/nowhere' }));
  const worker = { url: pathToFileURL(join(root, 'test/fixtures/crash-worker.mjs')), preloads: [] };

  it('starts no task after the stop, terminates busy workers and resolves once they are gone', async () => {
    const stop = new AbortController();
    const results: string[] = [];
    const started = Date.now();
    const outcome = await runPool(tasks(['a', 'hang-1', 'hang-2', 'b', 'c', 'd']), {
      jobs: 2,
      // Far longer than the test: only the stop can end the hanging tasks.
      timeoutMs: 600_000,
      worker,
      signal: stop.signal,
      onResult: (summary) => {
        results.push(summary.name);
        // Both workers are then busy: one on hang-1, the other on hang-2 after a.
        setTimeout(() => stop.abort(), 200);
      },
      onFailure: () => {
        throw new Error('no task fails: they are stopped');
      },
    });
    expect(outcome).toEqual({ stopped: true });
    expect(results).toEqual(['a']);
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 60_000);

  it('does nothing when stopped before it starts', async () => {
    const stop = new AbortController();
    stop.abort();
    const results: string[] = [];
    const outcome = await runPool(tasks(['a', 'b']), { jobs: 2, timeoutMs: 1000, worker, signal: stop.signal, onResult: (s) => results.push(s.name), onFailure: () => { throw new Error('unreachable'); } });
    expect(outcome).toEqual({ stopped: true });
    expect(results).toEqual([]);
  });
});
