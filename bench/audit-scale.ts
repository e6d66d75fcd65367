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
    const child = spawn(process.execPath, [join(root, 'bin', 'ciport.js'), 'audit', org, '--to', options.to ?? 'gitlab', '--out', out, '--jobs', String(jobs)], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, CI: '1' },
    });
    const sampler = sampleTreeRss(child.pid!);
    const exitCode = await new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const wallSeconds = Number(process.hrtime.bigint() - start) / 1e9;
    const peakRss = sampler.stop();
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { totals: Record<string, number> };
    return {
      repositories: count,
      jobs,
      wallSeconds,
      repositoriesPerSecond: count / wallSeconds,
      peakRssMb: peakRss / 2 ** 20,
      exitCode,
      totals: summary.totals,
    };
  } finally {
    if (options.keep) process.stderr.write(`kept ${work}\n`);
    else rmSync(work, { recursive: true, force: true });
  }
}
