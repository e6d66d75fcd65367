import { catalog } from '../diagnostics/catalog.js';
import type { Severity } from '../diagnostics/types.js';
import { formatIds, formats } from '../formats/registry.js';
import type { CommandResult } from './result.js';

const severityOrder: readonly Severity[] = ['error', 'warning', 'manual', 'info'];
const severityTitle: Record<Severity, string> = { error: 'Errors', warning: 'Warnings', manual: 'Manual tasks', info: 'Notes' };

export interface SupportMatrix {
  formats: Array<{ id: string; title: string; fileNames: string[]; versions: string[] }>;
  diagnostics: Record<Severity, Array<{ code: string; summary: string }>>;
}

/** What ciport reads and writes, and every diagnostic it can report. The lead extends it from mappings/. */
export function supportMatrix(): SupportMatrix {
  const diagnostics = { error: [], warning: [], manual: [], info: [] } as SupportMatrix['diagnostics'];
  for (const [code, info] of Object.entries(catalog)) diagnostics[info.severity].push({ code, summary: info.summary });
  return {
    formats: formatIds.map((id) => ({ id, title: formats[id].title, fileNames: [...formats[id].fileNames], versions: [...(formats[id].versions ?? [])] })),
    diagnostics,
  };
}

/** `ciport rules`: the support matrix as text or JSON. */
export function runRules(options: { json?: boolean } = {}): CommandResult {
  const matrix = supportMatrix();
  if (options.json) return { exitCode: 0, stdout: `${JSON.stringify(matrix, null, 2)}\n`, stderr: '' };
  const lines = ['Formats', ''];
  const idWidth = Math.max(...matrix.formats.map((f) => f.id.length));
  for (const f of matrix.formats) {
    const versions = f.versions.length ? `  versions: ${f.versions.join(', ')}` : '';
    lines.push(`  ${f.id.padEnd(idWidth)}  ${f.title}`, `  ${' '.repeat(idWidth)}  files: ${f.fileNames.join(', ')}${versions}`);
  }
  const codeWidth = Math.max(...Object.keys(catalog).map((c) => c.length));
  for (const severity of severityOrder) {
    const entries = matrix.diagnostics[severity];
    if (!entries.length) continue;
    lines.push('', `${severityTitle[severity]} (${entries.length})`, '');
    for (const entry of entries) lines.push(`  ${entry.code.padEnd(codeWidth)}  ${entry.summary}`);
  }
  return { exitCode: 0, stdout: `${lines.join('\n')}\n`, stderr: '' };
}
