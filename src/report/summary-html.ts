import { formats } from '../formats/registry.js';
import { plural } from './locations.js';
import {
  auditStatuses,
  commandLine,
  headline,
  percent,
  shardOf,
  statusLabels,
  statusMeanings,
  type AuditStatus,
  type AuditSummary,
} from './summary-data.js';

const statusColor: Record<AuditStatus, string> = {
  'on-target': '#1565c0',
  success: '#2e7d32',
  partial: '#f9a825',
  errors: '#ef6c00',
  'not-converted': '#c62828',
  unsupported: '#757575',
};
const capitalised = (text: string) => `${text[0]!.toUpperCase()}${text.slice(1)}`;

/**
 * summary.html: one self-contained page — inline CSS, charts drawn with inline SVG and CSS, no
 * scripts and nothing fetched from the network (a Content-Security-Policy says so), so it can be
 * opened from a CI artifact. Long names wrap; on a narrow screen tables become one card a row, so
 * nothing is wider than the page. Every chart is a figure with a caption (and the SVG an aria-label).
 */
export function renderSummaryHtml(summary: AuditSummary): string {
  const title = `ciport audit: migration to ${formats[summary.to].title}`;
  const { totals } = summary;
  const allSteps = summary.steps.known + summary.steps.unknown + summary.steps.unsupported;
  const taskCount = summary.manualTasks.reduce((sum, k) => sum + k.tasks, 0);
  const body = [
    `<h1>${escape(title)}</h1>`,
    summary.interrupted ? `<p><strong>Interrupted</strong> (${summary.interrupted.signal}): ${summary.interrupted.done} of ${summary.interrupted.total} repositories finished; <code>ciport audit --resume</code> continues.</p>` : '',
    runList(summary),
    `<p class="headline">${escape(headline(summary))}</p>`,
    '<h2>Pipelines</h2>',
    stackedChart(
      'Pipelines by status',
      auditStatuses.map((s) => ({ label: capitalised(statusLabels[s]), value: totals[s], share: summary.percentages[s], color: statusColor[s] })),
    ),
    table(
      ['Status', 'Repositories', 'Share', 'Meaning'],
      auditStatuses.map((s) => [statusBadge(s), String(totals[s]), `${summary.percentages[s]}%`, escape(statusMeanings[s])]),
    ),
    '<h2>By source format</h2>',
    table(
      ['Source', 'Repositories', ...auditStatuses.map((s) => capitalised(statusLabels[s]))],
      summary.bySource.map((row) => [row.format ? code(row.format) : 'none recognised', String(row.repositories), ...auditStatuses.map((s) => String(row[s]))]),
    ),
    '<h2>Steps</h2>',
    stackedChart('Steps of the translated pipelines', [
      { label: 'Known: translated', value: summary.steps.known, share: percent(summary.steps.known, allSteps), color: statusColor.success },
      { label: 'Unknown: no rule understood them', value: summary.steps.unknown, share: percent(summary.steps.unknown, allSteps), color: statusColor['not-converted'] },
      { label: 'Unsupported: understood, with a warning or error', value: summary.steps.unsupported, share: percent(summary.steps.unsupported, allSteps), color: statusColor.partial },
    ]),
    summary.manualTasks.length
      ? `<h2>Manual tasks by kind</h2><p>${plural(taskCount, 'manual task')} of ${plural(summary.manualTasks.length, 'kind')} (job and workflow names taken out).</p>` +
        barChart(
          'Manual tasks by kind (tasks)',
          summary.manualTasks.slice(0, 15).map((k) => ({ label: k.kind, value: k.tasks, color: statusColor['on-target'] })),
        ) +
        table(['Tasks', 'Repositories', 'Code', 'Kind'], summary.manualTasks.map((k) => [String(k.tasks), String(k.repositories), code(k.code), escape(k.kind)])) +
        '<h2>Every manual task</h2>' +
        table(['Repository', 'Code', 'Task'], summary.repositories.flatMap((r) => r.manualTasks.map((t) => [escape(r.name), code(t.code), escape(t.message)])))
      : '',
    summary.codes.length
      ? `<h2>Most frequent problems</h2>${barChart(
          'Problems by code (repositories)',
          summary.codes.slice(0, 15).map((c) => ({ label: c.code, value: c.repositories, color: c.severity === 'error' ? statusColor['not-converted'] : statusColor.partial })),
        )}`
      : '',
    summary.features.length ? `<h2>Most frequent unsupported features and errors</h2>${table(['Repositories', 'Code', 'Message'], summary.features.map((f) => [String(f.repositories), code(f.code), escape(f.message)]))}` : '',
    '<h2>Repositories</h2>',
    '<p>Also as <a href="summary.csv">summary.csv</a>.</p>',
    table(
      ['Repository', 'Status', 'Source', 'Jobs', 'Errors', 'Warnings', 'Manual', 'Files'],
      summary.repositories.map((r) => [
        escape(r.name),
        `${statusBadge(r.status)}${r.reason ? `<div class="reason">${escape(r.reason)}</div>` : ''}`,
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
/* Names and messages break anywhere rather than widen the page; headers and codes keep their words. */
body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #212121; overflow-wrap: anywhere; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
.headline { font-size: 1.1rem; font-weight: 600; }
dl.run { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: .15rem 1rem; } dl.run dt { color: #616161; } dl.run dd { margin: 0; }
table { border-collapse: collapse; width: 100%; } th, td { border-bottom: 1px solid #e0e0e0; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #fafafa; } td.n { text-align: right; }
th { overflow-wrap: normal; }
code { font: 12px ui-monospace, monospace; background: #f5f5f5; padding: 0 .2rem; white-space: nowrap; overflow-wrap: normal; }
dl.run code { white-space: normal; overflow-wrap: anywhere; }
.status { color: #fff; border-radius: 3px; padding: 0 .4rem; font-size: 12px; display: inline-block; }
.reason { color: #616161; font-size: 12px; }
figure.chart { margin: 1rem 0; } figcaption { font-weight: 600; margin-bottom: .3rem; }
figure.chart svg { display: block; width: 100%; height: 1.5rem; }
ul.legend { list-style: none; padding: 0; margin: .4rem 0 0; display: flex; flex-wrap: wrap; gap: .2rem 1rem; }
ul.legend li::before { content: ""; display: inline-block; width: .7rem; height: .7rem; margin-right: .3rem; background: var(--c); vertical-align: -1px; }
.bar-row { display: grid; grid-template-columns: minmax(0, 2fr) minmax(4rem, 3fr) max-content; gap: .6rem; align-items: center; margin: .2rem 0; }
.bar-track { background: #f5f5f5; height: 1rem; } .bar-fill { display: block; height: 100%; }
@media (max-width: 40rem) {
  /* One card a row: a table of eight columns cannot fit a phone. */
  table, tbody, tr, td { display: block; width: auto; } tr:first-child { display: none; }
  tr { border-bottom: 1px solid #bdbdbd; padding: .3rem 0; } td { border: 0; padding: .1rem 0; } td.n { text-align: left; }
  td::before { content: attr(data-label) ": "; color: #616161; }
  .bar-row { grid-template-columns: minmax(0, 1fr) max-content; gap: .1rem .6rem; } .bar-track { grid-column: 1 / -1; grid-row: 2; }
}
</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/** ciport's version, the date, the command line and the shard, as far as the summary knows them. */
function runList(summary: AuditSummary): string {
  const rows: Array<[string, string]> = [];
  if (summary.run) rows.push(['ciport', escape(summary.run.version)], ['Date', escape(summary.run.date)], ['Options', code(commandLine(summary.run))]);
  const shard = shardOf(summary);
  rows.push(['Shard', shard ? `${escape(shard)} (this report covers one part of the repositories)` : 'none (every repository)']);
  return `<dl class="run">${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>`;
}

function statusBadge(status: AuditStatus): string {
  return `<span class="status" style="background:${statusColor[status]}">${capitalised(statusLabels[status])}</span>`;
}

interface Part {
  label: string;
  value: number;
  share: number;
  color: string;
}

/** One bar of the whole, split by share, as an SVG that stretches to the page; the legend is HTML so it wraps. */
function stackedChart(title: string, parts: readonly Part[]): string {
  let x = 0;
  const rects = parts
    .filter((p) => p.share > 0)
    .map((p) => {
      const rect = `<rect x="${x}" y="0" width="${p.share}" height="10" fill="${p.color}"><title>${escape(p.label)}: ${p.value} (${p.share}%)</title></rect>`;
      x += p.share;
      return rect;
    });
  const legend = parts.map((p) => `<li style="--c:${p.color}">${escape(p.label)}: ${p.value} (${p.share}%)</li>`).join('');
  return (
    `<figure class="chart"><figcaption>${escape(title)}</figcaption>` +
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escape(title)}" viewBox="0 0 100 10" preserveAspectRatio="none">${rects.join('')}</svg>` +
    `<ul class="legend">${legend}</ul></figure>`
  );
}

interface Bar {
  label: string;
  value: number;
  color: string;
}

/** A horizontal bar chart in HTML: labels wrap in their column, bars scale to the largest value. */
function barChart(title: string, bars: readonly Bar[]): string {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const rows = bars.map(
    (bar) =>
      `<div class="bar-row"><div class="bar-label">${escape(bar.label)}</div>` +
      `<div class="bar-track"><span class="bar-fill" style="width:${percent(bar.value, max)}%;background:${bar.color}"></span></div>` +
      `<div class="bar-value">${bar.value}</div></div>`,
  );
  return `<figure class="chart" aria-label="${escape(title)}"><figcaption>${escape(title)}</figcaption><div class="bars">${rows.join('')}</div></figure>`;
}

/** A table; each cell carries its column's name, shown before it when the table becomes cards. */
function table(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const head = `<tr>${headers.map((h) => `<th>${escape(h)}</th>`).join('')}</tr>`;
  const cell = (text: string, i: number) => `<td${/^\d+%?$/.test(text) ? ' class="n"' : ''} data-label="${escape(headers[i] ?? '')}">${text}</td>`;
  const body = rows.map((row) => `<tr>${row.map(cell).join('')}</tr>`).join('\n');
  return `<table>\n${head}\n${body}\n</table>`;
}

function code(text: string): string {
  return `<code>${escape(text)}</code>`;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
