import { createTwoFilesPatch } from 'diff';
import { maskSecretsInLine } from '../diagnostics/secrets.js';

export interface FileChange {
  path: string;
  /** `undefined` when the file does not exist yet. */
  before: string | undefined;
  after: string;
}

/**
 * A git-style unified diff of one file (`--- a/… +++ b/…`, `/dev/null` for a new file), or `''`
 * when nothing changes. Lines are masked: a diff is printed, and ciport never prints a secret.
 */
export function unifiedDiff(change: FileChange): string {
  if (change.before === change.after) return '';
  const oldName = change.before === undefined ? '/dev/null' : `a/${change.path}`;
  const patch = createTwoFilesPatch(oldName, `b/${change.path}`, change.before ?? '', change.after, undefined, undefined, { context: 3 });
  // The first line of the package's output is an `=====` banner git does not print.
  const body = patch.replace(/^=+\n/, '');
  return body
    .split('\n')
    .map((line) => (/^[ +-]/.test(line) && !/^(---|\+\+\+) /.test(line) ? line[0] + maskSecretsInLine(line.slice(1)) : line))
    .join('\n');
}

const ansi = { red: '\u001b[31m', green: '\u001b[32m', cyan: '\u001b[36m', bold: '\u001b[1m', reset: '\u001b[0m' } as const;

/** Colours a unified diff the way `git diff` does: headers bold, hunks cyan, removals red, additions green. */
export function colorizeDiff(patch: string): string {
  return patch
    .split('\n')
    .map((line) => {
      if (/^(---|\+\+\+) /.test(line)) return `${ansi.bold}${line}${ansi.reset}`;
      if (line.startsWith('@@')) return `${ansi.cyan}${line}${ansi.reset}`;
      if (line.startsWith('-')) return `${ansi.red}${line}${ansi.reset}`;
      if (line.startsWith('+')) return `${ansi.green}${line}${ansi.reset}`;
      return line;
    })
    .join('\n');
}
