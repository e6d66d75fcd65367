import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { formatText } from '../../src/diagnostics/print.js';
import { formatIds, formats } from '../../src/formats/registry.js';
import type { EmitOptions, ParseOptions } from '../../src/formats/types.js';
import type { FormatId } from '../../src/ir/types.js';
import { findConfigs } from '../../src/io/find-config.js';
import { openRepository } from '../../src/io/repository.js';
import { translate, type TranslateResult } from '../../src/translate.js';

export const goldenRoot = join(import.meta.dirname, '..', '..', 'golden');

export interface GoldenCase {
  /** `<from>/<case>` */
  name: string;
  from: FormatId;
  dir: string;
  inputDir: string;
  configPath: string;
  options: { parse?: ParseOptions; emit?: Partial<Record<FormatId, EmitOptions>> };
}

/** A target a case is checked against: a format and, for CircleCI 2.x, its dialect. */
export interface GoldenTarget {
  /** File stem of the expectations: `gitlab`, `circleci2`, `circleci2@2.0`. */
  stem: string;
  id: FormatId;
  version?: string;
}

export function listCases(): GoldenCase[] {
  const cases: GoldenCase[] = [];
  for (const from of formatIds) {
    const formatDir = join(goldenRoot, from);
    if (!existsSync(formatDir)) continue;
    for (const name of readdirSync(formatDir).sort()) {
      const dir = join(formatDir, name);
      const inputDir = join(dir, 'input');
      if (!statSync(dir).isDirectory() || !existsSync(inputDir)) continue;
      const config = findConfigs(inputDir).find((c) => c.format === from);
      if (!config) throw new Error(`golden case ${from}/${name} has no ${from} configuration in input/`);
      const optionsFile = join(dir, 'options.json');
      const options = existsSync(optionsFile) ? JSON.parse(readFileSync(optionsFile, 'utf8')) : {};
      cases.push({ name: `${from}/${name}`, from, dir, inputDir, configPath: config.path, options });
    }
  }
  return cases;
}

/** The default dialect of every format, plus any extra dialect a case has expectations for. */
export function targetsOf(goldenCase: GoldenCase): GoldenTarget[] {
  const targets: GoldenTarget[] = formatIds.map((id) => {
    const version = formats[id].versions?.[0];
    return version ? { stem: id, id, version } : { stem: id, id };
  });
  for (const id of formatIds) {
    for (const version of formats[id].versions?.slice(1) ?? []) {
      if (existsSync(join(goldenCase.dir, `${id}@${version}.yml`))) targets.push({ stem: `${id}@${version}`, id, version });
    }
  }
  return targets;
}

export function readInput(goldenCase: GoldenCase): string {
  return readFileSync(join(goldenCase.inputDir, goldenCase.configPath), 'utf8');
}

export function runCase(goldenCase: GoldenCase, target: GoldenTarget, text = readInput(goldenCase)): TranslateResult {
  const emit: EmitOptions = { ...(goldenCase.options.emit?.[target.id] ?? {}), ...(target.version ? { version: target.version } : {}) };
  return translate({
    file: goldenCase.configPath,
    text,
    from: goldenCase.from,
    to: target.id,
    repository: openRepository(goldenCase.inputDir),
    emit,
    ...(goldenCase.options.parse ? { parse: goldenCase.options.parse } : {}),
  });
}

export function diagnosticsText(result: TranslateResult): string {
  return formatText(result.diagnostics, result.sources);
}

/** The entries of a list file under golden/, one per line; `#` starts a comment. */
function readListFile(name: string): Set<string> {
  const file = join(goldenRoot, name);
  if (!existsSync(file)) return new Set();
  return new Set(
    readFileSync(file, 'utf8')
      .split('\n')
      .map((line) => line.replace(/#.*/, '').trim())
      .filter(Boolean),
  );
}

/** Entries `<from>/<case> -> <stem>` that are expected to fail. */
export function readKnownFailures(): Set<string> {
  return readListFile('known-failures.txt');
}

/**
 * Behaviour differences that no specific diagnostic names yet: `<from>/<case> -> <stem>: <kind>`,
 * one per line under a `#` comment that gives the reason. The golden runner fails on an unnamed
 * difference not listed here and on an entry that no longer happens, so the list can only shrink.
 */
export function readKnownBehaviourDifferences(): Set<string> {
  return readListFile('known-behaviour-differences.txt');
}

/** The `<case> -> <stem>: <kind>` entries of a translation's differences that only the comparison named. */
export function unnamedBehaviour(goldenCase: GoldenCase, target: GoldenTarget, result: TranslateResult): string[] {
  return [...new Set((result.behaviour?.unnamed ?? []).map((d) => `${goldenCase.name} -> ${target.stem}: ${d.kind}`))].sort();
}
