import { isMap, isSeq } from 'yaml';
import { report } from '../../diagnostics/report.js';
import { expansionBudget } from '../../ir/matrix.js';
import { limits } from '../../yaml/limits.js';
import { entries, items } from '../../yaml/view.js';
import type { At, ReadContext } from './context.js';
import { atPath, originAt, readString, resolveNode } from './interpolate.js';

export interface MatrixExpansion {
  /** Parameter names in the order written (the order of the name suffix). */
  names: string[];
  cells: Array<Map<string, string>>;
  alias?: string;
}

/** Jobs every matrix of one configuration may still add, per translation (keyed by its sink). */
const budgets = new WeakMap<object, { left: number }>();

/**
 * A workflow entry's `matrix` (spec §6.1): the cross product of `parameters` in the order
 * written, minus `exclude`d combinations. Cells are named `<job>-<v1>-<v2>` by the caller.
 */
export function expandMatrix(ctx: ReadContext, at: At, node: unknown): MatrixExpansion {
  const r = resolveNode(at, node);
  const result: MatrixExpansion = { names: [], cells: [] };
  if (!isMap(r.node)) {
    report(ctx.sink, 'wrong-type', '"matrix" must be a map with "parameters"', { origin: originAt(at, node) });
    return result;
  }
  const values = new Map<string, string[]>();
  const excludes: Array<Map<string, string>> = [];
  for (const e of entries(r.at.reader, r.node)) {
    r.at.reader.ledger.take(e.pair);
    const inner = atPath(r.at, e.key);
    if (e.key === 'parameters') {
      for (const p of entries(inner.reader, e.value)) {
        inner.reader.ledger.take(p.pair);
        const list = resolveNode(atPath(inner, p.key), p.value);
        const texts = isSeq(list.node)
          ? items(list.at.reader, list.node).map((item, i) => readString(ctx, atPath(list.at, i), item) ?? '')
          : [readString(ctx, list.at, list.node) ?? ''];
        values.set(p.key, texts);
      }
    } else if (e.key === 'exclude') {
      const list = resolveNode(inner, e.value);
      items(list.at.reader, list.node).forEach((item, i) => {
        const cell = new Map<string, string>();
        for (const x of entries(list.at.reader, item)) {
          list.at.reader.ledger.take(x.pair);
          cell.set(x.key, readString(ctx, atPath(list.at, i, x.key), x.value) ?? '');
        }
        excludes.push(cell);
      });
    } else if (e.key === 'alias') {
      const alias = readString(ctx, inner, e.value);
      if (alias !== undefined) result.alias = alias;
    } else {
      report(ctx.sink, 'unknown-key', `matrix key "${e.key}" is not understood`, { origin: originAt(inner, e.pair) });
    }
  }
  result.names = [...values.keys()];
  const size = [...values.values()].reduce((product, list) => product * Math.max(1, list.length), 1);
  const budget = expansionBudget(budgets, ctx.sink, limits.maxMatrixJobsTotal);
  if (size > limits.maxMatrixCells || size > budget.left) {
    const limit = size > limits.maxMatrixCells ? `at most ${limits.maxMatrixCells}` : `at most ${limits.maxMatrixJobsTotal} from all matrices together`;
    report(ctx.sink, 'matrix-too-large', `matrix expands to ${size} jobs; ciport expands ${limit}`, {
      origin: originAt(at, node),
      hint: 'Split the matrix, or exclude combinations; the job is not expanded.',
    });
    return result;
  }
  budget.left -= size;
  let cells: Array<Map<string, string>> = [new Map()];
  for (const [name, list] of values) {
    cells = cells.flatMap((cell) => list.map((value) => new Map([...cell, [name, value]])));
  }
  result.cells = cells.filter((cell) => !excludes.some((x) => [...x].every(([k, v]) => cell.get(k) === v)));
  return result;
}
