import { cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isFormatId } from '../../formats/registry.js';
import { describeError } from '../../io/read-text.js';
import { auditExitCode, summarizeAudit, type AuditSummary, type RepoSummary } from '../../report/summary-data.js';
import type { CommandResult } from '../result.js';
import { describeAudit } from './run-audit.js';
import type { ReportFormat } from '../report-options.js';
import { writeSummaries } from './write-report.js';

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
  const summary = summarizeAudit([...targets][0]!, [...byName.values()]);
  const written = writeSummaries(options.out, summary);
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

function usage(message: string): CommandResult {
  return { exitCode: 2, stdout: '', stderr: `ciport: ${message}\n` };
}
