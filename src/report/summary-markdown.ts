import { formats } from '../formats/registry.js';
import { inlineCode, tableCell } from './locations.js';
import type { AuditSummary, RepoSummary } from './summary-data.js';

const statusLabel = { success: 'successful', partial: 'partially successful', unsupported: 'unsupported', failed: 'failed' } as const;

/** summary.md: totals, the most frequent findings and manual tasks, and one row per repository. */
export function renderSummaryMarkdown(summary: AuditSummary): string {
  const { totals } = summary;
  const lines = [
    `# ciport audit: migration to ${formats[summary.to].title}`,
    '',
    ...(summary.shard ? [`Shard ${summary.shard}.`, ''] : []),
    ...(summary.interrupted ? [`**Interrupted** (${summary.interrupted.signal}): ${summary.interrupted.done} of ${summary.interrupted.total} repositories finished; \`ciport audit --resume\` continues.`, ''] : []),
    '| Pipelines | Count |',
    '| --- | ---: |',
    `| Successful | ${totals.success} |`,
    `| Partially successful (warnings or manual tasks) | ${totals.partial} |`,
    `| Unsupported (no recognisable configuration) | ${totals.unsupported} |`,
    `| Failed (errors or fatal) | ${totals.failed} |`,
    `| **Total** | **${totals.repositories}** |`,
    '',
  ];
  if (summary.codes.length) {
    lines.push('## Most frequent problems by code', '', '| Code | Severity | Repositories | Occurrences |', '| --- | --- | ---: | ---: |');
    for (const c of summary.codes) lines.push(`| ${inlineCode(c.code)} | ${c.severity} | ${c.repositories} | ${c.occurrences} |`);
    lines.push('');
  }
  if (summary.features.length) {
    lines.push('## Most frequent unsupported features and errors', '', '| Repositories | Code | Message |', '| ---: | --- | --- |');
    for (const f of summary.features) lines.push(`| ${f.repositories} | ${inlineCode(f.code)} | ${tableCell(f.message)} |`);
    lines.push('');
  }
  if (summary.manualTasks.length) {
    lines.push('## Most frequent manual tasks', '', '| Repositories | Code | Task |', '| ---: | --- | --- |');
    for (const t of summary.manualTasks) lines.push(`| ${t.repositories} | ${inlineCode(t.code)} | ${tableCell(t.message)} |`);
    lines.push('');
  }
  lines.push('## Repositories', '', '| Repository | Status | Source | Jobs | Errors | Warnings | Manual | Files |', '| --- | --- | --- | ---: | ---: | ---: | ---: | --- |');
  for (const repo of summary.repositories) lines.push(repositoryRow(repo));
  lines.push('');
  return `${lines.join('\n')}\n`;
}

function repositoryRow(repo: RepoSummary): string {
  const source = repo.source ? `${inlineCode(repo.source.path)} (${repo.source.format})` : '';
  const status = repo.reason ? `${statusLabel[repo.status]}: ${tableCell(repo.reason)}` : statusLabel[repo.status];
  const files = repo.files.map((file) => `[${tableCell(file.split('/').pop() ?? file)}](${encodeURI(file)})`).join(' ');
  const c = repo.counts;
  return `| ${tableCell(repo.name)} | ${status} | ${source} | ${repo.jobs ?? ''} | ${c.error} | ${c.warning} | ${c.manual} | ${files} |`;
}
