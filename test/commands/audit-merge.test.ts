/**
 * `ciport audit merge` takes every shard of one run, once, finished and made alike: it refuses
 * missing shards (naming them), a shard given twice, shards of another split, of other options or
 * of another repository list, and interrupted shards. End to end through the CLI, and the rules
 * one by one on summaries.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkShards } from '../../src/commands/audit/merge.js';
import type { AuditSummary } from '../../src/report/summary-data.js';
import { ciport, circle2Config, cleanCircle2Config, gitlabConfig, removeTempDirs, tempDir, writeTree } from './helpers.js';

afterAll(removeTempDirs);

describe('audit merge through the CLI', () => {
  const org = tempDir('ciport-merge-org-');
  const repositories: Record<string, Record<string, string>> = {
    a: { '.gitlab-ci.yml': gitlabConfig },
    b: { '.circleci/config.yml': circle2Config },
    c: { 'README.md': 'none\n' },
    d: { '.circleci/config.yml': cleanCircle2Config },
    e: { '.gitlab-ci.yml': gitlabConfig },
  };
  for (const [name, files] of Object.entries(repositories)) writeTree(join(org, name), files);
  const shard = (k: number, n: number, extra: string[] = []) => {
    const out = join(tempDir(), `shard-${k}-of-${n}`);
    const run = ciport(['audit', org, '--to', 'circleci2', '--out', out, '--shard', `${k}/${n}`, ...extra]);
    expect(run.code, run.stderr).not.toBe(2);
    return out;
  };
  let parts: string[] = [];
  let whole: AuditSummary;

  beforeAll(() => {
    parts = [1, 2, 3].map((k) => shard(k, 3));
    const out = join(tempDir(), 'whole');
    ciport(['audit', org, '--to', 'circleci2', '--out', out]);
    whole = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
  }, 240_000);

  it('merges all shards into the unsharded totals', () => {
    const out = join(tempDir(), 'merged');
    const run = ciport(['audit', 'merge', parts[2]!, parts[0]!, parts[1]!, '--out', out]);
    expect(run.code, run.stderr).toBe(1);
    const merged = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as AuditSummary;
    expect(merged.totals).toEqual(whole.totals);
    expect(merged.listed).toEqual(whole.listed);
    expect(merged.shard).toBeUndefined();
    expect(merged.run?.options).not.toHaveProperty('shard');
  }, 60_000);

  it('names the missing shards', () => {
    const run = ciport(['audit', 'merge', parts[1]!, '--out', join(tempDir(), 'merged')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('ciport: 2 shards are missing: 1/3, 3/3; merge needs all 3 shards of the run\n');
  }, 60_000);

  it('refuses a shard given twice, writing nothing', () => {
    const out = join(tempDir(), 'merged');
    const run = ciport(['audit', 'merge', parts[0]!, parts[1]!, parts[1]!, parts[2]!, '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`ciport: shard 2/3 is given twice (${parts[1]} and ${parts[1]}); each shard must be merged once\n`);
    expect(() => readFileSync(join(out, 'summary.json'))).toThrow();
  }, 60_000);

  it('refuses shards of another split and shards audited with other options', () => {
    const half = shard(1, 2);
    const split = ciport(['audit', 'merge', parts[0]!, parts[1]!, half, '--out', join(tempDir(), 'merged')]);
    expect(split.code).toBe(2);
    expect(split.stderr).toContain('the reports are shards of different splits');
    const slow = shard(3, 3, ['--timeout', '30']);
    const options = ciport(['audit', 'merge', parts[0]!, parts[1]!, slow, '--out', join(tempDir(), 'merged')]);
    expect(options.code).toBe(2);
    expect(options.stderr).toContain(`the shards were audited with different options (timeout 60 in ${parts[0]}, 30 in ${slow})`);
  }, 120_000);

  it('refuses an interrupted shard', () => {
    const copy = join(tempDir(), 'interrupted');
    const summary = JSON.parse(readFileSync(join(parts[2]!, 'summary.json'), 'utf8'));
    writeTree(copy, { 'summary.json': JSON.stringify({ ...summary, interrupted: { signal: 'SIGINT', done: 1, total: 2 } }) });
    const run = ciport(['audit', 'merge', parts[0]!, parts[1]!, copy, '--out', join(tempDir(), 'merged')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`ciport: ${copy} is an interrupted audit (1 of 2 repositories); finish it with \`ciport audit --resume\` before merging\n`);
  }, 60_000);
});

describe('checkShards', () => {
  const summary = (shard: string | undefined, options: Record<string, string | number | boolean> = { to: 'gitlab', timeout: 60 }, digest = 'abc'): AuditSummary =>
    ({
      to: 'gitlab',
      ...(shard ? { shard } : {}),
      run: { version: '0.1.0', date: '2026-01-01T00:00:00.000Z', options: { ...options, input: `/machine-${shard}/org`, jobs: 4, ...(shard ? { shard } : {}) } },
      listed: { repositories: 9, digest },
      totals: { repositories: 0 },
      codes: [],
      features: [],
      manualTasks: [],
      repositories: [],
    }) as unknown as AuditSummary;

  it('accepts every shard once, whatever the order, input path or --jobs', () => {
    expect(checkShards(['x', 'y', 'z'], [summary('3/3'), summary('1/3'), summary('2/3')])).toBeUndefined();
    expect(checkShards(['x'], [summary(undefined)])).toBeUndefined();
  });

  it('refuses what is not every shard of one run, made alike', () => {
    expect(checkShards(['x', 'y'], [summary('1/3'), summary('3/3')])).toBe('1 shard is missing: 2/3; merge needs all 3 shards of the run');
    expect(checkShards(['x', 'y'], [summary(undefined), summary('1/2')])).toContain('different splits (x: 1/1, y: 1/2)');
    expect(checkShards(['x', 'y'], [summary('1/2'), summary('2/2', { to: 'gitlab', timeout: 60, 'docker-mode': 'socket' })])).toContain('docker-mode (not given) in x, socket in y');
    expect(checkShards(['x', 'y'], [summary('1/2'), summary('2/2', undefined, 'def')])).toBe(
      'the shards were cut from different repository lists (9 repositories in x, 9 in y); audit every shard from the same input',
    );
    const old = { ...summary('1/1') } as Partial<AuditSummary>;
    delete old.run;
    expect(checkShards(['x'], [old as AuditSummary])).toContain('does not record how its audit was run');
    expect(checkShards(['x'], [summary('0/2')])).toContain('names shard "0/2", not k/n');
  });
});
