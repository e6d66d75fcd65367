/**
 * The data every audit summary is printed from. Per repository only a small record is kept (counts,
 * a capped list of findings), so an audit of thousands of repositories stays small in memory.
 */
import type { Severity } from '../diagnostics/types.js';
import { formats } from '../formats/registry.js';
import type { FormatId } from '../ir/types.js';
import { plural } from './locations.js';

/**
 * What became of one repository, in the order the summaries list them:
 * - on-target: it has the target's file already, or its only configuration is in the target format;
 * - success: translated, with jobs, without a warning or a manual task;
 * - partial: translated, with warnings or manual tasks;
 * - errors: translated, but an error was reported (the output needs fixing before it runs);
 * - not-converted: nothing usable came out (unreadable, ambiguous, fatal, too large, timed out, no
 *   jobs, a crash); `reason` says why;
 * - unsupported: no recognisable configuration.
 */
export type AuditStatus = 'on-target' | 'success' | 'partial' | 'errors' | 'not-converted' | 'unsupported';
export const auditStatuses: readonly AuditStatus[] = ['on-target', 'success', 'partial', 'errors', 'not-converted', 'unsupported'];

/** The words every summary uses for a status. */
export const statusLabels: Record<AuditStatus, string> = {
  'on-target': 'already on target',
  success: 'successful',
  partial: 'partially successful',
  errors: 'converted with errors',
  'not-converted': 'not converted',
  unsupported: 'unsupported',
};

/** What a status means, for the legend of the summaries. */
export const statusMeanings: Record<AuditStatus, string> = {
  'on-target': 'has the target file already, or its only configuration is in the target format',
  success: 'translated with jobs, no warning and no manual task',
  partial: 'translated, with warnings or manual tasks',
  errors: 'translated, but errors were reported',
  'not-converted': 'nothing usable was written (see the reason)',
  unsupported: 'no recognisable CI configuration',
};

/** Steps of the source pipeline: understood and written, not understood, understood but not fully writable. */
export interface StepCounts {
  known: number;
  unknown: number;
  unsupported: number;
}

export interface Finding {
  code: string;
  severity: Severity;
  message: string;
  /** Manual tasks: the message with job and workflow names taken out, which groups tasks by kind. */
  kind?: string;
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
  steps?: StepCounts;
  /** Why the repository is on target, not converted or unsupported, in one line. */
  reason?: string;
  /** Distinct error and warning diagnostics (capped). */
  findings: Finding[];
  /** Distinct manual tasks (capped). */
  manualTasks: Finding[];
}

/**
 * The run a summary comes from: ciport's version, the date (ISO 8601) and the options given, keyed
 * by their command-line names (`to`, `jobs`, `max-size`, `shard`, …; `input` is the operand).
 */
export interface AuditRun {
  version: string;
  date: string;
  options: Record<string, string | number | boolean>;
}

/** Repositories of one source format (`null`: none recognised), by status. */
export type SourceFormatRow = { format: FormatId | null; repositories: number } & Record<AuditStatus, number>;

/** Manual tasks of one kind: how many tasks, in how many repositories. */
export interface ManualTaskKind {
  code: string;
  kind: string;
  tasks: number;
  repositories: number;
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
  /** Each status's share of the repositories, in percent (one decimal). */
  percentages: Record<AuditStatus, number>;
  bySource: SourceFormatRow[];
  /** Steps over every translated repository. */
  steps: StepCounts;
  /** Error and warning diagnostics grouped by code, most frequent first. */
  codes: Array<{ code: string; severity: Severity; repositories: number; occurrences: number }>;
  /** Error and warning diagnostics grouped by code and message, most frequent first. */
  features: Array<Finding & { repositories: number }>;
  /** Every kind of manual task (job and workflow names taken out), most frequent first. */
  manualTasks: ManualTaskKind[];
  repositories: RepoSummary[];
}

export const emptyCounts = (): Record<Severity, number> => ({ error: 0, warning: 0, manual: 0, info: 0 });

const topGroups = 25;

/** Totals and groupings over per-repository records, sorted by repository name for stable output. */
export function summarizeAudit(to: FormatId, repositories: readonly RepoSummary[], shard?: string, run?: AuditRun): AuditSummary {
  const sorted = repositories.map(withKnownStatus).sort((a, b) => compareNames(a.name, b.name));
  const totals = { repositories: sorted.length, ...zeroByStatus() };
  const bySource = new Map<FormatId | null, SourceFormatRow>();
  const steps: StepCounts = { known: 0, unknown: 0, unsupported: 0 };
  const codes = new Map<string, { code: string; severity: Severity; repositories: number; occurrences: number }>();
  const features = new Map<string, Finding & { repositories: number }>();
  const manual = new Map<string, ManualTaskKind & { seenIn: string }>();
  for (const repo of sorted) {
    totals[repo.status]++;
    const format = repo.source?.format ?? null;
    const row = bySource.get(format) ?? { format, repositories: 0, ...zeroByStatus() };
    row.repositories++;
    row[repo.status]++;
    bySource.set(format, row);
    if (repo.steps) for (const key of stepKeys) steps[key] += repo.steps[key];
    const seenCodes = new Set<string>();
    for (const finding of repo.findings) {
      const entry = codes.get(finding.code) ?? { code: finding.code, severity: finding.severity, repositories: 0, occurrences: 0 };
      entry.occurrences++;
      if (!seenCodes.has(finding.code)) entry.repositories++;
      seenCodes.add(finding.code);
      codes.set(finding.code, entry);
      count(features, finding);
    }
    for (const task of repo.manualTasks) {
      const kind = task.kind ?? taskKind(task.message);
      const key = `${task.code}\0${kind}`;
      const entry = manual.get(key) ?? { code: task.code, kind, tasks: 0, repositories: 0, seenIn: '' };
      entry.tasks++;
      // Several tasks of a kind in one repository (two jobs) count that repository once.
      if (entry.seenIn !== repo.name) entry.repositories++;
      entry.seenIn = repo.name;
      manual.set(key, entry);
    }
  }
  return {
    to,
    ...(shard ? { shard } : {}),
    ...(run ? { run } : {}),
    totals,
    percentages: Object.fromEntries(auditStatuses.map((s) => [s, percent(totals[s], totals.repositories)])) as Record<AuditStatus, number>,
    bySource: [...bySource.values()].sort((a, b) => b.repositories - a.repositories || compareNames(a.format ?? '~', b.format ?? '~')),
    steps,
    codes: [...codes.values()].sort((a, b) => b.repositories - a.repositories || b.occurrences - a.occurrences || compareNames(a.code, b.code)),
    features: top(features),
    manualTasks: [...manual.values()]
      .map(({ seenIn: _, ...kind }) => kind)
      .sort((a, b) => b.tasks - a.tasks || b.repositories - a.repositories || compareNames(a.code, b.code) || compareNames(a.kind, b.kind)),
    repositories: sorted,
  };
}

const stepKeys = ['known', 'unknown', 'unsupported'] as const;

const zeroByStatus = (): Record<AuditStatus, number> => Object.fromEntries(auditStatuses.map((s) => [s, 0])) as Record<AuditStatus, number>;

/** `part` of `whole` in percent, one decimal; 0 of nothing is 0. */
export function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10;
}

/** summary.json of ciport before these statuses said `failed` for what is now `not-converted`. */
function withKnownStatus(repo: RepoSummary): RepoSummary {
  return (auditStatuses as readonly string[]).includes(repo.status) ? repo : { ...repo, status: 'not-converted' };
}

/**
 * A manual task's kind: its message with job and workflow names taken out, so "job "a" runs Docker
 * in Docker" and "job "b" runs Docker in Docker" are one kind. Names of contexts, secrets and
 * variables stay: each is one thing to set up, whichever jobs use it. `jobNames` also replaces
 * quoted job names the message does not introduce with the word "job".
 */
export function taskKind(message: string, jobNames: readonly string[] = []): string {
  let kind = message
    .replace(/\b(jobs?|workflows?) "(?:[^"\\]|\\.)*"/g, '$1 "…"')
    .replace(/\(used by [^)]*\)/g, '(used by …)');
  for (const name of [...jobNames].sort((a, b) => b.length - a.length)) kind = kind.split(`"${name}"`).join('"…"');
  return kind;
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

/** The run's options as the command line that gives them: `ciport audit org --to gitlab --jobs 3`. */
export function commandLine(run: AuditRun): string {
  const words = ['ciport', 'audit'];
  for (const [key, value] of Object.entries(run.options)) {
    if (key === 'input') words.splice(2, 0, shellWord(String(value)));
    // A flag without a value (--no-factor), or one whose value was not kept (--rules: a file's content).
    else if (value === true) words.push(key.startsWith('no-') ? `--${key}` : `--${key} …`);
    else words.push(`--${key}`, shellWord(String(value)));
  }
  return words.join(' ');
}

function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The shard of the run, as its options gave it (`k/n`), else as the summary recorded it. */
export function shardOf(summary: AuditSummary): string | undefined {
  const given = summary.run?.options.shard;
  return typeof given === 'string' ? given : summary.shard;
}

/** The one sentence a reader takes away: how many translate, how many with nothing by hand. */
export function headline(summary: AuditSummary): string {
  const { totals, percentages: p } = summary;
  const translated = totals.success + totals.partial;
  const parts = [
    `${translated} of ${plural(totals.repositories, 'repository', 'repositories')} (${percent(translated, totals.repositories)}%) translate`,
    `${totals.success} (${p.success}%) with nothing to do by hand`,
  ];
  if (totals['on-target']) parts.push(`${totals['on-target']} (${p['on-target']}%) already on ${formats[summary.to].title.replace(/ \(.*\)$/, '')}`);
  const attention = totals.errors + totals['not-converted'] + totals.unsupported;
  parts.push(`${attention} (${percent(attention, totals.repositories)}%) need attention`);
  return `${parts.join('; ')}.`;
}

/** The totals in one line of text, every status named: `1 already on target, 3 successful, …`. */
export function describeTotals(totals: AuditSummary['totals']): string {
  return auditStatuses.map((s) => `${totals[s]} ${statusLabels[s]}`).join(', ');
}

/**
 * The process exit code of an audit: 0 when every repository translated or is on target, 1 when
 * some need attention (errors, not converted, unsupported).
 */
export function auditExitCode(summary: AuditSummary): 0 | 1 {
  return summary.totals.errors + summary.totals['not-converted'] + summary.totals.unsupported > 0 ? 1 : 0;
}
