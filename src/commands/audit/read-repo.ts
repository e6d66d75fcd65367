import { statSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { RepositoryAccess } from '../../formats/types.js';
import { formatIds, formats } from '../../formats/registry.js';
import type { FormatId } from '../../ir/types.js';
import { findConfigs } from '../../io/find-config.js';
import { decodeText, describeError, readText } from '../../io/read-text.js';
import { globToRegex, openRepository } from '../../io/repository.js';
import { runGit, runGitBytes } from '../git.js';

export interface RepoConfig {
  path: string;
  format: FormatId;
  text: string;
  repository: RepositoryAccess;
}

export type ReadRepoResult =
  | { ok: true; config: RepoConfig }
  | { ok: false; status: 'unsupported' | 'failed'; code: string; reason: string };

/** Finds and reads the one CI configuration of a checkout or a bare repository. */
export function readRepository(path: string, kind: 'checkout' | 'bare', options: { from?: FormatId; maxBytes: number }): ReadRepoResult {
  try {
    if (!statSync(path).isDirectory()) return { ok: false, status: 'failed', code: 'input-not-directory', reason: `${path} is not a directory` };
  } catch (error) {
    return { ok: false, status: 'failed', code: 'input-unreadable', reason: `cannot read ${path}: ${describeError(error)}` };
  }
  return kind === 'bare' ? readBare(path, options) : readCheckout(path, options);
}

function readCheckout(dir: string, options: { from?: FormatId; maxBytes: number }): ReadRepoResult {
  const found = findConfigs(dir).filter((c) => !options.from || c.format === options.from);
  const chosen = choose(found, options.from);
  if (!chosen.ok) return chosen;
  const diskPath = join(dir, chosen.config.path);
  const size = statSync(diskPath).size;
  if (size > options.maxBytes) return tooLarge(chosen.config.path, size, options.maxBytes);
  const read = readText(diskPath);
  if (!read.ok) return { ok: false, status: 'failed', code: read.code, reason: read.message.replace(`${dir}/`, '') };
  return { ok: true, config: { ...chosen.config, text: read.text, repository: openRepository(dir) } };
}

function readBare(gitDir: string, options: { from?: FormatId; maxBytes: number }): ReadRepoResult {
  const head = runGit(gitDir, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
  if (!head.ok) return { ok: false, status: 'unsupported', code: 'input-not-found', reason: 'the bare repository has no commit at HEAD' };
  const found: Array<{ format: FormatId; path: string; size: number }> = [];
  for (const id of formatIds) {
    if (options.from && id !== options.from) continue;
    for (const name of formats[id].fileNames) {
      const size = runGit(gitDir, ['cat-file', '-s', `HEAD:${name}`]);
      if (size.ok) {
        found.push({ format: id, path: name, size: Number(size.stdout.trim()) });
        break;
      }
    }
  }
  const chosen = choose(found, options.from);
  if (!chosen.ok) return chosen;
  const { size } = found.find((f) => f.path === chosen.config.path)!;
  if (size > options.maxBytes) return tooLarge(chosen.config.path, size, options.maxBytes);
  const bytes = runGitBytes(gitDir, ['show', `HEAD:${chosen.config.path}`], options.maxBytes + 1024);
  if (!bytes.ok) return { ok: false, status: 'failed', code: 'input-unreadable', reason: `git show HEAD:${chosen.config.path} failed: ${bytes.message}` };
  const decoded = decodeText(chosen.config.path, bytes.stdout);
  if (!decoded.ok) return { ok: false, status: 'failed', code: decoded.code, reason: decoded.message };
  return { ok: true, config: { ...chosen.config, text: decoded.text, repository: openBareRepository(gitDir, options.maxBytes) } };
}

function choose(
  found: ReadonlyArray<{ format: FormatId; path: string }>,
  from: FormatId | undefined,
): { ok: true; config: { format: FormatId; path: string } } | { ok: false; status: 'unsupported' | 'failed'; code: string; reason: string } {
  if (found.length === 0) {
    return { ok: false, status: 'unsupported', code: 'input-not-found', reason: `no ${from ? `${from} ` : ''}CI configuration at a conventional path` };
  }
  if (found.length > 1) {
    const list = found.map((f) => f.path).join(', ');
    return { ok: false, status: 'failed', code: 'input-ambiguous', reason: `several configurations (${list}); choose one with --from` };
  }
  return { ok: true, config: found[0]! };
}

function tooLarge(path: string, size: number, max: number): ReadRepoResult {
  return { ok: false, status: 'failed', code: 'yaml-too-large', reason: `${path} is ${size} bytes, over the limit of ${max} (--max-size)` };
}

/** Read-only access to the files at HEAD of a bare repository, through `git show` (no checkout). */
export function openBareRepository(gitDir: string, maxBytes: number): RepositoryAccess {
  let listing: string[] | undefined;
  const normal = (path: string): string | undefined => {
    const clean = posix.normalize(path.replace(/\\/g, '/').replace(/^\/+/, ''));
    return clean.startsWith('..') || clean.includes('\0') || clean === '.' ? undefined : clean;
  };
  return {
    readFile(relativePath) {
      const path = normal(relativePath);
      if (!path) return undefined;
      const bytes = runGitBytes(gitDir, ['show', `HEAD:${path}`], maxBytes + 1024);
      if (!bytes.ok) return undefined;
      const text = decodeText(path, bytes.stdout);
      return text.ok ? text.text : undefined;
    },
    exists(relativePath) {
      const path = normal(relativePath);
      return path !== undefined && runGit(gitDir, ['cat-file', '-e', `HEAD:${path}`]).ok;
    },
    glob(pattern) {
      if (!listing) {
        const tree = runGit(gitDir, ['ls-tree', '-r', '--name-only', '-z', 'HEAD']);
        listing = tree.ok ? tree.stdout.split('\0').filter(Boolean).sort() : [];
      }
      const regex = globToRegex(pattern.replace(/^\/+/, ''));
      return listing.filter((file) => regex.test(file));
    },
  };
}
