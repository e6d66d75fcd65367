import { report, reportOnce } from '../../diagnostics/report.js';
import type { Comments, RunStep, UnmappedStep } from '../../ir/types.js';
import { placeholderCommand, type PlaceholderMode } from '../placeholder.js';
import type { EmitContext } from '../types.js';
import { durationSeconds } from './emit-util.js';
import type { VariableRewriter } from './emit-variables.js';
import { inferredMarker } from './read-command.js';
import { sectionOf } from './read-phases.js';

export type CommandEntry = string | { [command: string]: Record<string, unknown> };

/** A command as written, with the comments that go above it or after it. */
export interface WrittenCommand {
  entry: CommandEntry;
  comments?: Comments;
}

/**
 * A run step as a 1.0 command: the string, or a one-key map with modifiers (configuration.md §2).
 * Modifiers equal to the section's default are not written.
 */
export function writeCommand(step: RunStep, phase: string, ctx: EmitContext, variables: VariableRewriter): WrittenCommand {
  const command = variables.rewrite(step.command, step.origin);
  const modifiers: Record<string, unknown> = {};
  if (step.noOutputTimeout !== undefined) {
    const seconds = durationSeconds(step.noOutputTimeout);
    if (seconds === undefined) {
      report(ctx.sink, 'invalid-value', `no-output timeout "${step.noOutputTimeout}" is not a duration; it is left out`, { origin: step.origin });
    } else modifiers.timeout = seconds;
  }
  const pwd = step.workingDirectory === undefined ? undefined : checkoutRelative(step.workingDirectory);
  if (pwd !== undefined) modifiers.pwd = pwd;
  if (step.environment?.length) {
    modifiers.environment = Object.fromEntries(step.environment.map((v) => [v.name, variables.rewrite(v.value, v.origin ?? step.origin)]));
  }
  const section = sectionOf(phase);
  if (step.allNodes !== undefined && step.allNodes !== section.parallelDefault) {
    if (section.parallelForbidden) {
      if (step.allNodes) report(ctx.sink, 'unsupported-feature', '1.0 deployment commands never run in parallel; `parallel` is left out', { origin: step.origin });
    } else modifiers.parallel = step.allNodes;
  }
  if (step.splitFiles?.length) modifiers.files = step.splitFiles;
  if (step.background) modifiers.background = true;
  if (step.shell !== undefined) {
    reportOnce(ctx.sink, 'unsupported-feature', `CircleCI 1.0 runs commands with bash; the shell "${step.shell}" is left out`, { origin: step.origin });
  }
  if (step.when === 'always' && phase === 'test') {
    report(ctx.sink, 'approximate-translation', 'a 1.0 `test` command runs after failed test commands, but not after a failed setup phase', { origin: step.origin });
  } else if (step.when === 'always') {
    reportOnce(ctx.sink, 'unsupported-feature', 'CircleCI 1.0 has no `when: always` commands; it runs only while the build succeeds', { origin: step.origin });
  }
  if (step.maxAutoReruns !== undefined) {
    report(ctx.sink, 'unsupported-feature', 'CircleCI 1.0 does not re-run failed commands; `max_auto_reruns` is left out', { origin: step.origin });
  }
  if (step.continueOnFailure && phase !== 'test') {
    report(ctx.sink, 'approximate-translation', `only 1.0 \`test\` commands keep going after a failure; in "${phase}" a failure stops the build`, { origin: step.origin });
  }
  const entry: CommandEntry = Object.keys(modifiers).length ? { [command]: modifiers } : command;
  const written: WrittenCommand = { entry };
  const comments: Comments = { ...(step.comments ?? {}) };
  // 1.0 has no step names; the name survives as a comment.
  if (step.name && !comments.before?.length) comments.before = [step.name];
  if (step.inferred && typeof entry === 'string') comments.trailing = inferredMarker;
  if (comments.before?.length || comments.trailing) written.comments = comments;
  return written;
}

/** The command that stands where a step has no 1.0 form, at the step's place (failing unless `pass`). */
export function unmappedPlaceholder(step: UnmappedStep, mode: PlaceholderMode | undefined): RunStep {
  return { kind: 'run', command: placeholderCommand(step.format, step.name, 'command', mode), ...(step.origin ? { origin: step.origin } : {}) };
}

/** CircleCI 2.x spellings of its checkout directory, which 1.0 calls the default `pwd`. */
const checkoutRoots = ['~/project', '/root/project', '$CIRCLE_WORKING_DIRECTORY', '${CIRCLE_WORKING_DIRECTORY}'];

/**
 * `pwd` is relative to the checkout, which 1.0 places at ~/<repository name> (configuration.md
 * `pwd`): a 2.x path inside ~/project becomes the part below it; the checkout itself, no modifier.
 */
function checkoutRelative(directory: string): string | undefined {
  for (const root of checkoutRoots) {
    if (directory === root || directory === `${root}/`) return undefined;
    if (directory.startsWith(`${root}/`)) return directory.slice(root.length + 1);
  }
  return directory;
}

/**
 * Fail closed: 1.0 has no commands that run only after a failure, and written as a command one
 * would run on success instead (a clean-up that destroys what was just deployed). Says so and
 * returns true when the step is left out.
 */
export function leaveOutFailureOnly(step: RunStep, ctx: EmitContext): boolean {
  if (step.when !== 'on_failure') return false;
  reportOnce(ctx.sink, 'unsupported-feature', 'CircleCI 1.0 has no commands that run only after a failure; the command is left out', { origin: step.origin });
  return true;
}
