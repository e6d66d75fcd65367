import { statusLabels, type AuditSummary, type RepoSummary } from './summary-data.js';

const columns: ReadonlyArray<[string, (repo: RepoSummary) => string | number]> = [
  ['Repository', (r) => r.name],
  ['Kind', (r) => r.kind],
  ['Status', (r) => statusLabels[r.status]],
  ['Reason', (r) => r.reason ?? ''],
  ['Source file', (r) => r.source?.path ?? ''],
  ['Source format', (r) => r.source?.format ?? ''],
  ['Jobs', (r) => r.jobs ?? ''],
  ['Known steps', (r) => r.steps?.known ?? ''],
  ['Unknown steps', (r) => r.steps?.unknown ?? ''],
  ['Unsupported steps', (r) => r.steps?.unsupported ?? ''],
  ['Errors', (r) => r.counts.error],
  ['Warnings', (r) => r.counts.warning],
  ['Manual tasks', (r) => r.counts.manual],
  ['Notes', (r) => r.counts.info],
];

/**
 * summary.csv: the per-repository table, one row each, as RFC 4180 says
 * (https://www.rfc-editor.org/rfc/rfc4180): CRLF line ends, a header line, and a field holding a
 * comma, a double quote or a line break enclosed in double quotes, its quotes doubled.
 */
export function renderSummaryCsv(summary: AuditSummary): string {
  const lines = [columns.map(([title]) => csvField(title))];
  for (const repo of summary.repositories) lines.push(columns.map(([, value]) => csvField(value(repo))));
  return lines.map((fields) => `${fields.join(',')}\r\n`).join('');
}

/**
 * One field. Text that a spreadsheet would run as a formula (it starts with =, +, -, @, a tab or a
 * carriage return: a repository name is untrusted input) gets a leading apostrophe, as OWASP
 * advises (https://owasp.org/www-community/attacks/CSV_Injection).
 */
export function csvField(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
