import { report, reportOnce } from '../../diagnostics/report.js';
import { get, nodeOrigin, textOf, type MNode } from './merged.js';
import type { ReadContext } from './read-values.js';

/** GitLab allows `!reference` to nest 10 levels (gitlab-ci.md §5). */
const maxNesting = 10;

/**
 * Replaces every `!reference [.job, key, …]` with the value it names; a number names an item of a
 * list (`[.setup, script, 0]`). Nested references are followed; cycles and missing targets are
 * diagnosed and leave an empty value.
 *
 * GitLab lets a reference see keys a job inherits through `extends`, and a template's referenced
 * value takes part in the `extends` merge (a `variables: !reference […]` map merges with the
 * job's own variables). So resolution runs twice: `early`, before `extends`, it resolves the
 * references whose target needs no `extends` and leaves the others unchanged and unreported; the
 * second pass, after `extends`, resolves the rest.
 */
export function resolveReferences(root: MNode, ctx: ReadContext, early = false): MNode {
  const cache = new Map<string, MNode>();

  const lookup = (seq: MNode & { kind: 'seq' }, stack: string[]): MNode => {
    const path = seq.items.map((item) => textOf(item) ?? '');
    const key = path.join('\u0000');
    // What a failed reference stands for: nothing (null), so readers skip it.
    const empty: MNode = { kind: 'scalar', value: null, text: undefined, reader: seq.reader, node: seq.node };
    if (path.length === 0 || seq.items.some((item) => item.kind !== 'scalar')) {
      report(ctx.sink, 'wrong-type', '!reference needs a list of names, such as [.job, script]', { origin: nodeOrigin(seq) });
      return empty;
    }
    if (stack.includes(key)) {
      report(ctx.sink, 'gitlab-reference-cycle', `!reference [${path.join(', ')}] refers to itself through other references`, {
        origin: nodeOrigin(seq),
      });
      return empty;
    }
    if (stack.length >= maxNesting) {
      report(ctx.sink, 'gitlab-reference-cycle', `!reference [${path.join(', ')}] nests more than ${maxNesting} levels`, {
        origin: nodeOrigin(seq),
      });
      return empty;
    }
    const cached = cache.get(key);
    if (cached) return cached;
    let target: MNode | undefined = root;
    let inherits = false;
    for (const name of path) {
      target = target?.kind === 'seq' && /^\d+$/.test(name) ? target.items[Number(name)] : get(target, name);
      if (target?.kind === 'map' && get(target, 'extends')) inherits = true;
    }
    // Before `extends`, a target that may still gain or change keys waits for the second pass.
    if (early && (inherits || !target)) return seq;
    if (!target) {
      reportOnce(ctx.sink, 'gitlab-reference-missing', `!reference [${path.join(', ')}] names nothing that is defined`, {
        origin: nodeOrigin(seq),
        hint: 'The target may come from an include that was not read.',
      });
      return empty;
    }
    const resolved = walk(target, [...stack, key]);
    cache.set(key, resolved);
    return resolved;
  };

  const walk = (node: MNode, stack: string[]): MNode => {
    if (node.kind === 'seq') {
      if (node.tag === '!reference') return lookup(node, stack);
      let changed = false;
      const items = node.items.map((item) => {
        const next = walk(item, stack);
        if (next !== item) changed = true;
        return next;
      });
      return changed ? { ...node, items } : node;
    }
    if (node.kind === 'map') {
      let changed = false;
      const entries = node.entries.map((entry) => {
        const value = walk(entry.value, stack);
        if (value === entry.value) return entry;
        changed = true;
        return { ...entry, value };
      });
      return changed ? { ...node, entries } : node;
    }
    return node;
  };

  return walk(root, []);
}
