import type { Diagnostic } from '../../diagnostics/types.js';
import type { Pipeline, Step } from '../../ir/types.js';
import { originWithin } from '../../ir/origins.js';
import type { StepCounts } from '../../report/summary-data.js';

/**
 * Counts a pipeline's steps (the steps inside a conditional, not the conditional itself) as
 * - unknown: no rule understood it (an `unmapped` step, carried as a placeholder);
 * - unsupported: understood, but a warning or an error is located inside it (the target could not
 *   say all of it);
 * - known: the rest.
 */
export function countSteps(pipeline: Pipeline, diagnostics: readonly Diagnostic[]): StepCounts {
  const problems = diagnostics.filter((d) => (d.severity === 'warning' || d.severity === 'error') && d.origin).map((d) => d.origin!);
  const counts: StepCounts = { known: 0, unknown: 0, unsupported: 0 };
  const visit = (step: Step): void => {
    if (step.kind === 'conditional') {
      step.steps.forEach(visit);
      return;
    }
    if (step.kind === 'unmapped') counts.unknown++;
    else if (step.origin && problems.some((p) => originWithin(p, step.origin!))) counts.unsupported++;
    else counts.known++;
  };
  for (const job of pipeline.jobs) job.steps.forEach(visit);
  return counts;
}
