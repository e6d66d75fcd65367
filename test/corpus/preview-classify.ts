import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parse } from 'yaml';
import type { ResolvedView } from '../../src/formats/gitlab/resolved-view.js';
import type { JsonValue } from '../../src/ir/types.js';
import { canonical, type Difference } from './preview-compare.js';

/**
 * Explained differences between ciport's resolution and gitlab-ci-local's `--preview`: the
 * explanations are data (preview-differences.yml), the test of whether a difference belongs to a
 * category is one small function per category here. Both lists must name the same ids.
 */

export interface Category {
  id: string;
  /** The field the category is about (documentation; the matcher decides). */
  field: string;
  /** `equivalent`: same meaning, different spelling; `gitlab-ci-local`: it differs from GitLab; `ciport`: our documented choice. */
  verdict: 'equivalent' | 'gitlab-ci-local' | 'ciport';
  why: string;
  reference: string;
}

export interface Views {
  ours: ResolvedView;
  theirs: ResolvedView;
  /** The text of every file of the configuration (to see which features it uses). */
  source?: string;
}

type Json = JsonValue;
type Matcher = (d: Difference, views: Views) => boolean;
const isMap = (v: Json | undefined): v is { [key: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v);

export function loadCategories(): Category[] {
  const text = readFileSync(join(import.meta.dirname, 'preview-differences.yml'), 'utf8');
  return parse(text) as Category[];
}

/** Keys `default:` sets that gitlab-ci-local 4.73 never copies into jobs (it copies six). */
const notInheritedByGcl = new Set(['interruptible', 'tags', 'timeout', 'retry', 'hooks', 'id_tokens', 'identity']);

/** A cache that saves nothing: no paths and no untracked files (read-cache.ts gives it no steps). */
const savesNothing = (c: Json): boolean => isMap(c) && !(Array.isArray(c.paths) && c.paths.length > 0) && c.untracked !== true;

/** gitlab-ci-local's caches: those with paths, each with four keys only. */
function gclCache(items: Json): Json {
  if (!Array.isArray(items)) return items;
  return items
    .filter((c) => isMap(c) && Array.isArray(c.paths))
    .map((c) => {
      const m = c as { [key: string]: Json };
      return Object.fromEntries(['key', 'paths', 'policy', 'when'].filter((k) => m[k] !== undefined).map((k) => [k, m[k]!]));
    });
}

/** gitlab-ci-local's string for a variable written as `{value, expand, description, options}`. */
function gclVariable(value: Json): Json {
  if (value === null) return '';
  if (!isMap(value)) return value;
  const text = String(value.value ?? '');
  return value.expand === false ? text.replaceAll('$', '$$$$') : text;
}

/** Whether `theirs` equals `ours` once every entry of `ours` went through `transform`. */
function mapsEqualAfter(ours: Json | undefined, theirs: Json | undefined, transform: (v: Json) => Json): boolean {
  if (!isMap(ours) || !isMap(theirs)) return false;
  const mapped = Object.fromEntries(Object.entries(ours).map(([k, v]) => [k, transform(v)]));
  return isDeepStrictEqual(mapped, theirs) && !isDeepStrictEqual(ours, theirs);
}

/**
 * Whether two values differ only in strings where ours is theirs after `truncate` (a piece of it)
 * or `posix_escape` (backslashes added): gitlab-ci-local applies no interpolation function.
 */
function onlyFunctionsDiffer(ours: Json | undefined, theirs: Json | undefined): boolean {
  if (typeof ours === 'string' && typeof theirs === 'string') return ours === theirs || theirs.includes(ours) || ours.replace(/\\(.)/g, '$1') === theirs;
  if (Array.isArray(ours) && Array.isArray(theirs)) return ours.length === theirs.length && ours.every((o, i) => onlyFunctionsDiffer(o, theirs[i]));
  if (isMap(ours) && isMap(theirs)) {
    const keys = Object.keys(ours);
    return isDeepStrictEqual(keys, Object.keys(theirs)) && keys.every((k) => onlyFunctionsDiffer(ours[k], theirs[k]));
  }
  return isDeepStrictEqual(ours, theirs);
}

export const matchers: Record<string, Matcher> = {
  'gcl-interpolation-functions': (d, { source }) =>
    /\$\[\[[^\]]*\|\s*(truncate|posix_escape)/.test(source ?? '') && d.ours !== undefined && d.theirs !== undefined && onlyFunctionsDiffer(d.ours, d.theirs),
  'gcl-rules-needs-applied': (d, { ours }) => {
    if (d.job === undefined || d.field !== 'needs') return false;
    const rules = ours.jobs[d.job]?.rules;
    const ruleNeeds = (Array.isArray(rules) ? rules.flat(9) : []).flatMap((r) => (isMap(r) && r.needs !== undefined ? [canonical('needs', r.needs)] : []));
    return ruleNeeds.some((needs) => isDeepStrictEqual(needs, d.theirs));
  },
  'gcl-implicit-stages': (d) => {
    if (d.job !== undefined || d.field !== 'stages') return false;
    const base = Array.isArray(d.ours) ? d.ours.filter((s) => s !== '.pre' && s !== '.post') : ['build', 'test', 'deploy'];
    return isDeepStrictEqual(d.theirs, ['.pre', ...base, '.post']);
  },
  'gcl-default-keywords': (d, { ours }) =>
    d.job !== undefined && notInheritedByGcl.has(d.field) && d.theirs === undefined && (ours.inherited[d.job] ?? []).includes(d.field),
  'gcl-workflow-rule-variables': (d, { ours }) => {
    if (d.job !== undefined || d.field !== 'variables' || !isMap(d.theirs)) return false;
    const theirs = d.theirs;
    const ourVars = isMap(d.ours) ? d.ours : {};
    const ruleVars = (isMap(ours.workflow) && Array.isArray(ours.workflow.rules) ? ours.workflow.rules : []).flatMap((r) => (isMap(r) && isMap(r.variables) ? [r.variables] : []));
    const changed = Object.keys(theirs).filter((k) => !isDeepStrictEqual(theirs[k], ourVars[k]));
    const dropped = Object.keys(ourVars).some((k) => !(k in theirs));
    return !dropped && changed.length > 0 && changed.every((k) => ruleVars.some((vars) => String(vars[k]) === theirs[k]));
  },
  'gcl-cache-without-paths': (d) =>
    d.field === 'cache' && Array.isArray(d.ours) && isDeepStrictEqual(d.ours.filter((c) => !savesNothing(c)), d.theirs ?? []) && d.ours.some(savesNothing),
  'gcl-cache-keys': (d) => d.field === 'cache' && d.job !== undefined && isDeepStrictEqual(gclCache(d.ours ?? null), d.theirs),
  'gcl-variable-objects': (d) => d.field === 'variables' && mapsEqualAfter(d.ours, d.theirs, gclVariable),
};

/** The category of a difference, or `undefined` when nothing explains it. */
export function classify(d: Difference, views: Views, categories: Category[]): string | undefined {
  for (const category of categories) if (matchers[category.id]?.(d, views)) return category.id;
  return undefined;
}
