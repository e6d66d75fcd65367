import { join } from 'node:path';
import { writeFileAtomic } from '../../io/write-atomic.js';
import { renderSummaryCsv } from '../../report/summary-csv.js';
import { renderSummaryHtml } from '../../report/summary-html.js';
import { renderSummaryJson } from '../../report/summary-json.js';
import { renderSummaryMarkdown } from '../../report/summary-markdown.js';
import type { AuditSummary } from '../../report/summary-data.js';

/** The top of the report folder: summary.json (data, read back by `audit merge`), .md, .html and .csv (the repository table). */
export function writeSummaries(outDir: string, summary: AuditSummary): string[] {
  const files: Array<[string, string]> = [
    ['summary.json', renderSummaryJson(summary)],
    ['summary.md', renderSummaryMarkdown(summary)],
    ['summary.html', renderSummaryHtml(summary)],
    ['summary.csv', renderSummaryCsv(summary)],
  ];
  for (const [name, text] of files) writeFileAtomic(join(outDir, name), text);
  return files.map(([name]) => join(outDir, name));
}
