import { formats } from '../formats/registry.js';
import { auditStatuses, type AuditStatus, type AuditSummary } from './summary-data.js';

const statusLabel: Record<AuditStatus, string> = {
  success: 'Successful',
  partial: 'Partially successful',
  unsupported: 'Unsupported',
  failed: 'Failed',
};
const statusColor: Record<AuditStatus, string> = { success: '#2e7d32', partial: '#f9a825', unsupported: '#757575', failed: '#c62828' };

/**
 * summary.html: one self-contained page — inline CSS and inline SVG charts, no scripts and nothing
 * fetched from the network (a Content-Security-Policy says so), so it can be opened from a CI artifact.
 */
export function renderSummaryHtml(summary: AuditSummary): string {
  const title = `ciport audit: migration to ${formats[summary.to].title}`;
  const statusBars = auditStatuses.map((s) => ({ label: statusLabel[s], value: summary.totals[s], color: statusColor[s] }));
  const codeBars = summary.codes.slice(0, 15).map((c) => ({ label: c.code, value: c.repositories, color: c.severity === 'error' ? statusColor.failed : statusColor.partial }));
  const manualBars = summary.manualTasks.slice(0, 15).map((t) => ({ label: t.message, value: t.repositories, color: '#1565c0' }));
  const body = [
    `<h1>${escape(title)}</h1>`,
    summary.shard ? `<p>Shard ${escape(summary.shard)}.</p>` : '',
    summary.interrupted ? `<p><strong>Interrupted</strong> (${summary.interrupted.signal}): ${summary.interrupted.done} of ${summary.interrupted.total} repositories finished; <code>ciport audit --resume</code> continues.</p>` : '',
    `<p>${summary.totals.repositories} repositories.</p>`,
    '<h2>Pipelines</h2>',
    barChart(statusBars, 'Pipelines by status'),
    codeBars.length ? `<h2>Most frequent problems (repositories)</h2>${barChart(codeBars, 'Problems by code')}` : '',
    summary.features.length ? `<h2>Most frequent unsupported features and errors</h2>${table(['Repositories', 'Code', 'Message'], summary.features.map((f) => [String(f.repositories), code(f.code), escape(f.message)]))}` : '',
    manualBars.length ? `<h2>Most frequent manual tasks (repositories)</h2>${barChart(manualBars, 'Manual tasks')}` : '',
    '<h2>Repositories</h2>',
    table(
      ['Repository', 'Status', 'Source', 'Jobs', 'Errors', 'Warnings', 'Manual', 'Files'],
      summary.repositories.map((r) => [
        escape(r.name),
        `<span class="status" style="background:${statusColor[r.status]}">${statusLabel[r.status]}</span>${r.reason ? `<div class="reason">${escape(r.reason)}</div>` : ''}`,
        r.source ? `${code(r.source.path)} <small>${r.source.format}</small>` : '',
        r.jobs === undefined ? '' : String(r.jobs),
        String(r.counts.error),
        String(r.counts.warning),
        String(r.counts.manual),
        r.files.map((f) => `<a href="${escape(encodeURI(f))}">${escape(f.split('/').pop() ?? f)}</a>`).join(' '),
      ]),
    ),
  ].join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>
body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #212121; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; } th, td { border-bottom: 1px solid #e0e0e0; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #fafafa; } td.n { text-align: right; }
code { font: 12px ui-monospace, monospace; background: #f5f5f5; padding: 0 .2rem; white-space: nowrap; }
.status { color: #fff; border-radius: 3px; padding: 0 .4rem; font-size: 12px; white-space: nowrap; }
.reason { color: #616161; font-size: 12px; }
svg text { font: 12px system-ui, sans-serif; fill: #212121; }
</style>
</head>
<body>
${body}
</body>
</html>
`;
}

interface Bar {
  label: string;
  value: number;
  color: string;
}

/** A horizontal bar chart as inline SVG: labels left, bars scaled to the largest value, values right. */
function barChart(bars: readonly Bar[], title: string): string {
  const rowHeight = 22;
  const labelWidth = 300;
  const barWidth = 400;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = bars.length * rowHeight + 4;
  const rows = bars.map((bar, i) => {
    const y = i * rowHeight + 2;
    const width = Math.round((bar.value / max) * barWidth);
    const label = bar.label.length > 45 ? `${bar.label.slice(0, 44)}…` : bar.label;
    return (
      `<text x="${labelWidth - 8}" y="${y + 15}" text-anchor="end">${escape(label)}</text>` +
      `<rect x="${labelWidth}" y="${y + 3}" width="${width}" height="${rowHeight - 6}" fill="${bar.color}"><title>${escape(bar.label)}: ${bar.value}</title></rect>` +
      `<text x="${labelWidth + width + 6}" y="${y + 15}">${bar.value}</text>`
    );
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escape(title)}" width="${labelWidth + barWidth + 60}" height="${height}" viewBox="0 0 ${labelWidth + barWidth + 60} ${height}">${rows.join('')}</svg>`;
}

function table(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const head = `<tr>${headers.map((h) => `<th>${escape(h)}</th>`).join('')}</tr>`;
  const body = rows.map((row) => `<tr>${row.map((cell) => (/^\d+$/.test(cell) ? `<td class="n">${cell}</td>` : `<td>${cell}</td>`)).join('')}</tr>`).join('\n');
  return `<table>\n${head}\n${body}\n</table>`;
}

function code(text: string): string {
  return `<code>${escape(text)}</code>`;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
