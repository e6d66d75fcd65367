import { report } from '../diagnostics/report.js';
import { createSink } from '../diagnostics/sink.js';
import { LineIndex, SourceSet } from '../diagnostics/source-map.js';
import type { Diagnostic } from '../diagnostics/types.js';
import { readText } from '../io/read-text.js';
import { loadYaml } from '../yaml/load.js';
import { createReader, entries, originOf, stringValue, toPlain, type Entry, type YamlReader } from '../yaml/view.js';
import { starCount } from './image-match.js';
import { rulesSchema } from './schema.js';
import type { OrbElementRule, OrbRule, RuleSet, RuleSource } from './types.js';
import { validateNode, type Schema, type SchemaProblem } from './validate-schema.js';

export type LoadedRules = { ok: true; rules: RuleSet } | { ok: false; diagnostics: Diagnostic[]; sources: SourceSet };

/**
 * Reads a `--rules` file: YAML with positions, checked against the rules schema before anything is
 * translated. Any problem (also a YAML warning such as a repeated key, which would silently drop a
 * rule) fails the whole file, located at file:line:col.
 */
export function loadRulesFile(path: string): LoadedRules {
  const sink = createSink();
  const sources = new SourceSet();
  // A YAML warning in a rules file (a repeated key drops a rule) fails it like an error: the warning
  // keeps its code's severity and one rules-invalid error says the file is not used.
  const fail = (): LoadedRules => {
    if (!sink.diagnostics.some((d) => d.severity === 'error')) {
      const first = sink.diagnostics.find((d) => d.origin);
      report(sink, 'rules-invalid', 'the rules file has a problem its warning names; no rule of it is used', first?.origin ? { origin: first.origin } : {});
    }
    return { ok: false, diagnostics: [...sink.diagnostics], sources };
  };
  const read = readText(path);
  if (!read.ok) {
    report(sink, read.code, read.message.replace(/^cannot read /, 'cannot read the rules file '));
    return fail();
  }
  const loaded = loadYaml(read.text, path, sink);
  sources.add(path, loaded.text);
  if (!loaded.body || sink.diagnostics.some((d) => d.severity === 'error' || d.severity === 'warning')) return fail();
  const reader = createReader(path, loaded.body);
  const root = loaded.body.contents;
  const problems = [...validateNode(reader, root, rulesSchema as Schema), ...imageStarProblems(reader, root)];
  for (const problem of problems) report(sink, 'rules-invalid', problem.message, { origin: problem.origin });
  if (problems.length) return fail();
  return { ok: true, rules: buildRules(reader, root, new LineIndex(loaded.text)) };
}

/** A replacement can only reuse what the pattern's `*`s matched. */
function imageStarProblems(reader: YamlReader, root: unknown): SchemaProblem[] {
  const images = entries(reader, root).find((e) => e.key === 'images');
  return entries(reader, images?.value).flatMap((e) => {
    const to = stringValue(reader, e.value) ?? '';
    if (starCount(to) <= starCount(e.key)) return [];
    const origin = originOf(reader, e.value);
    return [{ message: `images.${e.key}: the replacement "${to}" has more * than the pattern`, ...(origin ? { origin } : {}) }];
  });
}

function buildRules(reader: YamlReader, root: unknown, lines: LineIndex): RuleSet {
  const sourceOf = (e: Entry): RuleSource => {
    const offset = e.keyNode.range?.[0] ?? 0;
    return { file: reader.file, ...lines.position(offset) };
  };
  const table = (key: string) => entries(reader, entries(reader, root).find((e) => e.key === key)?.value);
  const orbs: Record<string, OrbRule> = {};
  for (const orbEntry of table('orbs')) {
    const orb: OrbRule = {};
    for (const e of entries(reader, orbEntry.value)) {
      if (e.key === 'url') orb.url = stringValue(reader, e.value) ?? '';
      else orb[e.key as 'commands' | 'jobs' | 'executors'] = elements(reader, e, sourceOf);
    }
    orbs[orbEntry.key] = orb;
  }
  return {
    orbs,
    images: table('images').map((e) => ({ from: e.key, to: stringValue(reader, e.value) ?? '', source: sourceOf(e) })),
    resourceClasses: table('resource-classes').map((e) => ({
      resourceClass: e.key,
      tags: (toPlain(reader, e.value) as unknown[]).map(String),
      source: sourceOf(e),
    })),
    runnerTags: table('runner-tags').map((e) => ({ tag: e.key, resourceClass: stringValue(reader, e.value) ?? '', source: sourceOf(e) })),
  };
}

function elements(reader: YamlReader, kindEntry: Entry, sourceOf: (e: Entry) => RuleSource): Record<string, OrbElementRule> {
  const out: Record<string, OrbElementRule> = {};
  for (const e of entries(reader, kindEntry.value)) {
    out[e.key] = { ...(toPlain(reader, e.value) as OrbElementRule), source: sourceOf(e) };
  }
  return out;
}
