import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { RepositoryAccess } from '../formats/types.js';
import { realPathInside } from './read-inside.js';
import { readText } from './read-text.js';

/**
 * Read-only access to a checked-out repository that never leaves it: `..` segments, absolute
 * paths and symlinks pointing outside the root are refused.
 */
export function openRepository(rootDir: string): RepositoryAccess {
  const root = realpathSync(rootDir);
  const candidateOf = (relativePath: string): string | undefined => {
    if (relativePath.includes('\0')) return undefined;
    const candidate = resolve(root, relativePath.replace(/^\/+/, ''));
    return isWithin(root, candidate) ? candidate : undefined;
  };
  const inside = (relativePath: string): string | undefined => {
    const candidate = candidateOf(relativePath);
    if (!candidate) return undefined;
    const real = realPathInside(root, candidate);
    return real.ok ? real.real : undefined;
  };
  return {
    refusedSymlink(relativePath) {
      const candidate = candidateOf(relativePath);
      const real = candidate === undefined ? undefined : realPathInside(root, candidate);
      return real?.ok === false && real.code === 'input-outside-repository';
    },
    readFile(relativePath) {
      const path = inside(relativePath);
      if (!path) return undefined;
      const result = readText(path);
      return result.ok ? result.text : undefined;
    },
    exists(relativePath) {
      const path = inside(relativePath);
      return path !== undefined && existsSync(path);
    },
    glob(pattern) {
      const regex = globToRegex(pattern.replace(/^\/+/, ''));
      return listFiles(root).filter((file) => regex.test(file) && inside(file) !== undefined);
    },
  };
}

function isWithin(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

const maxListedFiles = 20_000;
const skippedDirectories = new Set(['.git', 'node_modules']);

/** Repository-relative file paths (POSIX separators), bounded, not following directory symlinks. */
function listFiles(root: string): string[] {
  const files: string[] = [];
  const stack = [''];
  while (stack.length && files.length < maxListedFiles) {
    const dir = stack.pop()!;
    let names: string[];
    try {
      names = readdirSync(join(root, dir));
    } catch {
      continue;
    }
    for (const name of names.sort()) {
      const rel = dir ? `${dir}/${name}` : name;
      let stats;
      try {
        stats = statSync(join(root, rel), { throwIfNoEntry: false });
      } catch {
        continue;
      }
      if (!stats) continue;
      if (stats.isDirectory()) {
        if (!skippedDirectories.has(name)) stack.push(rel);
      } else files.push(rel);
    }
  }
  return files.sort();
}

/**
 * GitLab's wildcard paths for `include:local` (https://docs.gitlab.com/ci/yaml/includes/#use-includelocal-with-wildcard-file-paths):
 * `*` matches within one folder, `**` across folders, and `**\/` one or more folders, so
 * `configs/**\/*.yml` names files in subfolders of `configs` only while `configs/**.yml` also names
 * those in `configs` itself. Every other character, `?` and `[` included, is literal.
 */
export function globToRegex(pattern: string): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*' && pattern[i + 1] === '*') {
      const folders = pattern[i + 2] === '/';
      out += folders ? '(?:[^/]+/)+' : '.*';
      i += folders ? 2 : 1;
    } else if (c === '*') out += '[^/]*';
    else out += c.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

/** Whether an include path is a wildcard path (GitLab expands `*` only). */
export const isWildcardPath = (path: string): boolean => path.includes('*');

export function relativeTo(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
}
