/**
 * Rewrites a condition on refs alone (branch and tag names) as an `or` of conjunctions that each
 * speak of one ref kind, so that writers whose filters are per kind (CircleCI `branches`/`tags`)
 * can write a conjunction such as "any branch, and the node's own tag or branch rule".
 *
 * A pipeline runs for a branch or for a tag, never both: a conjunction naming a branch drops its
 * "not this tag" parts (they hold), one naming both kinds positively holds for nothing.
 */
import type { Condition } from './types.js';

type Atom = { negated: boolean; ref: Extract<Condition, { kind: 'ref' }> };

/** Terms beyond this are not worth writing as filters; the caller keeps its own fallback. */
const maxTerms = 64;

/** `undefined` when the condition tests anything but refs, or grows past the bound. */
export function refDisjunction(condition: Condition): Condition | undefined {
  const terms = dnf(condition, false);
  if (!terms) return undefined;
  const kept: Condition[] = [];
  for (const term of terms) {
    for (const conjunction of splitByKind(term)) {
      const simplified = simplify(conjunction);
      if (simplified) kept.push(simplified);
    }
  }
  if (kept.length === 0) return { kind: 'literal', value: false };
  return kept.length === 1 ? kept[0]! : { kind: 'or', any: kept };
}

/** Disjunctive normal form over ref atoms; `[]` is false, `[[]]` is true. */
function dnf(c: Condition, negated: boolean): Atom[][] | undefined {
  switch (c.kind) {
    case 'literal':
      return c.value !== negated ? [[]] : [];
    case 'ref':
      return [[{ negated, ref: c }]];
    case 'not':
      return dnf(c.condition, !negated);
    case 'and':
    case 'or': {
      const parts = c.kind === 'and' ? c.all : c.any;
      // De Morgan: a negated `and` is an `or` of negations, and the reverse.
      const conjunctive = (c.kind === 'and') !== negated;
      let out: Atom[][] = conjunctive ? [[]] : [];
      for (const part of parts) {
        const sub = dnf(part, negated);
        if (!sub) return undefined;
        out = conjunctive ? out.flatMap((a) => sub.map((b) => [...a, ...b])) : [...out, ...sub];
        if (out.length > maxTerms) return undefined;
      }
      return out;
    }
    default:
      return undefined;
  }
}

/** A conjunction of negations only holds for branches (its branch parts) and for tags (its tag parts). */
function splitByKind(term: Atom[]): Atom[][] {
  if (term.some((a) => !a.negated)) return [term];
  const any = (ref: 'branch' | 'tag'): Atom => ({ negated: false, ref: { kind: 'ref', ref } });
  return [
    [any('branch'), ...term],
    [any('tag'), ...term],
  ];
}

function simplify(term: Atom[]): Condition | undefined {
  const kinds = new Set(term.filter((a) => !a.negated).map((a) => a.ref.ref));
  if (kinds.size > 1) return undefined;
  const kind = [...kinds][0]!;
  const own = term.filter((a) => a.ref.ref === kind);
  const negatedAny = own.some((a) => a.negated && !a.ref.match);
  if (negatedAny) return undefined;
  const named = distinct(own.filter((a) => !a.negated && a.ref.match));
  const exact = new Set(named.flatMap((a) => (a.ref.match!.kind === 'exact' ? [a.ref.match!.value] : [])));
  if (exact.size > 1) return undefined;
  // `main && !main` holds for no ref.
  const refused = new Set(own.filter((a) => a.negated && a.ref.match).map((a) => matcherKey(a.ref.match!)));
  if (named.some((a) => refused.has(matcherKey(a.ref.match!)))) return undefined;
  // "Any branch" adds nothing next to a named one, nor does a name said twice.
  const allExact = named.length > 0 && named.every((a) => a.ref.match!.kind === 'exact');
  const positives = allExact ? named.slice(0, 1) : named.length ? named : own.filter((a) => !a.negated).slice(0, 1);
  const parts: Condition[] = [...positives.map((a) => a.ref), ...own.filter((a) => a.negated).map((a): Condition => ({ kind: 'not', condition: a.ref }))];
  return parts.length === 1 ? parts[0]! : { kind: 'and', all: parts };
}

function matcherKey(m: NonNullable<Atom['ref']['match']>): string {
  return m.kind === 'exact' ? `=${m.value}` : `/${m.source}/${m.flags ?? ''}${m.fullMatch ? '^' : ''}`;
}

/** The same matcher said twice (the workflow's tag rule and the job's own) is one. */
function distinct(atoms: Atom[]): Atom[] {
  const seen = new Set<string>();
  return atoms.filter((a) => {
    const key = matcherKey(a.ref.match!);
    return !seen.has(key) && (seen.add(key), true);
  });
}
