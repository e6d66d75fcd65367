/** Ordered first-match rules (GitLab `rules`, the IR's node rules) as one condition. */
import type { Condition, Rule } from './types.js';

/**
 * The condition under which ordered rules let a node run: the first rule whose condition holds
 * decides, `never` stops it, anything else runs it (https://docs.gitlab.com/ci/yaml/#rules).
 */
export function rulesToCondition(rules: readonly Rule[] | undefined): { condition: Condition; manual: boolean } {
  if (!rules) return { condition: { kind: 'literal', value: true }, manual: false };
  let condition: Condition = { kind: 'literal', value: false };
  let manual = false;
  for (const rule of [...rules].reverse()) {
    const c = rule.condition ?? { kind: 'literal', value: true };
    if (rule.when === 'manual') manual = true;
    condition = rule.when === 'never' ? and([not(c), condition]) : or([c, condition]);
  }
  return { condition, manual };
}

function and(parts: Condition[]): Condition {
  const kept = parts.filter((p) => !(p.kind === 'literal' && p.value));
  if (kept.some((p) => p.kind === 'literal' && !p.value)) return { kind: 'literal', value: false };
  if (kept.length === 0) return { kind: 'literal', value: true };
  return kept.length === 1 ? kept[0]! : { kind: 'and', all: kept };
}

function or(parts: Condition[]): Condition {
  const kept = parts.filter((p) => !(p.kind === 'literal' && !p.value));
  if (kept.some((p) => p.kind === 'literal' && p.value)) return { kind: 'literal', value: true };
  if (kept.length === 0) return { kind: 'literal', value: false };
  return kept.length === 1 ? kept[0]! : { kind: 'or', any: kept };
}

function not(c: Condition): Condition {
  if (c.kind === 'literal') return { kind: 'literal', value: !c.value };
  if (c.kind === 'not') return c.condition;
  return { kind: 'not', condition: c };
}
