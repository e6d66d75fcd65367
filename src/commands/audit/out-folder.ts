/**
 * May this run write into `--out`? A new or empty folder: yes. An earlier audit's folder: only to
 * continue it (`--resume`, same options and shard) or to start again (`--force`). Anything else
 * that is not empty: only with `--force`. Nothing is written before this is decided.
 */
import { readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { RepoSummary } from '../../report/summary-data.js';
import { describeError } from '../../io/read-text.js';
import { fingerprintDifferences } from './fingerprint.js';
import { journalName, readJournal, type JournalHeader } from './journal.js';

export type OutDecision =
  | { ok: true; mode: 'fresh' }
  | { ok: true; mode: 'resume'; records: RepoSummary[]; validBytes: number }
  | { ok: false; message: string };

export function decideOutFolder(out: string, header: JournalHeader, flags: { resume?: boolean; force?: boolean }): OutDecision {
  if (flags.resume && flags.force) return { ok: false, message: '--resume continues the audit in --out and --force starts it again: give one of them' };
  let entries: string[];
  try {
    if (!statSync(out).isDirectory()) return { ok: false, message: `--out ${out} is a file, not a folder` };
    entries = readdirSync(out);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, mode: 'fresh' };
    return { ok: false, message: `cannot read --out ${out}: ${describeError(error)}` };
  }
  // Nothing to continue yet: `--resume` on a new folder starts the run, so a CI job may always pass it.
  if (entries.length === 0) return { ok: true, mode: 'fresh' };
  if (flags.force) return { ok: true, mode: 'fresh' };
  const journal = readJournal(out);
  if (!journal.ok) {
    if (!journal.missing) return { ok: false, message: journal.message };
    const what = isCiportSummary(join(out, 'summary.json')) ? 'holds an audit report without its journal, which cannot be resumed' : 'is not empty and holds no ciport audit';
    return { ok: false, message: `--out ${out} ${what} (no ${journalName}); nothing was written. Choose a new folder, or pass --force to write into this one` };
  }
  if (!flags.resume) {
    return { ok: false, message: `--out ${out} already holds an audit (${journal.records.length} repositories done); nothing was written. Pass --resume to continue it, or --force to start again` };
  }
  const differences = [
    ...(journal.header.input !== header.input ? [`input ${journal.header.input} there, ${header.input} here`] : []),
    ...(journal.header.shard !== header.shard ? [`--shard ${journal.header.shard ?? '(not given)'} there, ${header.shard ?? '(not given)'} here`] : []),
    ...fingerprintDifferences(journal.header.options, header.options),
  ];
  if (differences.length) {
    return { ok: false, message: `--resume: the audit in ${out} was made differently (${differences.join('; ')}); resume with its options, or pass --force to start again` };
  }
  return { ok: true, mode: 'resume', records: journal.records, validBytes: journal.validBytes };
}

/**
 * Removes the staging folders (`.name.tag.tmp`, `.name.tag.old`) of repositories whose workers
 * were stopped mid-write: they belong to no result, and the repository is audited again on resume.
 */
export function removeStaging(out: string): void {
  const repos = join(out, 'repos');
  let names: string[];
  try {
    names = readdirSync(repos);
  } catch {
    return;
  }
  for (const name of names) if (/^\..+\.(tmp|old)$/.test(name)) rmSync(join(repos, name), { recursive: true, force: true });
}

/** A summary.json written by `ciport audit` or `audit merge` (a report of a ciport before the journal). */
function isCiportSummary(file: string): boolean {
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { tool?: unknown }).tool === 'ciport';
  } catch {
    return false;
  }
}
