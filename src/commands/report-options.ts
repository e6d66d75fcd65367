/**
 * How a reporting command (convert, migrate, diff, audit, verify) shows its diagnostics and turns
 * them into an exit code: text or JSON, --quiet, --max-warnings, colour, the closing summary line.
 */
import { formatText, toRecords, type DiagnosticRecord } from '../diagnostics/print.js';
import type { SourceSet } from '../diagnostics/source-map.js';
import type { Diagnostic } from '../diagnostics/types.js';
import { countLine } from '../report/migration-notes.js';

export const reportFormats = ['text', 'json'] as const;
export type ReportFormat = (typeof reportFormats)[number];

export interface ReportOptions {
  /** Show errors only (warnings still count towards --max-warnings, as in eslint). */
  quiet?: boolean;
  /** Exit 1 when more warnings than this are reported (--strict is 0). */
  maxWarnings?: number;
  /** ANSI colours in diagnostics text. */
  color?: boolean;
  /** How files are named in the report: relative to the repository root (see report-root.ts). */
  shownPath?: (file: string) => string;
}

/** The diagnostics a report shows: all of them, or only the errors under --quiet. */
export function shownDiagnostics(diagnostics: readonly Diagnostic[], options: ReportOptions): readonly Diagnostic[] {
  return options.quiet ? diagnostics.filter((d) => d.severity === 'error') : diagnostics;
}

/** Diagnostics as text with a code frame, closed by one summary line: `2 errors, 5 warnings, …`. */
export function diagnosticsText(diagnostics: readonly Diagnostic[], sources: SourceSet, options: ReportOptions): string {
  if (diagnostics.length === 0) return '';
  const shown = shownDiagnostics(diagnostics, options);
  const hidden = diagnostics.length - shown.length;
  const body = formatText(shown, sources, { codeFrame: true, ...(options.color ? { color: true } : {}), ...(options.shownPath ? { shownPath: options.shownPath } : {}) });
  const summary = `${countLine(diagnostics)}${hidden ? ` (${hidden} not shown under --quiet)` : ''}`;
  return `${body}${body ? '\n' : ''}${summary}\n`;
}

/** Diagnostics for JSON output: the stable record shape, filtered as the text is. */
export function diagnosticsJson(diagnostics: readonly Diagnostic[], sources: SourceSet, options: ReportOptions): DiagnosticRecord[] {
  return rebaseRecords(toRecords(shownDiagnostics(diagnostics, options), sources), options);
}

/** Records with their files named as the report names them. */
export function rebaseRecords(records: readonly DiagnosticRecord[], options: ReportOptions): DiagnosticRecord[] {
  const { shownPath } = options;
  return shownPath ? records.map((r) => (r.file ? { ...r, file: shownPath(r.file) } : r)) : [...records];
}

/** Counts by severity for JSON output, of every diagnostic (also those --quiet hides). */
export function diagnosticCounts(diagnostics: readonly Pick<Diagnostic, 'severity'>[]): { errors: number; warnings: number; manualTasks: number; notes: number } {
  const count = (severity: Diagnostic['severity']) => diagnostics.filter((d) => d.severity === severity).length;
  return { errors: count('error'), warnings: count('warning'), manualTasks: count('manual'), notes: count('info') };
}

/** 1 when any error is reported or the warnings pass --max-warnings; else 0. */
export function reportExitCode(diagnostics: readonly Pick<Diagnostic, 'severity'>[], options: ReportOptions): 0 | 1 {
  if (diagnostics.some((d) => d.severity === 'error')) return 1;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  return options.maxWarnings !== undefined && warnings > options.maxWarnings ? 1 : 0;
}
