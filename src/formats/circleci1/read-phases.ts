import { isMap, isSeq } from 'yaml';
import type { Extension, Origin, RunStep, Step, Variable } from '../../ir/types.js';
import { commentsOf, entries, items, stringValue, type Entry } from '../../yaml/view.js';
import type { KnownKeys } from '../../yaml/account.js';
import { inferPhase } from './infer.js';
import { readCommands, type CommandSection } from './read-command.js';
import { at, diagnose, take, wrongType, type ReadContext } from './read-context.js';

/** Defaults per section (configuration.md "Modifiers"; compile is not documented and left unsaid). */
export function sectionOf(phase: string): CommandSection {
  switch (phase) {
    case 'machine':
    case 'checkout':
    case 'dependencies':
    case 'database':
      return { phase, parallelDefault: true };
    case 'test':
      return { phase, parallelDefault: false, continueOnFailure: true };
    case 'deployment':
      return { phase, parallelForbidden: true };
    default:
      return { phase };
  }
}

/** The sub-keys each section accepts (configuration.md §1 table). */
const allowedLists: Record<string, readonly string[]> = {
  machine: ['pre', 'post'],
  checkout: ['post'],
  dependencies: ['pre', 'override', 'post'],
  database: ['pre', 'override', 'post'],
  compile: ['pre', 'override', 'post'],
  test: ['pre', 'override', 'post'],
};

/** The keys a section's mapping accepts, for the "did you mean" of the unknown-key sweep. */
export const sectionKeys: KnownKeys = (path) => (path.length === 1 ? allowedLists[String(path[0])] : undefined);

export interface PhaseRead {
  steps: Step[];
  /** `dependencies.cache_directories` plus the directories 1.0 cached for inferred tools. */
  cacheDirectories: string[];
  cacheOrigin?: Origin;
  environment: Variable[];
  extensions: Extension[];
}

/**
 * One command phase: `pre`, then `override` or what 1.0 inferred, then `post`. Other keys of the
 * section are read by `readPhaseExtras`; `machine` keys other than pre/post by read-machine.
 */
export function readPhase(ctx: ReadContext, phase: string, section: Entry | undefined): PhaseRead {
  const result: PhaseRead = { steps: [], cacheDirectories: [], environment: [], extensions: [] };
  const path = [phase];
  if (section && !isMap(section.value) && section.value !== null) {
    wrongType(ctx, section, path, `a map of ${allowedLists[phase]?.join('/') ?? 'keys'}`);
    return result;
  }
  if (section) take(ctx, section);
  const list = (key: string): Entry | undefined => {
    const e = section ? entries(ctx.reader, section.value).find((x) => x.key === key) : undefined;
    if (e && !allowedLists[phase]?.includes(key)) {
      diagnose(ctx, 'circleci1-section-key', `"${phase}" does not accept "${key}" in CircleCI 1.0; its commands are read in order`, at(ctx, e, [...path, key]));
    }
    return e;
  };
  const defaults = sectionOf(phase);
  const pre = list('pre');
  const override = list('override');
  const post = list('post');
  if (pre) result.steps.push(...readCommands(ctx, pre, [...path, 'pre'], defaults));
  if (override) {
    result.steps.push(...readCommands(ctx, override, [...path, 'override'], defaults));
  } else {
    // A phase the file never writes is still a place 1.0 ran commands: the file's start.
    const origin = section ? at(ctx, section, path) : { file: ctx.reader.file, range: [0, 0] as [number, number] };
    const inferred = inferPhase(ctx, phase, origin);
    result.steps.push(...inferred.steps);
    result.cacheDirectories.push(...inferred.cache);
  }
  if (post) result.steps.push(...readCommands(ctx, post, [...path, 'post'], defaults));
  if (section) readPhaseExtras(ctx, phase, section, result);
  if (section && section.keyNode !== ctx.headerKey) carrySectionComment(section, result.steps);
  return result;
}

/**
 * A comment above a section key has no IR node of its own; it goes above the section's first
 * command so no target drops it (a 1.0 → 1.0 trip moves it from the key to that command).
 */
export function carrySectionComment(section: Entry, steps: Step[]): void {
  const before = commentsOf(section)?.before;
  const first = steps.find((s): s is RunStep => s.kind === 'run');
  if (!before?.length || !first) return;
  first.comments = { ...first.comments, before: [...before, ...(first.comments?.before ?? [])] };
}

function readPhaseExtras(ctx: ReadContext, phase: string, section: Entry, result: PhaseRead): void {
  for (const e of entries(ctx.reader, section.value)) {
    const path = [phase, e.key];
    if (phase === 'dependencies' && e.key === 'cache_directories') {
      const directories = readStrings(ctx, e, path);
      if (directories) {
        // Explicit directories first, then the ones 1.0 cached on its own for inferred tools.
        result.cacheDirectories.unshift(...directories.filter((d) => !result.cacheDirectories.includes(d)));
        result.cacheOrigin = at(ctx, e, path);
      }
    } else if (phase === 'dependencies' && e.key === 'bundler') {
      readBundler(ctx, e, result);
    } else if (phase === 'test' && e.key === 'minitest_globs') {
      const globs = readStrings(ctx, e, path);
      // No neutral meaning: it only steered 1.0's inferred parallel MiniTest runs (configuration.md §5).
      if (globs) result.extensions.push(extension('test.minitest_globs', globs, at(ctx, e, path)));
    }
  }
}

function readBundler(ctx: ReadContext, e: Entry, result: PhaseRead): void {
  if (!isMap(e.value)) return wrongType(ctx, e, ['dependencies', 'bundler'], 'a map with `without`');
  take(ctx, e);
  const without = entries(ctx.reader, e.value).find((x) => x.key === 'without');
  if (!without) return;
  const path = ['dependencies', 'bundler', 'without'];
  const groups = readStrings(ctx, without, path);
  if (!groups?.length) return;
  // Bundler reads BUNDLE_WITHOUT (colon-separated) for every `bundle install`, inferred or not.
  const variable: Variable = { name: 'BUNDLE_WITHOUT', value: groups.join(':') };
  const origin = at(ctx, without, path);
  if (origin) variable.origin = origin;
  result.environment.push(variable);
}

/** A list of strings; a single string is accepted as a one-item list with a warning. */
export function readStrings(ctx: ReadContext, e: Entry, path: Array<string | number>): string[] | undefined {
  if (!isSeq(e.value)) {
    const single = stringValue(ctx.reader, e.value);
    if (single === undefined || isMap(e.value)) {
      if (e.value === null) {
        take(ctx, e);
        return [];
      }
      wrongType(ctx, e, path, 'a list of strings');
      return undefined;
    }
    take(ctx, e);
    diagnose(ctx, 'coerced-value', `"${path.join('.')}" should be a list; read as a list of one`, at(ctx, e, path));
    return [single];
  }
  take(ctx, e);
  const values: string[] = [];
  items(ctx.reader, e.value).forEach((item, index) => {
    const text = stringValue(ctx.reader, item);
    if (text === undefined) {
      if (item !== null) diagnose(ctx, 'wrong-type', `"${[...path, index].join('.')}" should be a string`, at(ctx, e, path));
      return;
    }
    values.push(text);
  });
  return values;
}

export function extension(key: string, value: Extension['value'], origin: Origin | undefined): Extension {
  return origin ? { format: 'circleci1', key, value, origin } : { format: 'circleci1', key, value };
}

export type { RunStep };
