import { cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isFormatId } from '../../formats/registry.js';
import { describeError } from '../../io/read-text.js';
import { auditExitCode, summarizeAudit, type AuditSummary, type RepoSummary } from '../../report/summary-data.js';
import type { CommandResult } from '../result.js';
import { describeAudit } from './run-audit.js';
import type { ReportFormat } from '../report-options.js';
import { writeSummaries } from './write-report.js';
import { fingerprintDifferences } from './fingerprint.js';
import { readJournal, sortJournal } from './journal.js';
import { reportDate } from './run-record.js';
import { parseShard, type Shard } from './shard.js';
import { plural } from '../../report/locations.js';

/**
 * `ciport audit merge`: combines shard reports. Repository folders are copied, and the summaries
 * are recomputed from the per-repository records, so the result equals an unsharded run.
 */
export async function runAuditMerge(options: { inputs: string[]; out: string; format?: ReportFormat }): Promise<CommandResult> {
  const shards: AuditSummary[] = [];
  for (const dir of options.inputs) {
    const read = readSummary(dir);
    if ('error' in read) return usage(read.error);
    shards.push(read);
  }
  const targets = new Set(shards.map((s) => s.to));
  if (targets.size !== 1) return usage(`the reports translate to different formats (${[...targets].join(', ')}); merge reports of one --to`);
  const refusal = checkShards(options.inputs, shards);
  if (refusal) return usage(refusal);
  // The shards' journals, when each has one, must agree on every option (the rules too); the
  // merged folder then gets the journal an unsharded run would have written.
  const journals = options.inputs.map((dir) => readJournal(dir));
  const headers = journals.flatMap((journal) => (journal.ok ? [journal.header] : []));
  if (headers.length === journals.length) {
    for (const [i, header] of headers.entries()) {
      const differences = fingerprintDifferences(headers[0]!.options, header.options, { there: `in ${options.inputs[0]}`, here: `in ${options.inputs[i]}` });
      if (differences.length) return usage(`the shards were audited with different options (${differences.join('; ')}); audit every shard with the same options`);
    }
  }
  const byName = new Map<string, RepoSummary>();
  for (const shard of shards) {
    for (const repo of shard.repositories) {
      if (byName.has(repo.name)) return usage(`repository ${repo.name} appears in more than one report; were the shards overlapping?`);
      byName.set(repo.name, repo);
    }
  }
  try {
    mkdirSync(join(options.out, 'repos'), { recursive: true });
    for (const [index, dir] of options.inputs.entries()) {
      if (resolve(dir) === resolve(options.out)) continue;
      for (const repo of shards[index]!.repositories) {
        const from = join(dir, 'repos', repo.safeName);
        if (existsSync(from)) cpSync(from, join(options.out, 'repos', repo.safeName), { recursive: true, force: true });
      }
    }
  } catch (error) {
    return { exitCode: 2, stdout: '', stderr: `ciport: cannot write ${options.out}: ${describeError(error)}\n` };
  }
  const first = shards[0]!;
  const run = first.run ? { ...first.run, date: reportDate().toISOString(), options: withoutShard(first.run.options) } : undefined;
  const summary: AuditSummary = { ...summarizeAudit([...targets][0]!, [...byName.values()], undefined, run), ...(first.listed ? { listed: first.listed } : {}) };
  let written: string[];
  try {
    if (headers.length === journals.length) sortJournal(options.out, { ...headers[0]!, shard: null }, summary.repositories);
    written = writeSummaries(options.out, summary);
  } catch (error) {
    return { exitCode: 2, stdout: '', stderr: `ciport: cannot write ${options.out}: ${describeError(error)}\n` };
  }
  return { exitCode: auditExitCode(summary), stdout: describeAudit(summary, written, options.format), stderr: '' };
}

function readSummary(dir: string): AuditSummary | { error: string } {
  const file = join(dir, 'summary.json');
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return { error: `cannot read ${file}: ${error instanceof SyntaxError ? 'not valid JSON' : describeError(error)}` };
  }
  const summary = data as Partial<AuditSummary> | null;
  if (!summary || typeof summary.to !== 'string' || !isFormatId(summary.to) || !Array.isArray(summary.repositories)) {
    return { error: `${file} is not an audit summary written by ciport` };
  }
  return summary as AuditSummary;
}

/** Option entries that differ between the shards of one run: where each job ran, with how many threads, which shard. */
const perShardOptions = new Set(['input', 'jobs', 'shard']);

function withoutShard(options: Record<string, string | number | boolean>): Record<string, string | number | boolean> {
  return Object.fromEntries(Object.entries(options).filter(([key]) => !perShardOptions.has(key)));
}

/**
 * The reports must be every shard of one run, each once and finished: the same split n, each k
 * from 1 to n once, the same options and the same repository list. An unsharded report is 1/1.
 */
export function checkShards(dirs: readonly string[], shards: readonly AuditSummary[]): string | undefined {
  for (const [index, shard] of shards.entries()) {
    if (shard.interrupted) {
      return `${dirs[index]} is an interrupted audit (${shard.interrupted.done} of ${shard.interrupted.total} repositories); finish it with \`ciport audit --resume\` before merging`;
    }
    if (!shard.run || !shard.listed) return `${join(dirs[index]!, 'summary.json')} does not record how its audit was run (written by an older ciport?); audit that shard again`;
  }
  const labels = shards.map((shard) => parseShard(shard.shard ?? '1/1'));
  const bad = labels.findIndex((label) => 'error' in label);
  if (bad >= 0) return `${join(dirs[bad]!, 'summary.json')} names shard "${shards[bad]!.shard}", not k/n`;
  const parsed = labels as Shard[];
  const counts = new Set(parsed.map((label) => label.count));
  if (counts.size > 1) {
    return `the reports are shards of different splits (${dirs.map((dir, i) => `${dir}: ${parsed[i]!.index}/${parsed[i]!.count}`).join(', ')}); merge the shards of one run`;
  }
  const count = parsed[0]!.count;
  const seen = new Map<number, string>();
  for (const [i, label] of parsed.entries()) {
    const earlier = seen.get(label.index);
    if (earlier !== undefined) return `shard ${label.index}/${count} is given twice (${earlier} and ${dirs[i]}); each shard must be merged once`;
    seen.set(label.index, dirs[i]!);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((k) => !seen.has(k));
  if (missing.length) {
    return `${plural(missing.length, 'shard is', 'shards are')} missing: ${missing.map((k) => `${k}/${count}`).join(', ')}; merge needs all ${count} shards of the run`;
  }
  const reference = shards[0]!;
  for (const [i, shard] of shards.entries()) {
    const differences = fingerprintDifferences(withoutShard(reference.run!.options), withoutShard(shard.run!.options), { there: `in ${dirs[0]}`, here: `in ${dirs[i]}` });
    if (differences.length) return `the shards were audited with different options (${differences.join('; ')}); audit every shard with the same options`;
    if (shard.listed!.digest !== reference.listed!.digest) {
      return `the shards were cut from different repository lists (${reference.listed!.repositories} repositories in ${dirs[0]}, ${shard.listed!.repositories} in ${dirs[i]}); audit every shard from the same input`;
    }
  }
  return undefined;
}

function usage(message: string): CommandResult {
  return { exitCode: 2, stdout: '', stderr: `ciport: ${message}\n` };
}
