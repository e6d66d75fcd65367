/**
 * GitLab job statuses as CircleCI `requires` statuses. GitLab decides by the jobs before a job
 * (its earlier stages, or its `needs`): `when: on_failure` runs when at least one of them failed,
 * `when: always` whatever they did, and a job with `allow_failure: true` counts as succeeded
 * (https://docs.gitlab.com/ci/yaml/#when). CircleCI requires every listed status to hold, with
 * `terminal` for any final state (success, failed, canceled, not_run; CircleCI changelog
 * "Terminal jobs released"). "Any of several failed" has no CircleCI form: such a job waits for a
 * person once the others have finished (fail closed).
 */
import { report } from '../../diagnostics/report.js';
import type { DiagnosticSink } from '../../diagnostics/types.js';
import { indexGraph, upstreamOf } from '../../ir/graph.js';
import { isOptionalManual } from '../../ir/optional-manual.js';
import type { Job, Pipeline, Requirement, Workflow, WorkflowNode } from '../../ir/types.js';
import { nameList } from '../name-list.js';
import { terminalStatuses } from './read-workflows.js';

type Statuses = NonNullable<Requirement['statuses']>;

/** An allowed failure does not hold back what comes after it (GitLab also passes over a canceled one). */
const letThrough: Statuses = ['success', 'failed', 'canceled'];

export function statusesAsRequirements(pipeline: Pipeline, sink: DiagnosticSink): void {
  const jobs = new Map(pipeline.jobs.map((job) => [job.id, job]));
  for (const workflow of pipeline.workflows) rewriteWorkflow(workflow, jobs, sink);
}

function rewriteWorkflow(workflow: Workflow, jobs: ReadonlyMap<string, Job>, sink: DiagnosticSink): void {
  const allowed = new Set(workflow.nodes.filter((node) => mayFail(node, jobs)).map((node) => node.id));
  const index = indexGraph(workflow);
  const optional = new Set(workflow.nodes.filter((node) => isOptionalManual(node)).map((node) => node.id));
  const gates: WorkflowNode[] = [];
  for (const node of workflow.nodes) {
    const when = decidingWhen(node);
    if (when === undefined) {
      if (node.requires?.some((r) => allowed.has(r.node) && !r.statuses)) {
        node.requires = node.requires.map((r) => (allowed.has(r.node) && !r.statuses ? { ...r, statuses: [...letThrough] } : r));
      }
      continue;
    }
    // The jobs GitLab looks at: the written needs, or every job of the earlier stages.
    // Stage order passes over a manual job nobody started; so does this job (GitLab's later stages do not wait for one).
    const written = (node.requires ?? []).filter((r) => r.order !== 'stage');
    const before = written.length ? written.map((r) => r.node) : [...upstreamOf(index, node.id)].filter((id) => !optional.has(id));
    node.rules = node.rules!.map((rule) => (rule.when === when ? withoutWhen(rule) : rule));
    const origin = node.rules.find((rule) => rule.origin)?.origin ?? node.origin;
    if (when === 'always') {
      node.requires = before.map((id) => ({ node: id, statuses: [...terminalStatuses] }));
      continue;
    }
    const counted = before.filter((id) => !allowed.has(id));
    if (counted.length <= 1) {
      // One job that can fail: exactly GitLab's meaning. None: GitLab never runs it either.
      node.requires = before.map((id) => ({ node: id, statuses: counted.includes(id) ? ['failed'] : [...terminalStatuses] }));
      if (!counted.length) node.rules = [{ when: 'never', ...(origin ? { origin } : {}) }];
      continue;
    }
    const gate: WorkflowNode = { id: `approve-${node.id}`, approval: true, requires: before.map((id) => ({ node: id, statuses: [...terminalStatuses] })), ...(node.origin ? { origin: node.origin } : {}) };
    gates.push(gate);
    node.requires = [{ node: gate.id }];
    report(sink, 'semantic-difference', `job "${node.id}" runs in GitLab when any of ${nameList(counted)} fails; CircleCI requires all of a job's statuses to hold, so it waits for approval "${gate.id}" once they have finished`, {
      ...(origin ? { origin } : {}),
      hint: 'Approve it when one of them failed, or split it into one job per upstream, each requiring that job to fail.',
    });
  }
  workflow.nodes.push(...gates);
}

/** `on_failure` or `always` when every rule that adds the node says so; otherwise undefined. */
function decidingWhen(node: WorkflowNode): 'on_failure' | 'always' | undefined {
  const adding = (node.rules ?? []).filter((rule) => rule.when !== 'never');
  const first = adding[0]?.when;
  if ((first !== 'on_failure' && first !== 'always') || !adding.every((rule) => rule.when === first)) return undefined;
  return first;
}

function withoutWhen<T extends { when?: unknown }>(rule: T): T {
  const { when: _status, ...rest } = rule;
  return rest as T;
}

function mayFail(node: WorkflowNode, jobs: ReadonlyMap<string, Job>): boolean {
  const job = node.job ? jobs.get(node.job) : undefined;
  return job?.allowFailure === true || (node.rules?.length === 1 && node.rules[0]!.allowFailure === true && node.rules[0]!.when !== 'manual');
}
