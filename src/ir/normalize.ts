import type { Pipeline } from './types.js';

/** Keys that describe presentation or provenance, not what the pipeline does. */
const presentationKeys = new Set(['origin', 'comments', 'source', 'stage', 'stages']);

/**
 * A canonical copy for semantic comparison: origins, comments and presentation removed, unordered
 * collections sorted, `undefined` members dropped, and `expand` dropped where a value has no `$`
 * (expansion cannot change it).
 */
export function normalize(pipeline: Pipeline): unknown {
  return canonical(pipeline, '');
}

const unorderedByName = new Set(['variables', 'environment', 'parameters']);
const unorderedById = new Set(['jobs', 'nodes']);

function canonical(value: unknown, key: string): unknown {
  if (Array.isArray(value)) {
    const items = value.map((item) => canonical(item, ''));
    if (unorderedByName.has(key)) return sortBy(items, 'name');
    if (unorderedById.has(key)) return sortBy(items, 'id');
    if (key === 'requires') return sortBy(items, 'node');
    if (key === 'contexts' || key === 'runnerTags') return [...items].sort();
    return items;
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    const record = value as Record<string, unknown>;
    for (const k of Object.keys(record).sort()) {
      const v = record[k];
      if (v === undefined || presentationKeys.has(k)) continue;
      if (k === 'expand' && typeof record.value === 'string' && !record.value.includes('$')) continue;
      out[k] = canonical(v, k);
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
