import { report } from '../diagnostics/report.js';
import type { DiagnosticSink } from '../diagnostics/types.js';
import type { FormatId, Job, Pipeline } from '../ir/types.js';
import { describeSource, type ResourceClassRule, type RunnerTagRule, type RuleSource } from './types.js';

/**
 * Runner selection across formats: CircleCI picks a machine size with `resource_class`, GitLab a
 * runner with `tags` (gitlab-ci.md: the runner must have all of them). Only the target's own key
 * is rewritten: resource_class → tags for GitLab, tags → resource_class for CircleCI 2.x.
 */
export function rewriteRunners(
  pipeline: Pipeline,
  to: FormatId,
  rules: { resourceClasses: readonly ResourceClassRule[]; runnerTags: readonly RunnerTagRule[] },
  sink: DiagnosticSink,
): void {
  for (const job of pipeline.jobs) {
    if (to === 'gitlab') classToTags(job, rules.resourceClasses, sink);
    else if (to === 'circleci2') tagsToClass(job, rules.runnerTags, sink);
  }
}

function codeFor(source: RuleSource) {
  return source.line ? 'user-rule' : 'builtin-rule';
}

function classToTags(job: Job, rules: readonly ResourceClassRule[], sink: DiagnosticSink): void {
  if (job.resourceClass === undefined) return;
  const rule = rules.find((r) => r.resourceClass === job.resourceClass);
  if (!rule) return;
  job.runnerTags = [...new Set([...(job.runnerTags ?? []), ...rule.tags])];
  report(sink, codeFor(rule.source), `job "${job.id}": resource_class "${rule.resourceClass}" selects runners tagged ${rule.tags.join(', ')} (rule at ${describeSource(rule.source)})`, {
    origin: job.origin,
  });
  delete job.resourceClass;
}

/**
 * The first tag with a rule decides the class; the tags that led to it are consumed. Other tags
 * stay on the job, so the writer still names them as a manual runner choice.
 */
function tagsToClass(job: Job, rules: readonly RunnerTagRule[], sink: DiagnosticSink): void {
  if (!job.runnerTags?.length || job.resourceClass !== undefined) return;
  const ruleOf = (tag: string) => rules.find((r) => r.tag === tag);
  const first = job.runnerTags.map(ruleOf).find((r) => r !== undefined);
  if (!first) return;
  const consumed = job.runnerTags.filter((tag) => ruleOf(tag)?.resourceClass === first.resourceClass);
  const rest = job.runnerTags.filter((tag) => !consumed.includes(tag));
  job.resourceClass = first.resourceClass;
  if (rest.length) job.runnerTags = rest;
  else delete job.runnerTags;
  report(sink, codeFor(first.source), `job "${job.id}": runner tag ${consumed.join(', ')} becomes resource_class "${first.resourceClass}" (rule at ${describeSource(first.source)})`, {
    origin: job.origin,
  });
}
