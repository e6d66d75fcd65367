import { report } from '../../diagnostics/report.js';
import type { Requirement } from '../../ir/types.js';
import { entryOriginOf, nodeOrigin, takeTree, textOf, type MNode } from './merged.js';
import { readBoolean, readEntries, readString, wrongType, type ReadContext } from './read-values.js';

/**
 * `needs` (of a job, or of a rule: `rules:needs`) as requirements: job names or
 * `{job, artifacts, optional}`; needs of another pipeline or project are diagnosed (gitlab-ci.md §4 `needs`).
 */
export function readNeeds(ctx: ReadContext, node: MNode, path: string): Requirement[] {
  if (node.kind !== 'seq') {
    wrongType(ctx, node, path, 'a list of jobs');
    return [];
  }
  const out: Requirement[] = [];
  const visit = (item: MNode, index: number) => {
    const where = `${path}[${index}]`;
    if (item.kind === 'seq') return item.items.forEach((i) => visit(i, index));
    if (item.kind === 'scalar') {
      const job = textOf(item);
      if (job === undefined) return;
      const r: Requirement = { node: job };
      const o = nodeOrigin(item);
      if (o) r.origin = o;
      out.push(r);
      return;
    }
    const r: Requirement = { node: '' };
    const o = nodeOrigin(item);
    if (o) r.origin = o;
    let external = false;
    readEntries(ctx, item, where, {
      job: (e) => (r.node = readString(ctx, e.value, `${where}.job`) ?? ''),
      artifacts: (e) => {
        const b = readBoolean(ctx, e.value, `${where}.artifacts`);
        if (b !== undefined) r.artifacts = b;
      },
      optional: (e) => {
        if (readBoolean(ctx, e.value, `${where}.optional`)) r.optional = true;
      },
      parallel: (e) => {
        takeTree(e.value);
        report(ctx.sink, 'approximate-translation', `"${where}.parallel" is read as a need on every instance of the job`, { origin: entryOriginOf(e) });
      },
      pipeline: (e) => {
        takeTree(e.value);
        external = true;
      },
      project: (e) => {
        takeTree(e.value);
        external = true;
      },
      ref: (e) => takeTree(e.value),
    });
    if (external) {
      report(ctx.sink, 'unsupported-feature', `"${where}" needs a job of another pipeline or project; it is not translated`, { origin: o });
      return;
    }
    if (r.node) out.push(r);
  };
  node.items.forEach(visit);
  return out;
}
