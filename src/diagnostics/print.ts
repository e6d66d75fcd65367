import { maskSecretsInLine, maskSecretsInMessage } from './secrets.js';
import { sortDiagnostics } from './sink.js';
import type { SourceSet } from './source-map.js';
import type { Diagnostic } from './types.js';

/** The flat, stable shape of a diagnostic in JSON output (`--json`, reports). */
export interface DiagnosticRecord {
  code: string;
  severity: Diagnostic['severity'];
  message: string;
  file: string | null;
  line: number | null;
  column: number | null;
  hint: string | null;
  /** Every job a diagnostic said once for many jobs speaks for (only on such a diagnostic). */
  jobs?: string[];
  /** The other places the same finding is about (only on a diagnostic that has them). */
  related?: RelatedRecord[];
}

export interface RelatedRecord {
  message: string;
  file: string | null;
  line: number | null;
  column: number | null;
}

/** How many related places the text shows under a diagnostic; JSON and SARIF carry them all. */
const relatedShown = 5;

export function toRecord(diagnostic: Diagnostic, sources: SourceSet): DiagnosticRecord {
  const origin = diagnostic.origin;
  const position = origin ? sources.position(origin.file, origin.range[0]) : undefined;
  return {
    code: diagnostic.code,
    severity: diagnostic.severity,
    message: maskSecretsInMessage(diagnostic.message),
    file: origin?.file ?? null,
    line: position?.line ?? null,
    column: position?.column ?? null,
    hint: diagnostic.hint ? maskSecretsInMessage(diagnostic.hint) : null,
    ...(diagnostic.jobs ? { jobs: [...diagnostic.jobs] } : {}),
    ...relatedRecords(diagnostic, sources, origin?.file ?? null, position),
  };
}

/**
 * The related places as printed: a place that prints as the diagnostic's own position, or as an
 * earlier related place with the same text, says nothing new and is left out; so is one in a file
 * the report does not hold (a translation's output before it is written), which points nowhere.
 */
function relatedRecords(diagnostic: Diagnostic, sources: SourceSet, file: string | null, position: { line: number; column: number } | undefined): { related?: RelatedRecord[] } {
  if (!diagnostic.related?.length) return {};
  const printed = new Set<string>([JSON.stringify([file, position?.line ?? null, position?.column ?? null])]);
  const related: RelatedRecord[] = [];
  for (const r of diagnostic.related) {
    const at = r.origin ? sources.position(r.origin.file, r.origin.range[0]) : undefined;
    if (!r.origin || !at) continue;
    const record = { message: maskSecretsInMessage(r.message), file: r.origin.file, line: at.line, column: at.column };
    const place = JSON.stringify([record.file, record.line, record.column]);
    const key = JSON.stringify([record.file, record.line, record.column, record.message]);
    if (printed.has(place) || printed.has(key)) continue;
    printed.add(key);
    related.push(record);
  }
  return related.length ? { related } : {};
}

export function toRecords(diagnostics: readonly Diagnostic[], sources: SourceSet): DiagnosticRecord[] {
  return sortDiagnostics(diagnostics).map((d) => toRecord(d, sources));
}

export interface TextOptions {
  /** Print the source line under each located diagnostic. */
  codeFrame?: boolean;
  /** ANSI colours (the CLI decides: terminal, NO_COLOR, FORCE_COLOR, --color). */
  color?: boolean;
  /** How a file is named in the text (relative to the repository root); as recorded by default. */
  shownPath?: (file: string) => string;
}

const ansi = { red: 31, yellow: 33, magenta: 35, cyan: 36, bold: 1, dim: 2 } as const;
const severityColor = { error: ansi.red, warning: ansi.yellow, manual: ansi.magenta, info: ansi.cyan } as const;

function paint(color: boolean | undefined, code: number, text: string): string {
  return color ? `\u001b[${code}m${text}\u001b[0m` : text;
}

/**
 * actionlint-style text: `file:line:col: severity: message [code]`, then an optional code frame
 * and a `hint:` line.
 */
export function formatText(diagnostics: readonly Diagnostic[], sources: SourceSet, options: TextOptions = {}): string {
  const lines: string[] = [];
  for (const diagnostic of sortDiagnostics(diagnostics)) {
    const record = toRecord(diagnostic, sources);
    const { color } = options;
    const file = record.file && options.shownPath ? options.shownPath(record.file) : record.file;
    const where = file ? `${paint(color, ansi.bold, `${file}${record.line ? `:${record.line}:${record.column}` : ''}`)}: ` : '';
    const severity = paint(color, severityColor[record.severity], record.severity === 'manual' ? 'manual task' : record.severity);
    lines.push(`${where}${severity}: ${record.message} ${paint(color, ansi.dim, `[${record.code}]`)}`);
    if (options.codeFrame && record.file && record.line && record.column) {
      const text = sources.index(record.file)?.lineText(record.line);
      if (text !== undefined) {
        const gutter = String(record.line);
        lines.push(`  ${gutter} | ${maskSecretsInLine(text)}`);
        lines.push(`  ${' '.repeat(gutter.length)} | ${' '.repeat(Math.max(0, record.column - 1))}${paint(color, severityColor[record.severity], '^')}`);
      }
    }
    // Related places as tsc prints related information: indented under the finding, each located.
    // One hidden place is shown rather than announced.
    const shownRelated = (record.related?.length ?? 0) > relatedShown + 1 ? relatedShown : (record.related?.length ?? 0);
    for (const related of (record.related ?? []).slice(0, shownRelated)) {
      const relatedFile = related.file && options.shownPath ? options.shownPath(related.file) : related.file;
      const place = relatedFile ? `${relatedFile}${related.line ? `:${related.line}:${related.column}` : ''}: ` : '';
      lines.push(`  ${paint(color, ansi.dim, place)}${related.message}`);
    }
    const hidden = (record.related?.length ?? 0) - shownRelated;
    if (hidden > 0) lines.push(`  … and ${hidden} more place${hidden === 1 ? '' : 's'} (--format json lists them)`);
    if (record.hint) lines.push(`  hint: ${record.hint}`);
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

export function summarize(diagnostics: readonly Diagnostic[]): Record<Diagnostic['severity'], number> {
  const counts = { error: 0, warning: 0, info: 0, manual: 0 };
  for (const d of diagnostics) counts[d.severity]++;
  return counts;
}
