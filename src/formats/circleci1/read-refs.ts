import { isCollection, isSeq } from 'yaml';
import { isValidRegex } from '../../ir/pattern.js';
import type { Condition, Matcher } from '../../ir/types.js';
import { items, stringValue, type Entry } from '../../yaml/view.js';
import { at, diagnose, nodeAt, take, wrongType, type ReadContext } from './read-context.js';

/**
 * A branch or tag selector: a name, a `/regex/`, or a list mixing both (configuration.md
 * "Deployment", "Branches"). Regexes must match the whole name, as the docs' feature-branch example shows.
 */
export function readMatchers(ctx: ReadContext, e: Entry, path: Array<string | number>): Matcher[] | undefined {
  if (isCollection(e.value) && !isSeq(e.value)) {
    wrongType(ctx, e, path, 'a name, a /regex/ or a list of them');
    return undefined;
  }
  take(ctx, e);
  const nodes = isSeq(e.value) ? items(ctx.reader, e.value) : [e.value];
  const matchers: Matcher[] = [];
  nodes.forEach((node, index) => {
    const itemPath = isSeq(e.value) ? [...path, index] : path;
    const text = stringValue(ctx.reader, node);
    if (text === undefined || isCollection(node)) {
      diagnose(ctx, 'wrong-type', `"${itemPath.join('.')}" should be a name or a /regex/`, nodeAt(ctx, node, itemPath) ?? at(ctx, e, path));
      return;
    }
    const matcher = toMatcher(text);
    if (matcher.kind === 'regex' && !isValidRegex(matcher.source)) {
      diagnose(ctx, 'invalid-value', `"${text}" is not a valid regular expression`, nodeAt(ctx, node, itemPath) ?? at(ctx, e, path));
      return;
    }
    matchers.push(matcher);
  });
  return matchers;
}

export function toMatcher(text: string): Matcher {
  const trimmed = text.trim();
  if (trimmed.length >= 2 && trimmed.startsWith('/') && trimmed.endsWith('/')) {
    return { kind: 'regex', source: trimmed.slice(1, -1), fullMatch: true };
  }
  return { kind: 'exact', value: text };
}

/** `ref` conditions for the matchers, joined with `or` when there are several. */
export function refCondition(ref: 'branch' | 'tag', matchers: readonly Matcher[]): Condition {
  // `/.*?/` is the docs' spelling of "any branch" (configuration.md §6).
  if (matchers.some(matchesAnything)) return { kind: 'ref', ref };
  const conditions: Condition[] = matchers.map((match) => ({ kind: 'ref', ref, match }));
  return anyOf(conditions);
}

export function matchesAnything(matcher: Matcher): boolean {
  return matcher.kind === 'regex' && (matcher.source === '.*' || matcher.source === '.*?' || matcher.source === '.+');
}

export function anyOf(conditions: Condition[]): Condition {
  if (conditions.length === 1) return conditions[0]!;
  return { kind: 'or', any: conditions };
}

export function allOf(conditions: Condition[]): Condition {
  if (conditions.length === 1) return conditions[0]!;
  return { kind: 'and', all: conditions };
}
