import type { DiagnosticRecord } from '../diagnostics/print.js';
import { formats } from '../formats/registry.js';
import type { FormatId, Pipeline } from '../ir/types.js';
import { formatLocation, inlineCode, plural } from './locations.js';

export interface MigrationNotesInput {
  source: { path: string; format: FormatId };
  target: { path: string; format: FormatId };
  pipeline?: Pipeline | undefined;
  records: readonly DiagnosticRecord[];
}

const listedNames = 20;

/**
 * MIGRATION.md: what was translated, every diagnostic with its location, and the manual tasks as a
 * checklist. No dates or versions, so re-running migrate on the same input gives the same bytes.
 */
export function renderMigrationNotes(input: MigrationNotesInput): string {
  const { source, target, pipeline, records } = input;
  const lines: string[] = [
    `# Migration from ${formats[source.format].title} to ${formats[target.format].title}`,
    '',
    `ciport translated ${inlineCode(source.path)} (${source.format}) into ${inlineCode(target.path)} (${target.format}).`,
    'Review the output and work through the manual tasks below before relying on the new pipeline.',
    '',
    '## What was translated',
    '',
  ];
  if (pipeline) {
    lines.push(`- ${plural(pipeline.jobs.length, 'job')}${names(pipeline.jobs.map((j) => j.id))}`);
    const workflowNames = pipeline.workflows.map((w) => w.name).filter((n): n is string => Boolean(n));
    lines.push(`- ${plural(pipeline.workflows.length, 'workflow')}${names(workflowNames)}`);
  }
  lines.push(`- ${countLine(records)}`);

  section(lines, 'Errors', records.filter((r) => r.severity === 'error'));
  section(lines, 'Warnings', records.filter((r) => r.severity === 'warning'));
  const manual = records.filter((r) => r.severity === 'manual');
  lines.push('', '## Manual tasks', '');
  if (manual.length === 0) lines.push('None.');
  for (const record of manual) lines.push(`- [ ] ${describe(record)}`);
  section(lines, 'Notes', records.filter((r) => r.severity === 'info'));
  return `${lines.join('\n')}\n`;
}

export function countLine(records: readonly Pick<DiagnosticRecord, 'severity'>[]): string {
  const counts = { error: 0, warning: 0, manual: 0, info: 0 };
  for (const record of records) counts[record.severity]++;
  return countsLine(counts);
}

/** `2 errors, 5 warnings, 3 manual tasks, 1 note`: the closing line of every text report. */
export function countsLine(counts: Record<DiagnosticRecord['severity'], number>): string {
  return `${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${plural(counts.manual, 'manual task')}, ${plural(counts.info, 'note')}`;
}

function names(list: readonly string[]): string {
  if (list.length === 0) return '';
  const shown = list.slice(0, listedNames).map(inlineCode).join(', ');
  return `: ${shown}${list.length > listedNames ? `, … (${list.length - listedNames} more)` : ''}`;
}

function section(lines: string[], title: string, records: readonly DiagnosticRecord[]): void {
  if (records.length === 0) return;
  lines.push('', `## ${title}`, '');
  for (const record of records) lines.push(`- ${describe(record)}`);
}

function describe(record: DiagnosticRecord): string {
  const where = formatLocation(record);
  const text = `${where ? `${inlineCode(where)} ` : ''}${record.message} (${inlineCode(record.code)})`;
  return record.hint ? `${text}\n  ${record.hint}` : text;
}
