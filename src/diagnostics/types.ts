import type { Origin } from '../ir/types.js';

/**
 * `manual` marks a manual task: something the target cannot express in YAML (a schedule, a
 * context, a secret, a runner setting) that a person has to set up by hand.
 */
export type Severity = 'error' | 'warning' | 'info' | 'manual';

export interface RelatedLocation {
  message: string;
  origin?: Origin;
}

export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  origin?: Origin;
  hint?: string;
  related?: RelatedLocation[];
  /**
   * The job the diagnostic is about, when its message starts by naming it (`job "x": …`,
   * `job x …`): what lets the same loss in many jobs be said once (group-by-job.ts).
   */
  job?: string;
  /** Every job a grouped diagnostic speaks for, in reporting order; its message shows the first few. */
  jobs?: string[];
}

/** Collects diagnostics; the only side channel of every pass. Never throws. */
export interface DiagnosticSink {
  report(diagnostic: Diagnostic): void;
  readonly diagnostics: readonly Diagnostic[];
}
