import { availableParallelism } from 'node:os';
import { mkdirSync } from 'node:fs';
import type { EmitOptions, ParseOptions } from '../../formats/types.js';
import type { FormatId } from '../../ir/types.js';
import { describeError } from '../../io/read-text.js';
import { limits } from '../../yaml/limits.js';
import { plural } from '../../report/locations.js';
import type { Severity } from '../../diagnostics/types.js';
import { auditExitCode, describeTotals, summarizeAudit, type AuditSummary, type RepoSummary } from '../../report/summary-data.js';
import { countsLine } from '../../report/migration-notes.js';
import type { ReportFormat } from '../report-options.js';
import type { CommandResult } from '../result.js';
import { failureSummary, type AuditTask } from './audit-repo.js';
import { discoverRepositories } from './discover.js';
import { runPool, type WorkerModule } from './pool.js';
import { createProgress } from './progress.js';
import { parseShard, selectShard } from './shard.js';
import { auditRunRecord } from './run-record.js';
import { writeSummaries } from './write-report.js';

export interface AuditOptions {
  /** A directory of repositories, or a manifest file listing them. */
  input: string;
  out: string;
  to: FormatId;
  from?: FormatId;
  parse?: ParseOptions;
  emit?: EmitOptions;
  /** Worker threads; defaults to the number of cores. */
  jobs?: number;
  timeoutMs?: number;
  maxBytes?: number;
  /** `k/n`: audit only shard k of n. */
  shard?: string;
  worker?: WorkerModule;
  format?: ReportFormat;
  /** ciport's version, recorded in the summaries. */
  toolVersion?: string;
}

/**
 * `ciport audit`: translates every repository of an organisation on a pool of worker threads,
 * writing each repository's files as its result arrives and the summaries at the end.
 */
export async function runAudit(options: AuditOptions): Promise<CommandResult> {
  const shard = options.shard ? parseShard(options.shard) : undefined;
  if (shard && 'error' in shard) return usage(shard.error);
  const discovered = discoverRepositories(options.input, [options.out]);
  if (!discovered.ok) return usage(discovered.message);
  try {
    mkdirSync(options.out, { recursive: true });
  } catch (error) {
    return usage(`cannot create ${options.out}: ${describeError(error)}`);
  }
  const repos = shard ? selectShard(discovered.repos, shard) : discovered.repos;
  const tasks: AuditTask[] = repos.map((repo) => ({
    repo,
    to: options.to,
    ...(options.from ? { from: options.from } : {}),
    parse: options.parse ?? {},
    emit: options.emit ?? {},
    maxBytes: options.maxBytes ?? limits.maxFileBytes,
    outDir: options.out,
  }));

  const summaries: RepoSummary[] = [];
  const progress = createProgress();
  await runPool(tasks, {
    jobs: options.jobs ?? availableParallelism(),
    timeoutMs: options.timeoutMs ?? 60_000,
    ...(options.worker ? { worker: options.worker } : {}),
    onResult(summary) {
      summaries.push(summary);
      progress.update(summaries.length, tasks.length, summary.name);
    },
    onFailure(task, kind, message) {
      return failureSummary(task, kind === 'timeout' ? 'audit-timeout' : 'audit-worker-failed', message);
    },
  });
  progress.finish();

  const shardLabel = shard ? `${shard.index}/${shard.count}` : undefined;
  const summary = summarizeAudit(options.to, summaries, shardLabel, auditRunRecord(options));
  let written: string[];
  try {
    written = writeSummaries(options.out, summary);
  } catch (error) {
    return { exitCode: 2, stdout: '', stderr: `ciport: cannot write the report in ${options.out}: ${describeError(error)}\n` };
  }
  return { exitCode: auditExitCode(summary), stdout: describeAudit(summary, written, options.format), stderr: '' };
}

/** Every repository's diagnostics counted by severity. */
function auditCounts(summary: AuditSummary): Record<Severity, number> {
  const counts = { error: 0, warning: 0, manual: 0, info: 0 };
  for (const repo of summary.repositories) for (const severity of severities) counts[severity] += repo.counts[severity] ?? 0;
  return counts;
}

const severities = ['error', 'warning', 'manual', 'info'] as const;

/** The totals, the files written and a closing line of diagnostics counted over all repositories; or one JSON object. */
export function describeAudit(summary: AuditSummary, written: readonly string[], format: ReportFormat = 'text'): string {
  const { totals } = summary;
  const counts = auditCounts(summary);
  if (format === 'json') {
    const body = {
      to: summary.to,
      totals,
      counts: { errors: counts.error, warnings: counts.warning, manualTasks: counts.manual, notes: counts.info },
      written,
    };
    return `${JSON.stringify(body, null, 2)}\n`;
  }
  return (
    `audited ${plural(totals.repositories, 'repository', 'repositories')}: ${describeTotals(totals)}\n` +
    written.map((file) => `wrote ${file}\n`).join('') +
    `${countsLine(counts)} in ${plural(totals.repositories, 'repository', 'repositories')}\n`
  );
}

function usage(message: string): CommandResult {
  return { exitCode: 2, stdout: '', stderr: `ciport: ${message}\n` };
}
