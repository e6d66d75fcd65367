/**
 * Lines a writer adds so that one format's implicit behaviour holds in another: CircleCI sources
 * `$BASH_ENV` before every step, so a GitLab translation creates and sources that file itself; a
 * job that reads a predefined variable of its source format gets a shim that exports it; a job
 * that runs nothing gets the filler line its format needs. The other side did the same without a
 * line, so the comparison passes over these lines rather than calling them commands the original
 * did not run.
 */
import { splitCommands, type SimpleCommand } from '../docker/shell-words.js';
import type { FormatSemantics } from './semantics.js';

/** Whether every command of the line only emulates what `original` gives implicitly. */
export function emulatesOriginal(line: string, own: FormatSemantics, original: FormatSemantics): boolean {
  if (own.fillerCommands?.includes(line.trim())) return true;
  // Cheap test first: the shell reader runs only on lines that can be emulation.
  if (!/^\s*(?:\.|source|touch|export|echo)\s/.test(line)) return false;
  // Commands inside substitutions compute an exported value; only the top level decides.
  const top = splitCommands(line).filter((c) => c.depth === 0);
  return top.length > 0 && top.every((c) => c.wrappers.length === 0 && emulates(c, own, original));
}

const names = (word: string | undefined, variable: string | undefined) => variable !== undefined && (word === `$${variable}` || word === `\${${variable}}`);

function emulates(command: SimpleCommand, own: FormatSemantics, original: FormatSemantics): boolean {
  const [program, ...args] = command.argv;
  if (args.length !== 1) return false;
  // The original's environment file, which only the original's shells source by themselves.
  const file = original.sourcedEnvironmentFile !== own.sourcedEnvironmentFile ? original.sourcedEnvironmentFile : undefined;
  const shim = (assignment: string) => {
    const name = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=/.exec(assignment)?.[1];
    return name !== undefined && (name === file || (original.predefined.has(name) && !own.predefined.has(name)));
  };
  if (command.redirects.length === 0) {
    // Sourcing its own file is what a shell that does not read it by itself must do (sh on Alpine).
    if (program === '.' || program === 'source') return names(args[0], file) || names(args[0], own.sourcedEnvironmentFile);
    if (program === 'touch') return names(args[0], file);
    return program === 'export' && shim(args[0]!);
  }
  // `echo "export NAME=…" >> "$BASH_ENV"`: a shim the translation's own later steps source, or an
  // export to the original's file, which the translation creates and sources as the original did.
  const [redirect, ...more] = command.redirects;
  if (program !== 'echo' || more.length !== 0 || redirect!.op !== '>>' || !/^export\s/.test(args[0]!)) return false;
  return names(redirect!.target, file) || (names(redirect!.target, own.sourcedEnvironmentFile) && shim(args[0]!));
}
