import { severityOrder, supportMatrix, type SupportMatrix } from '../rules/support-matrix.js';
import type { RuleSet } from '../rules/types.js';
import type { Severity } from '../diagnostics/types.js';
import type { CommandResult } from './result.js';

const severityTitle: Record<Severity, string> = { error: 'Errors', warning: 'Warnings', manual: 'Manual tasks', info: 'Notes' };

export { supportMatrix, type SupportMatrix };

/** `ciport rules`: the support matrix (mappings/ plus any --rules file) as text or JSON. */
export function runRules(options: { json?: boolean; rules?: RuleSet } = {}): CommandResult {
  const matrix = supportMatrix(options.rules);
  if (options.json) return { exitCode: 0, stdout: `${JSON.stringify(matrix, null, 2)}\n`, stderr: '' };
  return { exitCode: 0, stdout: `${renderText(matrix).join('\n')}\n`, stderr: '' };
}

/** Items joined by commas, wrapped under `indent` so long tables stay readable in a terminal. */
function wrap(indent: string, label: string, list: readonly string[], width = 100): string[] {
  const lines: string[] = [];
  let line = `${indent}${label}`;
  list.forEach((item, i) => {
    const piece = `${item}${i < list.length - 1 ? ',' : ''}`;
    if (line.length + piece.length + 1 > width && line.trim() !== label.trim()) {
      lines.push(line);
      line = `${indent}${' '.repeat(label.length)}${piece}`;
    } else line += `${line.endsWith(label) ? '' : ' '}${piece}`;
  });
  lines.push(list.length ? line : `${line}none`);
  return lines;
}

const withSource = (name: string, source: string, builtin: string) => (source === builtin ? name : `${name} (${source})`);

function renderText(matrix: SupportMatrix): string[] {
  const lines = ['Formats', ''];
  const idWidth = Math.max(...matrix.formats.map((f) => f.id.length));
  for (const f of matrix.formats) {
    const versions = f.versions.length ? `  versions: ${f.versions.join(', ')}` : '';
    lines.push(`  ${f.id.padEnd(idWidth)}  ${f.title}`, `  ${' '.repeat(idWidth)}  files: ${f.fileNames.join(', ')}${versions}`);
  }
  const { tables } = matrix;
  lines.push('', `Orbs (${tables.orbs.length}; registry orbs are never fetched: these elements become plain steps)`, '');
  for (const orb of tables.orbs) {
    lines.push(`  ${orb.orb}`);
    for (const kind of ['commands', 'jobs', 'executors'] as const) {
      if (orb[kind].length) lines.push(...wrap('    ', `${kind}: `.padEnd(11), orb[kind].map((e) => withSource(e.name, e.source, 'mappings/orbs.yml'))));
    }
  }
  lines.push('', 'CircleCI 1.0', '');
  lines.push(...wrap('  ', 'languages: ', tables.circleci1.languages.map((l) => `${l.key} → ${l.image}`)));
  lines.push(...wrap('  ', 'services:  ', tables.circleci1.services.map((s) => `${s.name} → ${s.image}`)));
  lines.push('', 'Docker', '');
  for (const status of ['supported', 'deprecated', 'retired'] as const) {
    lines.push(...wrap('  ', `setup_remote_docker ${status}: `.padEnd(33), tables.docker.remoteDocker[status]));
  }
  lines.push(...wrap('  ', 'GitLab dind pins:'.padEnd(33), tables.docker.dind.map((d) => `docker:${d.tag}-dind`)));
  lines.push('', 'Predefined variables', '');
  const formatWidth = Math.max(...Object.keys(tables.variables).map((id) => id.length));
  for (const [id, names] of Object.entries(tables.variables)) lines.push(...wrap('  ', `${id.padEnd(formatWidth)}  `, names));
  lines.push('', 'Images (rewritten in every job and service image, any target)', '');
  lines.push(...rows(tables.images.map((r) => [r.from, r.to, r.source])));
  lines.push('', 'Resource classes → GitLab runner tags (writing GitLab)', '');
  lines.push(...rows(tables.resourceClasses.map((r) => [r.resourceClass, r.tags.join(', '), r.source])));
  lines.push('', 'GitLab runner tags → resource classes (writing CircleCI 2.x)', '');
  lines.push(...rows(tables.runnerTags.map((r) => [r.tag, r.resourceClass, r.source])));
  for (const severity of severityOrder) {
    const entries = matrix.diagnostics[severity];
    if (!entries.length) continue;
    const codeWidth = Math.max(...entries.map((e) => e.code.length));
    lines.push('', `${severityTitle[severity]} (${entries.length})`, '');
    for (const entry of entries) lines.push(`  ${entry.code.padEnd(codeWidth)}  ${entry.summary}`);
  }
  return lines;
}

/** `from → to  (source)` rows with aligned columns, or `none`. */
function rows(list: ReadonlyArray<[string, string, string]>): string[] {
  if (!list.length) return ['  none'];
  const a = Math.max(...list.map((r) => r[0].length));
  const b = Math.max(...list.map((r) => r[1].length));
  return list.map(([from, to, source]) => `  ${from.padEnd(a)} → ${to.padEnd(b)}  ${source}`);
}
