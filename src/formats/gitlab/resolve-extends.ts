import { report } from '../../diagnostics/report.js';
import { deepMerge, entryOriginOf, nodeOrigin, takeEntry, type MEntry, type MMap, type MNode } from './merged.js';
import { readStringList, type ReadContext } from './read-values.js';

/** GitLab resolves at most 11 levels of `extends` (gitlab-ci.md §4 `extends`). */
const maxLevels = 11;

/** Top-level keys that are keywords, never jobs (gitlab-ci.md §1). */
export const globalKeys = new Set([
  'default',
  'include',
  'stages',
  'variables',
  'workflow',
  'spec',
  '$schema',
  'image',
  'services',
  'cache',
  'before_script',
  'after_script',
  'types',
]);

/**
 * Resolves `extends` on every job (hidden ones too): a reverse deep merge of the parents in order,
 * the job's own keys winning; maps merge, lists and scalars are replaced (gitlab-ci.md §4
 * `extends`, §5). Cycles and missing parents are diagnosed; the job keeps what resolved, and its
 * name goes into `unresolved` (so is a child's whose parent has a missing parent): the keys it lacks
 * may be in that parent, which gitlab-extends-missing already names.
 */
export function resolveExtends(root: MNode, ctx: ReadContext, unresolved = new Set<string>()): MNode {
  if (root.kind !== 'map') return root;
  const byName = new Map(root.entries.map((e) => [e.key, e]));
  const done = new Map<string, MNode>();
  const visiting: string[] = [];

  const resolveJob = (entry: MEntry): MNode => {
    const known = done.get(entry.key);
    if (known) return known;
    const value = entry.value;
    if (value.kind !== 'map') return value;
    const extendsEntry = value.entries.find((e) => e.key === 'extends');
    if (!extendsEntry) {
      done.set(entry.key, value);
      return value;
    }
    takeEntry(extendsEntry);
    const own: MMap = { ...value, entries: value.entries.filter((e) => e !== extendsEntry) };
    if (visiting.includes(entry.key)) {
      const cycle = [...visiting.slice(visiting.indexOf(entry.key)), entry.key].join(' → ');
      report(ctx.sink, 'gitlab-extends-cycle', `"extends" forms a cycle: ${cycle}; the cycle is cut here`, {
        origin: entryOriginOf(extendsEntry),
      });
      return own;
    }
    if (visiting.length >= maxLevels) {
      // GitLab stops here too; not following deeper chains also bounds the recursion.
      report(ctx.sink, 'gitlab-extends-depth', `"${entry.key}" extends more than ${maxLevels} levels deep; GitLab rejects this and ciport stops here`, {
        origin: entryOriginOf(extendsEntry),
      });
      return own;
    }
    visiting.push(entry.key);
    let merged: MNode | undefined;
    for (const parentName of readStringList(ctx, extendsEntry.value, `${entry.key}.extends`) ?? []) {
      const parent = byName.get(parentName);
      if (!parent) {
        report(ctx.sink, 'gitlab-extends-missing', `"${entry.key}" extends "${parentName}", which is not defined`, {
          origin: nodeOrigin(extendsEntry.value) ?? entryOriginOf(extendsEntry),
          hint: 'The parent may come from an include that was not read.',
        });
        unresolved.add(entry.key);
        continue;
      }
      const resolved = resolveJob(parent);
      if (unresolved.has(parentName)) unresolved.add(entry.key);
      if (resolved.kind !== 'map') continue;
      merged = merged ? deepMerge(merged, resolved) : resolved;
    }
    visiting.pop();
    const result = merged ? deepMerge(merged, own) : own;
    done.set(entry.key, result);
    return result;
  };

  const entries = root.entries.map((entry) => (globalKeys.has(entry.key) ? entry : { ...entry, value: resolveJob(entry) }));
  return { ...root, entries };
}
