/**
 * The audit journal, `<out>/results.jsonl`: a header line that says how the run was made, then one
 * line per repository as its result arrives. It is what `--resume` continues from, so each line is
 * written whole by one append; a line cut short by a killed process is dropped when read back.
 */
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describeError } from '../../io/read-text.js';
import { writeFileAtomic } from '../../io/write-atomic.js';
import type { RepoSummary } from '../../report/summary-data.js';

export const journalName = 'results.jsonl';

export interface JournalHeader {
  ciport: 'audit-journal';
  /** The input as given, resolved: a resumed run must read the same organisation. */
  input: string;
  /** `k/n`, or null for an unsharded run. */
  shard: string | null;
  /** The options that decide each repository's result (see runFingerprint). */
  options: Record<string, unknown>;
}

export type JournalRead = { ok: true; header: JournalHeader; records: RepoSummary[]; validBytes: number } | { ok: false; missing: boolean; message: string };

export function journalPath(outDir: string): string {
  return join(outDir, journalName);
}

/** Reads a journal; a final line without its newline (the process died while writing it) is ignored. */
export function readJournal(outDir: string): JournalRead {
  const file = journalPath(outDir);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return { ok: false, missing, message: `cannot read ${file}: ${describeError(error)}` };
  }
  const complete = text.lastIndexOf('\n') + 1;
  const lines = text.slice(0, complete).split('\n').slice(0, -1);
  const header = parseLine(lines[0]);
  if (!isHeader(header)) return { ok: false, missing: false, message: `${file}:1: not an audit journal written by ciport` };
  const records: RepoSummary[] = [];
  for (const [index, line] of lines.entries()) {
    if (index === 0) continue;
    const value = parseLine(line) as { repository?: RepoSummary } | undefined;
    if (!value || !isRecord(value.repository)) return { ok: false, missing: false, message: `${file}:${index + 1}: not a repository result; the journal is damaged (pass --force to start again)` };
    records.push(value.repository);
  }
  return { ok: true, header, records, validBytes: Buffer.byteLength(text.slice(0, complete)) };
}

function parseLine(line: string | undefined): unknown {
  if (line === undefined) return undefined;
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

function isHeader(value: unknown): value is JournalHeader {
  const header = value as Partial<JournalHeader> | undefined;
  return !!header && header.ciport === 'audit-journal' && typeof header.input === 'string' && typeof header.options === 'object' && header.options !== null;
}

function isRecord(value: unknown): value is RepoSummary {
  const repo = value as Partial<RepoSummary> | undefined;
  return !!repo && typeof repo.name === 'string' && typeof repo.safeName === 'string' && typeof repo.status === 'string' && Array.isArray(repo.findings);
}

export interface Journal {
  append(summary: RepoSummary): void;
  close(): void;
}

/**
 * Starts a new journal (the header replaces any earlier file at once), or continues one, cut back
 * to its last whole line. Appends are single writes of a whole line to a file opened for append.
 */
export function openJournal(outDir: string, header: JournalHeader, resume?: { validBytes: number }): Journal {
  const file = journalPath(outDir);
  if (!resume) writeFileAtomic(file, `${JSON.stringify(header)}\n`);
  else {
    const text = readFileSync(file);
    if (text.length !== resume.validBytes) writeFileAtomic(file, text.subarray(0, resume.validBytes).toString('utf8'));
  }
  const fd = openSync(file, 'a');
  return {
    append(summary) {
      writeSync(fd, `${JSON.stringify({ repository: summary })}\n`);
    },
    close() {
      closeSync(fd);
    },
  };
}

/** Rewrites a finished journal in name order, so two runs of the same audit leave the same file. */
export function sortJournal(outDir: string, header: JournalHeader, records: readonly RepoSummary[]): void {
  const lines = [header, ...records.map((repository) => ({ repository }))].map((line) => `${JSON.stringify(line)}\n`);
  writeFileAtomic(journalPath(outDir), lines.join(''));
}
