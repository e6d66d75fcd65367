/**
 * The command a writer puts where a step has no translation, and how to read one back: the
 * writers write it, the behaviour comparison recognises it as the step it stands for.
 */

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

/** The name of the step a placeholder line stands for (also inside a `( … )` child shell), or undefined. */
export function placeholderStepName(line: string): string | undefined {
  return /^\(?echo 'ciport: the [\w.@-]+ step "(.+?)" was not translated; replace this /.exec(line)?.[1];
}
