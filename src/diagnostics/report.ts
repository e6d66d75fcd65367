import type { Origin } from '../ir/types.js';
import { catalog, type DiagnosticCode } from './catalog.js';
import type { DiagnosticSink, RelatedLocation, Severity } from './types.js';

export interface ReportOptions {
  origin?: Origin | undefined;
  hint?: string | undefined;
  /** Overrides the catalog's default severity. */
  severity?: Severity;
  related?: RelatedLocation[];
}

/** Reports a catalogued diagnostic; the severity comes from the catalog unless overridden. */
export function report(sink: DiagnosticSink, code: DiagnosticCode, message: string, options: ReportOptions = {}): void {
  sink.report({
    code,
    severity: options.severity ?? catalog[code].severity,
    message,
    ...(options.origin ? { origin: options.origin } : {}),
    ...(options.hint ? { hint: options.hint } : {}),
    ...(options.related ? { related: options.related } : {}),
  });
}
