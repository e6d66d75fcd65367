import { isMap, isPair, isScalar, isSeq, type Node, type Pair } from 'yaml';
import { didYouMeanKey } from '../diagnostics/did-you-mean.js';
import { report } from '../diagnostics/report.js';
import type { DiagnosticSink } from '../diagnostics/types.js';
import { hasAnchor, originOf, scalarText, type YamlReader } from './view.js';

/** The keys a format's reader accepts in the mapping at `path` (its key, not the key's own path). */
export type KnownKeys = (path: ReadonlyArray<string | number>) => Iterable<string> | undefined;

/**
 * After a reader ran: every mapping key it neither consumed nor diagnosed becomes an
 * `unknown-key` diagnostic. A key that only holds anchors used elsewhere (`references:`,
 * `.defaults: &d`) is not reported when everything under it was consumed through aliases.
 * `knownKeys` names the keys the reader accepts in the mapping at a path (from its own tables), so a
 * misspelt key gets a "did you mean". Returns the number of keys reported.
 */
export function reportUnconsumedKeys(reader: YamlReader, sink: DiagnosticSink, root?: Node | null, knownKeys?: KnownKeys): number {
  let count = 0;
  const visit = (node: unknown, path: Array<string | number>): void => {
    if (isMap(node)) {
      for (const pair of node.items as Pair[]) {
        const key = isScalar(pair.key) ? (scalarText(pair.key) ?? '') : String(pair.key);
        const childPath = [...path, key];
        if (reader.ledger.isTaken(pair)) {
          visit(pair.value, childPath);
          continue;
        }
        if (hasAnchor(pair.value) && countUntaken(reader, pair.value) === 0) continue;
        if (hasAnchor(pair.value)) {
          visit(pair.value, childPath);
          continue;
        }
        count++;
        report(sink, 'unknown-key', `key "${childPath.join('.')}" is not understood and is not translated`, {
          origin: originOf(reader, pair, childPath),
          hint: didYouMeanKey(key, knownKeys?.(path) ?? []),
        });
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => visit(item, [...path, index]));
    }
  };
  visit(root === undefined ? reader.doc.contents : root, []);
  return count;
}

function countUntaken(reader: YamlReader, node: unknown): number {
  let count = 0;
  const stack: unknown[] = [node];
  while (stack.length) {
    const current = stack.pop();
    if (isMap(current)) {
      for (const pair of current.items) {
        if (isPair(pair) && !reader.ledger.isTaken(pair as Pair)) count++;
        stack.push(pair.value);
      }
    } else if (isSeq(current)) stack.push(...current.items);
  }
  return count;
}
