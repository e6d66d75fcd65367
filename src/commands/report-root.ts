import { existsSync, realpathSync } from 'node:fs';
import { isAbsolute, join, posix, relative, sep } from 'node:path';
import { describeError } from '../io/read-text.js';
import { runGit } from './git.js';

export interface ReportPaths {
  /** A diagnostic's file: a repository file named from the root; anything else as it was given. */
  shown: (file: string) => string;
  /** A path relative to `dir` (the source, the target), named from the root. */
  inDir: (file: string) => string;
}

export type RootResult = ({ ok: true } & ReportPaths) | { ok: false; message: string };

/**
 * Paths in a repository's reports start at the repository root, so that code scanning, Code Quality
 * and `git apply` find the files from a checkout: `--root` when given, else the git top level of
 * `dir` (a monorepo's `services/api` reports `services/api/.circleci/config.yml`), else `dir`.
 */
export function reportRoot(dir: string, root?: string): RootResult {
  let base: string;
  let real: string;
  try {
    real = realpathSync(dir);
  } catch {
    // An unreadable directory is reported by the translation itself.
    return { ok: true, shown: (file) => file, inDir: (file) => file };
  }
  try {
    base = realpathSync(root ?? gitTopLevel(dir) ?? dir);
  } catch (error) {
    return { ok: false, message: `cannot read --root ${root}: ${describeError(error)}` };
  }
  const rel = relative(base, real);
  if (rel.startsWith('..') || isAbsolute(rel)) return { ok: false, message: `${dir} is not inside --root ${root}` };
  const prefix = rel.split(sep).join('/');
  const known = new Map<string, string>();
  const shown = (file: string): string => {
    if (isAbsolute(file)) {
      const inside = relative(base, file);
      return inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside.split(sep).join('/') : file;
    }
    // Repository files are named relative to `dir`; an --orb-dir or --include-dir file given
    // relative to the working directory is not in `dir` and keeps its name.
    return prefix && existsSync(join(dir, file)) ? posix.join(prefix, file) : file;
  };
  return {
    ok: true,
    inDir: (file) => (prefix ? posix.join(prefix, file) : file),
    shown: (file) => {
      let name = known.get(file);
      if (name === undefined) known.set(file, (name = shown(file)));
      return name;
    },
  };
}

function gitTopLevel(dir: string): string | undefined {
  const top = runGit(dir, ['rev-parse', '--show-toplevel']);
  return top.ok && top.stdout.trim() ? top.stdout.trim() : undefined;
}
