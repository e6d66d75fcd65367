/**
 * The events a comparison tries: the seven every pipeline meets, plus a push or tag for each branch
 * or tag name the pipelines' filters mention, so a filter on `staging` is seen doing its work.
 */
import type { Condition, Matcher, Pipeline } from '../ir/types.js';
import type { PipelineEvent } from './types.js';
import { javascriptSource } from '../ir/pattern.js';

/** Keeps a comparison of hostile inputs bounded: filters past this many names are not sampled. */
const maxNamedEvents = 16;

export const defaultBranch = 'main';
const otherBranch = 'ciport/other-branch';

export function standardEvents(): PipelineEvent[] {
  return [
    { id: 'default-branch', kind: 'push', branch: defaultBranch, defaultBranch: true },
    { id: 'other-branch', kind: 'push', branch: otherBranch, defaultBranch: false },
    { id: 'tag', kind: 'tag', tag: 'v1.0.0', defaultBranch: false },
    { id: 'merge-request', kind: 'merge_request', branch: otherBranch, defaultBranch: false },
    { id: 'schedule', kind: 'schedule', branch: defaultBranch, defaultBranch: true },
    // Schedules target a branch of their own (a GitLab schedule's target branch, a CircleCI trigger's filter).
    { id: 'schedule-other-branch', kind: 'schedule', branch: otherBranch, defaultBranch: false },
    { id: 'manual-start', kind: 'web', branch: defaultBranch, defaultBranch: true },
  ];
}

/** Standard events plus one per branch or tag name the pipelines' conditions name or match. */
export function eventsFor(pipelines: readonly Pipeline[]): PipelineEvent[] {
  const events = standardEvents();
  const standard = events.length;
  const seen = new Set(events.map((e) => e.id));
  const add = (event: PipelineEvent) => {
    if (seen.has(event.id) || seen.size >= maxNamedEvents + standard) return;
    seen.add(event.id);
    events.push(event);
  };
  for (const pipeline of pipelines) {
    for (const { ref, name } of namesIn(pipeline)) {
      if (ref === 'tag') add({ id: `tag:${name}`, kind: 'tag', tag: name, defaultBranch: false });
      else if (name !== defaultBranch) add({ id: `branch:${name}`, kind: 'push', branch: name, defaultBranch: false });
    }
  }
  return events;
}

function* namesIn(pipeline: Pipeline): Generator<{ ref: 'branch' | 'tag'; name: string }> {
  const conditions: Condition[] = [];
  for (const rule of pipeline.rules ?? []) if (rule.condition) conditions.push(rule.condition);
  for (const workflow of pipeline.workflows) {
    if (workflow.condition) conditions.push(workflow.condition);
    for (const node of workflow.nodes) for (const rule of node.rules ?? []) if (rule.condition) conditions.push(rule.condition);
  }
  for (const condition of conditions) yield* namesOf(condition);
}

function* namesOf(condition: Condition): Generator<{ ref: 'branch' | 'tag'; name: string }> {
  switch (condition.kind) {
    case 'ref':
      if (condition.match) {
        const name = sampleOf(condition.match);
        if (name) yield { ref: condition.ref, name };
      }
      return;
    case 'var':
      // `$CI_COMMIT_BRANCH == "release"` and the like name a branch or tag too.
      if (condition.op === 'equals' && condition.value && !condition.value.startsWith('$')) {
        const ref = /TAG/.test(condition.name) ? 'tag' : /BRANCH|REF_NAME/.test(condition.name) ? 'branch' : undefined;
        if (ref) yield { ref, name: condition.value };
      }
      return;
    case 'and':
      for (const c of condition.all) yield* namesOf(c);
      return;
    case 'or':
      for (const c of condition.any) yield* namesOf(c);
      return;
    case 'not':
      yield* namesOf(condition.condition);
      return;
    default:
      return;
  }
}

/** A name the matcher accepts: the exact value, or a simple regex made literal. */
function sampleOf(match: Matcher): string | undefined {
  if (match.kind === 'exact') return match.value;
  const source = javascriptSource(match.source);
  const literal = source
    .replace(/^\^/, '')
    .replace(/\$$/, '')
    .replace(/\\d\+|\[0-9\]\+|\\d\*|\[0-9\]\*|\\d/g, '1')
    .replace(/\.\*|\.\+|\.\?/g, 'x')
    .replace(/\\([./-])/g, '$1');
  if (!/^[\w./-]+$/.test(literal)) return undefined;
  try {
    const regex = new RegExp(match.fullMatch ? `^(?:${source})$` : source);
    return regex.test(literal) ? literal : undefined;
  } catch {
    return undefined;
  }
}
