/**
 * `ciport audit` over a generated organisation, as a user runs it: the compiled CLI in its own
 * process, timed from spawn to exit, with the peak RSS of its whole process tree.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sample } from './corpus.js';
import { root } from './corpus.js';
import { makeOrganisation } from './make-org.js';
import { sampleTreeRss } from './process-tree.js';

export interface AuditScaleResult {
  repositories: number;
  jobs: number;
  wallSeconds: number;
  repositoriesPerSecond: number;
  peakRssMb: number;
  /** CPU time of the audit process, all its threads (user + system). */
  cpuSeconds: number;
  exitCode: number | null;
  totals: Record<string, number>;
}

export async function benchAudit(corpus: readonly Sample[], count: number, options: { jobs?: number; to?: string; keep?: boolean } = {}): Promise<AuditScaleResult> {
  const work = mkdtempSync(join(tmpdir(), 'ciport-bench-audit-'));
  const org = join(work, 'org');
  const out = join(work, 'out');
  const jobs = options.jobs ?? availableParallelism();
  try {
    makeOrganisation(org, count, corpus);
    const start = process.hrtime.bigint();
    const usageFile = join(work, 'usage.json');
    const child = spawn(process.execPath, [join(root, 'bench', 'report-usage.mjs'), join(root, 'bin', 'ciport.js'), 'audit', org, '--to', options.to ?? 'gitlab', '--out', out, '--jobs', String(jobs)], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, CI: '1', BENCH_USAGE_FILE: usageFile },
    });
    const sampler = sampleTreeRss(child.pid!);
    const exitCode = await new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const wallSeconds = Number(process.hrtime.bigint() - start) / 1e9;
    const peakRss = sampler.stop();
    const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as { cpuSeconds: number; maxRssKb: number };
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { totals: Record<string, number> };
    return {
      repositories: count,
      jobs,
      wallSeconds,
      repositoriesPerSecond: count / wallSeconds,
      peakRssMb: Math.max(peakRss, usage.maxRssKb * 1024) / 2 ** 20,
      cpuSeconds: usage.cpuSeconds,
      exitCode,
      totals: summary.totals,
    };
  } finally {
    if (options.keep) process.stderr.write(`kept ${work}\n`);
    else rmSync(work, { recursive: true, force: true });
  }
}
