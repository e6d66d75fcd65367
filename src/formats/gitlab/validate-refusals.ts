import { report } from '../../diagnostics/report.js';
import { entryOriginOf, get, getEntry, nodeOrigin, textOf, type MEntry, type MNode } from './merged.js';
import type { ReadContext } from './read-values.js';
import { globalKeys } from './resolve-extends.js';

/**
 * Configurations GitLab refuses but the reader can still read: each is said here, on the resolved
 * configuration, and read on as written. The codes are `refusedBy: 'gitlab'` in the catalog, so a
 * GitLab -> GitLab translation fails on them as GitLab's lint would; other targets get a warning.
 * Hidden jobs are templates GitLab does not validate on their own, so only visible jobs are checked.
 * `partial` (some includes were not read): a job a dependency names may live there.
 */
export function reportGitlabRefusals(ctx: ReadContext, root: MNode, partial: boolean): void {
  if (root.kind !== 'map') return;
  const jobs = root.entries.filter((e) => !globalKeys.has(e.key) && !e.key.startsWith('.') && e.value.kind === 'map');
  const jobNames = new Set(jobs.map((e) => e.key));

  for (const key of ['stages', 'types']) {
    const stages = getEntry(root, key);
    // https://docs.gitlab.com/ci/yaml/#stages: a list of stage names.
    if (stages && stages.value.kind === 'scalar' && stages.value.value !== null) {
      report(ctx.sink, 'gitlab-stages-type', `"${key}" is a string; GitLab accepts only a list of stage names ("${key} config should be an array of strings")`, {
        origin: entryOriginOf(stages),
        hint: `Write it as a list: ${key}: [${textOf(stages.value)}].`,
      });
    }
  }
  // Deprecated top-level globals and default: are validated once, not in every job inheriting them.
  const defaults = get(root, 'default');
  for (const [where, map] of [['', root], ['default.', defaults]] as const) {
    if (!map || map.kind !== 'map') continue;
    const cache = getEntry(map, 'cache');
    if (cache) checkCache(ctx, cache.value, `${where}cache`);
    for (const key of ['before_script', 'after_script']) {
      const script = getEntry(map, key);
      if (script) checkScriptNesting(ctx, script, `${where}${key}`);
    }
  }

  for (const job of jobs) {
    const name = job.key;
    const cache = getEntry(job.value, 'cache');
    if (cache) checkCache(ctx, cache.value, `${name}.cache`);
    for (const key of ['before_script', 'script', 'after_script']) {
      const script = getEntry(job.value, key);
      if (script) checkScriptNesting(ctx, script, `${name}.${key}`);
    }
    const when = getEntry(job.value, 'when');
    // https://docs.gitlab.com/ci/yaml/#when: `never` "can only be used in a rules section or workflow: rules".
    if (when && textOf(when.value) === 'never') {
      report(ctx.sink, 'gitlab-when-never-job', `job "${name}" sets when: never; GitLab allows it only in rules and workflow:rules. It is read as a job that never runs`, {
        origin: entryOriginOf(when),
        hint: 'Write it as a rule: rules: [{when: never}].',
      });
    }
    const needs = getEntry(job.value, 'needs');
    if (needs) checkNullNeeds(ctx, needs, name);
    const dependencies = getEntry(job.value, 'dependencies');
    if (dependencies) checkDependencies(ctx, dependencies, name, jobNames, needs && pipelineNeeds(needs.value), partial);
  }
}

/** https://docs.gitlab.com/ci/yaml/#cachekeyfiles ("an array of one or two file paths") and #cachepaths (an array). */
function checkCache(ctx: ReadContext, node: MNode, path: string): void {
  const caches = node.kind === 'seq' ? node.items : [node];
  caches.forEach((cache, index) => {
    if (cache.kind !== 'map') return;
    const where = node.kind === 'seq' ? `${path}[${index}]` : path;
    const files = getEntry(get(cache, 'key'), 'files');
    if (files) {
      const count = files.value.kind === 'seq' ? flatten(files.value).length : -1;
      if (count < 1 || count > 2) {
        const found = count < 0 ? 'is not a list' : count === 0 ? 'lists no file' : `lists ${count} files`;
        report(ctx.sink, 'gitlab-cache-key-files', `"${where}.key.files" ${found}; GitLab accepts a list of one or two files`, {
          origin: entryOriginOf(files),
          ...(count > 2 ? { hint: 'Keep the two files that change with the cached content (lock files), or use a cache per pair.' } : {}),
        });
      }
    }
    // "The cache:key value can't contain the / character" (https://docs.gitlab.com/ci/yaml/#cachekey).
    const key = getEntry(cache, 'key');
    const keyText = key && key.value.kind === 'scalar' ? textOf(key.value) : undefined;
    if (key && keyText !== undefined && (/\/|%2F/i.test(keyText) || /^(\.|%2E)+$/i.test(keyText))) {
      report(ctx.sink, 'gitlab-cache-key-characters', `"${where}.key" is "${keyText}"; GitLab accepts no "/" (or %2F) in a cache key, nor a key of dots only. It is kept as written`, {
        origin: entryOriginOf(key),
        hint: 'Use "-" where the key has "/".',
      });
    }
    const paths = getEntry(cache, 'paths');
    if (paths && paths.value.kind === 'scalar' && paths.value.value !== null) {
      report(ctx.sink, 'gitlab-cache-paths-type', `"${where}.paths" is a string; GitLab accepts only a list of paths ("cache:paths config should be an array of strings"). It is read as one path`, {
        origin: entryOriginOf(paths),
        hint: `Write it as a list: paths: [${textOf(paths.value)}].`,
      });
    }
  });
}

/** GitLab's limit on nested lists in a script (https://docs.gitlab.com/ci/yaml/yaml_optimization/#reference-tags). */
const maxScriptNesting = 10;

function checkScriptNesting(ctx: ReadContext, entry: MEntry, path: string): void {
  const depth = nesting(entry.value);
  if (depth <= maxScriptNesting) return;
  report(ctx.sink, 'gitlab-script-nesting', `"${path}" nests lists ${depth} levels deep; GitLab accepts at most ${maxScriptNesting} ("config should be a string or a nested array of strings up to 10 levels deep"). It is read flattened`, {
    origin: entryOriginOf(entry),
  });
}

function nesting(node: MNode): number {
  if (node.kind !== 'seq') return 0;
  let deepest = 0;
  for (const item of node.items) deepest = Math.max(deepest, nesting(item));
  return deepest + 1;
}

/** https://docs.gitlab.com/ci/yaml/#needs: job names or mappings; GitLab says "need has an unsupported type" for a null. */
function checkNullNeeds(ctx: ReadContext, entry: MEntry, name: string): void {
  if (entry.value.kind !== 'seq') return;
  for (const item of flatten(entry.value)) {
    if (item.kind !== 'scalar' || item.value !== null) continue;
    report(ctx.sink, 'gitlab-needs-null', `job "${name}": needs holds an empty entry; GitLab accepts only job names and mappings. It is left out`, {
      origin: nodeOrigin(item) ?? entryOriginOf(entry),
      hint: 'Remove the entry, or name the job it should wait for.',
    });
  }
}

/** Names of the job's needs in this pipeline (needs of another project or pipeline do not count), or undefined for `needs: []`. */
function pipelineNeeds(node: MNode): Set<string> | undefined {
  if (node.kind !== 'seq') return undefined;
  const names = new Set<string>();
  for (const item of flatten(node)) {
    if (item.kind === 'scalar') {
      const text = textOf(item);
      if (text !== undefined) names.add(text);
    } else if (item.kind === 'map' && !get(item, 'project') && !get(item, 'pipeline')) {
      const job = textOf(get(item, 'job'));
      if (job !== undefined) names.add(job);
    }
  }
  // GitLab checks dependencies against needs only when needs is not empty (Entry::Job, "should be part of needs").
  return flatten(node).length ? names : undefined;
}

/**
 * https://docs.gitlab.com/ci/yaml/#dependencies: the jobs named must exist ("undefined dependency"),
 * and with `needs` each must be one of them ("dependencies the X should be part of needs").
 */
function checkDependencies(ctx: ReadContext, entry: MEntry, name: string, jobNames: Set<string>, needs: Set<string> | undefined, partial: boolean): void {
  if (entry.value.kind !== 'seq') return;
  for (const item of flatten(entry.value)) {
    const dependency = textOf(item);
    if (dependency === undefined) continue;
    const origin = nodeOrigin(item) ?? entryOriginOf(entry);
    if (!jobNames.has(dependency)) {
      if (partial) continue;
      report(ctx.sink, 'gitlab-dependency-undefined', `job "${name}": dependencies names "${dependency}", which is not a job of the configuration; no artifacts come from it`, {
        job: name,
        origin,
      });
    } else if (needs && !needs.has(dependency)) {
      report(ctx.sink, 'gitlab-dependency-not-needed', `job "${name}": dependency "${dependency}" is not one of its needs; GitLab requires it there ("should be part of needs"), and no artifacts come from it`, {
        origin,
        hint: `Add "${dependency}" to needs (needs:artifacts says whether its artifacts are fetched).`,
      });
    }
  }
}

function flatten(node: MNode): MNode[] {
  return node.kind === 'seq' ? node.items.flatMap(flatten) : [node];
}
