/**
 * How much a translation says: the diagnostics of one translation counted as a reader sees them
 * (distinct code + message, and exact repeats at the same printed place). Shared by the corpus
 * run, which fails on a repeat, and test/tools/diagnostic-stats.ts.
 */
import { catalog, isKnownCode } from '../../src/diagnostics/catalog.js';
import type { Diagnostic } from '../../src/diagnostics/types.js';
import type { LineIndex } from '../../src/diagnostics/source-map.js';

/**
 * The diagnostics of one translation: how many, how many distinct (code + message), how many
 * repeated exactly, and how many have a severity other than their code's in the catalog (a code has
 * one severity everywhere; must be 0).
 */
export function countDiagnostics(diagnostics: readonly Diagnostic[], lines: ReadonlyMap<string, LineIndex>): { total: number; distinct: number; duplicates: number; offCatalog: number } {
  const messages = new Set<string>();
  const located = new Set<string>();
  let duplicates = 0;
  let offCatalog = 0;
  for (const d of diagnostics) {
    if (!isKnownCode(d.code) || catalog[d.code].severity !== d.severity) offCatalog++;
    messages.add(`${d.code}\u0000${d.message}`);
    const key = `${d.code}\u0000${locationOf(d, lines)}\u0000${d.message}`;
    if (located.has(key)) duplicates++;
    else located.add(key);
  }
  return { total: diagnostics.length, distinct: messages.size, duplicates, offCatalog };
}

/** `file:line:column` as printed (offsets of the same line and column print the same). */
function locationOf(d: Diagnostic, lines: ReadonlyMap<string, LineIndex>): string {
  if (!d.origin) return '';
  const index = lines.get(d.origin.file);
  if (!index) return `${d.origin.file}@${d.origin.range[0]}`;
  const { line, column } = index.position(d.origin.range[0]);
  return `${d.origin.file}:${line}:${column}`;
}

export function median(values: number[]): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
