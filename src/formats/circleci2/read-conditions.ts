import { report } from '../../diagnostics/report.js';
import type { Condition, PipelineSource } from '../../ir/types.js';
import { entries, isMapNode, isSeqNode, items, resolve, scalarText, toPlain } from '../../yaml/view.js';
import type { At, ReadContext } from './context.js';
import { atPath, interpolate, originAt } from './interpolate.js';
import { parseExpression } from './read-expression.js';

/**
 * Logic statements (`and`, `or`, `not`, `equal`, `matches`, literals; spec §11) into IR
 * conditions. Everything known at compile time (parameters, literals) is evaluated, so a
 * condition that only depends on them becomes a `literal`; pipeline values become `ref`,
 * `var` (pipeline parameters) or `source` conditions; the rest is kept `opaque`.
 */
export function readCondition(ctx: ReadContext, at: At, node: unknown): Condition {
  const target = resolve(at.reader, node);
  if (isMapNode(at.reader, target)) {
    const list = entries(at.reader, target);
    if (list.length !== 1) return opaque(ctx, at, target, 'a logic statement has exactly one operator');
    const e = list[0]!;
    at.reader.ledger.take(e.pair);
    const inner = atPath(at, e.key);
    switch (e.key) {
      case 'and':
      case 'or': {
        if (!isSeqNode(at.reader, e.value)) return opaque(ctx, inner, e.value, `"${e.key}" takes a list`);
        const parts = items(at.reader, e.value).map((item, i) => readCondition(ctx, atPath(inner, i), item));
        return e.key === 'and' ? and(parts) : or(parts);
      }
      case 'not':
        return not(readCondition(ctx, inner, e.value));
      case 'equal':
        return readEqual(ctx, inner, e.value);
      case 'matches':
        return readMatches(ctx, inner, e.value);
      case 'condition':
        // Only the `when` step spells it out; tolerated at workflow level too.
        return readCondition(ctx, inner, e.value);
      default:
        return opaque(ctx, at, target, `"${e.key}" is not a logic operator`);
    }
  }
  if (isSeqNode(at.reader, target)) return opaque(ctx, at, target, 'a list is not a logic statement');
  const expression = expressionText(scalarText(target));
  if (expression !== undefined) {
    const parsed = parseExpression(expression, new Set(at.scope.pipelineVisible ? ctx.pipelineParameters.keys() : []));
    if (parsed) return parsed;
  }
  const term = readTerm(ctx, at, target);
  return truthy(term, ctx, at, target);
}

type Term =
  | { kind: 'value'; value: string | number | boolean | null }
  | { kind: 'branch' }
  | { kind: 'default-branch' }
  | { kind: 'tag' }
  | { kind: 'parameter'; name: string }
  | { kind: 'source' }
  | { kind: 'unknown'; text: string };

const sourceValues: Record<string, PipelineSource> = {
  scheduled_pipeline: 'schedule',
  schedule: 'schedule',
  api: 'api',
  webhook: 'push',
  github_app: 'push',
  github_oauth: 'push',
  bitbucket_cloud: 'push',
};

function readTerm(ctx: ReadContext, at: At, node: unknown): Term {
  const target = resolve(at.reader, node);
  if (target === null || target === undefined) return { kind: 'value', value: null };
  const plain = toPlain(at.reader, target);
  if (typeof plain !== 'string') {
    return typeof plain === 'number' || typeof plain === 'boolean' || plain === null
      ? { kind: 'value', value: plain }
      : { kind: 'unknown', text: JSON.stringify(plain) };
  }
  const text = scalarText(target) ?? plain;
  const whole = /^\s*<<\s*([^<>]*?)\s*>>\s*$/.exec(text)?.[1];
  if (whole !== undefined) {
    if (whole === 'pipeline.git.branch') return { kind: 'branch' };
    if (whole === 'pipeline.git.branch.is_default') return { kind: 'default-branch' };
    if (whole === 'pipeline.git.tag') return { kind: 'tag' };
    if (whole === 'pipeline.trigger_source' || whole === 'pipeline.trigger.type') return { kind: 'source' };
    if (whole.startsWith('pipeline.parameters.') && at.scope.pipelineVisible) {
      const name = whole.slice('pipeline.parameters.'.length);
      const parameter = ctx.pipelineParameters.get(name);
      if (parameter) return { kind: 'parameter', name };
    }
    if (whole.startsWith('parameters.')) {
      const bound = at.scope.parameters.get(whole.slice('parameters.'.length));
      if (bound?.kind === 'value' && bound.pipelineParameter !== undefined) return { kind: 'parameter', name: bound.pipelineParameter };
      if (bound?.kind === 'value') return { kind: 'value', value: bound.value };
      if (bound?.kind === 'node') return { kind: 'value', value: bound.node ? 'steps' : null };
    }
    if (!whole.startsWith('parameters.') && !whole.startsWith('matrix.')) return { kind: 'unknown', text };
  }
  return { kind: 'value', value: interpolate(ctx, at, text, originAt(at, target)) };
}

/** CircleCI's falsy values: false, null, 0, NaN, "" (spec §11). */
function isTruthy(value: string | number | boolean | null): boolean {
  if (value === null || value === false || value === '' || value === 0) return false;
  if (typeof value === 'number' && Number.isNaN(value)) return false;
  return true;
}

function truthy(term: Term, ctx: ReadContext, at: At, node: unknown): Condition {
  switch (term.kind) {
    case 'value':
      return { kind: 'literal', value: isTruthy(term.value) };
    case 'branch':
      return { kind: 'ref', ref: 'branch' };
    case 'default-branch':
      return { kind: 'default-branch' };
    case 'tag':
      return { kind: 'ref', ref: 'tag' };
    case 'parameter':
      return { kind: 'var', name: term.name, scope: 'parameter', op: 'truthy' };
    default:
      return opaque(ctx, at, node, 'the value cannot be evaluated offline');
  }
}

function equalTo(term: Term, value: string | number | boolean | null, ctx: ReadContext, at: At, node: unknown): Condition {
  const text = value === null ? '' : String(value);
  switch (term.kind) {
    case 'branch':
      return { kind: 'ref', ref: 'branch', match: { kind: 'exact', value: text } };
    case 'tag':
      return { kind: 'ref', ref: 'tag', match: { kind: 'exact', value: text } };
    case 'parameter':
      return { kind: 'var', name: term.name, scope: 'parameter', op: 'equals', value: text };
    case 'default-branch':
      if (typeof value !== 'boolean') return opaque(ctx, at, node, 'pipeline.git.branch.is_default is compared with a value that is not a boolean');
      return value ? { kind: 'default-branch' } : { kind: 'not', condition: { kind: 'default-branch' } };
    case 'source': {
      const source = sourceValues[text];
      return source ? { kind: 'source', source } : opaque(ctx, at, node, `trigger source "${text}" has no neutral meaning`);
    }
    case 'value':
      return { kind: 'literal', value: term.value === value || (term.value !== null && value !== null && typeof term.value === typeof value && String(term.value) === text) };
    default:
      return opaque(ctx, at, node, 'the value cannot be evaluated offline');
  }
}

function readEqual(ctx: ReadContext, at: At, node: unknown): Condition {
  if (!isSeqNode(at.reader, node)) return opaque(ctx, at, node, '"equal" takes a list');
  const terms = items(at.reader, node).map((item, i) => readTerm(ctx, atPath(at, i), item));
  if (terms.length === 0) return { kind: 'literal', value: false };
  const values = terms.filter((t): t is Extract<Term, { kind: 'value' }> => t.kind === 'value');
  const symbols = terms.filter((t) => t.kind !== 'value');
  if (symbols.length === 0) {
    const first = values[0]!.value;
    return { kind: 'literal', value: values.every((v) => equalTo({ kind: 'value', value: v.value }, first, ctx, at, node).kind === 'literal' && (equalTo({ kind: 'value', value: v.value }, first, ctx, at, node) as { value: boolean }).value) };
  }
  if (symbols.length > 1 || values.length === 0) return opaque(ctx, at, node, '"equal" compares two run-time values');
  const distinct = new Set(values.map((v) => JSON.stringify(v.value)));
  if (distinct.size > 1) return { kind: 'literal', value: false };
  return equalTo(symbols[0]!, values[0]!.value, ctx, at, node);
}

function readMatches(ctx: ReadContext, at: At, node: unknown): Condition {
  const list = entries(at.reader, node);
  const patternEntry = list.find((e) => e.key === 'pattern');
  const valueEntry = list.find((e) => e.key === 'value');
  for (const e of list) at.reader.ledger.take(e.pair);
  if (!patternEntry || !valueEntry) return opaque(ctx, at, node, '"matches" needs "pattern" and "value"');
  const patternText = readTerm(ctx, atPath(at, 'pattern'), patternEntry.value);
  if (patternText.kind !== 'value' || typeof patternText.value !== 'string') return opaque(ctx, at, node, 'the pattern is not a string');
  // Patterns are Java regexes that must match the whole value (spec §11); `/…/` delimiters are optional.
  const source = patternText.value.replace(/^\/(.*)\/$/s, '$1');
  const term = readTerm(ctx, atPath(at, 'value'), valueEntry.value);
  switch (term.kind) {
    case 'branch':
      return { kind: 'ref', ref: 'branch', match: { kind: 'regex', source, fullMatch: true } };
    case 'tag':
      return { kind: 'ref', ref: 'tag', match: { kind: 'regex', source, fullMatch: true } };
    case 'parameter':
      return { kind: 'var', name: term.name, scope: 'parameter', op: 'matches', pattern: { source, fullMatch: true } };
    case 'value':
      try {
        return { kind: 'literal', value: new RegExp(`^(?:${source})$`).test(term.value === null ? '' : String(term.value)) };
      } catch {
        return opaque(ctx, at, node, `pattern /${source}/ is not a regex ciport can evaluate`);
      }
    default:
      return opaque(ctx, at, node, 'the value cannot be evaluated offline');
  }
}

function opaque(ctx: ReadContext, at: At, node: unknown, why: string): Condition {
  at.reader.ledger.takeTree(at.reader, resolve(at.reader, node));
  const text = JSON.stringify(toPlain(at.reader, node));
  report(ctx.sink, 'circleci2-expression', `condition ${text} is kept as written: ${why}`, { origin: originAt(at, node) });
  return { kind: 'opaque', format: 'circleci2', text };
}

export function and(parts: Condition[]): Condition {
  const kept: Condition[] = [];
  for (const part of parts) {
    if (part.kind === 'literal') {
      if (!part.value) return part;
      continue;
    }
    kept.push(part);
  }
  if (kept.length === 0) return { kind: 'literal', value: true };
  return kept.length === 1 ? kept[0]! : { kind: 'and', all: kept };
}

export function or(parts: Condition[]): Condition {
  const kept: Condition[] = [];
  for (const part of parts) {
    if (part.kind === 'literal') {
      if (part.value) return part;
      continue;
    }
    kept.push(part);
  }
  if (kept.length === 0) return { kind: 'literal', value: false };
  return kept.length === 1 ? kept[0]! : { kind: 'or', any: kept };
}

export function not(condition: Condition): Condition {
  if (condition.kind === 'literal') return { kind: 'literal', value: !condition.value };
  if (condition.kind === 'not') return condition.condition;
  return { kind: 'not', condition };
}

/** The inside of `<< … >>` when it is an expression rather than a plain reference. */
export function expressionText(text: string | undefined): string | undefined {
  const inner = text === undefined ? undefined : /^\s*<<\s*([^<>]*?)\s*>>\s*$/.exec(text)?.[1];
  if (inner === undefined || /^[\w.-]+$/.test(inner)) return undefined;
  return inner;
}
