import { accessSync, constants, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { RepositoryAccess } from '../../formats/types.js';
import { formatIds, formats } from '../../formats/registry.js';
import type { FormatId } from '../../ir/types.js';
import { findConfigs, type FoundConfig } from '../../io/find-config.js';
import { readTextInside } from '../../io/read-inside.js';
import { decodeText, describeError } from '../../io/read-text.js';
import { globToRegex, openRepository } from '../../io/repository.js';
import { runGit, runGitBytes } from '../git.js';
import { preferredSource } from '../source-choice.js';

export interface RepoConfig {
  path: string;
  format: FormatId;
  text: string;
  repository: RepositoryAccess;
}

export type ReadRepoResult =
  | { ok: true; config: RepoConfig }
  /** `source`: the configuration migrate would have translated, else the target's own file. */
  | { ok: false; status: 'on-target'; source: FoundConfig; reason: string }
  | { ok: false; status: 'unsupported' | 'not-converted'; code: string; reason: string };

export interface ReadRepoOptions {
  to: FormatId;
  from?: FormatId;
  maxBytes: number;
}

/**
 * Finds and reads the CI configuration of a checkout or a bare repository that `migrate` would
 * translate (the same choice: src/commands/source-choice.ts), or says it is already on the target.
 */
export function readRepository(path: string, kind: 'checkout' | 'bare', options: ReadRepoOptions): ReadRepoResult {
  try {
    if (!statSync(path).isDirectory()) return { ok: false, status: 'not-converted', code: 'input-not-directory', reason: `${path} is not a directory` };
    // A folder we may not list would otherwise look like one without a configuration.
    accessSync(path, constants.R_OK | constants.X_OK);
  } catch (error) {
    return { ok: false, status: 'not-converted', code: 'input-unreadable', reason: `cannot read ${path}: ${describeError(error)}` };
  }
  return kind === 'bare' ? readBare(path, options) : readCheckout(path, options);
}

function readCheckout(dir: string, options: ReadRepoOptions): ReadRepoResult {
  const chosen = choose(findConfigs(dir), options);
  if (!chosen.ok) return chosen;
  const diskPath = join(dir, chosen.config.path);
  let size: number;
  try {
    size = statSync(diskPath).size;
  } catch (error) {
    // Found a moment ago and gone now: the repository changed during the run.
    return { ok: false, status: 'not-converted', code: 'input-unreadable', reason: `cannot read ${chosen.config.path}: ${describeError(error)}` };
  }
  if (size > options.maxBytes) return tooLarge(chosen.config.path, size, options.maxBytes);
  const read = readTextInside(dir, diskPath, chosen.config.path);
  if (!read.ok) return { ok: false, status: 'not-converted', code: read.code, reason: read.message.replace(`${dir}/`, '') };
  return { ok: true, config: { ...chosen.config, text: read.text, repository: openRepository(dir) } };
}

/**
 * Two git processes per bare repository: one `ls-tree` finds every candidate path with its size,
 * one `cat-file` reads the chosen blob. Corrupt objects are failures with git's words, not a
 * repository "without a configuration".
 */
function readBare(gitDir: string, options: ReadRepoOptions): ReadRepoResult {
  // Every format's names: the target's file counts even when --from names another format.
  const candidates = formatIds.flatMap((id) => formats[id].fileNames.map((path) => ({ format: id, path })));
  const tree = runGit(gitDir, ['ls-tree', '-l', '-z', 'HEAD', '--', ...candidates.map((c) => c.path)]);
  if (!tree.ok) {
    if (/not a valid object name|unknown revision|bad revision|does not have any commits/i.test(tree.message)) {
      return { ok: false, status: 'unsupported', code: 'input-not-found', reason: 'the bare repository has no commit at HEAD' };
    }
    return { ok: false, status: 'not-converted', code: 'input-unreadable', reason: `cannot read HEAD of the bare repository: ${lastLine(tree.message)}` };
  }
  // Entries: "<mode> <type> <object> <size>\t<path>", NUL-terminated.
  const entries = new Map<string, { object: string; size: string; mode: string }>();
  for (const entry of tree.stdout.split('\0')) {
    const match = /^(\d+) blob ([0-9a-f]+) +(\S+)\t(.*)$/s.exec(entry);
    if (match) entries.set(match[4]!, { mode: match[1]!, object: match[2]!, size: match[3]! });
  }
  const found: Array<{ format: FormatId; path: string; object: string; size: string; mode: string }> = [];
  for (const candidate of candidates) {
    const entry = entries.get(candidate.path);
    // The first conventional name of a format wins, as in a checkout.
    if (entry && !found.some((f) => f.format === candidate.format)) found.push({ ...candidate, ...entry });
  }
  const chosen = choose(found, options);
  if (!chosen.ok) return chosen;
  const { object, size: sizeText, mode } = found.find((f) => f.path === chosen.config.path)!;
  // A symlink object holds the path it points to; git would only give that path, a checkout would
  // follow it. Neither is the repository's configuration.
  if (mode === symlinkMode) return { ok: false, status: 'not-converted', code: 'input-outside-repository', reason: `${chosen.config.path} is a symlink in the bare repository; ciport does not follow it` };
  const size = Number(sizeText);
  // ls-tree prints BAD for a size it could not read: the object is damaged.
  if (!Number.isInteger(size)) return corrupt(chosen.config.path, `git cannot read object ${object}`);
  if (size > options.maxBytes) return tooLarge(chosen.config.path, size, options.maxBytes);
  const bytes = runGitBytes(gitDir, ['cat-file', 'blob', object], options.maxBytes + 1024);
  if (!bytes.ok) return corrupt(chosen.config.path, lastLine(bytes.message));
  const decoded = decodeText(chosen.config.path, bytes.stdout);
  if (!decoded.ok) return { ok: false, status: 'not-converted', code: decoded.code, reason: decoded.message };
  return { ok: true, config: { ...chosen.config, text: decoded.text, repository: openBareRepository(gitDir, options.maxBytes) } };
}

function corrupt(path: string, detail: string): ReadRepoResult {
  return { ok: false, status: 'not-converted', code: 'input-unreadable', reason: `cannot read ${path} at HEAD of the bare repository (corrupt git object?): ${detail}` };
}

function lastLine(message: string): string {
  return message.trim().split('\n').at(-1) ?? message;
}

type Choice = { ok: true; config: FoundConfig } | Exclude<ReadRepoResult, { ok: true }>;

/**
 * A repository with the target's file (or only a configuration in the target format) is on target;
 * otherwise the source is chosen as migrate and diff choose it.
 */
function choose(found: readonly FoundConfig[], options: ReadRepoOptions): Choice {
  const onTarget = found.filter((f) => f.format === options.to);
  if (onTarget.length) {
    const target = onTarget[0]!.path;
    const reason =
      found.length === 1
        ? `its only configuration (${target}) is in the target format, ${options.to}`
        : `${target} exists already, beside ${found.filter((f) => f.format !== options.to).map((f) => f.path).join(', ')}`;
    const others = found.filter((f) => f.format !== options.to);
    const beside = others.find((f) => f.format === (options.from ?? preferredSource(found, options.to)));
    const source = beside ?? onTarget[0]!;
    return { ok: false, status: 'on-target', source: { format: source.format, path: source.path }, reason };
  }
  const from = options.from ?? preferredSource(found, options.to);
  const candidates = found.filter((f) => !from || f.format === from);
  if (candidates.length === 0) {
    return { ok: false, status: 'unsupported', code: 'input-not-found', reason: `no ${from ? `${from} ` : ''}CI configuration at a conventional path` };
  }
  if (candidates.length > 1) {
    const list = candidates.map((f) => f.path).join(', ');
    return { ok: false, status: 'not-converted', code: 'input-ambiguous', reason: `several configurations (${list}); choose one with --from` };
  }
  return { ok: true, config: { format: candidates[0]!.format, path: candidates[0]!.path } };
}

function tooLarge(path: string, size: number, max: number): ReadRepoResult {
  return { ok: false, status: 'not-converted', code: 'yaml-too-large', reason: `${path} is ${size} bytes, over the limit of ${max} (--max-size)` };
}

const symlinkMode = '120000';

/**
 * Read-only access to the files at HEAD of a bare repository, through git (no checkout). A tree
 * entry that is a symlink (mode 120000) is never followed: it reads as absent.
 */
export function openBareRepository(gitDir: string, maxBytes: number): RepositoryAccess {
  let listing: string[] | undefined;
  const entries = new Map<string, { mode: string; object: string } | undefined>();
  const normal = (path: string): string | undefined => {
    const clean = posix.normalize(path.replace(/\\/g, '/').replace(/^\/+/, '')).replace(/(.)\/+$/, '$1');
    return clean.startsWith('..') || clean.includes('\0') || clean === '.' ? undefined : clean;
  };
  /** The tree entry at a path (one `ls-tree` a path, remembered). */
  const entryOf = (path: string): { mode: string; object: string } | undefined => {
    if (entries.has(path)) return entries.get(path);
    const tree = runGit(gitDir, ['--literal-pathspecs', 'ls-tree', '-z', 'HEAD', '--', path]);
    const match = tree.ok ? /^(\d+) \w+ ([0-9a-f]+)\t(.*)$/s.exec(tree.stdout.split('\0')[0] ?? '') : null;
    const entry = match && match[3] === path ? { mode: match[1]!, object: match[2]! } : undefined;
    entries.set(path, entry);
    return entry;
  };
  return {
    readFile(relativePath) {
      const path = normal(relativePath);
      const entry = path === undefined ? undefined : entryOf(path);
      if (!path || !entry || entry.mode === symlinkMode) return undefined;
      const bytes = runGitBytes(gitDir, ['cat-file', 'blob', entry.object], maxBytes + 1024);
      if (!bytes.ok) return undefined;
      const text = decodeText(path, bytes.stdout);
      return text.ok ? text.text : undefined;
    },
    exists(relativePath) {
      const path = normal(relativePath);
      const entry = path === undefined ? undefined : entryOf(path);
      return entry !== undefined && entry.mode !== symlinkMode;
    },
    refusedSymlink(relativePath) {
      const path = normal(relativePath);
      return path !== undefined && entryOf(path)?.mode === symlinkMode;
    },
    glob(pattern) {
      if (!listing) {
        const tree = runGit(gitDir, ['ls-tree', '-r', '-z', 'HEAD']);
        listing = tree.ok
          ? tree.stdout
              .split('\0')
              .map((line) => /^(\d+) \w+ [0-9a-f]+\t(.*)$/s.exec(line))
              .filter((m): m is RegExpExecArray => m !== null && m[1] !== symlinkMode)
              .map((m) => m[2]!)
              .sort()
          : [];
      }
      const regex = globToRegex(pattern.replace(/^\/+/, ''));
      return listing.filter((file) => regex.test(file));
    },
  };
}
