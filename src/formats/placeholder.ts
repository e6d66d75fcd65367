import { reportOnce } from '../diagnostics/report.js';
import type { DiagnosticSink } from '../diagnostics/types.js';
import type { FormatId, UnmappedStep } from '../ir/types.js';

/** What a step with no translation becomes (`--placeholders`): a command that fails the job (default) or one that passes. */
export type PlaceholderMode = 'fail' | 'pass';

/**
 * The command written where a step has no translation. By default it fails the job, so a
 * translated pipeline never passes without the step's work unnoticed (fail closed); the message
 * names the step. `pass` prints the same message to stderr and goes on: no `exit 0`, which would
 * end a GitLab script (one shell) there and skip the lines after it.
 */
export function placeholderCommand(format: string, name: string, unit: 'line' | 'step' | 'command', mode: PlaceholderMode = 'fail'): string {
  const said = `ciport: the ${format} step "${name}" was not translated; replace this ${unit}`.replace(/'/g, '');
  return mode === 'pass' ? `echo '${said}' >&2` : `echo '${said}' >&2; exit 1`;
}

/** Whether a command is one of ciport's placeholders (its own `exit` is no step's shell change to report). */
export function isPlaceholderCommand(command: string): boolean {
  return command.startsWith("echo 'ciport: the ");
}

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
