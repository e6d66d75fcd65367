import type { Condition, Pipeline } from '../../ir/types.js';

/**
 * GitLab variables are strings and a non-empty string is true in `rules:if`, so a CircleCI
 * boolean parameter left at `false` would read as true. Truthiness tests of boolean parameters
 * become comparisons with "true" (the value the Run pipeline form holds). Returns a copy.
 */
export function compareBooleanParameters(pipeline: Pipeline): Pipeline {
  const booleans = new Set((pipeline.parameters ?? []).filter((p) => p.type === 'boolean').map((p) => p.name));
  if (booleans.size === 0) return pipeline;
  const rewrite = (condition: Condition): Condition => {
    switch (condition.kind) {
      case 'var':
        return condition.scope === 'parameter' && condition.op === 'truthy' && booleans.has(condition.name)
          ? { ...condition, op: 'equals', value: 'true' }
          : condition;
      case 'and':
        return { ...condition, all: condition.all.map(rewrite) };
      case 'or':
        return { ...condition, any: condition.any.map(rewrite) };
      case 'not':
        return { ...condition, condition: rewrite(condition.condition) };
      default:
        return condition;
    }
  };
  const copy = structuredClone(pipeline);
  const rewriteRules = (rules: Array<{ condition?: Condition }> | undefined) => {
    for (const rule of rules ?? []) if (rule.condition) rule.condition = rewrite(rule.condition);
  };
  rewriteRules(copy.rules);
  for (const workflow of copy.workflows) {
    if (workflow.condition) workflow.condition = rewrite(workflow.condition);
    for (const trigger of workflow.triggers ?? []) if (trigger.condition) trigger.condition = rewrite(trigger.condition);
    for (const node of workflow.nodes) rewriteRules(node.rules);
  }
  return copy;
}
