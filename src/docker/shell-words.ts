/**
 * A small POSIX-shell reader: enough to find `docker`, `docker-compose` and `docker compose`
 * invocations and their flags in a CI command. It splits text into simple commands and words,
 * honouring quotes, backslash escapes, `\`-newline continuations, comments, here-documents,
 * `&&` `||` `;` `|` `&` and newlines, and reads the commands inside `$(…)`, backticks, `<(…)`
 * and `sh -c '…'` too. Leading `VAR=x`, `sudo`, `env`, `nohup`, `time`, `xargs` … are peeled off
 * into `wrappers`. It never throws: unterminated quotes run to the end of the text.
 */

import { assignmentPattern, buildCommand, type RawWord } from './shell-command.js';

export interface ShellWord {
  /** Quotes removed and escapes resolved; expansions (`$X`, `$(…)`, backticks) kept as written. */
  value: string;
  /** [start, end) offsets into the text given to `splitCommands`. */
  start: number;
  end: number;
  /** Some part of the word was quoted. */
  quoted: boolean;
  /** The word holds an expansion whose value is not known statically. */
  expands: boolean;
}

export interface Redirect {
  /** `>`, `>>`, `<`, `<<`, `<<-`, `<<<`, `>&`, `&>`, … */
  op: string;
  fd?: string;
  target?: string;
}

export interface SimpleCommand {
  /** Program and arguments, after assignments and wrappers. Empty for a bare assignment. */
  argv: string[];
  /** The words of `argv`, with positions. */
  words: ShellWord[];
  /** Leading `NAME=value` words (including those after `env`). */
  assignments: string[];
  /** Wrapper programs peeled off in front of `argv`, e.g. `['sudo', 'env']`. */
  wrappers: string[];
  redirects: Redirect[];
  /** What ended the command: `&&`, `||`, `;`, `|`, `&`, `\n`, `)` or `` at the end of the text. */
  terminator: string;
  /** 0 at top level; one more inside each command substitution or `sh -c` string. */
  depth: number;
  start: number;
  end: number;
}

/**
 * Splits shell text into simple commands, in execution order (substitutions before their user).
 * Commands that run no program (a bare `X=1`, a lone `fi`) are left out.
 */
export function splitCommands(text: string): readonly SimpleCommand[] {
  const known = splitCache.get(text);
  if (known) return known;
  const out: SimpleCommand[] = [];
  const reader = createReader(text, 0, 0, out);
  reader.readList(undefined);
  // The lints, the job models and the behaviour comparison of both sides read the same commands.
  if (splitCache.size >= maxCachedTexts) splitCache.clear();
  splitCache.set(text, out);
  return out;
}

/** Results are shared between callers, so they are read-only; the cache is bounded, not kept per run. */
const splitCache = new Map<string, readonly SimpleCommand[]>();
const maxCachedTexts = 4096;

/** The commands of a text, top level and nested, as plain argv arrays (handy in tests). */
export function commandArgvs(text: string): string[][] {
  return splitCommands(text).map((c) => c.argv);
}

// ---------------------------------------------------------------------------------------------

/** Nesting limit for substitutions: deeper text is skipped, not read (and never overflows the stack). */
const maxDepth = 8;

interface Reader {
  readList(stop: ')' | undefined): number;
}

function createReader(text: string, base: number, depth: number, out: SimpleCommand[]): Reader {
  let i = 0;
  const pendingHeredocs: Array<{ delimiter: string; stripTabs: boolean }> = [];

  const nested = (inner: string, offset: number): void => {
    if (depth + 1 > maxDepth) return;
    createReader(inner, offset, depth + 1, out).readList(undefined);
  };

  /** Reads `$(` … `)` starting after `$(`; returns the raw text including the closing paren. */
  const readSubstitution = (): string => {
    const start = i;
    if (depth + 1 > maxDepth) {
      skipBalanced('(', ')');
      return text.slice(start, i);
    }
    const inner = createReader(text.slice(i), base + i, depth + 1, out);
    const consumed = inner.readList(')');
    i += consumed;
    if (text[i] === ')') i++;
    return text.slice(start, i);
  };

  const skipBalanced = (open: string, close: string): void => {
    let level = 1;
    while (i < text.length && level > 0) {
      const c = text[i]!;
      if (c === '\\') i += 2;
      else if (c === "'") {
        const end = text.indexOf("'", i + 1);
        i = end < 0 ? text.length : end + 1;
      } else {
        if (c === open) level++;
        else if (c === close) level--;
        i++;
      }
    }
  };

  const readBacktick = (): string => {
    // i is after the opening backtick.
    const start = i;
    let inner = '';
    while (i < text.length && text[i] !== '`') {
      if (text[i] === '\\' && i + 1 < text.length) {
        inner += text[i + 1] === '`' || text[i + 1] === '\\' || text[i + 1] === '$' ? text[i + 1] : text[i]! + text[i + 1]!;
        i += 2;
      } else inner += text[i++];
    }
    const raw = text.slice(start - 1, Math.min(i + 1, text.length));
    if (i < text.length) i++;
    nested(inner, base + start);
    return raw;
  };

  /** `$…` at text[i] === '$'; returns the raw expansion text, or `$` for a lone dollar. */
  const readDollar = (inDouble: boolean): string => {
    const start = i;
    const next = text[i + 1];
    if (next === '(' && text[i + 2] === '(') {
      i += 3;
      skipBalanced('(', ')');
      if (text[i] === ')') i++;
      return text.slice(start, i);
    }
    if (next === '(') {
      i += 2;
      return `$(${readSubstitution()}`;
    }
    if (next === '{') {
      i += 2;
      skipBalanced('{', '}');
      return text.slice(start, i);
    }
    if (next === "'" && !inDouble) {
      // $'…' ANSI-C quoting: \' \" \\ are resolved, other escapes kept as written.
      let content = '';
      i += 2;
      while (i < text.length && text[i] !== "'") {
        if (text[i] === '\\' && i + 1 < text.length) {
          const e = text[i + 1]!;
          content += e === "'" || e === '"' || e === '\\' ? e : `\\${e}`;
          i += 2;
        } else content += text[i++];
      }
      if (i < text.length) i++;
      return `$'${content}'`;
    }
    const m = /^\$(?:[A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!-])/.exec(text.slice(i, i + 256));
    if (m) {
      i += m[0].length;
      return m[0];
    }
    i++;
    return '$';
  };

  const isWordEnd = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === ';' || c === '&' || c === '|' || c === '<' || c === '>' || c === '(' || c === ')';

  const readWord = (): RawWord => {
    const start = i;
    let value = '';
    let quoted = false;
    let expands = false;
    while (i < text.length) {
      const c = text[i]!;
      if (c === '\\') {
        if (text[i + 1] === '\n') i += 2;
        else if (text[i + 1] === '\r' && text[i + 2] === '\n') i += 3;
        else if (i + 1 < text.length) {
          value += text[i + 1];
          i += 2;
        } else i++;
      } else if (c === "'") {
        quoted = true;
        const end = text.indexOf("'", i + 1);
        value += text.slice(i + 1, end < 0 ? text.length : end);
        i = end < 0 ? text.length : end + 1;
      } else if (c === '"') {
        quoted = true;
        i++;
        while (i < text.length && text[i] !== '"') {
          const d = text[i]!;
          if (d === '\\' && i + 1 < text.length) {
            const e = text[i + 1]!;
            if (e === '\n') {
              /* line continuation inside double quotes */
            } else if (e === '$' || e === '`' || e === '"' || e === '\\') value += e;
            else value += `\\${e}`;
            i += 2;
          } else if (d === '$') {
            const raw = readDollar(true);
            if (raw !== '$') expands = true;
            value += raw;
          } else if (d === '`') {
            i++;
            value += readBacktick();
            expands = true;
          } else {
            value += d;
            i++;
          }
        }
        if (i < text.length) i++;
      } else if (c === '$') {
        const raw = readDollar(false);
        if (raw.startsWith("$'")) {
          quoted = true;
          value += raw.slice(2, -1);
        } else {
          if (raw !== '$') expands = true;
          value += raw;
        }
      } else if (c === '`') {
        i++;
        value += readBacktick();
        expands = true;
      } else if ((c === '<' || c === '>') && text[i + 1] === '(' && i === start) {
        // Process substitution <(cmd): read like $(cmd).
        i += 2;
        value += `${c}(${readSubstitution()}`;
        expands = true;
      } else if (isWordEnd(c)) break;
      else {
        value += c;
        i++;
      }
    }
    return { value, start: base + start, end: base + i, quoted, expands, assignment: assignmentPattern.test(text.slice(start, i)) };
  };

  const skipBlanks = (): void => {
    while (i < text.length) {
      const c = text[i];
      if (c === ' ' || c === '\t' || c === '\r') i++;
      else if (c === '\\' && text[i + 1] === '\n') i += 2;
      else if (c === '\\' && text[i + 1] === '\r' && text[i + 2] === '\n') i += 3;
      else break;
    }
  };

  const skipHeredocBodies = (): void => {
    // i is at the start of the line after the one that opened the here-documents.
    while (pendingHeredocs.length) {
      const doc = pendingHeredocs.shift()!;
      while (i < text.length) {
        const nl = text.indexOf('\n', i);
        const lineEnd = nl < 0 ? text.length : nl;
        let line = text.slice(i, lineEnd).replace(/\r$/, '');
        if (doc.stripTabs) line = line.replace(/^\t+/, '');
        i = nl < 0 ? text.length : nl + 1;
        if (line === doc.delimiter) break;
      }
    }
  };

  const redirectPattern = /^(\d*)(&>>|&>|>>|>&|>\||<<<|<<-|<<|<&|<>|>|<)/;

  const readList = (stop: ')' | undefined): number => {
    let words: RawWord[] = [];
    let redirects: Redirect[] = [];
    let commandStart = i;
    let parens = 0;

    const finish = (terminator: string): void => {
      if (words.length) {
        const command = buildCommand(words, redirects, terminator, depth, base + commandStart, words[words.length - 1]!.end, nested);
        // Bare assignments and closing keywords (`X=1`, `fi`) run no program.
        if (command.argv.length) out.push(command);
      }
      words = [];
      redirects = [];
    };

    while (i < text.length) {
      skipBlanks();
      if (i >= text.length) break;
      if (!words.length && !redirects.length) commandStart = i;
      const c = text[i]!;
      const two = text.slice(i, i + 2);
      if (c === '#') {
        const nl = text.indexOf('\n', i);
        i = nl < 0 ? text.length : nl;
        continue;
      }
      if (c === '\n') {
        finish('\n');
        i++;
        skipHeredocBodies();
        continue;
      }
      if (c === ')') {
        if (stop === ')' && parens === 0) {
          finish(')');
          return i;
        }
        if (parens > 0) parens--;
        finish(')');
        i++;
        continue;
      }
      if (c === '(') {
        // A subshell or group: its commands are read like any others.
        finish('(');
        parens++;
        i++;
        continue;
      }
      if (two === '&&' || two === '||' || two === ';;' || two === '|&') {
        finish(two);
        i += 2;
        continue;
      }
      if (c === ';' || c === '|' || (c === '&' && text[i + 1] !== '>')) {
        finish(c);
        i++;
        continue;
      }
      const redirect = redirectPattern.exec(text.slice(i, i + 8));
      if (redirect && !((c === '<' || c === '>') && text[i + 1] === '(')) {
        i += redirect[0].length;
        skipBlanks();
        const r: Redirect = { op: redirect[2]! };
        if (redirect[1]) r.fd = redirect[1];
        if (i < text.length && !isWordEnd(text[i]!)) {
          const target = readWord();
          r.target = target.value;
          if (r.op === '<<' || r.op === '<<-') pendingHeredocs.push({ delimiter: target.value, stripTabs: r.op === '<<-' });
        } else if ((r.op === '>&' || r.op === '<&') && text[i] === '-') i++;
        redirects.push(r);
        continue;
      }
      const before = i;
      words.push(readWord());
      if (i === before) i++; // never loop without progress
    }
    finish('');
    return i;
  };

  return { readList };
}
