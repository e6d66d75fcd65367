import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { catalog, isKnownCode } from '../../diagnostics/catalog.js';
import { toRecords, type DiagnosticRecord } from '../../diagnostics/print.js';
import { maskSecretsInText } from '../../diagnostics/secrets.js';
import type { Severity } from '../../diagnostics/types.js';
import type { EmitOptions, ParseOptions } from '../../formats/types.js';
import type { FormatId } from '../../ir/types.js';
import { describeError } from '../../io/read-text.js';
import { writeFolderAtomic } from '../../io/write-atomic.js';
import { renderMigrationNotes } from '../../report/migration-notes.js';
import { emptyCounts, taskKind, type AuditStatus, type Finding, type RepoSummary } from '../../report/summary-data.js';
import { translate } from '../../translate.js';
import { targetPaths } from '../migration-plan.js';
import type { RepoRef } from './discover.js';
import { readRepository } from './read-repo.js';
import { countSteps } from './step-census.js';

/** One repository's work order, sent to a worker: plain data only. */
export interface AuditTask {
  repo: RepoRef;
  to: FormatId;
  from?: FormatId;
  parse: ParseOptions;
  emit: EmitOptions;
  maxBytes: number;
  /** The report folder; the repository's files go to `<outDir>/repos/<safeName>/`. */
  outDir: string;
}

const maxFindings = 50;
const maxMessage = 300;

/**
 * Reads, translates and writes one repository's report files, and returns its small summary. Never
 * throws: whatever goes wrong becomes a `failed` summary, so one repository cannot stop an audit.
 */
export function auditRepository(task: AuditTask): RepoSummary {
  try {
    return auditUnsafe(task);
  } catch (error) {
    if (error instanceof WriteFailure) return failureSummary(task, 'audit-write-failed', error.message);
    return failureSummary(task, 'internal-error', `ciport failed on this repository: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function auditUnsafe(task: AuditTask): RepoSummary {
  const { repo } = task;
  const read = readRepository(repo.path, repo.kind, { to: task.to, ...(task.from ? { from: task.from } : {}), maxBytes: task.maxBytes });
  if (!read.ok && read.status === 'on-target') return onTargetSummary(task, read.source, read.reason);
  if (!read.ok) return failureSummary(task, read.code, read.reason, read.status);
  const { config } = read;
  const result = translate({ file: config.path, text: config.text, from: config.format, to: task.to, parse: task.parse, emit: task.emit, repository: config.repository });
  const records = toRecords(result.diagnostics, result.sources);
  const counts = emptyCounts();
  for (const r of records) counts[r.severity]++;
  const jobs = result.pipeline?.jobs.length;
  const { status, reason } = judge(result.fatal, records, counts, jobs);
  const source = { path: config.path, format: result.from ?? config.format };
  const paths = targetPaths(task.to);
  const files: Array<[string, string]> = [];
  if (result.output !== null && !result.fatal) {
    files.push([paths.target, result.output]);
    files.push([paths.notes, renderMigrationNotes({ source, target: { path: paths.target, format: task.to }, pipeline: result.pipeline, records })]);
  }
  files.push(['diagnostics.json', diagnosticsJson(task, status, source, records)]);
  const written = writeRepoFiles(task, files);
  const names = result.pipeline ? [...result.pipeline.jobs.map((j) => j.id), ...result.pipeline.workflows.flatMap((w) => w.nodes.map((n) => n.id))] : [];
  return {
    name: repo.name,
    safeName: repo.safeName,
    kind: repo.kind,
    status,
    source,
    files: written,
    counts,
    ...(result.pipeline ? { jobs: result.pipeline.jobs.length, workflows: result.pipeline.workflows.length, steps: countSteps(result.pipeline, result.diagnostics) } : {}),
    ...(reason ? { reason } : {}),
    findings: distinct(records.filter((r) => r.severity === 'error' || r.severity === 'warning')),
    manualTasks: distinct(records.filter((r) => r.severity === 'manual')).map((t) => ({ ...t, kind: taskKind(t.message, names) })),
  };
}

/**
 * The status of a translated repository, and why when it is not a plain success. A pipeline
 * without jobs translates to a file that runs nothing: not converted, whatever else was said.
 */
function judge(fatal: boolean, records: readonly DiagnosticRecord[], counts: Record<Severity, number>, jobs: number | undefined): { status: AuditStatus; reason?: string } {
  const problem = firstProblem(records);
  const why = problem ? { reason: problem } : {};
  if (fatal) return { status: records.some((r) => r.code === 'format-unknown') ? 'unsupported' : 'not-converted', ...why };
  if (!jobs) return { status: 'not-converted', reason: 'the configuration defines no jobs, so the translation would run nothing' };
  if (counts.error > 0) return { status: 'errors', ...why };
  return { status: counts.warning + counts.manual > 0 ? 'partial' : 'success' };
}

/** A repository already on the target: nothing is translated; diagnostics.json says so. */
function onTargetSummary(task: AuditTask, source: { path: string; format: FormatId }, reason: string): RepoSummary {
  const files = writeRepoFiles(task, [['diagnostics.json', diagnosticsJson(task, 'on-target', source, [])]]);
  return { name: task.repo.name, safeName: task.repo.safeName, kind: task.repo.kind, status: 'on-target', source, files, counts: emptyCounts(), reason, findings: [], manualTasks: [] };
}

/** A summary (and diagnostics.json) for a repository that produced no translation. */
export function failureSummary(task: AuditTask, code: string, reason: string, status: 'not-converted' | 'unsupported' = 'not-converted'): RepoSummary {
  // Every code that stops a repository is an error in the catalog; an unknown one is treated as one.
  const severity = isKnownCode(code) ? catalog[code].severity : 'error';
  const record: DiagnosticRecord = { code, severity, message: maskSecretsInText(reason), file: null, line: null, column: null, hint: null };
  let files: string[] = [];
  try {
    files = writeRepoFiles(task, [['diagnostics.json', diagnosticsJson(task, status, undefined, [record])]]);
  } catch {
    // The summary still lists the repository even when its folder cannot be written.
  }
  const counts = emptyCounts();
  if (status === 'not-converted') counts.error = 1;
  return {
    name: task.repo.name,
    safeName: task.repo.safeName,
    kind: task.repo.kind,
    status,
    files,
    counts,
    reason: record.message,
    findings: status === 'not-converted' ? [{ code, severity, message: record.message }] : [],
    manualTasks: [],
  };
}

function writeRepoFiles(task: AuditTask, files: ReadonlyArray<[string, string]>): string[] {
  const dir = join(task.outDir, 'repos', task.repo.safeName);
  // The folder is replaced whole: no file of an earlier run mixes into this one, and a write that
  // fails (a full disk) leaves the earlier folder as it was.
  try {
    writeFolderAtomic(dir, files, `${process.pid}-${threadId}`);
  } catch (error) {
    throw new WriteFailure(`cannot write repos/${task.repo.safeName}/: ${describeError(error)}`);
  }
  return files.map(([path]) => `repos/${task.repo.safeName}/${path}`);
}

/** The report folder could not be written: the run goes on, the summary says why. */
class WriteFailure extends Error {}

function diagnosticsJson(task: AuditTask, status: AuditStatus, source: RepoSummary['source'], records: readonly DiagnosticRecord[]): string {
  const body = { repository: task.repo.name, kind: task.repo.kind, status, source: source ?? null, to: task.to, diagnostics: records };
  return `${JSON.stringify(body, null, 2)}\n`;
}

function distinct(records: readonly DiagnosticRecord[]): Finding[] {
  const seen = new Map<string, Finding>();
  for (const r of records) {
    const message = r.message.length > maxMessage ? `${r.message.slice(0, maxMessage)}…` : r.message;
    const key = `${r.code}\0${message}`;
    if (!seen.has(key) && seen.size < maxFindings) seen.set(key, { code: r.code, severity: r.severity, message });
  }
  return [...seen.values()];
}

function firstProblem(records: readonly DiagnosticRecord[]): string | undefined {
  const first = records.find((r) => r.severity === 'error') ?? records[0];
  return first ? `${first.message} [${first.code}]` : undefined;
}
