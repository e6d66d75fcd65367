import type { DiagnosticCode } from '../../diagnostics/catalog.js';
import { report, reportGathering, reportOnce } from '../../diagnostics/report.js';
import { indexGraph, topologicalOrder, upstreamOf } from '../../ir/graph.js';
import { isOptionalManual } from '../../ir/optional-manual.js';
import { normalizeNode } from '../../ir/normalize.js';
import type { Condition, Job, Origin, Pipeline, Workflow, WorkflowNode } from '../../ir/types.js';
import { truthWithDefaults } from '../../ir/parameter-defaults.js';
import { rulesToCondition } from '../../ir/rule-condition.js';
import { withUpstreamConditions } from '../../ir/upstream-conditions.js';
import { walkSteps } from '../../ir/visit.js';
import { leaveOutNeverRunning } from '../never-running.js';
import type { EmitContext } from '../types.js';
import { selectorsOf, type Selectors } from './emit-condition.js';
import { nameList } from '../name-list.js';

export interface DeploymentPlan {
  node: WorkflowNode;
  job: Job;
  selectors: Selectors;
}

/** Which jobs run in the one 1.0 build (in order) and which become `deployment` subsections. */
export interface Plan {
  build: Array<{ node?: WorkflowNode; job: Job }>;
  deployments: DeploymentPlan[];
}

/** A job the 1.0 reader made from a deployment subsection: its commands have phase `deployment`. */
function isDeploymentJob(job: Job | undefined): boolean {
  const runs = job?.steps.filter((s) => s.kind === 'run') ?? [];
  return runs.length > 0 && runs.every((s) => s.kind === 'run' && s.phase === 'deployment');
}

/** A condition that holds for every branch (and maybe some tags): what a 1.0 build runs for. */
function isEveryBranch(condition: Condition): boolean {
  if (condition.kind === 'ref') return condition.ref === 'branch' && !condition.match;
  if (condition.kind === 'or') return condition.any.some(isEveryBranch) && condition.any.every((c) => c.kind === 'ref');
  return false;
}

function hasTagRef(condition: Condition): boolean {
  return condition.kind === 'ref' ? condition.ref === 'tag' : condition.kind === 'or' && condition.any.some(hasTagRef);
}

/**
 * Nodes that wait for a person, each with the node that makes it wait: approvals and manual jobs
 * themselves, and what requires them, except where only stage order joins a job to an optional
 * manual job (GitLab's later stages do not wait for one, https://docs.gitlab.com/ci/jobs/job_control/#types-of-manual-jobs).
 */
function waitingForPerson(nodes: readonly WorkflowNode[]): Map<string, string> {
  const waiting = new Map<string, string>();
  const blocks = new Set<string>();
  for (const node of nodes) {
    const manual = node.rules?.find((r) => r.when === 'manual');
    if (node.approval || manual) {
      waiting.set(node.id, node.id);
      // `rules: when: manual` blocks unless it allows failure (its default is false).
      if (!isOptionalManual(node)) blocks.add(node.id);
    }
  }
  // nodes are in topological order, so one pass sees every upstream first.
  for (const node of nodes) {
    if (waiting.has(node.id)) continue;
    const held = (node.requires ?? []).find((r) => waiting.has(r.node) && (r.order !== 'stage' || blocks.has(r.node)));
    if (held) {
      waiting.set(node.id, waiting.get(held.node)!);
      blocks.add(node.id);
    }
  }
  return waiting;
}

/** The single rule of a node, when it is "run on success when <condition>" (optionally then never). */
function ruleCondition(node: WorkflowNode): Condition | undefined {
  const rules = node.rules ?? [];
  const [first, second, ...rest] = rules;
  if (!first?.condition || rest.length) return undefined;
  if (first.when !== undefined && first.when !== 'on_success') return undefined;
  if (first.startIn || first.allowFailure !== undefined || first.variables?.length) return undefined;
  if (second && (second.condition || second.when !== 'never')) return undefined;
  return first.condition;
}

/** A node's condition when it narrows the every-branch build (what its dependants inherit). */
function narrowingCondition(node: WorkflowNode): Condition | undefined {
  const condition = ruleCondition(node);
  return condition && !isEveryBranch(condition) ? condition : undefined;
}

/**
 * Where a left-out job is written: its node and the commands it would have run, so that each of
 * those commands, no longer run, is said to be left out.
 */
function leftOutPlaces(node: WorkflowNode, jobs: ReadonlyMap<string, Job>): Array<{ message: string; origin: Origin }> {
  const job = node.job ? jobs.get(node.job) : undefined;
  const places = [node.origin, job?.origin, ...[...walkSteps(job?.steps ?? [])].map((step) => step.origin)];
  const seen = new Set<string>();
  return places.flatMap((origin) => {
    if (!origin) return [];
    const key = `${origin.file}:${origin.range[0]}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return [{ message: `"${node.id}" is left out`, origin }];
  });
}

/**
 * Rules that come to "every branch, no tag" (`if: $CI_COMMIT_TAG` → never, then a bare rule):
 * what a 1.0 build runs for anyway, tags building only through deployments.
 */
function onBranchesOnly(node: WorkflowNode): boolean {
  const { condition, manual } = rulesToCondition(node.rules);
  return !manual && condition.kind === 'not' && condition.condition.kind === 'ref' && condition.condition.ref === 'tag' && !condition.condition.match;
}

/**
 * A job whose rules only say when it runs (GitLab job-level `when`): kept in the build unless it
 * runs only after a failure, which the one 1.0 build, stopped by the failure, cannot do.
 */
function whenOnlyRulesKept(node: WorkflowNode, ctx: EmitContext): boolean {
  const whens = new Set(node.rules!.map((rule) => rule.when ?? 'on_success'));
  const at = node.rules!.find((rule) => rule.when && rule.when !== 'on_success')?.origin ?? node.origin;
  if (whens.has('on_failure')) {
    report(ctx.sink, 'manual-job', `CircleCI 1.0 stops the build at a failure and has no jobs for one; "${node.id}" runs only after a failure, so it is left out`, { origin: at });
    return false;
  }
  if (whens.has('always')) {
    report(ctx.sink, 'semantic-difference', `CircleCI 1.0 stops the build at the first failure; "${node.id}" runs always in the source but no longer after a failure`, { origin: at });
  }
  if (whens.has('delayed')) {
    report(ctx.sink, 'semantic-difference', `CircleCI 1.0 cannot delay a job; "${node.id}" runs in the build at once`, { origin: at });
  }
  return true;
}

/**
 * The workflows whose jobs go into the one 1.0 build. A job two workflows run alike (same job,
 * requirements and rules) runs once: the build is one machine, and a second run repeats the first.
 */
class InBuild {
  private readonly seen = new Set<string>();
  private readonly workflows: Workflow[] = [];
  private readonly shared = new Set<string>();
  private readonly repeats: Array<{ message: string; origin: Origin }> = [];

  add(workflow: Workflow, nodes: readonly WorkflowNode[]): WorkflowNode[] {
    const fresh = nodes.filter((node) => {
      const key = JSON.stringify(normalizeNode(node));
      if (!this.seen.has(key)) return this.seen.add(key);
      this.shared.add(node.id);
      if (node.origin) this.repeats.push({ message: `"${node.id}" runs once for every workflow that has it`, origin: node.origin });
      return false;
    });
    if (nodes.length) this.workflows.push(workflow);
    return fresh;
  }

  report(ctx: EmitContext): void {
    if (this.workflows.length < 2) return;
    const names = nameList(this.workflows.map((w, i) => w.name ?? `workflow ${i + 1}`));
    const shared = [...this.shared];
    const once = shared.length ? `; ${nameList(shared)}, run by more than one, ${shared.length === 1 ? 'runs' : 'run'} once` : '';
    report(ctx.sink, 'unsupported-feature', `CircleCI 1.0 has one build; workflows ${names} run one after the other in it${once}`, {
      origin: this.workflows[1]!.origin,
      related: this.repeats,
    });
  }
}

/**
 * Serialises the job graph for 1.0: nodes in topological order; a node that only runs for some
 * branches/tags/owner and that no unconditional node needs becomes a deployment (1.0 deploys run
 * after a green build, configuration.md §6); everything else runs in the build, in order.
 */
export function planPipeline(pipeline: Pipeline, ctx: EmitContext): Plan {
  const jobs = new Map(pipeline.jobs.map((job) => [job.id, job]));
  const plan: Plan = { build: [], deployments: [] };
  if (!pipeline.workflows.length) {
    for (const job of pipeline.jobs) plan.build.push({ job });
    return plan;
  }
  const nodes: WorkflowNode[] = [];
  const inBuild = new InBuild();
  for (const workflow of pipeline.workflows) {
    const order = topologicalOrder({ ...workflow, nodes: leaveOutNeverRunning(workflow.nodes, ctx.sink).nodes });
    const name = workflow.name ? `workflow "${workflow.name}"` : 'the workflow';
    const leaveOut = (code: DiagnosticCode, message: (jobNames: string) => string, origin: Origin | undefined, hint?: string) =>
      report(ctx.sink, code, message(nameList(order.map((n) => n.id))), { origin, related: order.flatMap((n) => leftOutPlaces(n, jobs)), ...(hint ? { hint } : {}) });
    // Fail closed: a workflow that runs only on a schedule, or only when its condition holds, must
    // not run on every push in the one 1.0 build.
    if (workflow.triggers?.length) {
      const crons = workflow.triggers.map((t) => `"${t.cron}"`).join(', ');
      leaveOut(
        'manual-schedule',
        (jobNames) => `CircleCI 1.0 has no scheduled builds; ${name} runs only on its schedule (${crons}), so its jobs (${jobNames}) are left out rather than run on every push`,
        workflow.triggers[0]!.origin ?? workflow.origin,
        'Start scheduled builds from an outside scheduler through the 1.0 API, with a build parameter the commands test.',
      );
      continue;
    }
    // 1.0 cannot set pipeline parameters: their defaults decide a condition on them alone.
    const byDefault = workflow.condition ? truthWithDefaults(workflow.condition, pipeline.parameters ?? []) : true;
    if (byDefault === false) {
      leaveOut('approximate-translation', (jobNames) => `${name} does not run with the default pipeline parameters, which 1.0 cannot change; its jobs (${jobNames}) are left out`, workflow.origin);
      continue;
    }
    if (byDefault === undefined) {
      leaveOut('unsupported-feature', (jobNames) => `CircleCI 1.0 cannot make a workflow conditional; the jobs of ${name} (${jobNames}) are left out rather than run on every push`, workflow.origin);
      continue;
    }
    // A job needing a main-only job runs only on main: it can then be a deployment of main too.
    nodes.push(...inBuild.add(workflow, withUpstreamConditions(order, narrowingCondition)));
  }
  inBuild.report(ctx);
  const candidates = new Map<string, Selectors>();
  const earlier: Condition[] = [];
  for (const node of nodes) {
    const condition = ruleCondition(node);
    // A deployment runs after the build, for some refs only (configuration.md §6); a job that runs
    // for some refs only keeps its rule that way even when it needed nothing before.
    if (!condition || node.approval || !node.job) continue;
    // An every-branch rule makes a deployment only of a 1.0 deployment (`branch: /.*?/`).
    if (isEveryBranch(condition) && !isDeploymentJob(jobs.get(node.job))) continue;
    const selectors = selectorsOf(condition, earlier);
    if (!selectors) continue;
    candidates.set(node.id, selectors);
    earlier.push(selectors.own ?? condition);
  }
  // A conditional node that an unconditional one needs has to run inside the build.
  for (let changed = true; changed; ) {
    changed = false;
    for (const node of nodes) {
      if (candidates.has(node.id)) continue;
      for (const requirement of node.requires ?? []) {
        if (candidates.delete(requirement.node)) changed = true;
      }
    }
  }
  let tagsLost: ((message: string, origin: Origin | undefined) => void) | undefined;
  const ruled: WorkflowNode[] = [];
  const waiting = waitingForPerson(nodes);
  for (const node of nodes) {
    if (node.approval) {
      const held = nodes.filter((n) => waiting.get(n.id) === node.id && n !== node);
      report(ctx.sink, 'manual-job', `CircleCI 1.0 has no approval jobs; "${node.id}" is left out${held.length ? `, and so is what waits for it (${nameList(held.map((n) => n.id))})` : ''}`, {
        origin: node.origin,
        related: held.flatMap((n) => (n.origin ? [{ message: `"${n.id}" waits for "${node.id}"`, origin: n.origin }] : [])),
        hint: 'Run what it guarded by hand, or make it a 1.0 deployment of the branch it ships.',
      });
      continue;
    }
    if (waiting.has(node.id)) {
      // Fail closed: 1.0 cannot wait for a person, and running the job on every push does more
      // than the source did, so it is left out.
      if (waiting.get(node.id) === node.id) {
        const held = nodes.filter((n) => waiting.get(n.id) === node.id && n !== node);
        report(ctx.sink, 'manual-job', `CircleCI 1.0 has no jobs that wait for a person; "${node.id}" is left out rather than run on every push${held.length ? `, and so is what waits for it (${nameList(held.map((n) => n.id))})` : ''}`, {
          origin: node.rules?.find((r) => r.when === 'manual')?.origin ?? node.origin,
          related: [node, ...held].flatMap((n) => leftOutPlaces(n, jobs)),
          hint: 'Run it by hand, or make it a 1.0 deployment of the branch it ships.',
        });
      }
      continue;
    }
    const job = node.job ? jobs.get(node.job) : undefined;
    if (!job) continue;
    if (node.matrix || job.matrix) {
      report(ctx.sink, 'unsupported-feature', `CircleCI 1.0 has no matrix; "${node.id}" runs once, without the matrix variables`, {
        origin: (node.matrix ?? job.matrix)?.origin ?? node.origin,
      });
    }
    // A job for a failed upstream would run after a success in the one build: left out instead.
    const onFailure = (node.requires ?? []).find((r) => r.statuses && !r.statuses.includes('success') && !r.statuses.includes('terminal'));
    if (onFailure) {
      report(ctx.sink, 'manual-job', `CircleCI 1.0 stops the build at a failure and has no jobs for one; "${node.id}" runs only when "${onFailure.node}" fails, so it is left out`, {
        origin: onFailure.origin ?? node.origin,
        ...(node.origin ? { related: [{ message: `"${node.id}" is left out`, origin: node.origin }] } : {}),
      });
      continue;
    }
    for (const requirement of node.requires ?? []) {
      if (requirement.statuses?.some((s) => s !== 'success')) {
        report(ctx.sink, 'unsupported-feature', `CircleCI 1.0 runs every command in one build; "${node.id}" no longer waits for "${requirement.node}" to fail or finish`, {
          origin: requirement.origin ?? node.origin,
        });
      }
    }
    const selectors = candidates.get(node.id);
    if (selectors) {
      plan.deployments.push({ node, job, selectors });
      continue;
    }
    const condition = ruleCondition(node);
    // A GitLab job without rules runs for tags too (https://docs.gitlab.com/ci/yaml/#only--except).
    const tagsByDefault = !node.rules?.length && pipeline.source === 'gitlab';
    if ((condition && isEveryBranch(condition)) || tagsByDefault) {
      // What every 1.0 build does; tags build only through deployment `tag` selectors.
      // A deployment's `tag` keeps the builds of the tags it matches, the whole build with them.
      const kept = [...new Set([...candidates.values()].flatMap((s) => s.tag ?? []))];
      if ((tagsByDefault || hasTagRef(condition!)) && !kept.includes('/.*/')) {
        const still = kept.length ? `"${node.id}" runs only for tags ${kept.join(', ')}, which a deployment matches` : `"${node.id}" no longer runs for tags`;
        const origin = node.rules?.[0]?.origin ?? node.origin;
        if (tagsLost) tagsLost(still, origin);
        else tagsLost = reportGathering(ctx.sink, 'semantic-difference', `CircleCI 1.0 builds a pushed tag only when a deployment has a matching \`tag\`; ${still}`, { origin });
      }
    } else if (node.rules?.some((rule) => rule.condition) && !onBranchesOnly(node)) {
      // Fail closed: rules 1.0 cannot test would otherwise run the job on every push.
      ruled.push(node);
      continue;
    } else if (node.rules?.length && !whenOnlyRulesKept(node, ctx)) {
      continue;
    }
    if (node.contexts?.length) {
      reportOnce(ctx.sink, 'manual-context', `CircleCI 1.0 has no contexts; set the variables of ${node.contexts.join(', ')} in the project settings`, {
        origin: node.origin,
      });
    }
    plan.build.push({ node, job });
  }
  leaveOutOrphans(plan, nodes, jobs, ctx);
  reportDeploymentsWaiting(plan, nodes, ctx);
  if (ruled.length) {
    report(ctx.sink, 'unsupported-feature', `CircleCI 1.0 runs the whole build on every push and cannot test the rules of ${nameList(ruled.map((n) => n.id))}; ${ruled.length === 1 ? 'it is' : 'they are'} left out rather than run on every push`, {
      origin: ruled[0]!.rules?.[0]?.origin ?? ruled[0]!.origin,
      related: ruled.flatMap((n) => leftOutPlaces(n, jobs)),
      hint: ruled.length === 1 ? 'Run it by hand, make it a 1.0 deployment of the branches it ships, or test the condition in its commands.' : 'Run them by hand, make them 1.0 deployments of the branches they ship, or test the condition in their commands.',
    });
  }
  return plan;
}

/**
 * Fail closed: a job that requires a left-out job would, in the one 1.0 build, run where the
 * source never ran it (its upstream did not run), so it is left out too, in graph order.
 */
function leaveOutOrphans(plan: Plan, nodes: readonly WorkflowNode[], jobs: ReadonlyMap<string, Job>, ctx: EmitContext): void {
  const placed = new Set([...plan.build, ...plan.deployments].flatMap((p) => (p.node ? [p.node.id] : [])));
  const ids = new Set(nodes.map((n) => n.id));
  const orphans: Array<{ node: WorkflowNode; upstream: string }> = [];
  for (const node of nodes) {
    if (!placed.has(node.id)) continue;
    const missing = (node.requires ?? []).find((r) => !r.optional && r.order !== 'stage' && (!r.statuses || r.statuses.includes('success')) && ids.has(r.node) && !placed.has(r.node));
    if (!missing) continue;
    placed.delete(node.id);
    orphans.push({ node, upstream: missing.node });
  }
  if (!orphans.length) return;
  const left = new Set(orphans.map((o) => o.node));
  plan.build = plan.build.filter((p) => !p.node || !left.has(p.node));
  plan.deployments = plan.deployments.filter((p) => !left.has(p.node));
  report(ctx.sink, 'unsupported-feature', `${nameList(orphans.map((o) => o.node.id))} ${orphans.length === 1 ? 'requires' : 'require'} ${nameList([...new Set(orphans.map((o) => o.upstream))])}, which CircleCI 1.0 leaves out; ${orphans.length === 1 ? 'it is' : 'they are'} left out too rather than run where the source did not run ${orphans.length === 1 ? 'it' : 'them'}`, {
    origin: orphans[0]!.node.origin,
    related: orphans.flatMap((o) => leftOutPlaces(o.node, jobs)),
  });
}

/**
 * 1.0 runs the deployment section only after the whole build succeeded: a deployment whose job
 * did not wait for every build job now does. Said once, each such deployment named.
 */
function reportDeploymentsWaiting(plan: Plan, nodes: readonly WorkflowNode[], ctx: EmitContext): void {
  const built = plan.build.flatMap((b) => (b.node ? [b.node.id] : []));
  if (!built.length) return;
  const index = indexGraph({ nodes: [...nodes] });
  let also: ((message: string, origin: Origin | undefined) => void) | undefined;
  for (const { node } of plan.deployments) {
    const upstream = upstreamOf(index, node.id);
    const waits = built.filter((id) => !upstream.has(id));
    if (!waits.length) continue;
    const said = `"${node.id}" now waits for ${nameList(waits)}`;
    if (also) also(said, node.origin);
    else {
      also = reportGathering(ctx.sink, 'semantic-difference', `CircleCI 1.0 deploys only after the whole build has succeeded: ${said}`, { origin: node.origin });
    }
  }
}
