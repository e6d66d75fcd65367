/**
 * The command written where a step has no translation. It fails the job, so a translated pipeline
 * never passes without the step's work unnoticed (fail closed); the message names the step.
 */
export function placeholderCommand(format: string, name: string, unit: 'line' | 'step' | 'command'): string {
  const said = `ciport: the ${format} step "${name}" was not translated; replace this ${unit}`.replace(/'/g, '');
  return `echo '${said}' >&2; exit 1`;
}
