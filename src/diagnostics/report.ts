import type { Origin } from '../ir/types.js';
import { catalog, type DiagnosticCode } from './catalog.js';
import type { Diagnostic, DiagnosticSink, RelatedLocation } from './types.js';

export interface ReportOptions {
  origin?: Origin | undefined;
  hint?: string | undefined;
  related?: RelatedLocation[];
  /** The job the message starts by naming, so repeats across jobs can be grouped. */
  job?: string | undefined;
}

/**
 * Reports a catalogued diagnostic at the catalog's severity: a code has one severity everywhere
 * (issue 16), so `explain`, summaries and SARIF rules agree with every report of it.
 */
export function report(sink: DiagnosticSink, code: DiagnosticCode, message: string, options: ReportOptions = {}): void {
  reportGathering(sink, code, message, options);
}

/**
 * Reports a diagnostic and returns a way to name more places it is about, found later (one loss
 * met in many places is said once, each place named as related).
 */
export function reportGathering(sink: DiagnosticSink, code: DiagnosticCode, message: string, options: ReportOptions = {}): (message: string, origin: Origin | undefined) => void {
  const diagnostic = catalogued(code, message, options);
  sink.report(diagnostic);
  return (text, origin) => {
    if (!origin || origin === options.origin) return;
    const place = { message: text, origin };
    if (!diagnostic.related?.some((r) => sameRelated(r, place))) (diagnostic.related ??= []).push(place);
  };
}

/**
 * A catalogued diagnostic as a value, for commands that return problems instead of reporting them
 * to a sink; the severity is the catalog's, as for `report`.
 */
export function catalogued(code: DiagnosticCode, message: string, options: ReportOptions = {}): Diagnostic {
  return {
    code,
    severity: catalog[code].severity,
    message,
    ...(options.origin ? { origin: options.origin } : {}),
    ...(options.hint ? { hint: options.hint } : {}),
    ...(options.related ? { related: [...options.related] } : {}),
    ...(options.job !== undefined ? { job: options.job } : {}),
  };
}

/** Two related places that print the same: one message at one position. */
export function sameRelated(a: RelatedLocation, b: RelatedLocation): boolean {
  return a.message === b.message && a.origin?.file === b.origin?.file && a.origin?.range[0] === b.origin?.range[0];
}

const said = new WeakMap<DiagnosticSink, Set<string>>();

/**
 * Reports a diagnostic unless this sink already has the same code and message at the same place:
 * for writers that meet one source place more than once (a `cache:` that gives a restore and a save
 * step, an executor shared by several jobs), so it is said once.
 */
export function reportOnce(sink: DiagnosticSink, code: DiagnosticCode, message: string, options: ReportOptions = {}): void {
  const key = JSON.stringify([code, message, options.origin?.file, options.origin?.range[0]]);
  const keys = said.get(sink) ?? new Set<string>();
  said.set(sink, keys);
  if (keys.has(key)) return;
  keys.add(key);
  report(sink, code, message, options);
}
