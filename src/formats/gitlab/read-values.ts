import { didYouMeanKey } from '../../diagnostics/did-you-mean.js';
import { report } from '../../diagnostics/report.js';
import type { DiagnosticSink } from '../../diagnostics/types.js';
import type { Origin } from '../../ir/types.js';
import { entryOriginOf, nodeOrigin, takeEntry, takeTree, textOf, type MEntry, type MNode } from './merged.js';

/** What every GitLab reading pass receives: the sink is the only side channel. */
export interface ReadContext {
  sink: DiagnosticSink;
}

const kindName = (node: MNode): string =>
  node.kind === 'map' ? 'a mapping' : node.kind === 'seq' ? 'a list' : node.value === null ? 'null' : `a ${typeof node.value}`;

export function wrongType(ctx: ReadContext, node: MNode, path: string, expected: string): void {
  // The diagnosed value is accounted for: its keys are not reported again as unknown.
  takeTree(node);
  report(ctx.sink, 'wrong-type', `"${path}" is ${kindName(node)}; expected ${expected}. It is not translated`, {
    origin: nodeOrigin(node),
  });
}

/** A string (numbers and booleans in their written form); `undefined` for null. */
export function readString(ctx: ReadContext, node: MNode | undefined, path: string): string | undefined {
  if (!node || (node.kind === 'scalar' && node.value === null)) return undefined;
  if (node.kind !== 'scalar') {
    wrongType(ctx, node, path, 'a string');
    return undefined;
  }
  return textOf(node);
}

export function readBoolean(ctx: ReadContext, node: MNode | undefined, path: string): boolean | undefined {
  if (!node || (node.kind === 'scalar' && node.value === null)) return undefined;
  if (node.kind === 'scalar' && typeof node.value === 'boolean') return node.value;
  if (node.kind === 'scalar' && (node.value === 'true' || node.value === 'false')) return node.value === 'true';
  wrongType(ctx, node, path, 'true or false');
  return undefined;
}

export function readInteger(ctx: ReadContext, node: MNode | undefined, path: string): number | undefined {
  if (!node || (node.kind === 'scalar' && node.value === null)) return undefined;
  if (node.kind === 'scalar') {
    const n = typeof node.value === 'number' ? node.value : Number(node.value);
    if (Number.isInteger(n)) return n;
  }
  wrongType(ctx, node, path, 'an integer');
  return undefined;
}

/**
 * A string or a list of strings; nested lists (from anchors and `!reference`) are flattened, as
 * GitLab does for scripts (gitlab-ci.md §4 `script`).
 */
export function readStringList(ctx: ReadContext, node: MNode | undefined, path: string): string[] | undefined {
  if (!node || (node.kind === 'scalar' && node.value === null)) return undefined;
  if (node.kind === 'scalar') return [textOf(node) ?? ''];
  if (node.kind === 'map') {
    wrongType(ctx, node, path, 'a string or a list of strings');
    return undefined;
  }
  const out: string[] = [];
  const visit = (item: MNode): void => {
    if (item.kind === 'seq') item.items.forEach(visit);
    else if (item.kind === 'scalar') {
      if (item.value !== null) out.push(textOf(item) ?? '');
    } else wrongType(ctx, item, path, 'a string');
  };
  node.items.forEach(visit);
  return out;
}

/** The scalar items of a node as located strings (for scripts: each line keeps its origin). */
export function readLocatedStrings(
  ctx: ReadContext,
  node: MNode | undefined,
  path: string,
): Array<{ text: string; node: MNode }> | undefined {
  if (!node || (node.kind === 'scalar' && node.value === null)) return undefined;
  if (node.kind === 'map') {
    wrongType(ctx, node, path, 'a string or a list of strings');
    return undefined;
  }
  const out: Array<{ text: string; node: MNode }> = [];
  const visit = (item: MNode): void => {
    if (item.kind === 'seq') item.items.forEach(visit);
    else if (item.kind === 'scalar') {
      if (item.value !== null) out.push({ text: textOf(item) ?? '', node: item });
    } else wrongType(ctx, item, path, 'a string');
  };
  visit(node);
  return out;
}

/**
 * Walks the entries of a mapping: known keys are consumed and handed to `handlers`, unknown ones
 * become `unknown-key` diagnostics (and are consumed, so the file-level sweep does not repeat them).
 */
export function readEntries(
  ctx: ReadContext,
  node: MNode | undefined,
  path: string,
  handlers: Record<string, (entry: MEntry) => void>,
): boolean {
  if (!node || (node.kind === 'scalar' && node.value === null)) return false;
  if (node.kind !== 'map') {
    wrongType(ctx, node, path, 'a mapping');
    return false;
  }
  for (const entry of node.entries) {
    const handler = Object.hasOwn(handlers, entry.key) ? handlers[entry.key] : undefined;
    takeEntry(entry);
    if (handler) handler(entry);
    else unknownKey(ctx, entry, `${path}.${entry.key}`, Object.keys(handlers));
  }
  return true;
}

/** `known`: the keys the same mapping accepts, for a "did you mean" on a misspelt one. */
export function unknownKey(ctx: ReadContext, entry: MEntry, path: string, known: Iterable<string> = []): void {
  report(ctx.sink, 'unknown-key', `key "${path}" is not understood and is not translated`, {
    origin: entryOriginOf(entry, path.split('.')),
    hint: didYouMeanKey(entry.key, known),
  });
}

export function originAt(entry: MEntry | undefined, node?: MNode): Origin | undefined {
  if (entry) return entryOriginOf(entry);
  return node ? nodeOrigin(node) : undefined;
}
