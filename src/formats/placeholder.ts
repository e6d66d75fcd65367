import { reportOnce } from '../diagnostics/report.js';
import type { DiagnosticSink } from '../diagnostics/types.js';
import type { PlaceholderMode } from '../ir/placeholder-text.js';
import type { FormatId, UnmappedStep } from '../ir/types.js';

// The placeholder's text lives with the IR, where the behaviour comparison reads it back too.
export { isPlaceholderCommand, placeholderCommand, type PlaceholderMode } from '../ir/placeholder-text.js';

/**
 * How a writer's unmapped-step diagnostic ends: what it wrote in the step's place and what that
 * means for the job. `failing` is the writer's wording for the default mode.
 */
export function placeholderWritten(mode: PlaceholderMode | undefined, unit: 'line' | 'step' | 'command', scope: 'job' | 'build' | 'deployment', failing: string): string {
  if (mode !== 'pass') return failing;
  return `a placeholder ${unit} that only prints a message marks its place (--placeholders=pass): the ${scope} passes without doing the step`;
}

/**
 * Reports a placeholder written for a step that obtained credentials (an AWS role assumed with
 * CircleCI's OIDC token) as a manual task: a person must set up how the target obtains them.
 * Returns false for any other step, which the writer reports as unmapped.
 */
export function reportCredentialsPlaceholder(sink: DiagnosticSink, step: UnmappedStep, target: FormatId, subject: string, written: string, job?: string): boolean {
  if (!step.credentials) return false;
  reportOnce(sink, 'manual-credentials', `${subject} ${step.credentials.obtains}, which the translation cannot do; ${written}`, {
    origin: step.origin,
    ...(job !== undefined ? { job } : {}),
    hint: step.credentials.hints?.[target] ?? 'Obtain the same credentials the way the target CI system provides them, then replace the placeholder.',
  });
  return true;
}
