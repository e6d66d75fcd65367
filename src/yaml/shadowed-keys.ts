import { isMap, isPair, isScalar, isSeq, type Pair } from 'yaml';
import { resolve, scalarText, type YamlReader } from './view.js';

/**
 * Keys no reader can consume, accounted for before the unconsumed-key report:
 * - a key repeated in one mapping: only the last one is read, and the loader already reported
 *   the repetition (`yaml-duplicate-key`);
 * - a key brought in by a `<<` merge that the merging mapping overrides: YAML says the mapping's
 *   own key wins, so the merged one is decided, not dropped.
 */
export function takeShadowedKeys(reader: YamlReader): void {
  const stack: unknown[] = [reader.doc.contents];
  const seen = new Set<unknown>();
  while (stack.length) {
    const node = stack.pop();
    if (seen.has(node)) continue;
    seen.add(node);
    if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
      continue;
    }
    if (!isMap(node)) continue;
    const keyOf = (pair: Pair) => (isScalar(pair.key) ? (scalarText(pair.key) ?? '') : String(pair.key));
    const own = new Map<string, Pair>();
    const merges: unknown[] = [];
    for (const pair of node.items as Pair[]) {
      const key = keyOf(pair);
      if (isScalar(pair.key) && (pair.key.value === '<<' || typeof pair.key.value === 'symbol')) {
        const source = resolve(reader, pair.value);
        merges.push(...(isSeq(source) ? source.items : [source]));
      } else {
        const previous = own.get(key);
        if (previous) {
          // Its whole value loses, so nothing under it is left for the unknown-key report.
          reader.ledger.take(previous);
          reader.ledger.takeTree(reader, previous.value);
        }
        own.set(key, pair);
      }
      stack.push(pair.value);
    }
    for (const merged of merges) {
      const source = resolve(reader, merged);
      if (!isMap(source)) continue;
      for (const pair of source.items) if (isPair(pair) && own.has(keyOf(pair as Pair))) {
        reader.ledger.take(pair as Pair);
        reader.ledger.takeTree(reader, (pair as Pair).value);
      }
    }
  }
}
