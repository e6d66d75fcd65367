/**
 * `ciport verify <a> <b>`: do two configurations, of any formats, behave the same? Each difference
 * is printed with both locations, grouped by event. Exit 0 when they agree, 1 when they differ,
 * 2 when either cannot be read.
 */
import { catalogued } from '../diagnostics/report.js';
import { describeEvent } from '../behaviour/compare.js';
import { eventsFor } from '../behaviour/events.js';
import type { BehaviourDifference } from '../behaviour/types.js';
import { formatText, toRecords } from '../diagnostics/print.js';
import { maskSecretsInMessage } from '../diagnostics/secrets.js';
import { hasErrors } from '../diagnostics/sink.js';
import { SourceSet } from '../diagnostics/source-map.js';
import type { Diagnostic } from '../diagnostics/types.js';
import type { ParseOptions } from '../formats/types.js';
import type { FormatId, Origin } from '../ir/types.js';
import { readPipeline } from '../translate-read.js';
import { compareConfigurations, type ConfigurationSide } from '../verify.js';
import type { CommandResult } from './result.js';
import { resolveInput, stdinOperand } from './resolve-input.js';

export const verifyFormats = ['text', 'json', 'markdown'] as const;
export type VerifyFormat = (typeof verifyFormats)[number];

export interface VerifyOptions {
  a: string;
  b: string;
  fromA?: FormatId;
  fromB?: FormatId;
  format: VerifyFormat;
  parse?: ParseOptions;
  /** The path standard input (`-` as <a> or <b>) stands for. */
  stdinFilename?: string;
}

interface ReadSide extends ConfigurationSide {
  file: string;
}

export function runVerify(options: VerifyOptions): CommandResult {
  const sources = new SourceSet();
  const problems: Diagnostic[] = [];
  if (options.a === stdinOperand && options.b === stdinOperand) {
    problems.push(catalogued('input-unreadable', 'only one of the two configurations can be read from standard input (-)'));
    return unreadable(options, problems, sources);
  }
  const a = readSide(options.a, options.fromA, options, sources, problems);
  const b = readSide(options.b, options.fromB, options, sources, problems);
  if (!a || !b || hasErrors(problems)) return unreadable(options, problems, sources);

  const differences = compareConfigurations(a, b);
  const events = eventsFor([a.pipeline, b.pipeline]).map((e) => e.id);
  const exitCode = differences.length ? 1 : 0;
  const located = differences.map((d) => locate(d, sources));
  const warnings = formatText(problems, sources);
  switch (options.format) {
    case 'json':
      return {
        exitCode,
        stdout: `${JSON.stringify({ a: { file: a.file, format: a.format }, b: { file: b.file, format: b.format }, events, same: differences.length === 0, differences: located }, null, 2)}\n`,
        stderr: warnings,
      };
    case 'markdown':
      return { exitCode, stdout: markdown(a, b, located, events), stderr: warnings };
    default:
      return { exitCode, stdout: text(a, b, located, events), stderr: warnings };
  }
}

function readSide(path: string, from: FormatId | undefined, options: VerifyOptions, sources: SourceSet, problems: Diagnostic[]): ReadSide | undefined {
  const { parse } = options;
  const resolved = resolveInput(path, from, options.stdinFilename);
  if (!resolved.ok) {
    problems.push(resolved.diagnostic);
    return undefined;
  }
  const { input } = resolved;
  // Two repositories may both hold `.gitlab-ci.yml`: name each side by the path it was given.
  const file = input.repoDir ? input.diskPath : input.file;
  const read = readPipeline({ file, text: input.text, ...(input.from ? { from: input.from } : {}), ...(parse ? { parse } : {}), ...(input.repository ? { repository: input.repository } : {}) });
  sources.merge(read.sources);
  problems.push(...read.sink.diagnostics.filter((d) => d.severity === 'error'));
  return read.pipeline && read.from ? { pipeline: read.pipeline, format: read.from, file } : undefined;
}

function unreadable(options: VerifyOptions, problems: Diagnostic[], sources: SourceSet): CommandResult {
  const text = formatText(problems, sources, { codeFrame: true });
  if (options.format === 'json') {
    const errors = problems.map((d) => ({ code: d.code, message: maskSecretsInMessage(d.message), ...position(d.origin, sources) }));
    // `errors` is the older shape; `diagnostics` is the record every reporting command prints.
    return { exitCode: 2, stdout: `${JSON.stringify({ same: null, errors, diagnostics: toRecords(problems, sources) }, null, 2)}\n`, stderr: '' };
  }
  return { exitCode: 2, stdout: '', stderr: text || 'ciport: the configurations cannot be read\n' };
}

interface Located {
  kind: string;
  events: string[];
  job: string | null;
  message: string;
  before: { file: string; line: number; column: number } | null;
  after: { file: string; line: number; column: number } | null;
}

function locate(d: BehaviourDifference, sources: SourceSet): Located {
  return {
    kind: d.kind,
    events: d.event ? d.event.split(', ') : [],
    job: d.job ?? null,
    message: maskSecretsInMessage(d.message),
    before: position(d.before, sources).file ? (position(d.before, sources) as Located['before']) : null,
    after: position(d.after, sources).file ? (position(d.after, sources) as Located['after']) : null,
  };
}

function position(origin: Origin | undefined, sources: SourceSet): { file?: string; line?: number; column?: number } {
  if (!origin) return {};
  const p = sources.position(origin.file, origin.range[0]);
  return p ? { file: origin.file, line: p.line, column: p.column } : { file: origin.file };
}

const where = (p: Located['before']) => (p ? `${p.file}:${p.line}:${p.column}` : '');

/** Differences grouped under the events they show in; differences inside jobs show in every run. */
function groups(located: readonly Located[]): Array<[string, Located[]]> {
  const byGroup = new Map<string, Located[]>();
  for (const d of located) {
    const key = d.events.length ? d.events.map(describeEvent).join(', ') : 'every run of the job';
    byGroup.set(key, [...(byGroup.get(key) ?? []), d]);
  }
  return [...byGroup];
}

function text(a: ReadSide, b: ReadSide, located: readonly Located[], events: readonly string[]): string {
  if (!located.length) return `${a.file} and ${b.file} behave the same for all ${events.length} events tried (${events.map(describeEvent).join('; ')}).\n`;
  const lines: string[] = [];
  for (const [group, items] of groups(located)) {
    lines.push(`For ${group}:`);
    for (const d of items) {
      const at = where(d.before) || where(d.after);
      lines.push(`  ${at ? `${at}: ` : ''}${d.message} [${d.kind}]`);
      if (d.after && d.before) lines.push(`    in ${b.file}: ${where(d.after)}`);
    }
  }
  lines.push(`${located.length} ${located.length === 1 ? 'difference' : 'differences'} between ${a.file} (${a.format}) and ${b.file} (${b.format}).`);
  return `${lines.join('\n')}\n`;
}

function markdown(a: ReadSide, b: ReadSide, located: readonly Located[], events: readonly string[]): string {
  const cell = (s: string) => s.replaceAll('|', '\\|').replaceAll('\n', ' ');
  const lines = [`## Behaviour of \`${a.file}\` and \`${b.file}\``, ''];
  if (!located.length) {
    lines.push(`They behave the same for all ${events.length} events tried.`, '');
    return `${lines.join('\n')}\n`;
  }
  lines.push(`${located.length} ${located.length === 1 ? 'difference' : 'differences'}.`, '', '| when | difference | original | other |', '|---|---|---|---|');
  for (const [group, items] of groups(located)) {
    for (const d of items) lines.push(`| ${cell(group)} | ${cell(d.message)} | ${where(d.before)} | ${where(d.after)} |`);
  }
  return `${lines.join('\n')}\n`;
}
