/**
 * Which shell lines change the shell for the lines after them, read with the shell word reader.
 * Where commands that share one process in one format get a process each in another, this is what
 * decides whether the split or the join changes behaviour.
 */
import { splitCommands } from '../docker/shell-words.js';

/**
 * Builtins whose effect outlives the command: they end the shell, change its options, traps,
 * directory, variables, aliases, functions or limits, or replace it (bash manual, "Shell Builtin
 * Commands": https://www.gnu.org/software/bash/manual/html_node/Shell-Builtin-Commands.html).
 */
const stateBuiltins = new Set([
  'exit', 'return', 'set', 'shopt', 'trap', 'cd', 'pushd', 'popd', 'export', 'unset', 'alias', 'unalias',
  'exec', 'ulimit', 'umask', 'source', '.', 'eval', 'declare', 'typeset', 'local', 'readonly', 'enable', 'hash',
]);

const bareAssignment = /^\s*[A-Za-z_][A-Za-z0-9_]*(?:\[[^\]]*\])?\+?=/;
const functionDefinition = /^\s*(?:function\s+[A-Za-z_][\w-]*|[A-Za-z_][\w-]*\s*\(\s*\))/;

export interface ShellStateChange {
  /** What changes: the builtin's name, `assignment` or `function`. */
  what: string;
}

/** Words that can start a change at all: text without any of them needs no shell reading. */
const mayChange = new RegExp(
  `(?:^|[^\\w./-])(?:${[...stateBuiltins].map((b) => b.replace('.', '\\.')).join('|')})(?=$|[\\s;&|)])|(?:^|[\\s;&|(])[A-Za-z_]\\w*(?:\\[[^\\]]*\\])?\\+?=|\\(\\s*\\)`,
);

/**
 * Readings by text: the writers, the input's model and the re-read output's model all ask about
 * the same commands. Bounded, so a bulk run's memory stays flat.
 */
const readings = new Map<string, ShellStateChange | undefined>();
const maxReadings = 20_000;

/** The first way `text` changes the state of the shell it runs in, or undefined. */
export function shellStateChange(text: string): ShellStateChange | undefined {
  if (!mayChange.test(text)) return undefined;
  if (readings.has(text)) return readings.get(text);
  if (readings.size >= maxReadings) readings.clear();
  const reading = readStateChange(text);
  readings.set(text, reading);
  return reading;
}

function readStateChange(text: string): ShellStateChange | undefined {
  if (isSubshell(text)) return undefined;
  for (const line of text.split('\n')) {
    if (bareAssignment.test(line) && !/^\s*\S+=\S*\s+\S/.test(line.replace(/(["']).*?\1/g, '""'))) return { what: 'assignment' };
    if (functionDefinition.test(line)) return { what: 'function' };
  }
  for (const command of splitCommands(text)) {
    // Commands inside `$(…)` or `sh -c` run in a child process; their state dies with it.
    if (command.depth > 0) continue;
    const program = command.argv[0];
    if (program && stateBuiltins.has(program) && command.wrappers.length === 0) return { what: program };
  }
  return undefined;
}

/**
 * `( … )` around the whole text: a child shell whose changes die with it. Parentheses are
 * matched as the shell reads them: not inside quotes or comments, and a `case` pattern's `)`
 * closes no group (bash manual, "Conditional Constructs").
 */
export function isSubshell(text: string): boolean {
  const trimmed = text.trim();
  if (!trimmed.startsWith('(') || !trimmed.endsWith(')')) return false;
  return groupEnd(trimmed) === trimmed.length - 1;
}

const wordBoundary = /[\s;&|()]/;

/** Offset of the `)` that closes the group opened at 0, or -1. */
function groupEnd(text: string): number {
  let depth = 0;
  // Per open `case`: waiting for `in`, reading a pattern, or in a pattern's commands.
  const cases: Array<'in' | 'pattern' | 'body'> = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === "'") {
      const close = text.indexOf("'", i + 1);
      if (close < 0) return -1;
      i = close;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (j >= text.length) return -1;
      i = j;
      continue;
    }
    const atWordStart = i === 0 || wordBoundary.test(text[i - 1]!);
    if (c === '#' && atWordStart) {
      const end = text.indexOf('\n', i);
      if (end < 0) return -1;
      i = end;
      continue;
    }
    const top = cases.length - 1;
    if (atWordStart && /[a-z]/.test(c)) {
      const word = /^[a-z]+/.exec(text.slice(i))![0];
      const next = text[i + word.length];
      if (next === undefined || wordBoundary.test(next)) {
        if (word === 'case') cases.push('in');
        else if (word === 'in' && cases[top] === 'in') cases[top] = 'pattern';
        else if (word === 'esac' && top >= 0) cases.pop();
        i += word.length - 1;
        continue;
      }
    }
    if (c === ';' && text[i + 1] === ';' && cases[top] === 'body') {
      cases[top] = 'pattern';
      i++;
      continue;
    }
    if (cases[top] === 'pattern') {
      // A pattern may open with `(`; its `)` ends it.
      if (c === ')') cases[top] = 'body';
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}
