import { isMap, isSeq } from 'yaml';
import type { Comments } from '../../ir/types.js';
import { commentsOf, resolve, splitComment, type Entry, type YamlReader } from '../../yaml/view.js';

/**
 * Comments of a map entry or sequence item. The yaml library puts a comment above the *first*
 * key or item on the enclosing collection, so that one is taken from the parent.
 */
export function commentsOfEntry(reader: YamlReader, parent: unknown, e: Entry): Comments | undefined {
  const own = commentsOf(e);
  const map = resolve(reader, parent);
  if (own?.before || !isMap(map) || map.items[0] !== e.pair) return own;
  return merge(fromText(map.commentBefore), own);
}

export function commentsOfItem(reader: YamlReader, parent: unknown, index: number, item: unknown): Comments | undefined {
  const own = commentsOf(item as never);
  const seq = resolve(reader, parent);
  if (own?.before || !isSeq(seq) || index !== 0) return own;
  return merge(fromText(seq.commentBefore), own);
}

function fromText(text: string | null | undefined): Comments | undefined {
  if (!text) return undefined;
  return { before: splitComment(text) };
}

function merge(a: Comments | undefined, b: Comments | undefined): Comments | undefined {
  if (!a) return b;
  if (!b) return a;
  return { ...b, ...a, ...(b.trailing ? { trailing: b.trailing } : {}) };
}
