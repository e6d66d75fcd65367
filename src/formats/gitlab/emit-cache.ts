import { report, reportOnce } from '../../diagnostics/report.js';
import type { DiagnosticSink } from '../../diagnostics/types.js';
import type { CacheKey, CacheKeyPart, CacheRestoreStep, CacheSaveStep, Origin } from '../../ir/types.js';

/** Neutral key parts as GitLab predefined variables (gitlab-ci.md §4.2, §7). */
const partVariables: Partial<Record<CacheKeyPart['kind'], string>> = {
  branch: '${CI_COMMIT_REF_SLUG}',
  revision: '${CI_COMMIT_SHA}',
  job: '${CI_JOB_NAME}',
  'build-number': '${CI_PIPELINE_IID}',
  epoch: '${CI_PIPELINE_ID}',
};

/**
 * A cache key as GitLab writes it: a string with `${VAR}` parts, or `{files, prefix}` when the key
 * hashes files. GitLab keys are exact (CircleCI matches prefixes), may not contain `/`
 * (https://docs.gitlab.com/ci/yaml/#cachekey), and `key:files` takes at most two files. A GitLab
 * source's key is written as it was (`fromGitlab`): GitLab judges it, not ciport.
 */
export function cacheKey(key: CacheKey, sink: DiagnosticSink, origin: Origin | undefined, fromGitlab: boolean, tidy = !fromGitlab): string | { files: string[]; prefix?: string } | undefined {
  let text = '';
  const files: string[] = [];
  let afterChecksum = false;
  for (const part of key.parts) {
    if (part.kind === 'checksum') {
      files.push(...part.files);
      continue;
    }
    let piece: string;
    if (part.kind === 'literal') piece = part.value;
    else if (part.kind === 'env') piece = `\${${part.name}}`;
    else if (partVariables[part.kind]) {
      piece = partVariables[part.kind]!;
      if (part.kind === 'build-number' || part.kind === 'epoch') {
        reportOnce(sink, 'approximate-translation', `cache key part "${part.kind}" is written as ${piece}`, { origin });
      }
    } else {
      reportOnce(sink, 'semantic-difference', `cache key part "${part.kind}" has no GitLab variable; it is left out of the key`, { origin });
      continue;
    }
    if (files.length && !/^[-_.]*$/.test(piece)) afterChecksum = true;
    text += piece;
  }
  if (!fromGitlab) text = text.replace(/\//g, '-');
  if (files.length === 0) return text === '' ? undefined : text;
  if (afterChecksum) {
    reportOnce(sink, 'approximate-translation', 'cache key text after a checksum becomes part of the key prefix', { origin });
  }
  if (files.length > 2) {
    report(sink, 'semantic-difference', `cache:key:files takes at most 2 files; ${files.slice(2).join(', ')} are left out of the key`, {
      origin,
    });
  }
  const out: { files: string[]; prefix?: string } = { files: files.slice(0, 2) };
  // GitLab joins prefix and hash with `-` itself; a CircleCI `v1-{{ checksum }}` keeps `v1`.
  const prefix = tidy ? text.replace(/([-_.])[-_.]+/g, '$1').replace(/[-_.]+$/, '') : text;
  if (prefix) out.prefix = prefix;
  return out;
}

const sameKey = (a: CacheKey, b: CacheKey) => JSON.stringify(a.parts) === JSON.stringify(b.parts);

/**
 * Cache steps → `cache:` entries. A restore and a save of the same key form one `pull-push`
 * entry; a lone restore is `policy: pull`, a lone save `policy: push`. Restore keys after the
 * first become `fallback_keys` (exact, where CircleCI matched prefixes).
 */
export function emitCaches(
  restores: CacheRestoreStep[],
  saves: CacheSaveStep[],
  sink: DiagnosticSink,
  pathsFor: (key: CacheKey) => string[] | undefined,
  fromGitlab: boolean,
): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  const used = new Set<CacheSaveStep>();
  for (const restore of restores) {
    const first = restore.keys[0] ?? { parts: [] };
    const save = saves.find((s) => !used.has(s) && sameKey(s.key, first));
    if (save) used.add(save);
    const entry: Record<string, unknown> = {};
    const key = cacheKey(first, sink, restore.origin, fromGitlab);
    if (key !== undefined) entry.key = key;
    const paths = save?.paths ?? restore.paths ?? pathsFor(first);
    if (!paths?.length && !fromGitlab) {
      reportOnce(sink, 'approximate-translation', 'a cache restore names no paths and no save step of the job says which; GitLab needs paths, so it is left out', {
        origin: restore.origin,
      });
      continue;
    }
    if (paths?.length) entry.paths = paths;
    const fallbacks = restore.keys
      .slice(1)
      .map((k) => cacheKey(k, sink, restore.origin, fromGitlab, false))
      .filter((k): k is string => typeof k === 'string');
    if (fallbacks.length) {
      entry.fallback_keys = fallbacks;
      if (!fromGitlab) {
        reportOnce(sink, 'approximate-translation', 'fallback cache keys match exactly in GitLab; CircleCI matched them as prefixes', {
          origin: restore.origin,
        });
      }
    }
    if (save?.untracked !== undefined) entry.untracked = save.untracked;
    if (save?.when) entry.when = save.when;
    if (!save) entry.policy = 'pull';
    out.push(entry);
  }
  for (const save of saves) {
    if (used.has(save)) continue;
    const entry: Record<string, unknown> = {};
    const key = cacheKey(save.key, sink, save.origin, fromGitlab);
    if (key !== undefined) entry.key = key;
    if (save.paths.length || !fromGitlab) entry.paths = save.paths;
    if (save.untracked !== undefined) entry.untracked = save.untracked;
    if (save.when) entry.when = save.when;
    entry.policy = 'push';
    out.push(entry);
  }
  if (out.length > 4) {
    report(sink, 'approximate-translation', `a GitLab job has at most 4 caches; ${out.length - 4} are left out`, { origin: restores[0]?.origin ?? saves[0]?.origin });
    return out.slice(0, 4);
  }
  return out;
}
