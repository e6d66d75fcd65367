/** Evaluates IR conditions for one event, in three-valued logic. */
import type { Condition, Matcher, Pipeline } from '../ir/types.js';
import type { PipelineEvent, Truth } from './types.js';
import { javascriptSource } from '../ir/pattern.js';

export interface EvaluationContext {
  event: PipelineEvent;
  /** CI variables set for the event and by the pipeline itself. */
  variables: Record<string, string>;
  /** Pipeline parameter values: the event's, else the defaults. */
  parameters: Record<string, string>;
}

export function contextFor(pipeline: Pipeline, event: PipelineEvent, eventVariables: Record<string, string>): EvaluationContext {
  const variables: Record<string, string> = {};
  // Pipeline-wide variables are visible to rules; a variable set by the event wins.
  for (const v of pipeline.variables ?? []) if (!v.value.includes('$')) variables[v.name] = v.value;
  Object.assign(variables, eventVariables);
  const parameters: Record<string, string> = {};
  for (const p of pipeline.parameters ?? []) if (p.default !== undefined) parameters[p.name] = String(p.default);
  Object.assign(parameters, event.parameters ?? {});
  return { event, variables, parameters };
}

export function evaluate(condition: Condition | undefined, ctx: EvaluationContext): Truth {
  if (!condition) return true;
  switch (condition.kind) {
    case 'literal':
      return condition.value;
    case 'ref':
      return refMatches(condition.ref, condition.match, ctx.event);
    case 'default-branch':
      return ctx.event.defaultBranch && ctx.event.kind !== 'tag' && ctx.event.kind !== 'merge_request';
    case 'source':
      return sourceMatches(condition.source, ctx.event);
    case 'var':
      return variableTest(condition, ctx);
    case 'and': {
      let result: Truth = true;
      for (const c of condition.all) {
        const t = evaluate(c, ctx);
        if (t === false) return false;
        if (t === 'unknown') result = 'unknown';
      }
      return result;
    }
    case 'or': {
      let result: Truth = false;
      for (const c of condition.any) {
        const t = evaluate(c, ctx);
        if (t === true) return true;
        if (t === 'unknown') result = 'unknown';
      }
      return result;
    }
    case 'not': {
      const t = evaluate(condition.condition, ctx);
      return t === 'unknown' ? t : !t;
    }
    // The model's events come from the repository itself, not a fork.
    case 'owner':
      return true;
    // Which files changed, which exist, and opaque expressions are not known offline.
    case 'changes':
    case 'exists':
    case 'opaque':
      return 'unknown';
  }
}

function refMatches(ref: 'branch' | 'tag', match: Matcher | undefined, event: PipelineEvent): Truth {
  const name = ref === 'tag' ? event.tag : event.kind === 'tag' || event.kind === 'merge_request' ? undefined : event.branch;
  if (name === undefined) return false;
  return match ? matcherMatches(match, name) : true;
}

export function matcherMatches(match: Matcher, name: string): Truth {
  if (match.kind === 'exact') return match.value === name;
  const regex = compile(match.source, match.flags, match.fullMatch);
  return regex ? regex.test(name) : 'unknown';
}

const compiled = new Map<string, RegExp | null>();

function compile(source: string, flags: string | undefined, fullMatch: boolean): RegExp | null {
  const key = `${fullMatch ? 'F' : 'P'}${flags ?? ''}/${source}`;
  let regex = compiled.get(key);
  if (regex === undefined) {
    try {
      const js = javascriptSource(source);
      regex = new RegExp(fullMatch ? `^(?:${js})$` : js, (flags ?? '').replace(/[^imsu]/g, ''));
    } catch {
      regex = null;
    }
    if (compiled.size > 10_000) compiled.clear();
    compiled.set(key, regex);
  }
  return regex;
}

function sourceMatches(source: string, event: PipelineEvent): Truth {
  switch (source) {
    case 'push':
      return event.kind === 'push' || event.kind === 'tag';
    case 'tag':
      return event.kind === 'tag';
    case 'schedule':
      return event.kind === 'schedule';
    case 'web':
      return event.kind === 'web';
    case 'merge_request':
      return event.kind === 'merge_request';
    // The model's events do not include API, trigger, chat or parent-pipeline starts.
    default:
      return false;
  }
}

function variableTest(condition: Extract<Condition, { kind: 'var' }>, ctx: EvaluationContext): Truth {
  const table = condition.scope === 'parameter' ? ctx.parameters : ctx.variables;
  const name = condition.name;
  const value = Object.hasOwn(table, name) ? table[name] : undefined;
  const expected = condition.value !== undefined ? resolveReference(condition.value, ctx) : undefined;
  switch (condition.op) {
    case 'defined':
      return value !== undefined && value !== '';
    case 'undefined':
      return value === undefined || value === '';
    case 'truthy':
      return value !== undefined && value !== '' && value !== 'false' && value !== '0';
    case 'equals':
      if (expected === 'unknown') return 'unknown';
      return value === expected;
    case 'not-equals':
      if (expected === 'unknown') return 'unknown';
      return value !== expected;
    case 'matches':
    case 'not-matches': {
      if (!condition.pattern) return 'unknown';
      if (value === undefined) return condition.op === 'not-matches';
      const t = matcherMatches({ kind: 'regex', ...condition.pattern }, value);
      return t === 'unknown' ? t : condition.op === 'matches' ? t : !t;
    }
  }
}

/** A compared value may itself be a variable (`$CI_DEFAULT_BRANCH`). */
function resolveReference(value: string, ctx: EvaluationContext): string | undefined | 'unknown' {
  const ref = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(value);
  if (!ref) return value;
  return Object.hasOwn(ctx.variables, ref[1]!) ? ctx.variables[ref[1]!] : undefined;
}
