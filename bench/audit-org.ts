/**
 * Audit profiling helper (`npm run bench` times the compiled CLI instead): generates an
 * organisation of N repositories from the shared corpus (each corpus file at its conventional path
 * in its own folder, cycling through the corpus) in a temporary directory, runs `ciport audit` over it in this process, and prints wall time and peak RSS (worker
 * threads share the process, so its peak RSS covers them).
 *
 *   node --import tsx bench/audit-org.ts [--n 1000] [--to gitlab] [--jobs <cores>] [--timeout 60] [--keep]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runAudit } from '../src/commands/audit/run-audit.js';
import { isFormatId } from '../src/formats/registry.js';
import { corpusDir, loadCorpus } from './corpus.js';
import { makeOrganisation } from './make-org.js';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '1000' },
    to: { type: 'string', default: 'gitlab' },
    jobs: { type: 'string' },
    timeout: { type: 'string', default: '60' },
    keep: { type: 'boolean', default: false },
  },
});

const n = Number(values.n);
const to = values.to ?? 'gitlab';
if (!Number.isInteger(n) || n < 1 || !isFormatId(to)) {
  process.stderr.write('usage: audit-org.ts [--n <count>] [--to circleci1|circleci2|gitlab] [--jobs <n>] [--keep]\n');
  process.exit(2);
}
const corpus = loadCorpus();
if (!corpusDir()) {
  process.stderr.write('audit-org: no corpus at ../shared/corpus (set CIPORT_SHARED)\n');
  process.exit(2);
}
const work = mkdtempSync(join(tmpdir(), 'ciport-bench-'));
const org = join(work, 'org');
const out = join(work, 'out');

const generateStart = performance.now();
makeOrganisation(org, n, corpus);
const generateMs = performance.now() - generateStart;

const jobs = values.jobs ? Number(values.jobs) : availableParallelism();
const start = performance.now();
const timeoutSeconds = Number(values.timeout);
const result = await runAudit({ input: org, out, to, jobs, timeoutMs: timeoutSeconds * 1000 });
const wallMs = performance.now() - start;
const peakRssMb = process.resourceUsage().maxRSS / 1024;

const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { totals: Record<string, number> };
const report = {
  benchmark: 'audit-org',
  repositories: n,
  corpusFiles: corpus.length,
  to,
  jobs,
  timeoutSeconds,
  generateSeconds: Number((generateMs / 1000).toFixed(2)),
  wallSeconds: Number((wallMs / 1000).toFixed(2)),
  repositoriesPerSecond: Number((n / (wallMs / 1000)).toFixed(1)),
  peakRssMb: Number(peakRssMb.toFixed(1)),
  exitCode: result.exitCode,
  totals: summary.totals,
  timedOut: (summary as { codes?: Array<{ code: string; repositories: number }> }).codes?.find((c) => c.code === 'audit-timeout')?.repositories ?? 0,
};
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
if (values.keep) process.stderr.write(`kept ${work}\n`);
else rmSync(work, { recursive: true, force: true });
