/**
 * Turns the words of one simple command into a `SimpleCommand`: leading assignments, reserved
 * words and wrapper programs (`sudo`, `env`, `nohup`, `timeout`, `xargs` …) are peeled off so
 * `argv[0]` is the program that really runs; `sh -c '…'` scripts are read as nested commands.
 */
import type { Redirect, ShellWord, SimpleCommand } from './shell-words.js';

export interface RawWord extends ShellWord {
  /** The unquoted start of the word reads `NAME=`: a variable assignment when it leads a command. */
  assignment: boolean;
}

const reservedPrefixes = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{', 'time']);
const reservedClosers = new Set(['fi', 'done', 'esac', '}', 'then', 'else', 'do']);
const shells = new Set(['sh', 'bash', 'dash', 'zsh', 'ash', 'ksh']);
export const assignmentPattern = /^[A-Za-z_][A-Za-z0-9_]*(?:\[[^\]]*\])?\+?=/;

export function buildCommand(
  raw: RawWord[],
  redirects: Redirect[],
  terminator: string,
  depth: number,
  start: number,
  end: number,
  nested: (inner: string, offset: number) => void,
): SimpleCommand {
  let words = raw;
  const assignments: string[] = [];
  const wrappers: string[] = [];
  // Reserved words that open a compound command are not programs (`if docker info; then …`).
  while (words.length && reservedPrefixes.has(words[0]!.value) && !words[0]!.quoted) words = words.slice(1);
  if (words.length === 1 && reservedClosers.has(words[0]!.value) && !words[0]!.quoted) words = [];
  let changed = true;
  while (changed && words.length) {
    changed = false;
    while (words.length && words[0]!.assignment) {
      assignments.push(words[0]!.value);
      words = words.slice(1);
      changed = true;
    }
    const peeled = peelWrapper(words);
    if (peeled) {
      wrappers.push(peeled.name);
      assignments.push(...peeled.assignments);
      words = peeled.rest;
      changed = true;
    }
  }
  const shellWords: ShellWord[] = words.map(({ assignment: _assignment, ...word }) => word);
  const argv = shellWords.map((w) => w.value);
  // `sh -c 'docker …'` and `bash -lc "…"`: read the script too.
  const program = argv[0]?.split('/').pop();
  if (program && shells.has(program)) {
    const flagIndex = argv.findIndex((a, k) => k > 0 && /^-[a-z]*c[a-z]*$/.test(a));
    const script = flagIndex > 0 ? words[flagIndex + 1] : undefined;
    if (script) nested(script.value, script.start + (script.quoted ? 1 : 0));
  }
  return { argv, words: shellWords, assignments, wrappers, redirects, terminator, depth, start, end };
}

/** Options of wrapper programs that take a value, so the wrapped command is found after them. */
const wrapperSpecs: Record<string, { valued: RegExp; afterOptions?: number }> = {
  sudo: { valued: /^-(?:[ugCDhprtTU])$/ },
  env: { valued: /^-(?:[uCS])$/ },
  nohup: { valued: /^$/ },
  command: { valued: /^$/ },
  exec: { valued: /^-a$/ },
  time: { valued: /^$/ },
  nice: { valued: /^-n$/ },
  // `timeout 60 docker …`: the duration is a positional before the command.
  timeout: { valued: /^-(?:[sk])$/, afterOptions: 1 },
  xargs: { valued: /^-(?:[IinLPsdEa])$/ },
  stdbuf: { valued: /^-(?:[ioe])$/ },
};

function peelWrapper(words: RawWord[]): { name: string; rest: RawWord[]; assignments: string[] } | undefined {
  const first = words[0];
  if (!first || first.quoted) return undefined;
  const name = first.value.split('/').pop() ?? '';
  const spec = wrapperSpecs[name];
  if (!spec || words.length < 2) return undefined;
  let k = 1;
  const assignments: string[] = [];
  while (k < words.length) {
    const w = words[k]!.value;
    if (w === '--') {
      k++;
      break;
    }
    if (!w.startsWith('-') || w === '-') break;
    k += spec.valued.test(w) ? 2 : 1;
  }
  k += spec.afterOptions ?? 0;
  if (name === 'env') {
    while (k < words.length && assignmentPattern.test(words[k]!.value)) assignments.push(words[k++]!.value);
  }
  if (k >= words.length) return undefined;
  return { name, rest: words.slice(k), assignments };
}
