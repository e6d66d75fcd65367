import { get, type MEntry, type MNode } from './merged.js';
import { readStringList, type ReadContext } from './read-values.js';

/** Keys `default:` may set (gitlab-ci.md §2 `default`). */
export const defaultKeys = [
  'after_script',
  'artifacts',
  'before_script',
  'cache',
  'hooks',
  'id_tokens',
  'image',
  'interruptible',
  'retry',
  'services',
  'tags',
  'timeout',
  'identity',
] as const;

/** Deprecated top-level spellings of `default:` keys (gitlab-ci.md §1, [G2]). */
export const deprecatedGlobals = ['image', 'services', 'cache', 'before_script', 'after_script'];

/**
 * The `default:` entries of a resolved configuration, by key: a deprecated top-level global
 * (`image:`, `before_script:`, …) counts as its `default:` key unless `default:` sets it too.
 * No diagnostics: the reader reports deprecated and unknown keys when it reads the globals.
 */
export function collectDefaults(root: MNode): Map<string, MEntry> {
  const defaults = new Map<string, MEntry>();
  if (root.kind !== 'map') return defaults;
  for (const entry of root.entries) if (deprecatedGlobals.includes(entry.key)) defaults.set(entry.key, entry);
  const section = get(root, 'default');
  if (section?.kind === 'map') {
    for (const entry of section.entries) if ((defaultKeys as readonly string[]).includes(entry.key)) defaults.set(entry.key, entry);
  }
  return defaults;
}

/**
 * A job's entries with the `default:` keys it inherits: every default the job does not set
 * itself, unless `inherit:default` is `false` or a list that leaves the key out (gitlab-ci.md §4
 * `inherit`). The job's own keys come first, in their order.
 */
export function effectiveEntries(ctx: ReadContext, job: MNode, defaults: Map<string, MEntry>, name: string): Map<string, MEntry> {
  let inheritDefault: boolean | string[] = true;
  const inherit = get(job, 'inherit');
  if (inherit?.kind === 'map') {
    const d = get(inherit, 'default');
    if (d?.kind === 'scalar' && typeof d.value === 'boolean') inheritDefault = d.value;
    else if (d) inheritDefault = readStringList(ctx, d, `${name}.inherit.default`) ?? true;
  }
  const own = new Map<string, MEntry>(job.kind === 'map' ? job.entries.map((e) => [e.key, e]) : []);
  const effective = new Map(own);
  for (const [key, value] of defaults) {
    if (own.has(key)) continue;
    if (inheritDefault === false || (Array.isArray(inheritDefault) && !inheritDefault.includes(key))) continue;
    effective.set(key, value);
  }
  return effective;
}
