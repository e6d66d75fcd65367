import { report, reportGathering } from '../../diagnostics/report.js';
import type { DiagnosticSink } from '../../diagnostics/types.js';
import { dependentsOf, indexGraph, upstreamOf } from '../../ir/graph.js';
import { isOptionalManual, passOverOptionalManual } from '../../ir/optional-manual.js';
import { withoutStageEdgesToAbsent } from '../../ir/stage-order.js';
import { originWithin } from '../../ir/origins.js';
import type { Condition, Job, Origin, Pipeline, Workflow, WorkflowNode } from '../../ir/types.js';
import { refDisjunction } from '../../ir/ref-conditions.js';
import type { CommentNote } from '../../yaml/dump.js';
import { conditionToExpression, conditionToFilters, conditionToLogic, newNotes, rulesToCondition, type ConditionNotes, type Filters } from './emit-conditions.js';
import type { Yaml } from './emit-steps.js';
import { terminalStatuses } from './read-workflows.js';

export interface WorkflowContext {
  sink: DiagnosticSink;
  version: '2.0' | '2.1';
  pipeline: Pipeline;
  jobs: Map<string, Job>;
  usedOrbs: Set<string>;
  /** Version 2.0: adds a place to the one diagnostic about requirements on other statuses. */
  statusesLost?: (message: string, origin: Origin | undefined) => void;
}

function reportNotes(ctx: WorkflowContext, notes: ConditionNotes, origin: WorkflowNode['origin'], what: string): void {
  for (const source of new Set(notes.inexact)) {
    report(ctx.sink, 'circleci2-filter-inexact', `regex /${source}/ of ${what} cannot be anchored exactly; check the written filter`, { origin });
  }
}

/** One IR workflow as a CircleCI workflow (spec §6). */
export function emitWorkflow(workflow: Workflow, ctx: WorkflowContext, path: Array<string | number>): { value: { [key: string]: Yaml }; comments: CommentNote[] } {
  const out: { [key: string]: Yaml } = {};
  const comments: CommentNote[] = [];
  workflow = ctx.version === '2.0' ? withoutFailureOnlyJobs(workflow, ctx) : workflow;
  let unfolded: string[] = [];
  if (ctx.version === '2.0') ({ workflow, unfolded } = foldConditionIntoFilters(workflow, ctx));
  const named = workflow.name ? `workflow "${workflow.name}"` : 'the workflow';
  let why = `${named} has a condition, and workflow conditions need version 2.1`;
  const written = ctx.version === '2.1' ? workflowCondition(workflow) : undefined;
  if (written) {
    const notes = newNotes();
    if (conditionToLogic(written, notes) === undefined) {
      why = `the condition of ${named} depends on ${notes.unsupported.join(', ') || 'run-time values'}`;
      unfolded = workflow.nodes.filter((n) => !n.approval && !n.requires?.length).map((n) => n.id);
    }
  }
  if (unfolded.length) workflow = holdForApproval(workflow, unfolded, why, ctx);
  // Fail closed: a job whose rules CircleCI cannot test waits for a person instead of running on
  // every branch.
  // Decided once per node: nodes the gates leave as they are keep their decision.
  const decisions = new Map<WorkflowNode, FilterDecision>();
  const decide = (node: WorkflowNode) => decisions.get(node) ?? decisions.set(node, filtersOf(node, ctx)).get(node)!;
  const held = new Map<string, string[]>();
  for (const node of workflow.nodes) {
    const decision = decide(node);
    if (decision.kind === 'untestable' && !rulesToCondition(node.rules).manual) held.set(node.id, decision.notes.unsupported);
  }
  // An approval blocks what requires it: later stages stop requiring an optional manual job first,
  // and a job filtered out where a later stage's job runs.
  const nodes = insertApprovalGates(withoutAbsentStageUpstreams(passOverOptionalManual(workflow.nodes), ctx), ctx, held);
  const filters = new Map<string, Filters | undefined>();
  const expressionFilters = new Map<string, string>();
  for (const node of nodes) {
    const decision = decide(node);
    if (decision.kind === 'expression') {
      reportNotes(ctx, decision.notes, node.origin, `"${node.id}"`);
      expressionFilters.set(node.id, decision.text);
      continue;
    }
    if (decision.kind === 'untestable') {
      // Only a manual job's approval and the job behind it get here: on every branch, they still
      // wait for a person. Said once, at the approval.
      if (node.approval) {
        report(ctx.sink, 'unsupported-feature', `job "${node.id}": its rules depend on ${untestableText(decision.notes.unsupported)}; it waits for approval on every branch`, {
          origin: rulesOrigin(node),
          job: node.id,
          related: heldPlace(node),
        });
      }
      continue;
    }
    reportNotes(ctx, decision.notes, node.origin, `"${node.id}"`);
    filters.set(node.id, decision.filters && Object.keys(decision.filters).length ? decision.filters : undefined);
  }
  // A CircleCI source already obeys the rule; propagating would change when its jobs run.
  if (ctx.pipeline.source !== 'circleci2') propagateTagFilters(workflow, nodes, filters);
  // Version 2.0, and conditions 2.1 cannot test, were folded into filters or held above.
  const condition = workflowCondition(workflow);
  if (condition) {
    const notes = newNotes();
    const logic = conditionToLogic(condition, notes);
    reportNotes(ctx, notes, workflow.origin, `workflow "${workflow.name ?? ''}"`);
    if (logic !== undefined) out.when = logic;
  }
  if (workflow.triggers?.length) out.triggers = workflow.triggers.map((t) => emitTrigger(t, ctx));
  const entries: Yaml[] = [];
  nodes.forEach((node, i) => {
    entries.push(emitNode(node, expressionFilters.get(node.id) ?? filters.get(node.id), ctx));
    if (node.comments) comments.push({ path: [...path, 'jobs', i], comments: node.comments });
  });
  out.jobs = entries;
  if (workflow.comments) comments.push({ path, comments: workflow.comments });
  return { value: out, comments };
}

/**
 * Version 2.0 has no workflow `when`. Where the workflow's condition is about refs alone (CircleCI
 * 1.0 builds no tags; GitLab `workflow:rules` on branches), it is written into each job's branch
 * and tag filters instead, so the job still runs only where the workflow did. A job whose rules say
 * more than a ref condition (manual, statuses, variables), or whose two conditions together are no
 * filter, keeps its own rules; `unfolded` names those, and the workflow keeps its condition then.
 */
function foldConditionIntoFilters(workflow: Workflow, ctx: WorkflowContext): { workflow: Workflow; unfolded: string[] } {
  // A schedule's own part of the condition is its trigger.
  const condition = workflowCondition(workflow);
  if (!condition) return { workflow, unfolded: [] };
  const folded = new Set<string>();
  const nodes = workflow.nodes.map((node) => {
    const rules = foldedRules(node, condition, ctx);
    if (rules) folded.add(node.id);
    return rules ? { ...node, rules } : node;
  });
  // A job that requires a folded one runs only when that one does, which is inside the condition.
  const graph = indexGraph(workflow);
  const unfolded = nodes.filter((n) => !folded.has(n.id) && ![...upstreamOf(graph, n.id)].some((id) => folded.has(id))).map((n) => n.id);
  if (unfolded.length) return { workflow: { ...workflow, nodes }, unfolded };
  const { condition: _folded, ...rest } = workflow;
  return { workflow: { ...rest, nodes }, unfolded };
}

/**
 * Fail closed where version 2.0 cannot say the workflow's condition: the jobs it would have
 * decided wait for a person, behind one approval at their start, instead of running always.
 */
function holdForApproval(workflow: Workflow, unfolded: readonly string[], why: string, ctx: WorkflowContext): Workflow {
  const ids = new Set(workflow.nodes.map((n) => n.id));
  let id = `approve-${workflow.name ?? 'workflow'}`.replace(/[^A-Za-z\d_-]+/g, '-');
  for (let n = 2; ids.has(id) || ctx.jobs.has(id); n++) id = `approve-${workflow.name ?? 'workflow'}-${n}`;
  const held = new Set(unfolded);
  const gate: WorkflowNode = { id, approval: true, ...(workflow.origin ? { origin: workflow.origin } : {}) };
  const nodes = workflow.nodes.map((node) => (held.has(node.id) && !node.requires?.length ? { ...node, requires: [{ node: id }] } : node));
  const byId = new Map(workflow.nodes.map((n) => [n.id, n]));
  report(ctx.sink, 'unsupported-feature', `${why}; ${unfoldedText(unfolded)} ${unfolded.length === 1 ? 'waits' : 'wait'} for approval "${id}" where the condition decided`, {
    origin: workflow.origin,
    related: unfolded.flatMap((n) => {
      const node = byId.get(n);
      const job = node?.job ? ctx.jobs.get(node.job) : undefined;
      return [node?.origin, job?.origin].flatMap((origin) => (origin ? [{ message: `"${n}" waits for approval`, origin }] : []));
    }),
    hint: ctx.version === '2.0' ? 'Approve the workflow where its condition holds, or write version 2.1, whose workflows take `when`.' : 'Approve the workflow where its condition holds, or turn the values it tests into pipeline parameters.',
  });
  const { condition: _held, ...rest } = workflow;
  return { ...rest, nodes: [gate, ...nodes] };
}

function unfoldedText(ids: readonly string[]): string {
  const named = ids.map((id) => `"${id}"`);
  return ids.length === 1 ? `job ${named[0]}` : `jobs ${named.join(', ')}`;
}

function foldedRules(node: WorkflowNode, condition: Condition, ctx: WorkflowContext): WorkflowNode['rules'] | undefined {
  if (node.rules?.some((r) => (r.when !== undefined && r.when !== 'on_success' && r.when !== 'never') || r.variables || r.allowFailure !== undefined || r.startIn || r.needs)) return undefined;
  // A CircleCI job without filters runs on branches only.
  const own: Condition = node.rules === undefined && ctx.pipeline.source === 'circleci2' ? { kind: 'ref', ref: 'branch' } : rulesToCondition(node.rules).condition;
  const both = refDisjunction({ kind: 'and', all: [condition, own] });
  if (!both || !conditionToFilters(both, newNotes())) return undefined;
  const origin = node.rules?.[0]?.origin ?? node.origin;
  return [{ condition: both, ...(origin ? { origin } : {}) }];
}

/**
 * Version 2.0 requires success only: a job that runs when another fails would run after its
 * success instead. It is left out, with what requires it (fail closed).
 */
function withoutFailureOnlyJobs(workflow: Workflow, ctx: WorkflowContext): Workflow {
  const graph = indexGraph(workflow);
  const gone = new Set<string>();
  for (const node of workflow.nodes) {
    const onFailure = node.requires?.find((r) => r.statuses && !r.statuses.includes('success'));
    if (!onFailure || gone.has(node.id)) continue;
    const after = dependentsOf(graph, node.id).filter((n) => !gone.has(n.id));
    gone.add(node.id);
    for (const n of after) gone.add(n.id);
    report(ctx.sink, 'unsupported-feature', `"${node.id}" runs when "${onFailure.node}" ends with ${onFailure.statuses!.join('/')}; version 2.0 requires success, so it is left out${after.length ? `, and so is what requires it (${after.map((n) => `"${n.id}"`).join(', ')})` : ''}`, {
      origin: onFailure.origin ?? node.origin,
      related: [node, ...after].flatMap((n) => (n.origin ? [{ message: `"${n.id}" is left out`, origin: n.origin }] : [])),
      hint: 'Write version 2.1, whose requires take job statuses.',
    });
  }
  return gone.size ? { ...workflow, nodes: workflow.nodes.filter((n) => !gone.has(n.id)) } : workflow;
}

type FilterDecision =
  | { kind: 'expression'; text: string; notes: ConditionNotes }
  | { kind: 'filters'; filters?: Filters; notes: ConditionNotes }
  | { kind: 'untestable'; notes: ConditionNotes };

/** How a node's rules are written: branch/tag filters, a 2.1 expression filter, or not at all. */
function filtersOf(node: WorkflowNode, ctx: WorkflowContext): FilterDecision {
  const { condition } = rulesToCondition(node.rules);
  const notes = newNotes();
  if (condition.kind === 'opaque' && condition.format === 'circleci2' && !isJson(condition.text)) return { kind: 'expression', text: condition.text, notes };
  const written = node.rules === undefined && ctx.pipeline.source === 'circleci2' ? undefined : conditionToFilters(condition, notes);
  if (written === undefined && node.rules !== undefined && !isAnyBranch(condition)) {
    // Not a branch/tag filter: an expression filter on pipeline values (2.1).
    const text = ctx.version === '2.1' ? conditionToExpression(condition, notes) : undefined;
    return text !== undefined ? { kind: 'expression', text, notes } : { kind: 'untestable', notes };
  }
  return written ? { kind: 'filters', filters: written, notes } : { kind: 'filters', notes };
}

/** What a node's rules depend on that CircleCI filters cannot test, each said once. */
function untestableText(unsupported: readonly string[]): string {
  return [...new Set(unsupported)].join(', ') || 'values CircleCI filters cannot test';
}

function isAnyBranch(c: Condition): boolean {
  return c.kind === 'ref' && c.ref === 'branch' && !c.match;
}

/** The workflow's own condition, without the "schedule" source its triggers already imply. */
function workflowCondition(workflow: Workflow): Condition | undefined {
  let c = workflow.condition;
  if (!c || !workflow.triggers?.length) return c;
  const isSchedule = (x: Condition) => x.kind === 'source' && x.source === 'schedule';
  if (isSchedule(c)) return undefined;
  if (c.kind === 'and') {
    const rest = c.all.filter((x) => !isSchedule(x));
    c = rest.length === 0 ? undefined : rest.length === 1 ? rest[0] : { kind: 'and', all: rest };
  }
  return c;
}

function emitTrigger(trigger: NonNullable<Workflow['triggers']>[number], ctx: WorkflowContext): Yaml {
  const schedule: { [key: string]: Yaml } = { cron: trigger.cron };
  const notes = newNotes();
  const filters = trigger.condition ? conditionToFilters(trigger.condition, notes) : undefined;
  reportNotes(ctx, notes, trigger.origin, 'a schedule');
  // CircleCI requires a branch filter on schedules.
  schedule.filters = { branches: (filters?.branches ?? { only: ['main'] }) as Yaml };
  if (!filters?.branches && trigger.condition) {
    report(ctx.sink, 'approximate-translation', 'the schedule condition is not a branch filter; it runs on "main"', { origin: trigger.origin });
  } else if (!trigger.condition) {
    report(ctx.sink, 'default-chosen', 'CircleCI schedules need a branch filter; "main" is used', { origin: trigger.origin });
  }
  return { schedule };
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function emitNode(node: WorkflowNode, filters: Filters | string | undefined, ctx: WorkflowContext): Yaml {
  const options: { [key: string]: Yaml } = {};
  const job = node.job ? ctx.jobs.get(node.job) : undefined;
  const orbJob = job?.extensions?.find((e) => e.format === 'circleci2' && e.key === 'orb-job')?.value as
    | { name: string; args?: { [key: string]: Yaml } }
    | undefined;
  const key = orbJob?.name ?? node.job ?? node.id;
  if (orbJob) {
    ctx.usedOrbs.add(orbJob.name.split('/')[0]!);
    Object.assign(options, orbJob.args ?? {});
  }
  if (key !== node.id) options.name = node.id;
  if (node.approval) options.type = 'approval';
  if (node.requires?.length) {
    options.requires = node.requires.map((r) => {
      if (!r.statuses || (r.statuses.length === 1 && r.statuses[0] === 'success')) return r.node;
      const terminal = terminalStatuses.every((status) => r.statuses!.includes(status));
      if (ctx.version === '2.0') {
        // Said once for the file: every such edge is listed under the first.
        const said = `"${node.id}" runs after "${r.node}" ends with ${terminal ? 'any status' : r.statuses.join('/')}`;
        if (ctx.statusesLost) ctx.statusesLost(said, r.origin ?? node.origin);
        else {
          ctx.statusesLost = reportGathering(ctx.sink, 'unsupported-feature', `version 2.0 requires success: ${said}, and such jobs now run only after a success`, {
            origin: r.origin ?? node.origin,
            hint: 'Write version 2.1, whose requires take job statuses.',
          });
        }
        return r.node;
      }
      if (terminal) return { [r.node]: 'terminal' };
      return { [r.node]: r.statuses.length === 1 ? r.statuses[0]! : [...r.statuses] };
    });
  }
  if (node.contexts?.length) {
    options.context = node.contexts.length === 1 ? node.contexts[0]! : [...node.contexts];
    if (ctx.pipeline.source !== 'circleci2') {
      report(ctx.sink, 'manual-context', `create the context(s) ${node.contexts.join(', ')} in the CircleCI organization settings`, { origin: node.origin });
    }
  }
  if (typeof filters === 'string') {
    if (ctx.version === '2.1') options.filters = filters;
    else report(ctx.sink, 'unsupported-feature', `the expression filter of "${node.id}" needs version 2.1; the job runs on every branch`, { origin: node.origin });
  } else if (filters) options.filters = filters as unknown as Yaml;
  if (job?.concurrencyGroup !== undefined) {
    if (ctx.version === '2.1') options['serial-group'] = job.concurrencyGroup;
    else report(ctx.sink, 'unsupported-feature', `"${node.id}" is serialised with "${job.concurrencyGroup}"; serial groups need version 2.1`, { origin: node.origin });
  }
  return Object.keys(options).length ? { [key]: options } : key;
}

/** Where a node's rules were written: the first rule (a template's `rules:`), else the job. */
function rulesOrigin(node: WorkflowNode): WorkflowNode['origin'] {
  return node.rules?.find((rule) => rule.origin)?.origin ?? node.origin;
}

/** The held job's own place, when its rules were written elsewhere (a template). */
function heldPlace(node: WorkflowNode): Array<{ message: string; origin: NonNullable<WorkflowNode['origin']> }> {
  const rules = rulesOrigin(node);
  const job = node.origin;
  return job && rules && !originWithin(rules, job) ? [{ message: `job "${node.id}" waits for approval`, origin: job }] : [];
}

/** A node whose rules make it manual gets an approval gate in front (CircleCI has no manual jobs). */
function insertApprovalGates(nodes: readonly WorkflowNode[], ctx: WorkflowContext, held: ReadonlyMap<string, string[]>): WorkflowNode[] {
  const out: WorkflowNode[] = [];
  const ids = new Set(nodes.map((n) => n.id));
  for (const node of nodes) {
    const { manual } = rulesToCondition(node.rules);
    const untestable = held.get(node.id);
    // CircleCI cannot start a job after a delay: a person starts it (fail closed), not the push.
    const delay = node.rules?.find((r) => r.when === 'delayed');
    if ((!manual && !untestable && !delay) || node.approval) {
      out.push(node);
      continue;
    }
    let id = `approve-${node.id}`;
    for (let n = 2; ids.has(id) || ctx.jobs.has(id); n++) id = `approve-${node.id}-${n}`;
    ids.add(id);
    const gate: WorkflowNode = { id, approval: true };
    if (node.requires) gate.requires = node.requires;
    if (node.origin) gate.origin = node.origin;
    if (untestable) {
      // The person decides what the rules decided; neither the gate nor the job keeps them.
      const waiting = nodes.filter((other) => other.requires?.some((r) => r.node === node.id));
      // Said of the rules where they are written (often a template many jobs share), so the loss
      // is said once for them all; the hint says how the approval jobs are named.
      report(ctx.sink, 'unsupported-feature', `job "${node.id}": its rules depend on ${untestableText(untestable)}; it waits for an approval job instead of running on every branch${waiting.length ? ', and so does what requires it' : ''}`, {
        origin: rulesOrigin(node),
        job: node.id,
        related: [...heldPlace(node), ...waiting.flatMap((other) => (other.origin ? [{ message: `"${other.id}" waits for "${node.id}"`, origin: other.origin }] : []))],
        hint: 'Approve it (its approval job is named approve-<job>) where its rules would have run it, or rewrite the rules as branch and tag filters or pipeline parameters.',
      });
      const { rules: _, ...job } = node;
      out.push(gate, { ...job, requires: [{ node: id }] });
      continue;
    }
    // Behind the gate, the rules decide as if the person had started the job.
    const approved = node.rules?.map((r) => (r.when === 'manual' || r.when === 'delayed' ? { ...r, when: 'on_success' as const } : r));
    if (approved) gate.rules = approved;
    if (delay && !manual) {
      report(ctx.sink, 'semantic-difference', `CircleCI cannot delay a job; "${node.id}", started ${delay.startIn ?? 'after a delay'} after its stage in the source, waits for approval "${id}" instead`, {
        origin: delay.origin ?? node.origin,
        ...(node.origin && delay.origin ? { related: [{ message: `"${node.id}" waits for approval`, origin: node.origin }] } : {}),
        hint: 'Approve it once the delay has passed, or add a sleep step if the job may hold its executor that long.',
      });
    } else if (isOptionalManual(node)) {
      // CircleCI has no approval that may be left alone: the workflow is on hold until someone
      // approves or cancels it (https://circleci.com/docs/workflows/#hold-a-workflow-for-a-manual-approval).
      report(ctx.sink, 'semantic-difference', `manual job "${node.id}" waits for approval "${id}"; later jobs do not wait for it (what needs it does), but the workflow stays on hold until the approval is given or the workflow is cancelled, where GitLab passes the pipeline without it`, {
        origin: node.origin,
      });
    } else {
      report(ctx.sink, 'approximate-translation', `manual job "${node.id}" waits for approval "${id}"; the approval blocks it (and what requires it)`, {
        origin: node.origin,
      });
    }
    out.push(gate, { ...node, requires: [{ node: id }], ...(approved ? { rules: approved } : {}) });
  }
  return out;
}

/**
 * A job that runs for tags needs tag filters on every job it requires (spec §6.1): upstream
 * nodes without tag filters get the union of their downstream tag filters.
 */
function propagateTagFilters(workflow: Workflow, nodes: WorkflowNode[], filters: Map<string, Filters | undefined>): void {
  const graph = indexGraph({ ...workflow, nodes });
  const needed = new Map<string, Set<string>>();
  for (const node of nodes) {
    const tags = filters.get(node.id)?.tags;
    if (!tags?.only && !tags?.ignore) continue;
    const names = tags.ignore ? ['/.*/'] : Array.isArray(tags.only) ? tags.only : [tags.only!];
    for (const up of upstreamOf(graph, node.id)) {
      const set = needed.get(up) ?? new Set<string>();
      for (const n of names) set.add(n);
      needed.set(up, set);
    }
  }
  for (const [id, names] of needed) {
    const current = filters.get(id) ?? {};
    // A job filtered to some branches never ran for a tag: a tag filter would widen it.
    if (current.tags || current.branches?.only !== undefined) continue;
    const list = names.has('/.*/') ? ['/.*/'] : [...names];
    filters.set(id, { ...current, tags: { only: list.length === 1 ? list[0]! : list } });
  }
}

/**
 * Stage-order edges to jobs that may not run where the downstream runs are not written as
 * `requires` (withoutStageEdgesToAbsent): CircleCI would hold the downstream forever. Where both
 * can run, the downstream no longer waits for the upstream there, said once per job.
 */
function withoutAbsentStageUpstreams(nodes: WorkflowNode[], ctx: WorkflowContext): WorkflowNode[] {
  const { nodes: kept, dropped } = withoutStageEdgesToAbsent(nodes);
  const overlapping = new Map<WorkflowNode, string[]>();
  for (const d of dropped) if (d.overlapping) overlapping.set(d.node, [...(overlapping.get(d.node) ?? []), d.upstream]);
  for (const [node, upstreams] of overlapping) {
    report(ctx.sink, 'semantic-difference', `"${node.id}" no longer waits for ${upstreams.map((u) => `"${u}"`).join(', ')} of an earlier stage: CircleCI would not run it where ${upstreams.length === 1 ? 'that job is' : 'those jobs are'} filtered out, where GitLab passes over them`, {
      origin: node.origin,
    });
  }
  return kept;
}
