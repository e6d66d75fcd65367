import { createHash } from 'node:crypto';
import type { DiagnosticRecord } from '../diagnostics/print.js';
import type { Severity } from '../diagnostics/types.js';

/** GitLab Code Quality severities (docs.gitlab.com/ci/testing/code_quality, "Code Quality report format"). */
export type CodeQualitySeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

const severityOf: Record<Severity, CodeQualitySeverity> = { error: 'critical', warning: 'major', manual: 'minor', info: 'info' };

export interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: CodeQualitySeverity;
  location: { path: string; lines: { begin: number } };
}

export interface CodeQualityOptions {
  /** Where issues without a position point: the configuration file that was read. */
  defaultFile?: string;
  /** The translation failed as a whole: its errors block the migration. */
  fatal?: boolean;
}

/**
 * GitLab's Code Quality JSON: an array of issues, shown in the merge request widget.
 *
 * GitLab tells new issues from old ones by fingerprint, so a fingerprint must be unique in the
 * report and must not change when unrelated edits move the lines: it hashes the code, the file and
 * the message, and the issue's rank among the issues with those three (records come sorted by
 * position), never the line number, a counter over all issues or a timestamp.
 */
export function renderCodeQuality(records: readonly DiagnosticRecord[], options: CodeQualityOptions = {}): string {
  const seen = new Map<string, number>();
  const issues: CodeQualityIssue[] = records.map((record) => {
    const path = record.file ?? options.defaultFile ?? '.';
    const begin = record.line ?? 1;
    const identity = [record.code, path, record.message].join('\0');
    const occurrence = seen.get(identity) ?? 0;
    seen.set(identity, occurrence + 1);
    return {
      description: record.message,
      check_name: record.code,
      fingerprint: createHash('sha256').update(`${identity}\0${occurrence}`).digest('hex'),
      severity: options.fatal && record.severity === 'error' ? 'blocker' : severityOf[record.severity],
      location: { path, lines: { begin } },
    };
  });
  return `${JSON.stringify(issues, null, 2)}\n`;
}
