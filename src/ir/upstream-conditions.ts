/**
 * A job whose written requirement's upstream is not created does not run either (IR
 * `Requirement`; CircleCI: https://circleci.com/docs/workflows/). A writer whose target creates
 * jobs by their own conditions alone gives each node its upstream nodes' conditions too.
 */
import { refDisjunction } from './ref-conditions.js';
import type { Condition, Rule, WorkflowNode } from './types.js';

/** `a && b`, flattened, without repeating a member (a source may already carry the guard). */
export function conjoin(a: Condition, b: Condition | undefined): Condition {
  if (!b) return a;
  const all: Condition[] = [];
  const seen = new Set<string>();
  for (const c of [...(a.kind === 'and' ? a.all : [a]), ...(b.kind === 'and' ? b.all : [b])]) {
    // `true` adds nothing to a conjunction (a GitLab rule without if matches always).
    if (c.kind === 'literal' && c.value) continue;
    const key = JSON.stringify(c, (k, v) => (k === 'origin' ? undefined : v));
    if (seen.has(key)) continue;
    seen.add(key);
    all.push(c);
  }
  // "On a branch" adds nothing beside a test of which branch (`$CI_COMMIT_BRANCH == "main" && $CI_COMMIT_BRANCH`).
  const kept = all.filter((c) => !(c.kind === 'ref' && !c.match && all.some((other) => other !== c && namesRef(other, c.ref))));
  if (kept.length === 0) return { kind: 'literal', value: true };
  return kept.length === 1 ? kept[0]! : { kind: 'and', all: kept };
}

/** True when `c` holds only for some refs of kind `ref`: a matched ref, or a disjunction of them. */
function namesRef(c: Condition, ref: 'branch' | 'tag'): boolean {
  if (c.kind === 'ref') return c.ref === ref && c.match !== undefined;
  return c.kind === 'or' && c.any.length > 0 && c.any.every((member) => namesRef(member, ref));
}

/** Applies a guard every matching rule must also satisfy. */
export function guardRules(rules: readonly Rule[] | undefined, guard: Condition): Rule[] {
  if (!rules?.length) return [{ condition: guard }];
  return rules.map((rule) => ({ ...rule, condition: conjoin(guard, rule.condition) }));
}

/**
 * The nodes of one workflow, in topological order, each with the conditions of the upstream nodes
 * it requires in writing (not optional, not from stage order) joined to its own rules. `conditionOf`
 * reads a node's condition as the writer understands it; `undefined` adds nothing (no condition,
 * or one the writer cannot read and handles itself). Ref-only results are kept short.
 */
export function withUpstreamConditions(order: readonly WorkflowNode[], conditionOf: (node: WorkflowNode) => Condition | undefined): WorkflowNode[] {
  const guardOf = new Map<string, Condition>();
  return order.map((node) => {
    let guard: Condition | undefined;
    for (const r of node.requires ?? []) {
      if (r.optional || r.order === 'stage' || (r.statuses && !r.statuses.includes('success'))) continue;
      const up = guardOf.get(r.node);
      if (up) guard = guard ? conjoin(guard, up) : up;
    }
    const result = guard ? { ...node, rules: guardRules(node.rules, guard).map(shortRule) } : node;
    const own = conditionOf(result);
    if (own) guardOf.set(node.id, own);
    return result;
  });
}

function shortRule(rule: Rule): Rule {
  const short = rule.condition && refDisjunction(rule.condition);
  return short && short.kind !== 'literal' ? { ...rule, condition: short } : rule;
}
