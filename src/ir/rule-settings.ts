import type { FormatId, Origin, Pipeline } from './types.js';

/** A rule setting the target cannot say; the caller reports it. */
export interface LostRuleSetting {
  message: string;
  origin?: Origin;
}

/**
 * `rules:needs` and `rules:interruptible` exist only in GitLab (gitlab-ci.md §4 `rules`): a
 * CircleCI target keeps the job's own requirements and interruptible setting whichever rule
 * decides. One entry per job and setting.
 */
export function lostRuleSettings(pipeline: Pipeline, target: FormatId): LostRuleSetting[] {
  if (target === 'gitlab') return [];
  const out: LostRuleSetting[] = [];
  for (const workflow of pipeline.workflows) {
    for (const node of workflow.nodes) {
      const needs = node.rules?.find((r) => r.needs !== undefined);
      if (needs) {
        out.push({
          message: `the rules of "${node.id}" change its needs when they match; the target has no such setting, so the job keeps its own requirements`,
          ...(needs.origin ?? node.origin ? { origin: (needs.origin ?? node.origin)! } : {}),
        });
      }
      const interruptible = node.rules?.find((r) => r.interruptible !== undefined);
      if (interruptible) {
        out.push({
          message: `the rules of "${node.id}" change whether it is interruptible; the target has no such setting, so the job keeps its own`,
          ...(interruptible.origin ?? node.origin ? { origin: (interruptible.origin ?? node.origin)! } : {}),
        });
      }
    }
  }
  return out;
}
