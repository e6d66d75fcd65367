/**
 * `npm run bench`: speed as ratios against baselines measured in the same run, on the same files.
 *   (a) floor: bare `yaml` parse + stringify of every corpus file;
 *   (b) ciport: translate() of the same files to each target, in-process, without and with the
 *   behaviour check (comparing input and re-read output); ratios (a)/(b), goals ≥ 0.8 and ≥ 0.6, and
 *   what the check adds (goal ≤ +25 %); `ciport verify` from a cold start on configurations of a
 *   few hundred lines (goal < 300 ms);
 *   per-file process: `ciport convert` cold start vs `node -e 0`, and vs `gitlab-ci-local --preview`
 *   on the same GitLab files;
 *   scale: `ciport audit` over a generated organisation (BENCH_REPOS, default 10,000): wall time and
 *   peak RSS of the whole process tree (goal < 60 s and < 500 MB on 2 cores).
 * Builds dist/ first (the cold start and the audit run the compiled CLI), prints a table and writes
 * bench/results.json.
 *
 * Wall times depend on what else the machine runs; the audit also reports its CPU time.
 * Environment: BENCH_ROUNDS (3), BENCH_MB (corpus replicated to this many MB per round, 10),
 * BENCH_RUNS (process runs for the cold start, 7), BENCH_GCL_FILES (GitLab files, 15),
 * BENCH_REPOS (10000; 0 skips the audit), BENCH_SKIP_BUILD=1.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { benchAudit } from './audit-scale.js';
import { benchVerifyColdStart } from './behaviour.js';
import { benchColdStart } from './cold-start.js';
import { loadCorpus, root } from './corpus.js';
import { benchTranslation, replicate } from './translation.js';

const env = (name: string, fallback: number): number => (process.env[name] ? Number(process.env[name]) : fallback);
const rounds = env('BENCH_ROUNDS', 3);
const megabytes = env('BENCH_MB', 10);
const runs = env('BENCH_RUNS', 7);
const gclFiles = env('BENCH_GCL_FILES', 15);
const repos = env('BENCH_REPOS', 10_000);

if (process.env.BENCH_SKIP_BUILD !== '1') {
  process.stderr.write('building dist/ …\n');
  execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  // bin/ciport.js runs the bundle, so the cold starts must measure a bundle of this source.
  execFileSync(process.execPath, [join(root, 'scripts', 'bundle.mjs')], { stdio: 'inherit' });
}

interface Row {
  measure: string;
  value: string;
  ratio: string;
  goal: string;
}
const rows: Row[] = [];
const ms = (value: number) => `${Math.round(value)} ms`;

const corpus = loadCorpus();
const samples = replicate(corpus, megabytes * 2 ** 20);
const sampleMb = samples.reduce((sum, s) => sum + s.text.length, 0) / 2 ** 20;
process.stderr.write(`translation: ${samples.length} files (${sampleMb.toFixed(1)} MB) × ${rounds} rounds per target …\n`);
const translation = samples.length && rounds > 0 ? benchTranslation(samples, rounds) : [];
for (const t of translation) {
  rows.push({ measure: `floor (yaml parse+stringify) / translate → ${t.target}, behaviour check off`, value: `${ms(t.floorMs)} / ${ms(t.uncheckedMs)}`, ratio: t.uncheckedRatio.toFixed(2), goal: '≥ 0.8' });
  rows.push({ measure: `floor / translate → ${t.target}, with the behaviour check (default)`, value: `${ms(t.floorMs)} / ${ms(t.translateMs)}`, ratio: t.ratio.toFixed(2), goal: '≥ 0.6' });
  rows.push({ measure: `translate → ${t.target}: what the behaviour check adds`, value: `${ms(t.translateMs - t.uncheckedMs)}`, ratio: `+${(t.checkShare * 100).toFixed(0)}%`, goal: '≤ +25%' });
}

process.stderr.write('cold start …\n');
const cold = benchColdStart(
  corpus.filter((s) => s.format === 'gitlab'),
  runs,
  gclFiles,
);
rows.push({ measure: 'node -e 0 / ciport convert (one process)', value: `${ms(cold.nodeMs)} / ${ms(cold.ciportMs)}`, ratio: (cold.nodeMs / cold.ciportMs).toFixed(2), goal: '' });
if (cold.files > 0) {
  rows.push({
    measure: `gitlab-ci-local --preview / ciport convert (${cold.files} GitLab files, median)`,
    value: `${ms(cold.gitlabCiLocalMs!)} / ${ms(cold.ciportGitlabMs!)}`,
    ratio: (cold.gitlabCiLocalMs! / cold.ciportGitlabMs!).toFixed(2),
    goal: '',
  });
}

const verify = benchVerifyColdStart(corpus, runs);
if (verify.pairs > 0) rows.push({ measure: `ciport verify, cold (${verify.pairs} pairs, up to ${verify.lines} lines, median)`, value: ms(verify.ms), ratio: '', goal: '< 300 ms' });

let audit;
if (repos > 0) {
  process.stderr.write(`audit: ${repos} repositories …\n`);
  audit = await benchAudit(corpus, repos);
  rows.push({ measure: `ciport audit, ${repos} repositories, --jobs ${audit.jobs}: wall time`, value: `${audit.wallSeconds.toFixed(1)} s`, ratio: `${audit.repositoriesPerSecond.toFixed(0)}/s`, goal: '< 60 s' });
  rows.push({ measure: 'ciport audit: CPU time (all threads)', value: `${audit.cpuSeconds.toFixed(1)} s`, ratio: `${((audit.cpuSeconds * 1000) / repos).toFixed(1)} ms/repo`, goal: '' });
  rows.push({ measure: 'ciport audit: peak RSS, process tree', value: `${audit.peakRssMb.toFixed(0)} MB`, ratio: '', goal: '< 500 MB' });
}

const width = Math.max(...rows.map((row) => row.measure.length));
const valueWidth = Math.max(...rows.map((row) => row.value.length));
console.log(`${'measure'.padEnd(width)}  ${'value'.padStart(valueWidth)}  ${'ratio'.padStart(6)}  goal`);
for (const row of rows) console.log(`${row.measure.padEnd(width)}  ${row.value.padStart(valueWidth)}  ${row.ratio.padStart(6)}  ${row.goal}`);

const machine = { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30) };
const results = {
  date: new Date().toISOString(),
  machine,
  settings: { rounds, megabytes: Number(sampleMb.toFixed(1)), files: samples.length, runs, repositories: repos },
  translation: translation.map((t) => ({
    ...t,
    floorMs: Math.round(t.floorMs),
    translateMs: Math.round(t.translateMs),
    ratio: Number(t.ratio.toFixed(2)),
    uncheckedMs: Math.round(t.uncheckedMs),
    uncheckedRatio: Number(t.uncheckedRatio.toFixed(2)),
    checkShare: Number(t.checkShare.toFixed(3)),
  })),
  coldStart: cold,
  verify,
  ...(audit ? { audit: { ...audit, cpuSeconds: Number(audit.cpuSeconds.toFixed(1)), wallSeconds: Number(audit.wallSeconds.toFixed(1)), repositoriesPerSecond: Number(audit.repositoriesPerSecond.toFixed(1)), peakRssMb: Math.round(audit.peakRssMb) } } : {}),
  table: rows,
};
writeFileSync(join(root, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(`machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, node ${machine.node}; written to bench/results.json`);
