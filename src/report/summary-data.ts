/**
 * The data every audit summary is printed from. Per repository only a small record is kept (counts,
 * a capped list of findings), so an audit of thousands of repositories stays small in memory.
 */
import type { Severity } from '../diagnostics/types.js';
import type { FormatId } from '../ir/types.js';

/**
 * success: translated without warnings; partial: translated with warnings or manual tasks;
 * unsupported: no recognisable configuration; failed: errors, a fatal translation, or a crash.
 */
export type AuditStatus = 'success' | 'partial' | 'unsupported' | 'failed';
export const auditStatuses: readonly AuditStatus[] = ['success', 'partial', 'unsupported', 'failed'];

export interface Finding {
  code: string;
  severity: Severity;
  message: string;
}

export interface RepoSummary {
  /** The repository's name: its folder under the input directory, or its manifest line. */
  name: string;
  /** Its folder under `<out>/repos/`. */
  safeName: string;
  kind: 'checkout' | 'bare';
  status: AuditStatus;
  source?: { path: string; format: FormatId };
  /** Report-relative paths of the files written for this repository. */
  files: string[];
  counts: Record<Severity, number>;
  jobs?: number;
  workflows?: number;
  /** Why the repository failed or is unsupported, in one line. */
  reason?: string;
  /** Distinct error and warning diagnostics (capped). */
  findings: Finding[];
  /** Distinct manual tasks (capped). */
  manualTasks: Finding[];
}

/** The run a summary comes from: ciport's version, the date (ISO 8601) and the options given. */
export interface AuditRun {
  version: string;
  date: string;
  options: Record<string, string | number | boolean>;
}

export interface AuditSummary {
  to: FormatId;
  /** `k/n` of `--shard`. */
  shard?: string;
  run?: AuditRun;
  /** The repositories listed before sharding: how many, and a digest of their names (the same in every shard of a run). */
  listed?: { repositories: number; digest: string };
  /** SIGINT or SIGTERM stopped the run: only the `done` of `total` repositories that finished are counted. */
  interrupted?: { signal: 'SIGINT' | 'SIGTERM'; done: number; total: number };
  totals: Record<AuditStatus, number> & { repositories: number };
  /** Error and warning diagnostics grouped by code, most frequent first. */
  codes: Array<{ code: string; severity: Severity; repositories: number; occurrences: number }>;
  /** Error and warning diagnostics grouped by code and message, most frequent first. */
  features: Array<Finding & { repositories: number }>;
  /** Manual tasks grouped by code and message, most frequent first. */
  manualTasks: Array<Finding & { repositories: number }>;
  repositories: RepoSummary[];
}

export const emptyCounts = (): Record<Severity, number> => ({ error: 0, warning: 0, manual: 0, info: 0 });

const topGroups = 25;

/** Totals and groupings over per-repository records, sorted by repository name for stable output. */
export function summarizeAudit(to: FormatId, repositories: readonly RepoSummary[], shard?: string, run?: AuditRun): AuditSummary {
  const sorted = [...repositories].sort((a, b) => compareNames(a.name, b.name));
  const totals = { repositories: sorted.length, success: 0, partial: 0, unsupported: 0, failed: 0 };
  const codes = new Map<string, { code: string; severity: Severity; repositories: number; occurrences: number }>();
  const features = new Map<string, Finding & { repositories: number }>();
  const manual = new Map<string, Finding & { repositories: number }>();
  for (const repo of sorted) {
    totals[repo.status]++;
    const seenCodes = new Set<string>();
    for (const finding of repo.findings) {
      const entry = codes.get(finding.code) ?? { code: finding.code, severity: finding.severity, repositories: 0, occurrences: 0 };
      entry.occurrences++;
      if (!seenCodes.has(finding.code)) entry.repositories++;
      seenCodes.add(finding.code);
      codes.set(finding.code, entry);
      count(features, finding);
    }
    for (const task of repo.manualTasks) count(manual, task);
  }
  return {
    to,
    ...(shard ? { shard } : {}),
    ...(run ? { run } : {}),
    totals,
    codes: [...codes.values()].sort((a, b) => b.repositories - a.repositories || b.occurrences - a.occurrences || compareNames(a.code, b.code)),
    features: top(features),
    manualTasks: top(manual),
    repositories: sorted,
  };
}

/** A repository's findings are distinct, so counting entries counts repositories. */
function count(groups: Map<string, Finding & { repositories: number }>, finding: Finding): void {
  const key = `${finding.code}\0${finding.message}`;
  const entry = groups.get(key) ?? { ...finding, repositories: 0 };
  entry.repositories++;
  groups.set(key, entry);
}

function top(groups: Map<string, Finding & { repositories: number }>): Array<Finding & { repositories: number }> {
  return [...groups.values()]
    .sort((a, b) => b.repositories - a.repositories || compareNames(a.code, b.code) || compareNames(a.message, b.message))
    .slice(0, topGroups);
}

/** Code-point order: the same on every machine and locale. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The totals in one line of text, every status named: `3 successful, 1 partially successful, …`. */
export function describeTotals(totals: AuditSummary['totals']): string {
  return `${totals.success} successful, ${totals.partial} partially successful, ${totals.unsupported} unsupported, ${totals.failed} failed`;
}

/** The process exit code of an audit: 0 when every repository translated, 1 when some need attention. */
export function auditExitCode(summary: AuditSummary): 0 | 1 {
  return summary.totals.failed + summary.totals.unsupported > 0 ? 1 : 0;
}
