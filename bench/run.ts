/**
 * `npm run bench`: speed as ratios against baselines measured in the same run, on the same files.
 *   (a) floor: bare `yaml` parse + stringify of every corpus file, replicated to ≥ 10 MB;
 *   (b) ciport: translate() of the same files to each target, in-process;
 *   ratio (a)/(b) per target (goal ≥ 0.5 — ciport costs at most twice the bare YAML round trip).
 *   Cold start: `ciport convert` (compiled CLI) vs `node -e 0`, as a ratio.
 * Prints a table and writes bench/results.json.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { formats } from '../src/formats/registry.js';
import type { FormatId } from '../src/ir/types.js';
import { translate } from '../src/translate.js';
import { hasShared, sharedDir } from '../test/support/shared.js';

const root = join(import.meta.dirname, '..');
const targetBytes = 10 * 1024 * 1024;

interface Sample {
  format: FormatId;
  text: string;
}

function loadSamples(): Sample[] {
  const samples: Sample[] = [];
  const sources: FormatId[] = ['circleci1', 'circleci2', 'gitlab'];
  if (hasShared()) {
    for (const format of sources) {
      const dir = join(sharedDir(), 'corpus', format);
      for (const name of readdirSync(dir).sort()) if (name.endsWith('.yml')) samples.push({ format, text: readFileSync(join(dir, name), 'utf8') });
    }
  } else {
    // A fresh clone without ../shared still benchmarks, on the bundled examples and golden inputs.
    for (const format of sources) {
      for (const name of formats[format].fileNames) {
        const path = join(root, 'examples', 'node-service', name);
        if (existsSync(path)) samples.push({ format, text: readFileSync(path, 'utf8') });
      }
    }
  }
  const replicated: Sample[] = [];
  let bytes = 0;
  while (bytes < targetBytes && samples.length) {
    for (const sample of samples) {
      replicated.push(sample);
      bytes += sample.text.length;
    }
  }
  return replicated;
}

function time(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Median of `runs` timings after one warm-up. */
function median(runs: number, fn: () => void): number {
  fn();
  const times = Array.from({ length: runs }, () => time(fn)).sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const samples = loadSamples();
const megabytes = samples.reduce((sum, s) => sum + s.text.length, 0) / 1024 / 1024;
const runs = Number(process.env.BENCH_RUNS ?? 3);

const floorMs = median(runs, () => {
  for (const sample of samples) for (const doc of parseAllDocuments(sample.text, { version: "1.1", merge: true, uniqueKeys: false })) if (!doc.errors.length) doc.toString();
});

const targets: Array<{ stem: string; id: FormatId; version?: string }> = [
  { stem: 'gitlab', id: 'gitlab' },
  { stem: 'circleci2@2.1', id: 'circleci2', version: '2.1' },
  { stem: 'circleci2@2.0', id: 'circleci2', version: '2.0' },
  { stem: 'circleci1', id: 'circleci1' },
];
const results: Record<string, unknown>[] = [];
for (const target of targets) {
  const ms = median(runs, () => {
    for (const sample of samples) {
      translate({ file: formats[sample.format].fileNames[0]!, text: sample.text, from: sample.format, to: target.id, emit: target.version ? { version: target.version } : {} });
    }
  });
  results.push({ measure: `translate → ${target.stem}`, ms: Math.round(ms), ratio: +(floorMs / ms).toFixed(2), goal: '≥ 0.5' });
}

// Cold start: one process per call, the compiled CLI against bare node.
const cli = join(root, 'bin', 'ciport.js');
const example = join(root, 'examples', 'node-service');
const spawnMedian = (args: string[]) => median(Math.max(5, runs), () => void spawnSync(process.execPath, args, { stdio: 'ignore' }));
const nodeMs = spawnMedian(['-e', '0']);
const cliMs = existsSync(join(root, 'dist', 'cli.js')) ? spawnMedian([cli, 'convert', example, '--to', 'gitlab']) : Number.NaN;

const table = [
  { measure: `floor: yaml parse+stringify (${megabytes.toFixed(1)} MB, ${samples.length} files)`, ms: Math.round(floorMs), ratio: 1, goal: '' },
  ...results,
  { measure: 'node -e 0 (process floor)', ms: Math.round(nodeMs), ratio: 1, goal: '' },
  { measure: 'ciport convert cold start', ms: Math.round(cliMs), ratio: +(nodeMs / cliMs).toFixed(2), goal: 'node/ciport' },
];
const width = Math.max(...table.map((row) => String(row.measure).length));
console.log(`${'measure'.padEnd(width)}  ${'ms'.padStart(7)}  ${'ratio'.padStart(6)}  goal`);
for (const row of table) console.log(`${String(row.measure).padEnd(width)}  ${String(row.ms).padStart(7)}  ${String(row.ratio).padStart(6)}  ${row.goal}`);

const machine = { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30) };
writeFileSync(join(root, 'bench', 'results.json'), `${JSON.stringify({ date: new Date().toISOString(), machine, runs, table }, null, 2)}\n`);
console.log(`machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, node ${machine.node}; written to bench/results.json`);
