import type { Matrix } from './types.js';

/**
 * How many jobs a matrix stands for, computed from the value counts without expanding anything:
 * per combination set, the product of its value counts (exclusions are not subtracted — the bound
 * is on what expanding would build). Overflow is harmless: the product only grows to Infinity.
 */
export function matrixJobCount(matrix: Pick<Matrix, 'sets'>): number {
  let total = 0;
  for (const set of matrix.sets) {
    let product = 1;
    for (const values of Object.values(set)) product *= values.length;
    total += product;
  }
  return total;
}

/**
 * A budget of jobs that matrix expansion may add across one pipeline: each matrix is bounded on
 * its own, and many matrices (or one matrix on many jobs) are bounded together. Keyed by the
 * translation's diagnostic sink, so each translation has its own.
 */
export function expansionBudget<K extends object>(store: WeakMap<K, { left: number }>, key: K, total: number): { left: number } {
  let budget = store.get(key);
  if (!budget) store.set(key, (budget = { left: total }));
  return budget;
}

/**
 * The combinations a matrix stands for, each as variable → value, in the order the matrix names
 * them: per set, the cross product of its values; combinations an exclusion matches are left out.
 * Callers bound the size first (`matrixJobCount`).
 */
export function matrixCells(matrix: Pick<Matrix, 'sets' | 'exclude'>): Array<Record<string, string>> {
  const cells: Array<Record<string, string>> = [];
  for (const set of matrix.sets) {
    let combinations: Array<Record<string, string>> = [{}];
    for (const [name, values] of Object.entries(set)) combinations = combinations.flatMap((c) => values.map((v) => ({ ...c, [name]: v })));
    cells.push(...combinations);
  }
  const excluded = (cell: Record<string, string>) => (matrix.exclude ?? []).some((x) => Object.entries(x).every(([k, v]) => cell[k] === v));
  return cells.filter((cell) => !excluded(cell));
}
