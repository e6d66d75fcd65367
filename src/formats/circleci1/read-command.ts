import { isMap, isScalar, type Node } from 'yaml';
import type { Comments, RunStep, Variable } from '../../ir/types.js';
import { commentsOf, entries, isNullNode, items, scalarValue, splitComment, stringValue, type Entry } from '../../yaml/view.js';
import { at, diagnose, nodeAt, take, wrongType, type ReadContext } from './read-context.js';
import { readVariables } from './read-variables.js';

/** The trailing comment the 1.0 writer puts on commands it wrote out for 1.0 inference. */
export const inferredMarker = 'inferred by CircleCI 1.0';

/** How a command list's section shapes its steps (configuration.md "Modifiers", parallel-manual-setup.md). */
export interface CommandSection {
  /** The 1.0 phase the commands belong to (`machine` … `test`, or `deployment`). */
  phase: string;
  /** `parallel` when the command says nothing: true in machine/checkout/dependencies/database, false in test. */
  parallelDefault?: boolean;
  /** `test` commands: every command runs even after one fails. */
  continueOnFailure?: boolean;
  /** Deployment commands are never parallel; `parallel` there is an error in 1.0. */
  parallelForbidden?: boolean;
}

const modifierNames = new Set(['timeout', 'pwd', 'environment', 'parallel', 'files', 'background']);

/** Reads a `pre`/`override`/`post`/`commands` list into run steps, one per command entry. */
export function readCommands(ctx: ReadContext, list: Entry, path: Array<string | number>, section: CommandSection): RunStep[] {
  take(ctx, list);
  if (isNullNode(ctx.reader, list.value)) return [];
  if (isScalar(list.value)) {
    // 1.0 rejected this ("commands must be a list"); the single command is still the intent.
    diagnose(ctx, 'wrong-type', `"${path.join('.')}" should be a list of commands; read as one command`, at(ctx, list, path));
    const command = stringValue(ctx.reader, list.value);
    return command === undefined ? [] : [step(command, section)];
  }
  if (isMap(list.value)) {
    wrongType(ctx, list, path, 'a list of commands');
    return [];
  }
  const steps: RunStep[] = [];
  // yaml keeps a comment above the first item on the sequence itself.
  const leading = (list.value as { commentBefore?: string | null }).commentBefore;
  items(ctx.reader, list.value).forEach((item, index) => {
    const read = readCommand(ctx, item, [...path, index], section);
    if (!read) return;
    if (index === 0 && leading && !read.comments?.before) {
      read.comments = { ...read.comments, before: splitComment(leading) };
    }
    steps.push(read);
  });
  return steps;
}

function step(command: string, section: CommandSection): RunStep {
  const run: RunStep = { kind: 'run', command, phase: section.phase };
  if (section.continueOnFailure) run.continueOnFailure = true;
  if (section.parallelDefault !== undefined) run.allNodes = section.parallelDefault;
  return run;
}

function withComments(run: RunStep, comments: Comments | undefined): RunStep {
  if (!comments) return run;
  run.comments = comments;
  if (comments.trailing?.trim() === inferredMarker) run.inferred = true;
  return run;
}

function readCommand(ctx: ReadContext, item: Node | null, path: Array<string | number>, section: CommandSection): RunStep | undefined {
  const origin = nodeAt(ctx, item, path);
  if (item === null || isNullNode(ctx.reader, item)) {
    diagnose(ctx, 'coerced-value', `"${path.join('.')}" is empty; expected a command, so it is left out`, origin);
    return undefined;
  }
  if (isScalar(item)) {
    const command = stringValue(ctx.reader, item) ?? '';
    return withComments({ ...step(command, section), ...(origin ? { origin } : {}) }, commentsOf(item));
  }
  if (!isMap(item)) {
    diagnose(ctx, 'wrong-type', `"${path.join('.')}" should be a command or a command with modifiers`, origin);
    return undefined;
  }
  const all = entries(ctx.reader, item);
  // `- cmd:` followed by modifiers at the same level (the docs warn about this indentation).
  const commands = all.filter((e) => !modifierNames.has(e.key));
  const misindented = all.length > 1 && commands.length === 1 && isNullNode(ctx.reader, commands[0]!.value);
  const commandEntry = misindented ? commands[0] : all.length === 1 ? all[0] : undefined;
  if (!commandEntry) {
    diagnose(ctx, 'wrong-type', `"${path.join('.')}" should be a map with exactly one command`, origin);
    for (const e of all) take(ctx, e);
    return undefined;
  }
  take(ctx, commandEntry);
  const run: RunStep = { ...step(commandEntry.key, section), ...(origin ? { origin } : {}) };
  // A comment above `- cmd:` may sit on the map item or on its key, as yaml parses it.
  const outer = commentsOf(item)?.before ?? [];
  const own = commentsOf(commandEntry);
  withComments(run, outer.length ? { ...own, before: [...outer, ...(own?.before ?? [])] } : own);
  const modifierPath = [...path, commandEntry.key];
  let modifiers: Entry[];
  if (misindented) {
    modifiers = all.filter((e) => e !== commandEntry);
    diagnose(ctx, 'circleci1-modifier-indentation', `modifiers of "${commandEntry.key}" are written beside it, not under it`, origin, {
      hint: 'Indent the modifiers one level below the command key.',
    });
  } else if (isNullNode(ctx.reader, commandEntry.value)) {
    modifiers = [];
  } else if (isMap(commandEntry.value)) {
    modifiers = entries(ctx.reader, commandEntry.value);
  } else {
    // `- cmd: value` is a YAML map, not a command with a colon in it; 1.0 read it the same way.
    diagnose(ctx, 'wrong-type', `"${path.join('.')}" maps the command to a value; modifiers must be a map`, origin, {
      hint: 'Quote the whole command if the colon is part of it.',
    });
    run.command = `${commandEntry.key}: ${stringValue(ctx.reader, commandEntry.value) ?? ''}`;
    return run;
  }
  for (const modifier of modifiers) readModifier(ctx, run, modifier, [...modifierPath, modifier.key], section);
  return run;
}

function readModifier(ctx: ReadContext, run: RunStep, e: Entry, path: Array<string | number>, section: CommandSection): void {
  const value = scalarValue(ctx.reader, e.value);
  switch (e.key) {
    case 'timeout': {
      const seconds = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : NaN;
      if (!Number.isInteger(seconds) || seconds < 0) return wrongType(ctx, e, path, 'a number of seconds');
      take(ctx, e);
      // A no-output timeout, not a wall-clock limit (configuration.md "Modifiers").
      run.noOutputTimeout = `${seconds}s`;
      return;
    }
    case 'pwd': {
      const text = stringValue(ctx.reader, e.value);
      if (text === undefined) return wrongType(ctx, e, path, 'a directory path');
      take(ctx, e);
      run.workingDirectory = text;
      return;
    }
    case 'environment': {
      if (!isMap(e.value)) return wrongType(ctx, e, path, 'a map of variables');
      take(ctx, e);
      const variables: Variable[] = readVariables(ctx, e.value, path);
      if (variables.length) run.environment = variables;
      return;
    }
    case 'parallel': {
      if (typeof value !== 'boolean') return wrongType(ctx, e, path, 'true or false');
      take(ctx, e);
      if (section.parallelForbidden) {
        diagnose(ctx, 'coerced-value', `"parallel" is not allowed on ${section.phase} commands; 1.0 rejected it, and it is read as false`, at(ctx, e, path));
        return;
      }
      run.allNodes = value;
      return;
    }
    case 'files': {
      take(ctx, e);
      if (isScalar(e.value) && stringValue(ctx.reader, e.value) !== undefined) {
        diagnose(ctx, 'coerced-value', `"${path.join('.')}" should be a list of globs; read as one`, at(ctx, e, path));
        run.splitFiles = [stringValue(ctx.reader, e.value)!];
        return;
      }
      const globs = items(ctx.reader, e.value).map((item) => stringValue(ctx.reader, item)).filter((g): g is string => g !== undefined);
      if (!globs.length) return wrongType(ctx, e, path, 'a list of globs');
      run.splitFiles = globs;
      return;
    }
    case 'background': {
      if (typeof value !== 'boolean') return wrongType(ctx, e, path, 'true or false');
      take(ctx, e);
      if (value) run.background = true;
      return;
    }
    default:
      // Left for reportUnconsumedKeys: an unknown modifier is an unknown key.
      return;
  }
}
