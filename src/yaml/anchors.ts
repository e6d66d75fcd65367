import { isAlias, isMap, isPair, isScalar, isSeq, type Alias, type Document, type Node } from 'yaml';

/**
 * Every alias of a document with the node it names: the latest anchor of that name defined
 * before it, in document order (YAML 1.1/1.2). Built once per document: yaml's own
 * `Alias.resolve()` searches the whole document on every call, which is quadratic on files with
 * many aliases.
 */
export type AliasTargets = ReadonlyMap<Alias, Node | undefined>;

const cache = new WeakMap<Document, AliasTargets>();

export function aliasTargets(doc: Document): AliasTargets {
  let targets = cache.get(doc);
  if (!targets) {
    targets = indexAliases(doc);
    cache.set(doc, targets);
  }
  return targets;
}

function indexAliases(doc: Document): AliasTargets {
  const anchors = new Map<string, Node>();
  const targets = new Map<Alias, Node | undefined>();
  // Iterative pre-order walk, keys before values, so "defined before" follows the text.
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const node = stack.pop();
    if (isAlias(node)) {
      targets.set(node, anchors.get(node.source));
      continue;
    }
    const anchor = (node as { anchor?: string } | null)?.anchor;
    if (anchor && (isMap(node) || isSeq(node) || isScalar(node))) anchors.set(anchor, node as Node);
    if (isMap(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) {
        const pair = node.items[i];
        if (isPair(pair)) stack.push(pair.value, pair.key);
      }
    } else if (isSeq(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
    }
  }
  return targets;
}

/** The node an alias names, or undefined for an alias to no anchor. */
export function aliasTarget(doc: Document, alias: Alias): Node | undefined {
  return aliasTargets(doc).get(alias);
}
