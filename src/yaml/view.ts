import { isAlias, isMap, isPair, isScalar, isSeq, Scalar, type Document, type Node, type Pair } from 'yaml';
import type { Comments, JsonValue, Origin } from '../ir/types.js';
import { aliasTarget } from './anchors.js';

/**
 * A read-only view over yaml nodes for format readers: aliases and `<<` merge keys resolved,
 * positions kept, and a ledger of every key a reader consumed so nothing is dropped silently.
 */
export interface YamlReader {
  file: string;
  doc: Document.Parsed;
  ledger: Ledger;
}

/** The keys (pairs) a reader has consumed, translated or diagnosed. */
export class Ledger {
  private readonly taken = new Set<Pair>();
  private readonly takenTrees = new Set<unknown>();

  take(pair: Pair): void {
    this.taken.add(pair);
  }

  isTaken(pair: Pair): boolean {
    return this.taken.has(pair);
  }

  /** Marks every pair under `node` (following aliases) as consumed. */
  takeTree(reader: YamlReader, node: unknown): void {
    const stack: unknown[] = [node];
    while (stack.length) {
      const current = stack.pop();
      if (isAlias(current)) {
        stack.push(aliasTarget(reader.doc, current));
        continue;
      }
      if (this.takenTrees.has(current)) continue;
      if (isMap(current)) {
        this.takenTrees.add(current);
        for (const pair of current.items) {
          this.taken.add(pair);
          stack.push(pair.value);
        }
      } else if (isSeq(current)) {
        this.takenTrees.add(current);
        stack.push(...current.items);
      }
    }
  }
}

export function createReader(file: string, doc: Document.Parsed): YamlReader {
  return { file, doc, ledger: new Ledger() };
}

export type YNode = Node | null | undefined;

/** Follows aliases to the node they name; `undefined` for a dangling alias. */
export function resolve(reader: YamlReader, node: unknown): Node | null | undefined {
  let current = node;
  for (let hops = 0; isAlias(current) && hops < 64; hops++) current = aliasTarget(reader.doc, current);
  return current as Node | null | undefined;
}

export function isMapNode(reader: YamlReader, node: unknown): boolean {
  return isMap(resolve(reader, node));
}

export function isSeqNode(reader: YamlReader, node: unknown): boolean {
  return isSeq(resolve(reader, node));
}

/** A scalar, including an explicit or implicit null (`key:`). */
export function isScalarNode(reader: YamlReader, node: unknown): boolean {
  const target = resolve(reader, node);
  return target === null || target === undefined || isScalar(target);
}

export function isNullNode(reader: YamlReader, node: unknown): boolean {
  const target = resolve(reader, node);
  return target === null || target === undefined || (isScalar(target) && target.value === null);
}

export interface Entry {
  key: string;
  keyNode: Node;
  /** The value node, aliases resolved; `null` when the key has no value. */
  value: Node | null;
  pair: Pair;
}

function isMergeKey(key: unknown): boolean {
  return isScalar(key) && (typeof key.value === 'symbol' || (key.value === '<<' && key.type === Scalar.PLAIN));
}

/**
 * The entries of a mapping with `<<` merges applied (the map's own keys win, later merges lose to
 * earlier ones, as YAML 1.1 says) and duplicate keys resolved last-wins. Merge keys count as consumed.
 */
export function entries(reader: YamlReader, node: unknown): Entry[] {
  const map = resolve(reader, node);
  if (!isMap(map)) return [];
  const own = new Map<string, Entry>();
  const merged = new Map<string, Entry>();
  for (const pair of map.items) {
    if (isMergeKey(pair.key)) {
      reader.ledger.take(pair);
      const sources = resolve(reader, pair.value);
      const list = isSeq(sources) ? sources.items : [sources];
      for (const source of list) {
        for (const entry of entries(reader, source)) if (!merged.has(entry.key)) merged.set(entry.key, entry);
      }
      continue;
    }
    const key = isScalar(pair.key) ? (scalarText(pair.key) ?? '') : String(pair.key);
    own.delete(key); // a repeated key moves to its last position
    own.set(key, { key, keyNode: pair.key as Node, value: resolve(reader, pair.value) ?? null, pair: pair as Pair });
  }
  const result = [...own.values()];
  for (const [key, entry] of merged) if (!own.has(key)) result.push(entry);
  return result;
}

/** One entry of a mapping by key, merges applied. */
export function entry(reader: YamlReader, node: unknown, key: string): Entry | undefined {
  return entries(reader, node).find((e) => e.key === key);
}

/** The items of a sequence, aliases resolved. */
export function items(reader: YamlReader, node: unknown): Array<Node | null> {
  const seq = resolve(reader, node);
  if (!isSeq(seq)) return [];
  return seq.items.map((item) => resolve(reader, item) ?? null);
}

/**
 * The text of a scalar as the user wrote it: plain scalars keep their source spelling, so a YAML
 * 1.1 `on` or `1.10` stays a string where a string is meant. `undefined` for collections and null.
 */
export function scalarText(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  if (node.value === null || node.value === undefined) return undefined;
  if (node.type === Scalar.PLAIN && typeof node.source === 'string') return node.source;
  return String(node.value);
}

/** The typed value of a scalar (boolean, number, string, null). */
export function scalarValue(reader: YamlReader, node: unknown): string | number | boolean | null | undefined {
  const target = resolve(reader, node);
  if (target === null || target === undefined) return null;
  if (!isScalar(target)) return undefined;
  const value = target.value;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null) {
    return value;
  }
  if (typeof value === 'bigint') return Number(value);
  return scalarText(target);
}

/** A scalar's value as a string (numbers and booleans in their written form). */
export function stringValue(reader: YamlReader, node: unknown): string | undefined {
  return scalarText(resolve(reader, node));
}

/** The subtree as plain JSON data. Safe: documents whose aliases explode are refused at load. */
export function toPlain(reader: YamlReader, node: unknown): JsonValue {
  const target = resolve(reader, node);
  if (target === null || target === undefined) return null;
  if (isScalar(target)) {
    const value = target.value;
    if (value === null || value === undefined) return null;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
    return scalarText(target) ?? null;
  }
  if (isSeq(target)) return target.items.map((item) => toPlain(reader, item));
  if (isMap(target)) {
    const out: Record<string, JsonValue> = {};
    for (const e of entries(reader, target)) out[e.key] = toPlain(reader, e.value);
    return out;
  }
  return null;
}

export function originOf(reader: YamlReader, node: unknown, path?: Array<string | number>): Origin | undefined {
  const target = isPair(node) ? node : (resolve(reader, node) ?? node);
  let range: [number, number] | undefined;
  if (isPair(target)) {
    const start = (target.key as Node | null)?.range?.[0];
    const end = (target.value as Node | null)?.range?.[1] ?? (target.key as Node | null)?.range?.[1];
    if (start !== undefined) range = [start, end ?? start];
  } else {
    const r = (target as Node | null | undefined)?.range;
    if (r) range = [r[0], r[1]];
  }
  if (!range) return undefined;
  return path ? { file: reader.file, range, path } : { file: reader.file, range };
}

/** The origin of an entry: from its key to the end of its value. */
export function entryOrigin(reader: YamlReader, e: Entry, path?: Array<string | number>): Origin | undefined {
  return originOf(reader, e.pair, path);
}

/** The lines of a comment the parser gave, without the space after `#` (CRLF files keep no `\r`). */
export function splitComment(text: string | null | undefined): string[] {
  if (!text) return [];
  return text.split(/\r?\n/).map((line) => line.replace(/^ /, '').replace(/\r$/, ''));
}

/** Comments written above a key (or item) and after its value on the same line. */
export function commentsOf(entryOrNode: Entry | Node | null | undefined): Comments | undefined {
  if (!entryOrNode) return undefined;
  let before: string[] = [];
  let trailing: string | undefined;
  if ('pair' in entryOrNode) {
    before = splitComment((entryOrNode.keyNode as { commentBefore?: string | null }).commentBefore);
    const value = entryOrNode.pair.value as { comment?: string | null; commentBefore?: string | null } | null;
    // A comment after a scalar value sits on the value; on a collection it sits on the key.
    trailing = isScalar(entryOrNode.pair.value) ? (value?.comment ?? undefined) : undefined;
    trailing ??= (entryOrNode.keyNode as { comment?: string | null }).comment ?? undefined;
  } else {
    const node = entryOrNode as { commentBefore?: string | null; comment?: string | null };
    before = splitComment(node.commentBefore);
    trailing = isScalar(entryOrNode) ? (node.comment ?? undefined) : undefined;
  }
  const comments: Comments = {};
  if (before.length) comments.before = before;
  if (trailing) comments.trailing = trailing.replace(/^ /, '').replace(/\r$/, '');
  return comments.before || comments.trailing ? comments : undefined;
}

/** Collects every anchor name defined in the subtree (used to tolerate anchor-holder keys). */
export function hasAnchor(node: unknown): boolean {
  const stack: unknown[] = [node];
  while (stack.length) {
    const current = stack.pop();
    if (isMap(current) || isSeq(current) || isScalar(current)) {
      if ((current as { anchor?: string }).anchor) return true;
    }
    if (isMap(current)) for (const pair of current.items) stack.push(pair.value);
    else if (isSeq(current)) stack.push(...current.items);
  }
  return false;
}
