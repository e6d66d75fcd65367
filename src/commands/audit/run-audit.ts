import { availableParallelism } from 'node:os';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
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
import { createProgress, type ProgressOptions } from './progress.js';
import { listDigest, runFingerprint } from './fingerprint.js';
import { journalPath, openJournal, sortJournal, type Journal, type JournalHeader } from './journal.js';
import { decideOutFolder, removeStaging } from './out-folder.js';
import { listenForStop, signalExitCodes, type StopListener, type StopSignal } from './stop-signals.js';
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
  /** Continue the audit in `out` (its journal), skipping the repositories it holds. */
  resume?: boolean;
  /** Write into a non-empty `out` that holds another run, or no audit at all. */
  force?: boolean;
  /** Overrides of the progress display (tests). */
  progress?: Partial<ProgressOptions>;
  /** Where stop requests come from; default SIGINT and SIGTERM of this process (tests inject). */
  stopSignals?: StopListener;
}

/**
 * `ciport audit`: translates every repository of an organisation on a pool of worker threads,
 * writing each repository's files and a line of results.jsonl as its result arrives, and the
 * summaries at the end, or when SIGINT or SIGTERM stops the run (marked interrupted; exit 130 or
 * 143). `--resume` continues such a run in the same --out, skipping what the journal holds.
 */
export async function runAudit(options: AuditOptions): Promise<CommandResult> {
  const shard = options.shard ? parseShard(options.shard) : undefined;
  if (shard && 'error' in shard) return usage(shard.error);
  const discovered = discoverRepositories(options.input, [options.out]);
  if (!discovered.ok) return usage(discovered.message);
  const shardLabel = shard ? `${shard.index}/${shard.count}` : undefined;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const maxBytes = options.maxBytes ?? limits.maxFileBytes;
  const header: JournalHeader = {
    ciport: 'audit-journal',
    input: resolve(options.input),
    shard: shardLabel ?? null,
    options: runFingerprint({ to: options.to, from: options.from, parse: options.parse, emit: options.emit, maxBytes, timeoutMs }),
  };
  const decision = decideOutFolder(options.out, header, { ...(options.resume ? { resume: true } : {}), ...(options.force ? { force: true } : {}) });
  if (!decision.ok) return usage(decision.message);

  const repos = shard ? selectShard(discovered.repos, shard) : discovered.repos;
  // An earlier run's results count when they are of a repository this run still lists.
  const listedNames = new Map(repos.map((repo) => [repo.name, repo.safeName]));
  // The last line of a repository wins, should a journal hold two.
  const earlierByName = new Map((decision.mode === 'resume' ? decision.records : []).filter((r) => listedNames.get(r.name) === r.safeName).map((r) => [r.name, r]));
  const earlier = [...earlierByName.values()];
  const done = new Set(earlierByName.keys());
  const tasks: AuditTask[] = repos
    .filter((repo) => !done.has(repo.name))
    .map((repo) => ({
      repo,
      to: options.to,
      ...(options.from ? { from: options.from } : {}),
      parse: options.parse ?? {},
      emit: options.emit ?? {},
      maxBytes,
      outDir: options.out,
    }));

  let journal: Journal;
  try {
    mkdirSync(options.out, { recursive: true });
    removeStaging(options.out);
    journal = openJournal(options.out, header, decision.mode === 'resume' ? { validBytes: decision.validBytes } : undefined);
  } catch (error) {
    return { exitCode: 2, stdout: '', stderr: `ciport: cannot write the report in ${options.out}: ${describeError(error)}\n` };
  }

  const summaries: RepoSummary[] = [...earlier];
  const warnings: string[] = [];
  const progress = createProgress({ total: repos.length, alreadyDone: earlier.length, timer: true, ...options.progress });
  const stop = new AbortController();
  let signal: StopSignal | undefined;
  const release = (options.stopSignals ?? listenForStop)((received) => {
    signal ??= received;
    stop.abort();
  });
  try {
    await runPool(tasks, {
      jobs: options.jobs ?? availableParallelism(),
      timeoutMs,
      signal: stop.signal,
      ...(options.worker ? { worker: options.worker } : {}),
      onResult(summary) {
        summaries.push(summary);
        try {
          journal.append(summary);
        } catch (error) {
          // The run goes on; only --resume would do this repository again.
          if (!warnings.length) warnings.push(`ciport: cannot record results in ${journalPath(options.out)} (${describeError(error)}); --resume would audit them again\n`);
        }
        progress.record(summary);
      },
      onFailure(task, kind, message) {
        return failureSummary(task, kind === 'timeout' ? 'audit-timeout' : 'audit-worker-failed', message);
      },
    });
  } finally {
    progress.finish();
    journal.close();
  }
  // Still listening while the summaries are written: a signal now must not kill the process half-way.
  try {
    const interrupted = signal !== undefined && summaries.length < repos.length;
    if (interrupted) removeStaging(options.out);
    const summary: AuditSummary = {
      ...summarizeAudit(options.to, summaries, shardLabel, auditRunRecord(options)),
      listed: listDigest(discovered.repos.map((repo) => repo.name)),
      ...(interrupted ? { interrupted: { signal: signal!, done: summaries.length, total: repos.length } } : {}),
    };
    let written: string[];
    try {
      // A finished run's journal is rewritten in name order: runs alike leave files alike.
      if (!interrupted) sortJournal(options.out, header, summary.repositories);
      written = writeSummaries(options.out, summary);
    } catch (error) {
      return { exitCode: 2, stdout: '', stderr: `ciport: cannot write the report in ${options.out}: ${describeError(error)}\n` };
    }
    const stdout = describeAudit(summary, written, options.format);
    if (interrupted) {
      const note = `ciport: interrupted (${signal}): ${summaries.length} of ${repos.length} repositories finished; the summary in ${options.out} is marked interrupted. Run the same command with --resume to continue.\n`;
      return { exitCode: signalExitCodes[signal!], stdout, stderr: warnings.join('') + note };
    }
    return { exitCode: auditExitCode(summary), stdout, stderr: warnings.join('') };
  } finally {
    release();
  }
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
