/**
 * How much ciport says per translation: every corpus file of every source through every target
 * (the same files and targets as the corpus run), then per source × target and in total the number
 * of translations, the median and maximum diagnostics per translation, the median and maximum
 * distinct (code + message) per translation, and the exact duplicates (same code, file, line,
 * column and message) that a reader would see twice.
 *
 *   node --import tsx test/tools/diagnostic-stats.ts
 */
import { readFileSync } from 'node:fs';
import { formatIds, formats } from '../../src/formats/registry.js';
import type { Diagnostic } from '../../src/diagnostics/types.js';
import { LineIndex } from '../../src/diagnostics/source-map.js';
import { translate } from '../../src/translate.js';
import { corpusFiles, corpusTargets } from '../corpus/harness.js';
import { hasShared, sharedDir } from '../support/shared.js';

interface Counts {
  label: string;
  totals: number[];
  distinct: number[];
  duplicates: number;
}

/** The diagnostics of one translation: how many, how many distinct (code + message), how many repeated exactly. */
export function countDiagnostics(diagnostics: readonly Diagnostic[], lines: ReadonlyMap<string, LineIndex>): { total: number; distinct: number; duplicates: number } {
  const messages = new Set<string>();
  const located = new Set<string>();
  let duplicates = 0;
  for (const d of diagnostics) {
    messages.add(`${d.code}\u0000${d.message}`);
    const key = `${d.code}\u0000${locationOf(d, lines)}\u0000${d.message}`;
    if (located.has(key)) duplicates++;
    else located.add(key);
  }
  return { total: diagnostics.length, distinct: messages.size, duplicates };
}

/** `file:line:column` as printed (offsets of the same line and column print the same). */
function locationOf(d: Diagnostic, lines: ReadonlyMap<string, LineIndex>): string {
  if (!d.origin) return '';
  const index = lines.get(d.origin.file);
  if (!index) return `${d.origin.file}@${d.origin.range[0]}`;
  const { line, column } = index.position(d.origin.range[0]);
  return `${d.origin.file}:${line}:${column}`;
}

function median(values: number[]): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function row(counts: Counts): string[] {
  const max = (values: number[]) => (values.length ? Math.max(...values) : 0);
  return [counts.label, String(counts.totals.length), String(median(counts.totals)), String(max(counts.totals)), String(median(counts.distinct)), String(max(counts.distinct)), String(counts.duplicates)];
}

function table(rows: string[][]): string {
  const header = ['source → target', 'translations', 'median', 'max', 'median distinct', 'max distinct', 'duplicates'];
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(' | ')} |`;
  return [line(header), `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...rows.map(line)].join('\n');
}

function main(): void {
  const total: Counts = { label: 'all', totals: [], distinct: [], duplicates: 0 };
  const rows: string[][] = [];
  for (const source of formatIds) {
    const files = corpusFiles(source);
    // The file name the configuration has in its repository, as the corpus run gives it.
    const file = formats[source].fileNames[0]!;
    for (const target of corpusTargets) {
      const counts: Counts = { label: `${source} → ${target.stem}`, totals: [], distinct: [], duplicates: 0 };
      for (const path of files) {
        const text = readFileSync(path, 'utf8');
        let result;
        try {
          result = translate({ file, text, from: source, to: target.id, emit: target.version ? { version: target.version } : {} });
        } catch {
          continue; // crashes are the corpus run's business
        }
        if (result.output === null) continue;
        const counted = countDiagnostics(result.diagnostics, new Map([[file, new LineIndex(text)]]));
        for (const c of [counts, total]) {
          c.totals.push(counted.total);
          c.distinct.push(counted.distinct);
          c.duplicates += counted.duplicates;
        }
      }
      rows.push(row(counts));
    }
  }
  rows.push(row(total));
  console.log(table(rows));
}

if (!hasShared()) console.log(`diagnostic-stats: ${sharedDir()} not found; nothing to measure`);
else main();
