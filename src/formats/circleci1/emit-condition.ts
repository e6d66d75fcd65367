import { toFullMatchPattern } from '../../ir/pattern.js';
import type { Condition, Matcher } from '../../ir/types.js';
import { normalizeCondition } from './emit-util.js';

/** What a 1.0 deployment subsection can select on (configuration.md §6). */
export interface Selectors {
  branch?: string[];
  tag?: string[];
  owner?: string;
  /** A regex had to be re-anchored and may match other names than before. */
  inexact?: boolean;
  /** The condition without the exclusions of earlier deployments, what later ones exclude. */
  own?: Condition;
}

/** `/…/` for a regex, the name for an exact matcher; `/.*​/` for "any". */
export function matcherText(match: Matcher | undefined, selectors: Selectors): string {
  if (!match) return '/.*/';
  if (match.kind === 'exact') return match.value;
  // An unanchored `.*` (or an empty pattern) matches every name.
  if (!match.fullMatch && /^(\^?\.\*\$?|)$/.test(match.source)) return '/.*/';
  const full = toFullMatchPattern(match);
  if (!full.exact) selectors.inexact = true;
  return `/${full.source}/`;
}

/**
 * The selectors a condition stands for, or `undefined` when 1.0 cannot express it. `not` parts
 * equal to an earlier deployment's condition are dropped: 1.0 runs only the first match anyway.
 */
export function selectorsOf(condition: Condition, earlier: readonly Condition[]): Selectors | undefined {
  const selectors: Selectors = {};
  const earlierKeys = new Set(earlier.map((c) => JSON.stringify(normalizeCondition(c))));
  const addRef = (c: Condition): boolean => {
    if (c.kind === 'ref') {
      (selectors[c.ref] ??= []).push(matcherText(c.match, selectors));
      return true;
    }
    if (c.kind === 'or') return c.any.every(addRef);
    return false;
  };
  const flatten = (c: Condition): Condition[] => (c.kind === 'and' ? c.all.flatMap(flatten) : [c]);
  const own: Condition[] = [];
  for (const part of flatten(condition)) {
    if (part.kind === 'not' && earlierKeys.has(JSON.stringify(normalizeCondition(part.condition)))) continue;
    own.push(part);
    if (part.kind === 'owner' && selectors.owner === undefined) selectors.owner = part.owner;
    else if (part.kind === 'literal' && part.value) continue;
    else if (!addRef(part)) return undefined;
  }
  selectors.own = own.length === 1 ? own[0]! : { kind: 'and', all: own };
  return selectors;
}
