import type { DiagnosticRecord } from '../diagnostics/print.js';

/** `file:line:col`, `file`, or `''` — the location form every report prints. */
export function formatLocation(record: Pick<DiagnosticRecord, 'file' | 'line' | 'column'>): string {
  if (!record.file) return '';
  if (!record.line) return record.file;
  return `${record.file}:${record.line}${record.column ? `:${record.column}` : ''}`;
}

/** Words for a count: `1 job`, `2 jobs`. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** One line of a Markdown table cell: no pipes or newlines break the table. */
export function tableCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** Inline code that survives backticks inside the text. */
export function inlineCode(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  return `${fence}${fence === '``' ? ` ${text} ` : text}${fence}`;
}
