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

/** The first way `text` changes the state of the shell it runs in, or undefined. */
export function shellStateChange(text: string): ShellStateChange | undefined {
  if (!mayChange.test(text) || isSubshell(text)) return undefined;
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

/** `( … )` around the whole text: a child shell whose changes die with it. */
export function isSubshell(text: string): boolean {
  const trimmed = text.trim();
  if (!trimmed.startsWith('(') || !trimmed.endsWith(')')) return false;
  let depth = 0;
  for (let i = 0; i < trimmed.length; i++) {
    if (trimmed[i] === '(') depth++;
    else if (trimmed[i] === ')' && --depth === 0 && i < trimmed.length - 1) return false;
  }
  return depth === 0;
}
