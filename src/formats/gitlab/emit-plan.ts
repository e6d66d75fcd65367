import { refDisjunction } from '../../ir/ref-conditions.js';
import { stageNames } from './stage-names.js';
import { rulesToCondition } from '../../ir/rule-condition.js';
import { conjoin as and, guardRules } from '../../ir/upstream-conditions.js';
import { report } from '../../diagnostics/report.js';
import type { DiagnosticSink } from '../../diagnostics/types.js';
import type { Condition, Job, Pipeline, Requirement, Rule, Workflow, WorkflowNode } from '../../ir/types.js';
import { globalKeys } from './resolve-extends.js';

/** Top-level keys GitLab reads as keywords, never as jobs (gitlab-ci.md §1). */
const reservedNames = globalKeys;

/** One GitLab job to write: a workflow node with its name, stage and scheduling worked out. */
export interface JobPlan {
  name: string;
  node: WorkflowNode;
  workflow: Workflow;
  job?: Job;
  stage: string;
  /** Requirements with node ids replaced by output job names (approval gates removed). */
  requires?: Requirement[];
  rules?: Rule[];
  /** Topological level within its workflow (for derived stages). */
  level: number;
  /** Upstream jobs whose rules this job's rules include, so they are created whenever it is. */
  upstreamImplied?: Set<string>;
}

export interface Plan {
  jobs: JobPlan[];
  stages: string[];
  /** Written as `stages:` (omitted when GitLab's defaults already say it). */
  writeStages: boolean;
  /** Rules that apply to every job, hoisted to `workflow:rules`. */
  workflowRules?: Rule[];
}

function mentionsTag(condition: Condition | undefined): boolean {
  if (!condition) return false;
  switch (condition.kind) {
    case 'ref':
      return condition.ref === 'tag';
    case 'source':
      return condition.source === 'tag';
    case 'and':
      return condition.all.some(mentionsTag);
    case 'or':
      return condition.any.some(mentionsTag);
    case 'not':
      return false;
    default:
      return false;
  }
}

/** The condition can only hold in a branch pipeline. */
function impliesBranch(condition: Condition | undefined): boolean {
  if (!condition) return false;
  if (condition.kind === 'ref') return condition.ref === 'branch';
  if (condition.kind === 'and') return condition.all.some(impliesBranch);
  if (condition.kind === 'or') return condition.any.every(impliesBranch);
  return false;
}

/**
 * A CircleCI job whose required job does not run does not run either
 * (https://circleci.com/docs/workflows/); GitLab creates it anyway when its own rules match. So each
 * job's rules also require what its upstream jobs' rules require, in graph order, and its needs on
 * them are then always there (`upstreamImplied`).
 */
function requireUpstreamConditions(plans: readonly JobPlan[], byName: ReadonlyMap<string, JobPlan>): void {
  const done = new Set<JobPlan>();
  const visiting = new Set<JobPlan>();
  const settle = (plan: JobPlan): void => {
    if (done.has(plan) || visiting.has(plan)) return;
    visiting.add(plan);
    for (const r of plan.requires ?? []) {
      const up = byName.get(r.node);
      if (!up || up.workflow !== plan.workflow) continue;
      settle(up);
      const { condition } = rulesToCondition(up.rules);
      if (!(condition.kind === 'literal' && condition.value)) plan.rules = simplifyRefs(guardRules(plan.rules, condition));
      (plan.upstreamImplied ??= new Set()).add(up.name);
    }
    visiting.delete(plan);
    done.add(plan);
  };
  for (const plan of plans) settle(plan);
}

/** Rules whose conditions are about refs alone, written as short as they can be. */
function simplifyRefs(rules: Rule[]): Rule[] {
  return rules.map((rule) => {
    const simple = rule.condition && (refDisjunction(rule.condition) ?? withoutBareRefs(rule.condition));
    return simple && simple.kind !== 'literal' ? { ...rule, condition: simple } : rule;
  });
}

/** `any branch && branch == main && …`: the bare "any branch" says nothing the named one does not. */
function withoutBareRefs(condition: Condition): Condition {
  if (condition.kind !== 'and') return condition;
  const named = (ref: string) => condition.all.some((c) => c.kind === 'ref' && c.ref === ref && c.match);
  const kept = condition.all.filter((c) => !(c.kind === 'ref' && !c.match && named(c.ref)));
  return kept.length === 1 ? kept[0]! : { kind: 'and', all: kept };
}

/**
 * Lays the workflows out as one GitLab pipeline: names (a node id used by several workflows
 * becomes `<workflow>:<id>`), approval gates folded into `when: manual` on the gated jobs,
 * schedule and workflow conditions and the CircleCI tag semantics as rules, and stages.
 */
export function planPipeline(pipeline: Pipeline, sink: DiagnosticSink): Plan {
  const fromGitlab = pipeline.source === 'gitlab';
  const jobsById = new Map(pipeline.jobs.map((j) => [j.id, j]));
  const idCount = new Map<string, number>();
  for (const w of pipeline.workflows) for (const n of w.nodes) if (!n.approval) idCount.set(n.id, (idCount.get(n.id) ?? 0) + 1);
  const anySchedule = pipeline.workflows.some((w) => w.triggers?.length);

  const plans: JobPlan[] = [];
  const renamedOnce = new Set<string>();
  for (const workflow of pipeline.workflows) {
    const prefix = workflow.name ?? 'pipeline';
    const nameOf = (id: string) => {
      const name = (idCount.get(id) ?? 0) > 1 ? `${prefix}:${id}` : id;
      // A job may not be called like a top-level keyword (`image:` would set the default image).
      if (!reservedNames.has(name) && !name.startsWith('.')) return name;
      const renamed = `${name.replace(/^\.+/, '')}-job`;
      if (!renamedOnce.has(name)) {
        renamedOnce.add(name);
        report(sink, 'approximate-translation', `job "${name}" is written as "${renamed}": GitLab reads "${name}" as a keyword or hidden job`, {
          origin: byId.get(id)?.origin,
        });
      }
      return renamed;
    };
    const byId = new Map(workflow.nodes.map((n) => [n.id, n]));

    // Requirements through approval gates: the gate's own requirements, and the gated flag.
    const resolveRequires = (node: WorkflowNode, seen = new Set<string>()): { requires: Requirement[]; gated: boolean } => {
      let gated = false;
      const out: Requirement[] = [];
      for (const r of node.requires ?? []) {
        const upstream = byId.get(r.node);
        if (upstream?.approval && !seen.has(upstream.id)) {
          seen.add(upstream.id);
          gated = true;
          const inner = resolveRequires(upstream, seen);
          for (const q of inner.requires) if (!out.some((o) => o.node === q.node)) out.push(q);
        } else if (!out.some((o) => o.node === nameOf(r.node))) out.push({ ...r, node: upstream ? nameOf(r.node) : r.node });
      }
      return { requires: out, gated };
    };

    const guards: Condition[] = [];
    if (workflow.condition) guards.push(workflow.condition);
    if (workflow.triggers?.length) {
      // A schedule runs on the branch it targets; the trigger's branch filter stays in the rule, so a
      // schedule set up on another branch does not run the workflow (issue 14).
      const branches = workflow.triggers.every((t) => t.condition) ? workflow.triggers.map((t) => t.condition!) : [];
      const onBranch: Condition | undefined = branches.length === 0 ? undefined : branches.length === 1 ? branches[0] : { kind: 'or', any: branches };
      guards.push(and({ kind: 'source', source: 'schedule' }, onBranch));
      for (const trigger of workflow.triggers) {
        report(sink, 'manual-schedule', `create a pipeline schedule with cron "${trigger.cron}" ${scheduledBranches(trigger.condition)}${workflow.name ? ` for workflow "${workflow.name}"` : ''}`, {
          origin: trigger.origin ?? workflow.origin,
          hint: 'GitLab schedules live in Build > Pipeline schedules; its jobs run when $CI_PIPELINE_SOURCE == "schedule".',
        });
      }
    } else if (anySchedule) guards.push({ kind: 'not', condition: { kind: 'source', source: 'schedule' } });

    for (const node of workflow.nodes) {
      if (node.approval) continue;
      const { requires, gated } = resolveRequires(node);
      let rules = node.rules;
      for (const guard of [...guards].reverse()) rules = guardRules(rules, guard);
      if (gated) {
        // A CircleCI approval blocks what requires it; rules:when:manual defaults to
        // allow_failure: false, so later jobs wait for it (notes/semantics.md).
        rules = (rules?.length ? rules : [{}]).map((rule) =>
          rule.when === 'never' ? rule : { ...rule, when: 'manual' as const, allowFailure: false },
        );
      }
      const plan: JobPlan = { name: nameOf(node.id), node, workflow, stage: node.stage ?? '', level: 0 };
      const job = node.job !== undefined ? jobsById.get(node.job) : undefined;
      if (job) plan.job = job;
      if (node.requires) plan.requires = requires;
      if (rules) plan.rules = rules;
      plans.push(plan);
    }
  }

  // Tags: CircleCI 2.x runs a job for a tag only with a tag filter; GitLab runs every job for
  // tags. (A 1.0 source states its tag builds in the pipeline's rules.)
  let workflowRules = pipeline.rules;
  if (pipeline.source === 'circleci2') {
    const needsGuard = (plan: JobPlan) => {
      const active = (plan.rules ?? []).filter((r) => r.when !== 'never');
      if (active.some((r) => mentionsTag(r.condition))) return false;
      return !(active.length > 0 && active.every((r) => impliesBranch(r.condition)));
    };
    const guarded = plans.filter(needsGuard);
    const noTags: Condition = { kind: 'not', condition: { kind: 'ref', ref: 'tag' } };
    if (guarded.length && guarded.length === plans.length) {
      workflowRules = [{ condition: { kind: 'ref', ref: 'tag' }, when: 'never' }, ...(pipeline.rules ?? [{ when: 'always' }])];
    } else {
      for (const plan of guarded) plan.rules = guardRules(plan.rules, noTags);
    }
  }

  const byName = new Map(plans.map((p) => [p.name, p]));
  if (!fromGitlab) requireUpstreamConditions(plans, byName);

  // Levels on the planned graph, then stages.
  const levels = new Map<JobPlan, number>();
  const levelOf = (plan: JobPlan, visiting: Set<string>): number => {
    const known = levels.get(plan);
    if (known !== undefined) return known;
    if (visiting.has(plan.name)) return 0;
    visiting.add(plan.name);
    let level = 0;
    for (const r of plan.requires ?? []) {
      const up = byName.get(r.node);
      if (up && up.workflow === plan.workflow) level = Math.max(level, levelOf(up, visiting) + 1);
    }
    visiting.delete(plan.name);
    levels.set(plan, level);
    return level;
  };
  for (const plan of plans) plan.level = levelOf(plan, new Set());

  let stages: string[];
  let writeStages = true;
  if (pipeline.stages || plans.some((p) => p.node.stage !== undefined)) {
    const defaults = ['build', 'test', 'deploy'];
    // Duplicates are dropped: the schema rejects them and GitLab reads the first.
    stages = [...new Set(pipeline.stages ?? defaults)];
    for (const plan of plans) {
      plan.stage ||= 'test';
      if (!stages.includes(plan.stage) && plan.stage !== '.pre' && plan.stage !== '.post') stages.push(plan.stage);
    }
    writeStages = pipeline.stages !== undefined || stages.join() !== defaults.join();
  } else {
    const depth = Math.max(0, ...plans.map((p) => p.level)) + 1;
    // One stage: GitLab's default `test`, unwritten. More: each named for what it holds.
    // Named by the jobs' own names: a workflow prefix (`nightly:build`) says nothing of what runs.
    const levels = Array.from({ length: depth }, (_, i) => plans.filter((p) => p.level === i).map((p) => p.node.job ?? p.name));
    stages = depth === 1 ? ['test'] : stageNames(levels);
    for (const plan of plans) plan.stage = stages[plan.level]!;
    writeStages = depth > 1 && stages.join() !== 'build,test,deploy';
  }
  const result: Plan = { jobs: plans, stages, writeStages };
  if (workflowRules) result.workflowRules = workflowRules;
  return result;
}

/** Stage order including `.pre` and `.post`. */
export function stageRank(plan: Plan, stage: string): number {
  if (stage === '.pre') return -1;
  if (stage === '.post') return plan.stages.length;
  const i = plan.stages.indexOf(stage);
  return i < 0 ? plan.stages.length - 0.5 : i;
}

/**
 * The branch a GitLab schedule must target (each schedule runs on one branch, its "Target branch"),
 * from the schedule trigger's branch filter.
 */
export function scheduledBranches(condition: Condition | undefined): string {
  const exact = (c: Condition): string | undefined => (c.kind === 'ref' && c.ref === 'branch' && c.match?.kind === 'exact' ? c.match.value : undefined);
  if (!condition || (condition.kind === 'literal' && condition.value)) return 'on the branch it should build';
  if (condition.kind === 'default-branch') return 'on the default branch';
  const one = exact(condition);
  if (one !== undefined) return `on branch "${one}"`;
  if (condition.kind === 'or' && condition.any.every((c) => exact(c) !== undefined)) {
    return `on each of the branches ${condition.any.map((c) => `"${exact(c)}"`).join(', ')} (one schedule per branch)`;
  }
  if (condition.kind === 'ref' && condition.ref === 'branch' && condition.match?.kind === 'regex') {
    return `on each branch matching /${condition.match.source}/ (one schedule per branch)`;
  }
  return 'on the branches its filter allows (one schedule per branch)';
}
