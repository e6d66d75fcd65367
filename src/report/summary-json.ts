import type { AuditSummary } from './summary-data.js';

/** summary.json: the whole summary, including every repository's record (read back by `audit merge`). */
export function renderSummaryJson(summary: AuditSummary): string {
  return `${JSON.stringify({ tool: 'ciport', ...summary }, null, 2)}\n`;
}
