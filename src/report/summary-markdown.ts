import { formats } from '../formats/registry.js';
import { inlineCode, plural, tableCell } from './locations.js';
import {
  auditStatuses,
  commandLine,
  headline,
  percent,
  shardOf,
  statusLabels,
  statusMeanings,
  type AuditSummary,
  type RepoSummary,
} from './summary-data.js';

const capitalised = (text: string) => `${text[0]!.toUpperCase()}${text.slice(1)}`;

/**
 * summary.md: the run, the headline shares, statuses, source formats, steps, manual tasks by kind
 * and every one of them, the most frequent findings, and one row per repository.
 */
export function renderSummaryMarkdown(summary: AuditSummary): string {
  const { totals } = summary;
  const lines = [`# ciport audit: migration to ${formats[summary.to].title}`, ''];
  if (summary.interrupted) {
    lines.push(`**Interrupted** (${summary.interrupted.signal}): ${summary.interrupted.done} of ${summary.interrupted.total} repositories finished; \`ciport audit --resume\` continues.`, '');
  }
  lines.push(...runTable(summary), `**${headline(summary)}**`, '');
  lines.push('## Pipelines', '', '| Status | Repositories | Share | Meaning |', '| --- | ---: | ---: | --- |');
  for (const s of auditStatuses) lines.push(`| ${capitalised(statusLabels[s])} | ${totals[s]} | ${summary.percentages[s]}% | ${statusMeanings[s]} |`);
  lines.push(`| **Total** | **${totals.repositories}** | | |`, '');

  lines.push('## By source format', '', `| Source | Repositories | ${auditStatuses.map((s) => capitalised(statusLabels[s])).join(' | ')} |`, `| --- | ---: | ${auditStatuses.map(() => '---:').join(' | ')} |`);
  for (const row of summary.bySource) lines.push(`| ${row.format ? inlineCode(row.format) : 'none recognised'} | ${row.repositories} | ${auditStatuses.map((s) => row[s]).join(' | ')} |`);
  lines.push('');

  const steps = summary.steps;
  const allSteps = steps.known + steps.unknown + steps.unsupported;
  lines.push(
    '## Steps',
    '',
    '| Steps of the translated pipelines | Count | Share |',
    '| --- | ---: | ---: |',
    `| Known: translated | ${steps.known} | ${percent(steps.known, allSteps)}% |`,
    `| Unknown: no rule understood them (placeholders that ${summary.run?.options.placeholders === 'pass' ? 'only print a message' : 'fail the job'}) | ${steps.unknown} | ${percent(steps.unknown, allSteps)}% |`,
    `| Unsupported: understood, with a warning or error on them | ${steps.unsupported} | ${percent(steps.unsupported, allSteps)}% |`,
    `| **Total** | **${allSteps}** | |`,
    '',
  );

  if (summary.manualTasks.length) {
    const tasks = summary.manualTasks.reduce((sum, k) => sum + k.tasks, 0);
    lines.push('## Manual tasks by kind', '', `${plural(tasks, 'manual task')} of ${plural(summary.manualTasks.length, 'kind')} (job and workflow names taken out).`, '');
    lines.push('| Tasks | Repositories | Code | Kind |', '| ---: | ---: | --- | --- |');
    for (const k of summary.manualTasks) lines.push(`| ${k.tasks} | ${k.repositories} | ${inlineCode(k.code)} | ${tableCell(k.kind)} |`);
    lines.push('', '## Every manual task', '', '| Repository | Code | Task |', '| --- | --- | --- |');
    for (const repo of summary.repositories) for (const t of repo.manualTasks) lines.push(`| ${tableCell(repo.name)} | ${inlineCode(t.code)} | ${tableCell(t.message)} |`);
    lines.push('');
  }
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
  lines.push('## Repositories', '', 'Also as `summary.csv`.', '', '| Repository | Status | Source | Jobs | Errors | Warnings | Manual | Files |', '| --- | --- | --- | ---: | ---: | ---: | ---: | --- |');
  for (const repo of summary.repositories) lines.push(repositoryRow(repo));
  lines.push('');
  return `${lines.join('\n')}\n`;
}

/** ciport's version, the date, the command line and the shard, as far as the summary knows them. */
function runTable(summary: AuditSummary): string[] {
  const rows: Array<[string, string]> = [];
  if (summary.run) {
    rows.push(['ciport', summary.run.version], ['Date', summary.run.date], ['Options', inlineCode(commandLine(summary.run))]);
  }
  const shard = shardOf(summary);
  rows.push(['Shard', shard ? `${shard} (this report covers one part of the repositories)` : 'none (every repository)']);
  return ['| Run | |', '| --- | --- |', ...rows.map(([k, v]) => `| ${k} | ${tableCell(v)} |`), ''];
}

function repositoryRow(repo: RepoSummary): string {
  const source = repo.source ? `${inlineCode(repo.source.path)} (${repo.source.format})` : '';
  const status = repo.reason ? `${statusLabels[repo.status]}: ${tableCell(repo.reason)}` : statusLabels[repo.status];
  const files = repo.files.map((file) => `[${tableCell(file.split('/').pop() ?? file)}](${encodeURI(file)})`).join(' ');
  const c = repo.counts;
  return `| ${tableCell(repo.name)} | ${status} | ${source} | ${repo.jobs ?? ''} | ${c.error} | ${c.warning} | ${c.manual} | ${files} |`;
}
