import { isMap, isSeq } from 'yaml';
import { report } from '../../diagnostics/report.js';
import type { Condition, Matcher } from '../../ir/types.js';
import { isValidRegex } from '../../ir/pattern.js';
import { entries, items, scalarText } from '../../yaml/view.js';
import type { At, ReadContext } from './context.js';
import { atPath, originAt, readString, resolveNode } from './interpolate.js';
import { and, not, or } from './read-conditions.js';
import { parseExpression } from './read-expression.js';

/**
 * Workflow `filters` (spec §6.1) as one condition on the ref:
 * - no `branches` filter means every branch; `only` is checked before `ignore`;
 * - tags run only with a `tags` filter (notes/semantics.md: CircleCI skips tags by default);
 * - `/regex/` must match the whole name, so matchers are `fullMatch`.
 */
export function readFilters(ctx: ReadContext, at: At, node: unknown): Condition {
  const r = resolveNode(at, node);
  if (!isMap(r.node)) {
    const raw = scalarText(r.node);
    // Bare expressions are allowed in filters (spec §11).
    const inner = raw === undefined ? undefined : (/^\s*<<\s*([^<>]*?)\s*>>\s*$/.exec(raw)?.[1] ?? raw);
    const parsed = inner === undefined ? undefined : parseExpression(inner, new Set(r.at.scope.pipelineVisible ? ctx.pipelineParameters.keys() : []));
    if (parsed) return parsed;
    const text = raw;
    report(ctx.sink, 'circleci2-expression', `expression filter "${text ?? ''}" is kept as written`, { origin: originAt(at, node) });
    // An expression filter decides on its own (configuration-reference.adoc, filters).
    return { kind: 'opaque', format: 'circleci2', text: text ?? '' };
  }
  let branches: Condition = { kind: 'ref', ref: 'branch' };
  let tags: Condition = { kind: 'literal', value: false };
  for (const e of entries(r.at.reader, r.node)) {
    r.at.reader.ledger.take(e.pair);
    const inner = atPath(r.at, e.key);
    if (e.key === 'branches') branches = readRefFilter(ctx, inner, e.value, 'branch');
    else if (e.key === 'tags') tags = readRefFilter(ctx, inner, e.value, 'tag');
    else report(ctx.sink, 'unknown-key', `filter "${e.key}" is not understood and is not translated`, { origin: originAt(inner, e.pair) });
  }
  return or([branches, tags]);
}

/** One `branches:`/`tags:` filter: `{only, ignore}` with a string or list each. */
export function readRefFilter(ctx: ReadContext, at: At, node: unknown, ref: 'branch' | 'tag'): Condition {
  const r = resolveNode(at, node);
  let only: Condition | undefined;
  let ignore: Condition | undefined;
  for (const e of entries(r.at.reader, r.node)) {
    r.at.reader.ledger.take(e.pair);
    const inner = atPath(r.at, e.key);
    if (e.key === 'only') only = or(readMatchers(ctx, inner, e.value).map((match) => refCondition(ref, match)));
    else if (e.key === 'ignore') {
      const matchers = readMatchers(ctx, inner, e.value);
      // `ignore: /.*/` ignores every name.
      ignore = matchers.includes('any') ? { kind: 'literal', value: true } : or(matchers.map((match) => refCondition(ref, match)));
    }
    else report(ctx.sink, 'unknown-key', `"${e.key}" is not a filter key (only, ignore)`, { origin: originAt(inner, e.pair) });
  }
  const any: Condition = { kind: 'ref', ref };
  if (!only && !ignore) return ref === 'branch' ? any : { kind: 'literal', value: false };
  return and([only ?? any, ...(ignore ? [not(ignore)] : [])]);
}

function refCondition(ref: 'branch' | 'tag', match: Matcher | 'any'): Condition {
  return match === 'any' ? { kind: 'ref', ref } : { kind: 'ref', ref, match };
}

function readMatchers(ctx: ReadContext, at: At, node: unknown): Array<Matcher | 'any'> {
  const r = resolveNode(at, node);
  const texts = isSeq(r.node)
    ? items(r.at.reader, r.node).map((item, i) => ({ text: readString(ctx, atPath(r.at, i), item), node: item }))
    : [{ text: readString(ctx, r.at, r.node), node: r.node }];
  const matchers: Array<Matcher | 'any'> = [];
  for (const { text, node: item } of texts) {
    if (text === undefined) {
      report(ctx.sink, 'wrong-type', 'a filter value must be a name or a /regex/', { origin: originAt(at, item) });
      continue;
    }
    matchers.push(parseMatcher(ctx, at, item, text));
  }
  return matchers;
}

export function parseMatcher(ctx: ReadContext, at: At, node: unknown, text: string): Matcher | 'any' {
  const regex = /^\/(.*)\/$/s.exec(text);
  if (!regex) return { kind: 'exact', value: text };
  const source = regex[1]!;
  if (source === '.*' || source === '^.*$') return 'any';
  if (!isValidRegex(source)) {
    report(ctx.sink, 'invalid-value', `filter regex /${source}/ is not valid; kept as written`, { origin: originAt(at, node) });
  }
  return { kind: 'regex', source, fullMatch: true };
}
