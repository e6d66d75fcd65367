import { isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { Comments, JsonValue, Origin } from '../../ir/types.js';
import { commentsOf, entries, items, originOf, resolve, scalarText, type YamlReader } from '../../yaml/view.js';

/**
 * A "merged node": a YAML value after includes, `extends` and `!reference` were applied, where
 * every value still remembers the file and pair it came from. Resolution works on these trees
 * (never on plain objects) so diagnostics about an inherited key point at the template that
 * wrote it, and the ledger of each file learns which of its keys were consumed.
 */
export type MNode = MScalar | MSeq | MMap;

interface MBase {
  reader: YamlReader;
  /** The YAML node the value was read from (`null` for an empty value). */
  node: Node | null;
}

export interface MScalar extends MBase {
  kind: 'scalar';
  value: string | number | boolean | null;
  /** The text as written (plain scalars keep their spelling: `1.10` stays `1.10`). */
  text: string | undefined;
}

export interface MSeq extends MBase {
  kind: 'seq';
  items: MNode[];
  /** `!reference` for GitLab reference tags (resolved by resolve-references.ts). */
  tag?: string;
}

export interface MMap extends MBase {
  kind: 'map';
  entries: MEntry[];
}

/** A key contributed by another place that this entry merged over or replaced. */
export interface Shadow {
  reader: YamlReader;
  pair: Pair;
  /** The shadowed value was replaced wholesale (its subtree counts as consumed with the entry). */
  replaced: boolean;
  value: MNode;
}

export interface MEntry {
  key: string;
  value: MNode;
  reader: YamlReader;
  pair: Pair;
  /** Entries this one was merged over (extends parents, included files). */
  shadowed: Shadow[];
}

/** Converts a YAML node (aliases and `<<` merges resolved by the view) into a merged node. */
export function fromYaml(reader: YamlReader, raw: unknown): MNode {
  const node = resolve(reader, raw) ?? null;
  if (isMap(node)) {
    const list: MEntry[] = entries(reader, node).map((e) => ({
      key: e.key,
      value: fromYaml(reader, e.value),
      reader,
      pair: e.pair,
      shadowed: [],
    }));
    // A repeated key loses to its last occurrence (yaml-duplicate-key already said so).
    const kept = new Set<unknown>(list.map((e) => e.pair));
    for (const pair of node.items) {
      if (!kept.has(pair) && !reader.ledger.isTaken(pair as Pair)) {
        reader.ledger.take(pair as Pair);
        reader.ledger.takeTree(reader, pair.value);
      }
    }
    return { kind: 'map', entries: list, reader, node };
  }
  if (isSeq(node)) {
    const seq: MSeq = { kind: 'seq', items: items(reader, node).map((item) => fromYaml(reader, item)), reader, node };
    if (node.tag === '!reference') seq.tag = '!reference';
    return seq;
  }
  if (isScalar(node)) {
    const value = node.value;
    const typed =
      typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null
        ? value
        : typeof value === 'bigint'
          ? Number(value)
          : (scalarText(node) ?? null);
    return { kind: 'scalar', value: typed, text: scalarText(node), reader, node };
  }
  return { kind: 'scalar', value: null, text: undefined, reader, node: null };
}

export function isNull(node: MNode | undefined): boolean {
  return node === undefined || (node.kind === 'scalar' && node.value === null);
}

export function getEntry(map: MNode | undefined, key: string): MEntry | undefined {
  if (!map || map.kind !== 'map') return undefined;
  return map.entries.find((e) => e.key === key);
}

export function get(map: MNode | undefined, key: string): MNode | undefined {
  return getEntry(map, key)?.value;
}

/**
 * GitLab's deep merge (extends, includes): maps merge key by key, everything else is replaced by
 * the overriding value (gitlab-ci.md §4 `extends`, §2 `include`). Keys keep the base's order; new
 * keys are appended, as Ruby's `Hash#deep_merge` does.
 */
export function deepMerge(base: MNode, over: MNode): MNode {
  if (base.kind !== 'map' || over.kind !== 'map') return over;
  const result: MEntry[] = base.entries.map((e) => ({ ...e }));
  for (const entry of over.entries) {
    const index = result.findIndex((e) => e.key === entry.key);
    if (index < 0) {
      result.push(entry);
      continue;
    }
    const previous = result[index]!;
    const mergesMaps = previous.value.kind === 'map' && entry.value.kind === 'map';
    result[index] = {
      ...entry,
      value: deepMerge(previous.value, entry.value),
      shadowed: [
        ...entry.shadowed,
        { reader: previous.reader, pair: previous.pair, replaced: !mergesMaps, value: previous.value },
        ...previous.shadowed,
      ],
    };
  }
  return { kind: 'map', entries: result, reader: over.reader, node: over.node };
}

/** Marks an entry (and every pair it shadowed) as consumed in the ledgers of their files. */
export function takeEntry(entry: MEntry): void {
  entry.reader.ledger.take(entry.pair);
  for (const shadow of entry.shadowed) {
    shadow.reader.ledger.take(shadow.pair);
    if (shadow.replaced) takeTree(shadow.value);
  }
}

/** Marks every pair under a merged node as consumed. */
export function takeTree(node: MNode): void {
  if (node.kind === 'map') {
    for (const entry of node.entries) {
      takeEntry(entry);
      takeTree(entry.value);
    }
  } else if (node.kind === 'seq') {
    for (const item of node.items) takeTree(item);
  }
}

export function takeEntryTree(entry: MEntry): void {
  takeEntry(entry);
  takeTree(entry.value);
}

export function nodeOrigin(node: MNode, path?: Array<string | number>): Origin | undefined {
  return node.node ? originOf(node.reader, node.node, path) : undefined;
}

export function entryOriginOf(entry: MEntry, path?: Array<string | number>): Origin | undefined {
  return originOf(entry.reader, entry.pair, path);
}

export function entryComments(entry: MEntry): Comments | undefined {
  return commentsOf({ key: entry.key, keyNode: entry.pair.key as Node, value: entry.value.node, pair: entry.pair });
}

/** Plain JSON data of a merged node (for extensions). */
export function toJson(node: MNode): JsonValue {
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(toJson);
  const out: Record<string, JsonValue> = {};
  for (const entry of node.entries) out[entry.key] = toJson(entry.value);
  return out;
}

/** A scalar's text: strings as written, numbers and booleans in their written form. */
export function textOf(node: MNode | undefined): string | undefined {
  if (!node || node.kind !== 'scalar' || node.value === null) return undefined;
  if (typeof node.value === 'string') return node.value;
  return node.text ?? String(node.value);
}
