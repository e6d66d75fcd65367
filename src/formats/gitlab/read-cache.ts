import { report, reportOnce } from '../../diagnostics/report.js';
import type { CacheKey, CacheKeyPart, CacheRestoreStep, CacheSaveStep, StepWhen } from '../../ir/types.js';
import { entryOriginOf, nodeOrigin, takeTree, type MNode } from './merged.js';
import { readBoolean, readEntries, readString, readStringList, wrongType, type ReadContext } from './read-values.js';

/** Predefined variables with a neutral cache-key meaning; the rest stay `env` parts. */
const variableParts: Record<string, CacheKeyPart> = {
  CI_COMMIT_REF_SLUG: { kind: 'branch' },
  CI_COMMIT_SHA: { kind: 'revision' },
  CI_JOB_NAME: { kind: 'job' },
};

/** A key string as parts: `$VAR`/`${VAR}` references become variable parts, the rest literals. */
export function keyParts(text: string): CacheKeyPart[] {
  const parts: CacheKeyPart[] = [];
  let last = 0;
  for (const match of text.matchAll(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g)) {
    if (match.index! > last) parts.push({ kind: 'literal', value: text.slice(last, match.index) });
    const name = (match[1] ?? match[2])!;
    parts.push(variableParts[name] ?? { kind: 'env', name });
    last = match.index! + match[0].length;
  }
  if (last < text.length) parts.push({ kind: 'literal', value: text.slice(last) });
  return parts;
}

export interface CacheSteps {
  restore: CacheRestoreStep[];
  save: CacheSaveStep[];
}

/**
 * `cache:` (a map or a list of ≤ 4 maps) → `cache-restore` steps at the start of the job and
 * `cache-save` steps at the end, as `policy` says: `pull-push` (default) gives both, `pull` only
 * the restore, `push` only the save (gitlab-ci.md §4.2). `fallback_keys` follow the key.
 */
export function readCache(ctx: ReadContext, node: MNode, path: string): CacheSteps {
  const out: CacheSteps = { restore: [], save: [] };
  if (node.kind === 'scalar' && node.value === null) return out;
  const list = node.kind === 'seq' ? node.items : [node];
  list.forEach((item, index) => {
    const where = node.kind === 'seq' ? `${path}[${index}]` : path;
    if (item.kind !== 'map') {
      wrongType(ctx, item, where, 'a cache mapping');
      return;
    }
    let key: CacheKey = { parts: [] };
    let paths: string[] = [];
    const fallbacks: CacheKey[] = [];
    let policy = 'pull-push';
    let when: StepWhen | undefined;
    let untracked: boolean | undefined;
    readEntries(ctx, item, where, {
      key: (e) => {
        if (e.value.kind === 'map') {
          let prefix: CacheKeyPart[] = [];
          let files: string[] = [];
          readEntries(ctx, e.value, `${where}.key`, {
            files: (f) => (files = readStringList(ctx, f.value, `${where}.key.files`) ?? []),
            files_commits: (f) => {
              files = readStringList(ctx, f.value, `${where}.key.files_commits`) ?? [];
              report(ctx.sink, 'approximate-translation', 'cache:key:files_commits is read as a checksum of the files', { origin: entryOriginOf(f) });
            },
            prefix: (p) => (prefix = keyParts(readString(ctx, p.value, `${where}.key.prefix`) ?? '')),
          });
          key = { parts: [...prefix, { kind: 'checksum', files }] };
        } else {
          const text = readString(ctx, e.value, `${where}.key`);
          if (text !== undefined) key = { parts: keyParts(text) };
        }
      },
      paths: (e) => (paths = readStringList(ctx, e.value, `${where}.paths`) ?? []),
      fallback_keys: (e) => {
        for (const k of readStringList(ctx, e.value, `${where}.fallback_keys`) ?? []) fallbacks.push({ parts: keyParts(k) });
      },
      policy: (e) => (policy = readString(ctx, e.value, `${where}.policy`) ?? 'pull-push'),
      when: (e) => {
        const w = readString(ctx, e.value, `${where}.when`);
        if (w === 'on_success' || w === 'on_failure' || w === 'always') when = w;
        else if (w !== undefined) report(ctx.sink, 'invalid-value', `"${where}.when" is "${w}"; expected on_success, on_failure or always`, { origin: entryOriginOf(e) });
      },
      untracked: (e) => (untracked = readBoolean(ctx, e.value, `${where}.untracked`)),
      unprotect: (e) => {
        takeTree(e.value);
        report(ctx.sink, 'unsupported-feature', 'cache:unprotect (sharing caches between protected and unprotected refs) is not translated', { origin: entryOriginOf(e) });
      },
    });
    // A cache without paths (nor untracked files) saves nothing: `cache: {}` is how a job turns
    // the default cache off (gitlab-ci.md §4.2, "cache has no effect without paths").
    if (paths.length === 0 && untracked !== true) return;
    const origin = nodeOrigin(item);
    if (!['pull', 'push', 'pull-push'].includes(policy)) {
      reportOnce(ctx.sink, 'approximate-translation', `cache policy "${policy}" is decided at run time; read as pull-push`, { origin });
      policy = 'pull-push';
    }
    if (policy !== 'push') {
      const restore: CacheRestoreStep = { kind: 'cache-restore', keys: [key, ...fallbacks], paths };
      if (origin) restore.origin = origin;
      out.restore.push(restore);
    }
    if (policy !== 'pull') {
      // Every job saves its cache again, over the same key (https://docs.gitlab.com/ci/caching/).
      const save: CacheSaveStep = { kind: 'cache-save', key, paths, overwrites: true };
      if (when) save.when = when;
      if (untracked !== undefined) save.untracked = untracked;
      if (origin) save.origin = origin;
      out.save.push(save);
    }
  });
  return out;
}
