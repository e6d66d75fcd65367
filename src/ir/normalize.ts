import type { Pipeline, WorkflowNode } from './types.js';

/**
 * A canonical copy for semantic comparison: origins, comments and presentation removed, unordered
 * collections sorted, `undefined` members dropped, and `expand` dropped where a value has no `$`
 * (expansion cannot change it).
 *
 * Presentation is dropped only where it lives. A key is dropped by its place in the IR, never by
 * its name alone: `source` is also a condition's pipeline source and a regex's text, and `stage`
 * names could appear in extension values; those change what the pipeline does.
 */
export function normalize(pipeline: Pipeline): unknown {
  return canonical(pipeline, 'pipeline');
}

/** The canonical form of one workflow node, as it sits in a normalized pipeline. */
export function normalizeNode(node: WorkflowNode): unknown {
  return canonical(node, 'node');
}

/** Where a value sits in the IR, as far as normalization cares. */
type Place = 'pipeline' | 'workflow' | 'node' | 'extension' | 'verbatim' | 'other';

/** Provenance, present on every `Located` node (and a job's per-setting places). */
const locationKeys = new Set(['origin', 'comments', 'settingOrigins']);

/** Keys dropped only at one place: what the pipeline was read from, and GitLab stage bookkeeping. */
const presentationAt: Record<Place, ReadonlySet<string>> = {
  // `source` is the format id the pipeline was read from; `stages` keeps GitLab's stage list for round trips.
  pipeline: new Set(['source', 'stages']),
  workflow: new Set(),
  // The graph carries the stage order (`Requirement.order`); the name is presentation.
  node: new Set(['stage']),
  extension: new Set(),
  verbatim: new Set(),
  other: new Set(),
};

const unorderedByName = new Set(['variables', 'environment', 'parameters']);
const unorderedById = new Set(['jobs', 'nodes']);

/** The place of the value found under `key` of an object at `place`. */
function childPlace(place: Place, key: string): Place {
  if (place === 'verbatim') return 'verbatim';
  if (place === 'pipeline' && key === 'workflows') return 'workflow';
  if (place === 'workflow' && key === 'nodes') return 'node';
  if (key === 'extensions') return 'extension';
  // Extension values are the user's own YAML, carried as written: nothing in them is ours to drop.
  if (place === 'extension' && key === 'value') return 'verbatim';
  return 'other';
}

function canonical(value: unknown, place: Place, key = ''): unknown {
  if (Array.isArray(value)) {
    // Items of an array sit at the array's place (workflows → workflow, nodes → node).
    const items = value.map((item) => canonical(item, place));
    if (place === 'verbatim') return items;
    if (unorderedByName.has(key)) return sortBy(items, 'name');
    if (unorderedById.has(key)) return sortBy(items, 'id');
    if (key === 'requires') return sortBy(items, 'node');
    if (key === 'contexts' || key === 'runnerTags') return [...items].sort();
    return items;
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    const record = value as Record<string, unknown>;
    const dropped = presentationAt[place];
    for (const k of Object.keys(record).sort()) {
      const v = record[k];
      if (v === undefined) continue;
      if (place !== 'verbatim' && (locationKeys.has(k) || dropped.has(k))) continue;
      if (place !== 'verbatim' && k === 'expand' && typeof record.value === 'string' && !record.value.includes('$')) continue;
      out[k] = canonical(v, childPlace(place, k), k);
    }
    return out;
  }
  return value;
}

function sortBy(items: unknown[], field: string): unknown[] {
  return [...items].sort((a, b) => {
    const x = String((a as Record<string, unknown>)?.[field] ?? '');
    const y = String((b as Record<string, unknown>)?.[field] ?? '');
    return x < y ? -1 : x > y ? 1 : 0;
  });
}
