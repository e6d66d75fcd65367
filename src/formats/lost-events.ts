/**
 * Jobs the source runs for a kind of event the target starts no pipelines for (GitLab merge
 * request pipelines, in CircleCI). The writers translate each job's rules for the events both
 * have; what the job did for the other kind is said here, once, at each job's place.
 */
import { describeEvent } from '../behaviour/compare.js';
import { standardEvents } from '../behaviour/events.js';
import { decide, nodeKeys } from '../behaviour/schedule.js';
import { report } from '../diagnostics/report.js';
import type { DiagnosticSink } from '../diagnostics/types.js';
import type { Condition, FormatId, Pipeline, WorkflowNode } from '../ir/types.js';
import { nameList } from './name-list.js';
import { formats } from './registry.js';

export function reportLostEvents(pipeline: Pipeline, from: FormatId, to: FormatId, sink: DiagnosticSink): void {
  const source = formats[from].semantics;
  const target = formats[to].semantics;
  const keys = nodeKeys(pipeline);
  const kinds = new Set<string>();
  for (const event of standardEvents()) {
    if (kinds.has(event.kind) || !source.events.includes(event.kind) || target.events.includes(event.kind)) continue;
    kinds.add(event.kind);
    const outcome = decide(pipeline, source, event, keys);
    const nodes = pipeline.workflows.flatMap((w) => w.nodes).filter((node) => {
      const decision = outcome.jobs[keys.get(node)!];
      // A rule that names the event is the writer's to translate (and to say it cannot).
      return decision && decision.created !== false && !node.rules?.some((rule) => rule.condition && namesSource(rule.condition, event.kind));
    });
    if (!nodes.length) continue;
    const opening = (node: WorkflowNode) => node.rules?.find((rule) => rule.when !== 'never' && !rule.defaultEventsOnly)?.origin ?? node.origin;
    const [first, ...rest] = nodes;
    const hint = target.absentEvents?.[event.kind];
    report(sink, 'semantic-difference', `the target starts no pipelines for ${describeEvent(event.id)}: ${nameList(nodes.map((n) => keys.get(n)!))}, which the source also ${nodes.length === 1 ? 'runs' : 'run'} in one, no longer ${nodes.length === 1 ? 'runs' : 'run'} for it`, {
      origin: opening(first!),
      related: rest.flatMap((node) => {
        const origin = opening(node);
        return origin ? [{ message: `"${keys.get(node)}" runs for ${describeEvent(event.id)} in the source`, origin }] : [];
      }),
      ...(hint ? { hint } : {}),
    });
  }
}

function namesSource(condition: Condition, source: string): boolean {
  switch (condition.kind) {
    case 'source':
      return condition.source === source;
    case 'and':
      return condition.all.some((c) => namesSource(c, source));
    case 'or':
      return condition.any.some((c) => namesSource(c, source));
    case 'not':
      return namesSource(condition.condition, source);
    default:
      return false;
  }
}
