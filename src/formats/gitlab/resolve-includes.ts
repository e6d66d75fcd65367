import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { join, relative, isAbsolute } from 'node:path';
import { didYouMeanKey } from '../../diagnostics/did-you-mean.js';
import { report } from '../../diagnostics/report.js';
import type { DiagnosticSink } from '../../diagnostics/types.js';
import type { SourceSet } from '../../diagnostics/source-map.js';
import type { Condition, JsonValue, Origin, Rule } from '../../ir/types.js';
import { isWildcardPath } from '../../io/repository.js';
import { loadYaml } from '../../yaml/load.js';
import { createReader, type YamlReader } from '../../yaml/view.js';
import type { ParseOptions, RepositoryAccess } from '../types.js';
import { deepMerge, entryOriginOf, fromYaml, get, nodeOrigin, takeEntry, takeTree, textOf, toJson, type MEntry, type MNode } from './merged.js';
import { allOf, anyOf, readRules } from './read-rules.js';
import { readString, readStringList, wrongType } from './read-values.js';
import { globalKeys } from './resolve-extends.js';
import { inputValues, interpolateInputs } from './resolve-inputs.js';

export interface IncludeContext {
  sink: DiagnosticSink;
  sources: SourceSet;
  repository?: RepositoryAccess;
  options: ParseOptions;
}

export interface IncludeOutcome {
  /** The main file's content with every readable include merged under it. */
  root: MNode;
  /** Readers of every included file, for the unconsumed-key sweep. */
  readers: YamlReader[];
  /** Includes that were not fetched (project, remote, template, component, unreadable local), as written. */
  kept: JsonValue[];
  /** Jobs defined only by includes with `rules:`: the condition under which GitLab adds them. */
  jobConditions: Map<string, IncludedJobCondition>;
}

export interface IncludedJobCondition {
  /** When the including file's rules include the file that defines the job. */
  condition: Condition;
  /** The `rules:` of the include, for diagnostics. */
  origin?: Origin;
}

/** GitLab's limit on includes per pipeline, nested and repeated ones included (https://docs.gitlab.com/ci/yaml/#include). */
const maxIncludes = 150;

interface State {
  ctx: IncludeContext;
  seen: Set<string>;
  readers: YamlReader[];
  kept: JsonValue[];
  count: number;
  /** Includes each file read stands for (itself and its nested ones), counted again when it is repeated. */
  sizes: Map<string, number>;
  overLimit: boolean;
  /** Jobs of conditionally included files, with the conditions of every file that defines them. */
  conditional: Map<string, { conditions: Condition[]; origin?: Origin }>;
  /** Jobs some unconditional file (the main one included) defines. */
  unconditional: Set<string>;
}

/** What an include depends on: its own `rules:` and those of the includes above it. */
interface Inclusion {
  condition: Condition;
  origin?: Origin;
}

/**
 * Resolves `include:` on merged nodes. Included files are merged in order, later ones winning,
 * and the including file wins over all of them; includes are evaluated first wherever they are
 * written (gitlab-ci.md §2 `include`). Local paths are repository-relative and may not leave the
 * repository; nothing is fetched from the network.
 */
export function resolveIncludes(root: MNode, file: string, ctx: IncludeContext): IncludeOutcome {
  const state: State = {
    ctx,
    seen: new Set([normalizePath(file) ?? file]),
    readers: [],
    kept: [],
    count: 0,
    sizes: new Map(),
    overLimit: false,
    conditional: new Map(),
    unconditional: new Set(),
  };
  noteJobs(root, state, undefined);
  const resolved = expand(root, state, 0, undefined);
  return { root: resolved, readers: state.readers, kept: state.kept, jobConditions: jobConditions(state) };
}

function expand(root: MNode, state: State, depth: number, inclusion: Inclusion | undefined): MNode {
  if (root.kind !== 'map') return root;
  const includeEntry = root.entries.find((e) => e.key === 'include');
  if (!includeEntry) return root;
  takeEntry(includeEntry);
  const rest: MNode = { ...root, entries: root.entries.filter((e) => e !== includeEntry) };
  let merged: MNode | undefined;
  for (const item of includeItems(includeEntry, state)) {
    const content = loadItem(item, includeEntry, state, depth, inclusion);
    if (content) merged = merged ? deepMerge(merged, content) : content;
  }
  return merged ? deepMerge(merged, rest) : rest;
}

/** Records which jobs a file defines, and whether it is included under a condition. */
function noteJobs(content: MNode, state: State, inclusion: Inclusion | undefined): void {
  if (content.kind !== 'map') return;
  for (const entry of content.entries) {
    if (globalKeys.has(entry.key) || entry.key.startsWith('.')) continue;
    if (!inclusion) {
      state.unconditional.add(entry.key);
      continue;
    }
    const known = state.conditional.get(entry.key);
    if (known) known.conditions.push(inclusion.condition);
    else state.conditional.set(entry.key, { conditions: [inclusion.condition], ...(inclusion.origin ? { origin: inclusion.origin } : {}) });
  }
}

/**
 * The condition of each job that conditionally included files define: it exists when any of them
 * is included. A job an unconditional file also defines (keys merged into an included job) keeps
 * the condition: without the include, GitLab would have only part of the job.
 */
function jobConditions(state: State): Map<string, IncludedJobCondition> {
  const out = new Map<string, IncludedJobCondition>();
  for (const [job, { conditions, origin }] of state.conditional) {
    const condition = anyOf(conditions)!;
    if (state.unconditional.has(job)) {
      report(state.ctx.sink, 'semantic-difference', `job "${job}" is defined by an include with rules and extended elsewhere; the whole job is read as depending on the include's rules`, {
        origin,
        hint: 'Without the include, GitLab would see only the keys defined outside it.',
      });
    }
    out.set(job, { condition, ...(origin ? { origin } : {}) });
  }
  return out;
}

/**
 * When GitLab includes a file with `include:rules`: the first rule that matches decides, and it
 * includes the file unless its `when` is `never`; no match leaves the file out
 * (https://docs.gitlab.com/ci/yaml/includes/#use-rules-with-include). An earlier rule that
 * includes makes later ones irrelevant, so only earlier `never` rules need negating.
 */
export function inclusionCondition(rules: Rule[]): Condition {
  const including: Condition[] = [];
  const excluded: Condition[] = [];
  for (const rule of rules) {
    const condition: Condition = rule.condition ?? { kind: 'literal', value: true };
    if (rule.when === 'never') excluded.push(condition);
    else including.push(allOf([...excluded.map((c): Condition => ({ kind: 'not', condition: c })), condition]) ?? condition);
    if (!rule.condition) break;
  }
  const live = including.filter((c) => !(c.kind === 'literal' && c.value === false));
  if (live.some((c) => c.kind === 'literal' && c.value === true)) return { kind: 'literal', value: true };
  return anyOf(live) ?? { kind: 'literal', value: false };
}

function includeItems(entry: MEntry, state: State): MNode[] {
  const value = entry.value;
  if (value.kind === 'seq') return value.items.flatMap((item) => (item.kind === 'seq' ? item.items : [item]));
  if (value.kind === 'scalar' && value.value === null) return [];
  return [value];
}

function loadItem(item: MNode, entry: MEntry, state: State, depth: number, inherited: Inclusion | undefined): MNode | undefined {
  const { ctx } = state;
  if (item.kind === 'scalar') {
    const text = textOf(item) ?? '';
    // A plain string is shorthand: an https URL means `remote`, anything else `local` (§2).
    if (/^https?:\/\//.test(text)) return keep(item, state, 'remote', text);
    return loadLocal(text, item, state, depth, undefined, undefined, inherited);
  }
  if (item.kind !== 'map') {
    wrongType(ctx, item, 'include', 'a string or a mapping');
    return undefined;
  }
  for (const e of item.entries) takeEntry(e);
  const rules = get(item, 'rules');
  let inclusion = inherited;
  if (rules) {
    const origin = nodeOrigin(rules) ?? inherited?.origin;
    const own = inclusionCondition(readRules({ sink: ctx.sink }, rules, 'include.rules'));
    const condition = inherited ? (allOf([inherited.condition, own]) ?? own) : own;
    inclusion = { condition, ...(origin ? { origin } : {}) };
  }
  // Values for the included file's spec:inputs; interpolated when the file is read (loadFile).
  const inputs = get(item, 'inputs');
  if (inputs) takeTree(inputs);
  const known = new Set(['local', 'project', 'file', 'ref', 'remote', 'template', 'component', 'rules', 'inputs', 'integrity']);
  for (const e of item.entries) {
    if (!known.has(e.key)) report(ctx.sink, 'unknown-key', `key "include.${e.key}" is not understood and is not translated`, { origin: entryOriginOf(e), hint: didYouMeanKey(e.key, known) });
  }
  const local = readString(ctx, get(item, 'local'), 'include.local');
  if (local !== undefined) return loadLocal(local, item, state, depth, get(item, 'local'), inputs, inclusion);
  const project = readString(ctx, get(item, 'project'), 'include.project');
  if (project !== undefined) {
    const files = readStringList(ctx, get(item, 'file'), 'include.file') ?? [];
    const fromCopies = state.ctx.options.includeDir ? loadProjectCopies(project, files, item, state, depth, inputs, inclusion) : undefined;
    if (fromCopies) return fromCopies;
    return keep(item, state, 'project', `${project}:${files.join(',')}`, Math.max(files.length, 1));
  }
  for (const kind of ['remote', 'template', 'component'] as const) {
    const value = readString(ctx, get(item, kind), `include.${kind}`);
    if (value !== undefined) return keep(item, state, kind, value);
  }
  report(ctx.sink, 'missing-key', 'an include item names none of local, project, remote, template or component', {
    origin: nodeOrigin(item) ?? entryOriginOf(entry),
  });
  return undefined;
}

function keep(item: MNode, state: State, kind: string, what: string, files = 1): undefined {
  withinLimit(state, files, what, nodeOrigin(item));
  takeTree(item);
  state.kept.push(toJson(item));
  report(
    state.ctx.sink,
    'gitlab-include-external',
    `include ${kind} "${what}" is not fetched; it is kept as an include for GitLab output and its jobs are not translated`,
    {
      origin: nodeOrigin(item),
      hint: 'Pass --include-dir with local copies (<project>/<file>) to translate the included jobs too.',
    },
  );
  return undefined;
}

/** A repository-relative path without `./`, or `undefined` when it leaves the repository. */
export function normalizePath(path: string): string | undefined {
  const parts: string[] = [];
  for (const part of path.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
      continue;
    }
    parts.push(part);
  }
  return parts.join('/');
}

function loadLocal(path: string, item: MNode, state: State, depth: number, at: MNode | undefined, inputs: MNode | undefined, inclusion: Inclusion | undefined): MNode | undefined {
  const { ctx } = state;
  const origin = nodeOrigin(at ?? item);
  const normalized = normalizePath(path);
  if (normalized === undefined || normalized === '') {
    report(ctx.sink, 'gitlab-include-outside', `include "${path}" points outside the repository; it is not read`, { origin });
    return undefined;
  }
  if (!ctx.repository) {
    withinLimit(state, 1, path, origin);
    takeTree(item);
    state.kept.push(toJson(item));
    report(ctx.sink, 'gitlab-include-unresolved', `include "${path}" is not read: the file was given without its repository`, {
      origin,
      hint: 'Translate the repository directory instead of the single file to resolve local includes.',
    });
    return undefined;
  }
  if (ctx.repository.refusedSymlink?.(normalized)) {
    // A file of the machine must never reach the output: the whole translation is refused (exit 2).
    report(ctx.sink, 'input-outside-repository', `include "${path}" is a symlink that leads outside the repository; ciport does not follow it`, { origin });
    return undefined;
  }
  const wildcard = isWildcardPath(normalized);
  const paths = wildcard ? ctx.repository.glob(normalized) : [normalized];
  if (!wildcard && !ctx.repository.exists(normalized)) {
    // GitLab refuses a local include of a missing file (https://docs.gitlab.com/ci/yaml/#includelocal).
    report(ctx.sink, 'gitlab-include-missing', `include "${path}" names a file the repository does not hold; GitLab refuses the configuration`, {
      origin,
      hint: 'Commit the file, or remove the include.',
    });
    return undefined;
  }
  if (paths.length === 0) {
    report(ctx.sink, 'gitlab-include-unresolved', `include "${path}" matches no file in the repository`, { origin });
    return undefined;
  }
  let merged: MNode | undefined;
  for (const file of paths) {
    const text = ctx.repository.readFile(file);
    if (text === undefined) {
      report(ctx.sink, 'gitlab-include-unresolved', `include "${file}" cannot be read (missing, unreadable or outside the repository)`, { origin });
      continue;
    }
    const content = loadFile(file, text, state, depth, origin, inputs, inclusion);
    if (content) merged = merged ? deepMerge(merged, content) : content;
  }
  return merged;
}

function loadProjectCopies(project: string, files: string[], item: MNode, state: State, depth: number, inputs: MNode | undefined, inclusion: Inclusion | undefined): MNode | undefined {
  const base = state.ctx.options.includeDir!;
  let merged: MNode | undefined;
  let all = files.length > 0;
  const contents: MNode[] = [];
  for (const file of files) {
    const relativePath = normalizePath(`${project}/${file}`);
    const full = relativePath === undefined ? undefined : join(base, relativePath);
    if (!full || !existsSync(full) || !isInside(base, full)) {
      all = false;
      break;
    }
    const content = loadFile(`${project}/${normalizePath(file)}`, readFileSync(full, 'utf8'), state, depth, nodeOrigin(item), inputs, inclusion);
    if (content) contents.push(content);
  }
  if (!all) return undefined;
  takeTree(item);
  for (const content of contents) merged = merged ? deepMerge(merged, content) : content;
  return merged ?? { kind: 'map', entries: [], reader: item.reader, node: null };
}

function isInside(base: string, full: string): boolean {
  try {
    const rel = relative(realpathSync(base), realpathSync(full));
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  } catch {
    return false;
  }
}

function loadFile(file: string, text: string, state: State, depth: number, origin: ReturnType<typeof nodeOrigin>, inputs: MNode | undefined, inclusion: Inclusion | undefined): MNode | undefined {
  const { ctx } = state;
  // GitLab reads a file included twice once, unless the inputs differ (gitlab-ci.md §3).
  const seenKey = inputs ? `${file}\u0000${JSON.stringify(toJson(inputs))}` : file;
  if (state.seen.has(seenKey)) {
    // Read once, but GitLab counts the repeat and what it includes again (https://docs.gitlab.com/ci/yaml/#include).
    withinLimit(state, state.sizes.get(seenKey) ?? 1, file, origin);
    return undefined;
  }
  if (!withinLimit(state, 1, file, origin)) return undefined;
  if (depth > 100) {
    report(ctx.sink, 'gitlab-include-limit', `includes nest more than 100 levels deep; "${file}" and deeper ones are not read`, { origin });
    return undefined;
  }
  state.seen.add(seenKey);
  ctx.sources.add(file, text);
  const loaded = loadYaml(text, file, ctx.sink);
  if (!loaded.body) return undefined;
  const reader = createReader(file, loaded.body);
  state.readers.push(reader);
  let header: MNode | undefined;
  if (loaded.header) {
    header = fromYaml(createReader(file, loaded.header), loaded.header.contents);
    takeTree(header);
  }
  let content = fromYaml(reader, loaded.body.contents);
  // Inputs are interpolated in the file's own content before it is merged (gitlab-ci.md §3).
  if (header || inputs) content = interpolateInputs(ctx.sink, content, inputValues(ctx.sink, header, inputs, file, origin), file);
  if (content.kind !== 'map') {
    wrongType(ctx, content, file, 'a mapping of jobs and keywords');
    return undefined;
  }
  noteJobs(content, state, inclusion);
  if (inclusion) reportConditionalGlobals(content, file, state, inclusion);
  const before = state.count;
  const expanded = expand(content, state, depth + 1, inclusion);
  state.sizes.set(seenKey, state.count - before + 1);
  return expanded;
}

/**
 * Counts `n` includes as GitLab does: every included file, nested and repeated ones too, up to 150
 * (https://docs.gitlab.com/ci/yaml/#include). Past the limit GitLab refuses the configuration; it is
 * said once, and no further file is read. Whether `what` may still be read is returned.
 */
function withinLimit(state: State, n: number, what: string, origin: ReturnType<typeof nodeOrigin>): boolean {
  state.count += n;
  if (state.count <= maxIncludes) return true;
  if (!state.overLimit) {
    state.overLimit = true;
    report(state.ctx.sink, 'gitlab-include-limit', `more than ${maxIncludes} includes (GitLab counts nested and repeated ones); "${what}" and later ones are not read`, {
      origin,
      hint: 'GitLab refuses the configuration past 150 includes; merge small included files.',
    });
  }
  return false;
}

/**
 * Keywords of a conditionally included file (global variables, default:, workflow:, stages) apply
 * to every pipeline once merged: only its jobs carry the include's rules.
 */
function reportConditionalGlobals(content: MNode, file: string, state: State, inclusion: Inclusion): void {
  if (content.kind !== 'map') return;
  const globals = content.entries.filter((e) => globalKeys.has(e.key) && e.key !== 'include' && e.key !== 'spec');
  if (globals.length === 0) return;
  report(state.ctx.sink, 'semantic-difference', `"${file}" is included by rules, but its top-level ${globals.map((e) => e.key).join(', ')} ${globals.length === 1 ? 'applies' : 'apply'} as if it were always included; only its jobs follow the rules`, {
    origin: inclusion.origin ?? entryOriginOf(globals[0]!),
  });
}
