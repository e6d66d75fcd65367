import { existsSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { describeError, readText, type ReadTextResult } from './read-text.js';

export type InsideResult =
  | { ok: true; real: string }
  | { ok: false; code: 'input-outside-repository' | 'input-unreadable'; message: string };

export type ReadInsideResult = ReadTextResult | { ok: false; code: 'input-outside-repository'; message: string };

/**
 * The real path of `path` (every symlink on the way resolved) when it stays inside the real path
 * of `root`. A configuration, include, orb or inferred file that is a symlink to a file elsewhere
 * on the machine is refused: in a bulk audit of untrusted repositories, following it would copy
 * that file into reports. `path` is absolute or relative to the working directory; `shown` is the
 * path named in the message.
 */
export function realPathInside(root: string, path: string, shown: string = path, rootName = 'the repository'): InsideResult {
  let realRoot: string;
  let real: string;
  try {
    realRoot = realpathSync(root);
    real = realpathSync(resolve(path));
  } catch (error) {
    return { ok: false, code: 'input-unreadable', message: `cannot read ${shown}: ${describeError(error)}` };
  }
  const rel = relative(realRoot, real);
  if (rel.startsWith('..') || isAbsolute(rel)) {
    // The target is not named: where a symlink points is part of the machine it leaks.
    return { ok: false, code: 'input-outside-repository', message: `${shown} leads outside ${rootName} (a symlink or ..); ciport does not follow it` };
  }
  return { ok: true, real };
}

/** Reads a text file of a repository, refusing one whose real path leaves the repository root. */
export function readTextInside(root: string, path: string, shown: string = path, rootName?: string): ReadInsideResult {
  const inside = realPathInside(root, path, shown, rootName);
  if (!inside.ok) return { ok: false, code: inside.code, message: inside.message };
  const read = readText(inside.real);
  // Messages name the path as given, not the resolved one.
  return read.ok ? read : { ...read, message: read.message.split(inside.real).join(shown) };
}

/**
 * The repository a configuration file given on its own belongs to: the nearest enclosing folder
 * with `.git`; else the folder holding `.circleci/` for a `.circleci/config.yml`; else its folder.
 */
export function repositoryRootOf(file: string): string {
  const start = dirname(resolve(file));
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) break;
  }
  return basename(start) === '.circleci' ? dirname(start) : start;
}
