import type { Condition, Matcher } from '../../ir/types.js';
import { toFullMatchPattern } from '../../ir/pattern.js';

/** Problems found while writing a condition; the caller reports them with its own origin. */
export interface ConditionNotes {
  inexact: string[];
  unsupported: string[];
}

export function newNotes(): ConditionNotes {
  return { inexact: [], unsupported: [] };
}

export { rulesToCondition } from '../../ir/rule-condition.js';

export type FilterValue = string | string[];
export interface RefFilter {
  only?: FilterValue;
  ignore?: FilterValue;
}
export interface Filters {
  branches?: RefFilter;
  tags?: RefFilter;
}

/** `undefined` means "every name"; `[]` means "none". */
type NameSet = { only?: string[]; ignore?: string[] } | 'none';

/**
 * Writes a run condition as workflow `filters` when it is a pure branch/tag condition
 * (spec §6.1): `undefined` when it is not expressible that way.
 */
export function conditionToFilters(condition: Condition, notes: ConditionNotes): Filters | undefined {
  const disjuncts = condition.kind === 'or' ? flattenOr(condition) : [condition];
  if (condition.kind === 'literal') {
    return condition.value ? { tags: { only: '/.*/' } } : { branches: { ignore: '/.*/' } };
  }
  const branch: Condition[] = [];
  const tag: Condition[] = [];
  for (const d of disjuncts) {
    const ref = refOf(d);
    if (ref === 'branch') branch.push(d);
    else if (ref === 'tag') tag.push(d);
    else return undefined;
  }
  const branches = nameSet(branch, 'branch', notes);
  const tags = nameSet(tag, 'tag', notes);
  if (!branches || !tags) return undefined;
  const filters: Filters = {};
  if (branches === 'none') filters.branches = { ignore: '/.*/' };
  else if (branches.only || branches.ignore) filters.branches = toRefFilter(branches);
  if (tags !== 'none') filters.tags = tags.only || tags.ignore ? toRefFilter(tags) : { only: '/.*/' };
  return filters;
}

function toRefFilter(set: { only?: string[]; ignore?: string[] }): RefFilter {
  const out: RefFilter = {};
  const one = (list: string[]): FilterValue => (list.length === 1 ? list[0]! : list);
  if (set.only) out.only = one(set.only);
  if (set.ignore) out.ignore = one(set.ignore);
  return out;
}

function flattenOr(c: Condition): Condition[] {
  return c.kind === 'or' ? c.any.flatMap(flattenOr) : [c];
}

/** The one ref kind a condition is about, or `undefined` when it mixes kinds or is not about refs. */
function refOf(c: Condition): 'branch' | 'tag' | undefined {
  switch (c.kind) {
    case 'ref':
      return c.ref;
    case 'not':
      return refOf(c.condition);
    case 'and':
    case 'or': {
      const kinds = new Set(c.kind === 'and' ? c.all.map(refOf) : c.any.map(refOf));
      return kinds.size === 1 ? [...kinds][0] : undefined;
    }
    default:
      return undefined;
  }
}

function nameSet(disjuncts: Condition[], ref: 'branch' | 'tag', notes: ConditionNotes): NameSet | undefined {
  if (disjuncts.length === 0) return 'none';
  const only: string[] = [];
  let any = false;
  let ignore: string[] | undefined;
  for (const d of disjuncts) {
    if (d.kind === 'ref') {
      if (!d.match) any = true;
      else only.push(matcherText(d.match, notes));
      continue;
    }
    // and(ref [or matchers], not(matchers)): only/ignore.
    if (d.kind === 'and' && disjuncts.length === 1) {
      const positives = d.all.filter((p) => p.kind !== 'not');
      const negatives = d.all.filter((p): p is Extract<Condition, { kind: 'not' }> => p.kind === 'not');
      const positiveNames: string[] = [];
      let positiveAny = false;
      for (const p of positives) {
        const list = p.kind === 'or' ? p.any : [p];
        for (const x of list) {
          if (x.kind !== 'ref') return undefined;
          if (!x.match) positiveAny = true;
          else positiveNames.push(matcherText(x.match, notes));
        }
      }
      if (positives.length > 1) return undefined;
      const ignored: string[] = [];
      for (const n of negatives) {
        const list = n.condition.kind === 'or' ? n.condition.any : [n.condition];
        for (const x of list) {
          if (x.kind !== 'ref' || !x.match) return undefined;
          ignored.push(matcherText(x.match, notes));
        }
      }
      return { ...(positiveAny || positives.length === 0 ? {} : { only: positiveNames }), ignore: ignored };
    }
    // A bare `not(branch = x)` also holds for tag pipelines, so it is not a branch filter.
    return undefined;
  }
  void ref;
  if (any) return {};
  return ignore ? { only, ignore } : { only };
}

function matcherText(match: Matcher, notes: ConditionNotes): string {
  if (match.kind === 'exact') return match.value;
  const converted = toFullMatchPattern(match);
  if (!converted.exact) notes.inexact.push(match.source);
  return `/${converted.source}/`;
}

type Logic = string | number | boolean | null | Logic[] | { [key: string]: Logic };

/** Whether the pipeline's branch is the default one, a boolean pipeline value (https://circleci.com/docs/reference/variables/). */
export const defaultBranchValue = 'pipeline.git.branch.is_default';

const sourceValue: Partial<Record<string, string>> = { schedule: 'scheduled_pipeline', api: 'api', push: 'webhook' };

/** A condition as a 2.1 logic statement (spec §11); `undefined` when it needs run-time values. */
export function conditionToLogic(c: Condition, notes: ConditionNotes): Logic | undefined {
  switch (c.kind) {
    case 'literal':
      return c.value;
    case 'default-branch':
      return `<< ${defaultBranchValue} >>`;
    case 'ref': {
      const value = c.ref === 'branch' ? '<< pipeline.git.branch >>' : '<< pipeline.git.tag >>';
      if (!c.match) return value;
      if (c.match.kind === 'exact') return { equal: [c.match.value, value] };
      const converted = toFullMatchPattern(c.match);
      if (!converted.exact) notes.inexact.push(c.match.source);
      return { matches: { pattern: converted.source, value } };
    }
    case 'var': {
      if (c.scope !== 'parameter') {
        notes.unsupported.push(`the run-time variable $${c.name}`);
        return undefined;
      }
      const value = `<< pipeline.parameters.${c.name} >>`;
      switch (c.op) {
        case 'truthy':
        case 'defined':
          return value;
        case 'undefined':
          return { not: value };
        case 'equals':
          return { equal: [c.value ?? '', value] };
        case 'not-equals':
          return { not: { equal: [c.value ?? '', value] } };
        case 'matches':
        case 'not-matches': {
          const pattern = c.pattern ? toFullMatchPattern(c.pattern) : { source: c.value ?? '', exact: true };
          if (!pattern.exact) notes.inexact.push(pattern.source);
          const m = { matches: { pattern: pattern.source, value } };
          return c.op === 'matches' ? m : { not: m };
        }
      }
      return undefined;
    }
    case 'source': {
      const value = sourceValue[c.source];
      if (!value) {
        notes.unsupported.push(`the pipeline source "${c.source}"`);
        return undefined;
      }
      return { equal: [value, '<< pipeline.trigger_source >>'] };
    }
    case 'and':
    case 'or': {
      const parts = (c.kind === 'and' ? c.all : c.any).map((p) => conditionToLogic(p, notes));
      if (parts.some((p) => p === undefined)) return undefined;
      return { [c.kind]: parts as Logic[] };
    }
    case 'not': {
      const inner = conditionToLogic(c.condition, notes);
      return inner === undefined ? undefined : { not: inner };
    }
    case 'opaque':
      if (c.format === 'circleci2') {
        try {
          return JSON.parse(c.text) as Logic;
        } catch {
          return c.text;
        }
      }
      notes.unsupported.push(`the ${c.format} expression "${c.text}"`);
      return undefined;
    default:
      notes.unsupported.push(`a "${c.kind}" condition`);
      return undefined;
  }
}

const quote = (text: string) => JSON.stringify(text);
/** A `/` inside `/…/` must be escaped. */
const delimit = (source: string) => source.replace(/(^|[^\\])\//g, '$1\\/');

/** A condition as an expression string (spec §11), for expression `filters`; `undefined` when it needs run-time values. */
export function conditionToExpression(c: Condition, notes: ConditionNotes): string | undefined {
  switch (c.kind) {
    case 'literal':
      return String(c.value);
    case 'default-branch':
      return defaultBranchValue;
    case 'ref': {
      const value = c.ref === 'branch' ? 'pipeline.git.branch' : 'pipeline.git.tag';
      if (!c.match) return value;
      if (c.match.kind === 'exact') return `${value} == ${quote(c.match.value)}`;
      const converted = toFullMatchPattern(c.match);
      if (!converted.exact) notes.inexact.push(c.match.source);
      return `${value} matches /${delimit(converted.source)}/`;
    }
    case 'var': {
      if (c.scope !== 'parameter') {
        notes.unsupported.push(`the run-time variable $${c.name}`);
        return undefined;
      }
      const value = `pipeline.parameters.${c.name}`;
      switch (c.op) {
        case 'truthy':
        case 'defined':
          return value;
        case 'undefined':
          return `not ${value}`;
        case 'equals':
          return `${value} == ${quote(c.value ?? '')}`;
        case 'not-equals':
          return `${value} != ${quote(c.value ?? '')}`;
        case 'matches':
        case 'not-matches': {
          const pattern = c.pattern ? toFullMatchPattern(c.pattern) : { source: c.value ?? '', exact: true };
          if (!pattern.exact) notes.inexact.push(pattern.source);
          return `${c.op === 'matches' ? '' : 'not '}${value} matches /${delimit(pattern.source)}/`;
        }
      }
      return undefined;
    }
    case 'source': {
      const value = sourceValue[c.source];
      if (!value) {
        notes.unsupported.push(`the pipeline source "${c.source}"`);
        return undefined;
      }
      return `pipeline.trigger_source == ${quote(value)}`;
    }
    case 'and':
    case 'or': {
      const parts = (c.kind === 'and' ? c.all : c.any).map((p) => conditionToExpression(p, notes));
      if (parts.some((p) => p === undefined)) return undefined;
      return parts.map((p) => `(${p})`).join(` ${c.kind} `);
    }
    case 'not': {
      const inner = conditionToExpression(c.condition, notes);
      return inner === undefined ? undefined : `not (${inner})`;
    }
    case 'opaque':
      if (c.format === 'circleci2') {
        const inner = /^\s*<<\s*([^<>]*?)\s*>>\s*$/.exec(c.text)?.[1];
        return inner ?? c.text;
      }
      notes.unsupported.push(`the ${c.format} expression "${c.text}"`);
      return undefined;
    default:
      notes.unsupported.push(`a "${c.kind}" condition`);
      return undefined;
  }
}
