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
import { LineIndex } from '../../src/diagnostics/source-map.js';
import { translate } from '../../src/translate.js';
import { corpusFiles, corpusTargets } from '../corpus/harness.js';
import { countDiagnostics, median } from '../corpus/diagnostic-counts.js';
import { hasShared, sharedDir } from '../support/shared.js';

interface Counts {
  label: string;
  totals: number[];
  distinct: number[];
  duplicates: number;
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
