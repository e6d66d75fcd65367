import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { describeError, readText } from '../../io/read-text.js';
import { compareNames } from '../../report/summary-data.js';

export interface RepoRef {
  name: string;
  /** Absolute path of the checkout or bare repository. */
  path: string;
  kind: 'checkout' | 'bare';
  /** Its folder under `<out>/repos/`, unique across the whole (unsharded) list. */
  safeName: string;
}

export type DiscoverResult = { ok: true; repos: RepoRef[] } | { ok: false; message: string };

/**
 * The repositories of an audit, sorted by name: the subdirectories of a directory, or the lines of
 * a manifest file (paths relative to the manifest, `#` comments, blank lines ignored).
 */
export function discoverRepositories(input: string, exclude: readonly string[] = []): DiscoverResult {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(input).isDirectory();
  } catch (error) {
    return { ok: false, message: `cannot read ${input}: ${describeError(error)}` };
  }
  const entries = isDirectory ? listSubdirectories(input) : readManifest(input);
  if (!entries.ok) return entries;
  // The report folder may sit inside the organisation directory; it is not a repository.
  const excluded = new Set(exclude.map((path) => resolve(path)));
  const sorted = entries.entries.filter((entry) => !excluded.has(entry.path)).sort((a, b) => compareNames(a.name, b.name));
  const used = new Set<string>();
  const repos = sorted.map((entry) => ({ ...entry, kind: isBareRepository(entry.path) ? ('bare' as const) : ('checkout' as const), safeName: uniqueSafeName(entry.name, used) }));
  return { ok: true, repos };
}

type Entries = { ok: true; entries: Array<{ name: string; path: string }> } | { ok: false; message: string };

function listSubdirectories(dir: string): Entries {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    return { ok: false, message: `cannot list ${dir}: ${describeError(error)}` };
  }
  const entries = names
    .filter((name) => !name.startsWith('.'))
    .filter((name) => {
      try {
        return statSync(join(dir, name)).isDirectory();
      } catch {
        return false;
      }
    })
    .map((name) => ({ name, path: resolve(dir, name) }));
  return { ok: true, entries };
}

function readManifest(file: string): Entries {
  const read = readText(file);
  if (!read.ok) return { ok: false, message: read.message };
  const base = dirname(resolve(file));
  const seen = new Set<string>();
  const entries: Array<{ name: string; path: string }> = [];
  for (const raw of read.text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) continue;
    const name = line.replace(/[\\/]+$/, '') || line;
    const path = isAbsolute(name) ? name : resolve(base, name);
    if (seen.has(path)) continue;
    seen.add(path);
    entries.push({ name, path });
  }
  return { ok: true, entries };
}

/** A bare repository has `HEAD`, `objects/` and `refs/` at its top and no work tree. */
export function isBareRepository(dir: string): boolean {
  return existsSync(join(dir, 'HEAD')) && isDir(join(dir, 'objects')) && isDir(join(dir, 'refs')) && !existsSync(join(dir, '.git'));
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** A file-system-safe folder name; never `.`/`..`, never hidden, never a duplicate. */
export function uniqueSafeName(name: string, used: Set<string>): string {
  let base = name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '_').slice(0, 100) || 'repo';
  if (base === '_') base = 'repo';
  let candidate = base;
  for (let i = 2; used.has(candidate.toLowerCase()); i++) candidate = `${base}-${i}`;
  // Lower-cased: on case-insensitive file systems `Repo` and `repo` would share a folder.
  used.add(candidate.toLowerCase());
  return candidate;
}
