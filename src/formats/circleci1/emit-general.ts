import { report } from '../../diagnostics/report.js';
import type { Condition, Pipeline, Rule } from '../../ir/types.js';
import type { EmitContext } from '../types.js';
import { matcherText, type Selectors } from './emit-condition.js';
import type { DeploymentPlan } from './emit-plan.js';

/**
 * `general.branches` from the pipeline rules the 1.0 reader writes: an optional `never` rule for
 * ignored branches, one rule for the branches that build, and tag rules (which 1.0 expresses
 * through deployment `tag` selectors only).
 */
export function writeBranches(rules: readonly Rule[], deployments: readonly DeploymentPlan[], ctx: EmitContext): Record<string, unknown> | undefined {
  const branches: Record<string, string[]> = {};
  const selectors: Selectors = {};
  const refs = (condition: Condition | undefined, ref: 'branch' | 'tag'): string[] | undefined => {
    if (!condition) return undefined;
    const list = condition.kind === 'or' ? condition.any : [condition];
    if (!list.every((c) => c.kind === 'ref' && c.ref === ref)) return undefined;
    return list.map((c) => (c.kind === 'ref' && c.match ? matcherText(c.match, selectors) : ''));
  };
  for (const rule of rules) {
    const ignored = rule.when === 'never' ? refs(rule.condition, 'branch') : undefined;
    if (ignored && !ignored.includes('')) {
      branches.ignore = ignored;
      continue;
    }
    if (rule.when === undefined || rule.when === 'on_success' || rule.when === 'always') {
      const only = refs(rule.condition, 'branch');
      if (only) {
        if (!only.includes('')) branches.only = only;
        continue;
      }
      const tags = refs(rule.condition, 'tag');
      if (tags) {
        if (!deployments.some((d) => d.selectors.tag?.length)) {
          report(ctx.sink, 'semantic-difference', 'CircleCI 1.0 builds a pushed tag only for a deployment with a `tag` selector; tag builds of the source do not run', {
            origin: rule.origin,
          });
        }
        continue;
      }
    }
    report(ctx.sink, 'unsupported-feature', 'CircleCI 1.0 selects builds by branch name only; this pipeline rule is left out', { origin: rule.origin });
  }
  if (selectors.inexact) report(ctx.sink, 'approximate-translation', 'a branch pattern was anchored to match whole names, as 1.0 does');
  return Object.keys(branches).length ? branches : undefined;
}

export function writeNotifications(pipeline: Pipeline, doc: Record<string, unknown>, ctx: EmitContext): void {
  const webhooks: Array<{ url: string }> = [];
  for (const notification of pipeline.notifications ?? []) {
    if (notification.kind === 'webhook' && notification.url !== undefined) {
      webhooks.push({ url: notification.url });
    } else if (notification.kind === 'chat-branches' && notification.condition) {
      const parts = notification.condition.kind === 'and' ? notification.condition.all : [notification.condition];
      const branches: Record<string, string[]> = {};
      const selectors: Selectors = {};
      const texts = (c: Condition): string[] | undefined => {
        const list = c.kind === 'or' ? c.any : [c];
        if (!list.every((x) => x.kind === 'ref' && x.ref === 'branch' && x.match)) return undefined;
        return list.map((x) => matcherText((x as { match: Parameters<typeof matcherText>[0] }).match, selectors));
      };
      for (const part of parts) {
        const ignore = part.kind === 'not' ? texts(part.condition) : undefined;
        const only = part.kind !== 'not' ? texts(part) : undefined;
        if (ignore) branches.ignore = ignore;
        else if (only) branches.only = only;
        else report(ctx.sink, 'unsupported-feature', 'chat notifications in 1.0 filter by branch name only; a condition is left out', { origin: notification.origin });
      }
      if (Object.keys(branches).length) doc.experimental = { notify: { branches } };
    }
  }
  if (webhooks.length) doc.notify = { webhooks };
}

