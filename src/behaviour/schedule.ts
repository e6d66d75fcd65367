/**
 * Which job runs for one event, how it starts, and what it waits for. Approval gates are folded
 * into what they gate (a job behind an approval waits for a person), so a CircleCI approval job and
 * a GitLab blocking manual job read the same.
 */
import type { Pipeline, Requirement, Rule, Workflow, WorkflowNode } from '../ir/types.js';
import { contextFor, evaluate, type EvaluationContext } from './conditions.js';
import type { FormatSemantics } from './semantics.js';
import type { Dependency, EventOutcome, Gate, JobDecision, PipelineEvent, Truth, UpstreamStatus } from './types.js';

/** A node's key: its id, or `<workflow>:<id>` where several workflows use the same id. */
export function nodeKeys(pipeline: Pipeline): Map<WorkflowNode, string> {
  const count = new Map<string, number>();
  for (const w of pipeline.workflows) for (const n of w.nodes) count.set(n.id, (count.get(n.id) ?? 0) + 1);
  const keys = new Map<WorkflowNode, string>();
  for (const w of pipeline.workflows) {
    for (const n of w.nodes) keys.set(n, (count.get(n.id) ?? 0) > 1 && w.name ? `${w.name}:${n.id}` : n.id);
  }
  return keys;
}

interface Draft {
  node: WorkflowNode;
  key: string;
  created: Truth;
  gate: Gate;
  when: JobDecision['when'];
  allowFailure: boolean;
}

export function decide(pipeline: Pipeline, semantics: FormatSemantics, event: PipelineEvent, keys: Map<WorkflowNode, string>): EventOutcome {
  if (!semantics.events.includes(event.kind)) return { event, created: false, jobs: {} };
  const ctx = contextFor(pipeline, event, semantics.eventVariables(event));
  const pipelineCreated = pipeline.rules?.length ? firstMatch(pipeline.rules, ctx).created : true;
  const jobs: Record<string, JobDecision> = {};
  const declaredSchedules = semantics.declaredSchedulesRunOnlyTheirWorkflow === true && event.kind === 'schedule' && pipeline.workflows.some((w) => w.triggers?.length);
  for (const workflow of pipeline.workflows) {
    const unscheduled = declaredSchedules && !workflow.triggers?.length;
    // A declared schedule fires on the branches its filter allows: a schedule on another branch does not run it.
    const onScheduledBranch = declaredSchedules && workflow.triggers?.length ? anyOf(workflow.triggers.map((t) => evaluate(t.condition, ctx))) : true;
    const drafts = draftsOf(workflow, ctx, semantics, event, keys, unscheduled ? false : and(and(pipelineCreated, onScheduledBranch), evaluate(workflow.condition, ctx)));
    for (const decision of resolveGraph(workflow, drafts)) jobs[decision.key] = decision.decision;
  }
  return { event, created: pipelineCreated, jobs };
}

function draftsOf(workflow: Workflow, ctx: EvaluationContext, semantics: FormatSemantics, event: PipelineEvent, keys: Map<WorkflowNode, string>, workflowCreated: Truth): Map<string, Draft> {
  const drafts = new Map<string, Draft>();
  for (const node of workflow.nodes) {
    const usual = semantics.unconditionalEvents.includes(event.kind);
    // Outside the events a format runs jobs for by default (GitLab merge requests) a job without
    // rules does not run, while any rule that matches opens it, a bare `when` rule too: that is
    // how a rules list starts duplicate merge request pipelines
    // (https://docs.gitlab.com/ci/jobs/job_rules/#avoid-duplicate-pipelines).
    const rules = usual ? node.rules : node.rules?.filter((r) => !r.defaultEventsOnly);
    const decided: Decided = rules ? firstMatch(rules, ctx) : { created: usual };
    const when = decided.rule?.when;
    const manual = when === 'manual';
    const allowFailure = decided.rule?.allowFailure ?? false;
    const gate: Gate = node.approval ? 'manual-blocking' : manual ? (allowFailure ? 'manual-optional' : 'manual-blocking') : when === 'delayed' ? 'delayed' : 'automatic';
    drafts.set(node.id, {
      node,
      key: keys.get(node)!,
      created: and(workflowCreated, when === 'never' ? false : decided.created),
      gate,
      when: when === 'on_failure' ? 'on_failure' : when === 'always' ? 'always' : 'on_success',
      allowFailure: manual ? false : allowFailure,
    });
  }
  return drafts;
}

interface Decided {
  created: Truth;
  rule?: Rule;
}

/** Rules decide first-match; no match means not created. An undecidable rule makes the outcome unknown. */
function firstMatch(rules: readonly Rule[], ctx: EvaluationContext): Decided {
  let uncertain: Rule | undefined;
  for (const rule of rules) {
    const t = evaluate(rule.condition, ctx);
    if (t === false) continue;
    const created: Truth = rule.when === 'never' ? (t === true ? false : 'unknown') : t;
    if (t === true) return uncertain ? { created: created === false ? false : 'unknown', rule: uncertain } : { created, rule };
    uncertain ??= rule;
  }
  return uncertain ? { created: 'unknown', rule: uncertain } : { created: false };
}

function anyOf(values: Truth[]): Truth {
  if (values.includes(true)) return true;
  return values.includes('unknown') ? 'unknown' : false;
}

function and(a: Truth, b: Truth): Truth {
  if (a === false || b === false) return false;
  return a === 'unknown' || b === 'unknown' ? 'unknown' : true;
}

/** Propagates "not created" along written edges and folds approvals into what they gate. */
function resolveGraph(workflow: Workflow, drafts: Map<string, Draft>): Array<{ key: string; decision: JobDecision }> {
  const created = new Map<string, Truth>();
  const visiting = new Set<string>();
  const createdOf = (id: string): Truth => {
    const known = created.get(id);
    if (known !== undefined) return known;
    const draft = drafts.get(id);
    if (!draft || visiting.has(id)) return false;
    visiting.add(id);
    let result = draft.created;
    for (const req of draft.node.requires ?? []) {
      if (req.optional || req.order === 'stage') continue;
      // A written edge to a job that is not created keeps this one from running.
      result = and(result, createdOf(req.node));
    }
    visiting.delete(id);
    created.set(id, result);
    return result;
  };

  const out: Array<{ key: string; decision: JobDecision }> = [];
  for (const draft of drafts.values()) {
    if (draft.node.approval) continue;
    const state = createdOf(draft.node.id);
    if (state === false) continue;
    let gate = draft.gate;
    const dependencies: Dependency[] = [];
    const seen = new Set<string>();
    const visit = (requires: readonly Requirement[], depth: number) => {
      for (const req of requires) {
        const upstream = drafts.get(req.node);
        if (!upstream || createdOf(req.node) === false || depth > workflow.nodes.length) continue;
        if (upstream.node.approval) {
          // Waiting for an approval is waiting for a person; the approval's own edges are this job's.
          if (gate === 'automatic' || gate === 'manual-optional') gate = 'manual-blocking';
          visit(upstream.node.requires ?? [], depth + 1);
          continue;
        }
        // Through stage order a manual job nobody started does not hold later stages back.
        if (req.order === 'stage' && upstream.gate === 'manual-optional') continue;
        if (seen.has(upstream.key)) continue;
        seen.add(upstream.key);
        dependencies.push({ job: upstream.key, statuses: statusesOf(req) });
      }
    };
    visit(draft.node.requires ?? [], 0);
    out.push({
      key: draft.key,
      decision: {
        created: state,
        gate,
        when: draft.when,
        dependencies,
        allowFailure: draft.allowFailure,
        ...(draft.node.origin ? { origin: draft.node.origin } : {}),
      },
    });
  }
  return out;
}

function statusesOf(req: Requirement): UpstreamStatus[] {
  if (!req.statuses) return ['success'];
  const out = new Set<UpstreamStatus>();
  for (const s of req.statuses) {
    if (s === 'success') out.add('success');
    else if (s === 'failed') out.add('failed');
    else if (s === 'terminal') {
      out.add('success');
      out.add('failed');
    }
  }
  return [...out].sort();
}
