/**
 * Which job of one pipeline stands for which of the other. Most pair one to one (`matchJobs`);
 * a matrix job on one side stands for every job the other side writes for its combinations
 * (`test` with a matrix and `test-3-11`, `test-3-12`), in either direction, so each of those
 * jobs is compared with the one matrix job and none reads as a job the original does not have.
 */
import { matchJobs, plausibleNamesake, spelling } from './match.js';
import type { JobModel, MatrixCell, PipelineBehaviour } from './types.js';

export interface JobPair {
  /** The job key in the first pipeline. */
  a: string;
  /** The job key in the second pipeline. */
  b: string;
  /** The matrix combination the pair compares, when `a` is a matrix job `b` writes per combination. */
  aCell?: MatrixCell;
  /** The same, when `b` is the matrix job. */
  bCell?: MatrixCell;
}

/** Combinations of a matrix job the other side has no job for (none listed: only the counts differ). */
export interface MissingCells {
  /** Which pipeline holds the matrix job. */
  side: 'a' | 'b';
  key: string;
  cells: MatrixCell[];
  /** How many jobs each side runs for it. */
  counts: { a: number; b: number };
}

export interface Pairing {
  pairs: JobPair[];
  /** The same id for jobs that stand for each other, a distinct one for a job of one side only. */
  unitOfA(key: string): string;
  unitOfB(key: string): string;
  missingCells: MissingCells[];
}

export function pairJobs(
  a: PipelineBehaviour,
  b: PipelineBehaviour,
  similarity?: (x: string, y: string) => number,
  /** How many command lines a job of the first pipeline runs. */
  size?: (x: string) => number,
): Pairing {
  const pairs: JobPair[] = [];
  const unitsA = new Map<string, string>();
  const unitsB = new Map<string, string>();
  const missingCells: MissingCells[] = [];
  const takenA = new Set<string>();
  const takenB = new Set<string>();
  const pair = (p: JobPair, unit: string) => {
    pairs.push(p);
    unitsA.set(p.a, unit);
    unitsB.set(p.b, unit);
    takenA.add(p.a);
    takenB.add(p.b);
  };
  // A job both sides name alike is that job, even where its name looks like a combination's,
  // unless another job runs clearly more of its commands (plausibleNamesake).
  const keysB = Object.keys(b.jobs);
  for (const key of Object.keys(a.jobs)) if (b.jobs[key] && plausibleNamesake(key, key, keysB, similarity)) pair({ a: key, b: key }, `=${key}`);
  for (const group of cellGroups(a.jobs, b.jobs, takenA, takenB)) {
    for (const { cell, other } of group.matched) pair({ a: group.key, b: other, aCell: cell }, `=${group.key}`);
    if (group.unmatched.length) missingCells.push({ side: 'a', key: group.key, cells: group.unmatched, counts: { a: group.total, b: group.matched.length } });
  }
  for (const group of cellGroups(b.jobs, a.jobs, takenB, takenA)) {
    for (const { cell, other } of group.matched) pair({ a: other, b: group.key, bCell: cell }, `b=${group.key}`);
    if (group.unmatched.length) missingCells.push({ side: 'b', key: group.key, cells: group.unmatched, counts: { a: group.matched.length, b: group.total } });
  }
  const rest = matchJobs(
    Object.keys(a.jobs).filter((k) => !takenA.has(k)),
    keysB.filter((k) => !takenB.has(k)),
    similarity,
    keysB,
  );
  for (const [x, y] of rest) pair({ a: x, b: y }, `=${x}`);
  // A job left unpaired whose commands another job runs, most of them (several jobs joined into
  // one 1.0 build or deployment), is that job's run as far as waiting for it goes.
  if (similarity && size) {
    for (const x of Object.keys(a.jobs)) {
      const lines = takenA.has(x) ? 0 : size(x);
      if (lines === 0) continue;
      let best: { y: string; score: number } | undefined;
      for (const y of keysB) {
        const score = similarity(x, y);
        if (score * 2 >= lines && (!best || score > best.score)) best = { y, score };
      }
      if (best) unitsA.set(x, unitsB.get(best.y) ?? `b\u0000${best.y}`);
    }
  }
  for (const p of pairs) {
    if (p.aCell || p.bCell) continue;
    missingCells.push(...unmatchedCells(p.a, a.jobs[p.a]!, b.jobs[p.b]!));
  }
  return {
    pairs,
    unitOfA: (key) => unitsA.get(key) ?? `a\u0000${key}`,
    unitOfB: (key) => unitsB.get(key) ?? `b\u0000${key}`,
    missingCells,
  };
}

interface CellGroup {
  key: string;
  total: number;
  matched: Array<{ cell: MatrixCell; other: string }>;
  unmatched: MatrixCell[];
}

/**
 * Matrix jobs of `own` whose combinations `other` writes as jobs named `<job>-<values>` (spelling
 * aside, and with or without a workflow prefix). A matrix job the other side keeps as a matrix job
 * pairs one to one instead; one with no combination found stays for the one-to-one pairing.
 */
function cellGroups(own: Record<string, JobModel>, other: Record<string, JobModel>, takenOwn: Set<string>, takenOther: Set<string>): CellGroup[] {
  const index = new Map<string, string>();
  const free = Object.keys(other).filter((y) => !takenOther.has(y) && !other[y]!.matrix);
  // Whole names first, so a name without its workflow prefix never shadows one written so.
  for (const name of [(y: string) => y, (y: string) => y.replace(/^[^:]+:/, '')]) {
    for (const y of free) if (!index.has(spelling(name(y)))) index.set(spelling(name(y)), y);
  }
  const groups: CellGroup[] = [];
  for (const [key, job] of Object.entries(own)) {
    if (!job.matrix?.length || takenOwn.has(key)) continue;
    const group: CellGroup = { key, total: job.matrix.length, matched: [], unmatched: [] };
    const used = new Set<string>();
    for (const cell of job.matrix) {
      const y = [key, key.replace(/^[^:]+:/, '')].map((k) => index.get(spelling([k, ...cell.values].join('-')))).find((c) => c !== undefined && !used.has(c));
      if (y) {
        used.add(y);
        group.matched.push({ cell, other: y });
      } else group.unmatched.push(cell);
    }
    if (!group.matched.length) continue;
    for (const y of used) index.forEach((v, k) => v === y && index.delete(k));
    groups.push(group);
  }
  return groups;
}

/** Between two jobs that pair one to one, the combinations one side's matrix has and the other's lacks. */
function unmatchedCells(key: string, a: JobModel, b: JobModel): MissingCells[] {
  if (!a.matrix && !b.matrix) return [];
  const counts = { a: a.matrix?.length ?? 1, b: b.matrix?.length ?? 1 };
  // A matrix against one job: which combination the single job stands for is not known.
  if (!a.matrix || !b.matrix) return counts.a === counts.b ? [] : [{ side: a.matrix ? 'a' : 'b', key, cells: [], counts }];
  const names = (cells: MatrixCell[]) => new Set(cells.map(cellSpelling));
  const [inA, inB] = [names(a.matrix), names(b.matrix)];
  const onlyA = a.matrix.filter((c) => !inB.has(cellSpelling(c)));
  const onlyB = b.matrix.filter((c) => !inA.has(cellSpelling(c)));
  return [
    ...(onlyA.length ? [{ side: 'a' as const, key, cells: onlyA, counts }] : []),
    ...(onlyB.length ? [{ side: 'b' as const, key, cells: onlyB, counts }] : []),
  ];
}

function cellSpelling(cell: MatrixCell): string {
  return Object.entries(cell.variables)
    .map(([k, v]) => `${k}=${v}`)
    .sort()
    .join('\u0000');
}

/** `PYTHON=3.11 DB=mysql`, for messages. */
export function cellText(cell: MatrixCell): string {
  return Object.entries(cell.variables)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
}
