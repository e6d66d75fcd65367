import type { Origin, Pipeline, Workflow } from './types.js';

/** A problem with the pipeline graph. Codes match the diagnostic catalog's `graph-*` entries. */
export interface IrProblem {
  code: 'graph-dangling-requirement' | 'graph-cycle' | 'graph-duplicate-id' | 'graph-unknown-job';
  message: string;
  origin?: Origin;
}

/** Graph sanity: duplicate ids, nodes naming unknown jobs, dangling requirements, cycles. */
export function check(pipeline: Pipeline): IrProblem[] {
  const problems: IrProblem[] = [];
  const add = (code: IrProblem['code'], message: string, origin?: Origin) =>
    problems.push(origin ? { code, message, origin } : { code, message });

  const jobIds = new Set<string>();
  for (const job of pipeline.jobs) {
    if (jobIds.has(job.id)) add('graph-duplicate-id', `job "${job.id}" is defined more than once`, job.origin);
    jobIds.add(job.id);
  }
  for (const workflow of pipeline.workflows) {
    const where = workflow.name ? ` in workflow "${workflow.name}"` : '';
    const nodeIds = new Set<string>();
    for (const node of workflow.nodes) {
      if (nodeIds.has(node.id)) add('graph-duplicate-id', `job "${node.id}" appears more than once${where}`, node.origin);
      nodeIds.add(node.id);
      if (node.job !== undefined && !jobIds.has(node.job)) {
        add('graph-unknown-job', `"${node.id}"${where} runs job "${node.job}", which is not defined`, node.origin);
      }
    }
    for (const node of workflow.nodes) {
      for (const requirement of node.requires ?? []) {
        if (!nodeIds.has(requirement.node) && !requirement.optional) {
          add(
            'graph-dangling-requirement',
            `"${node.id}"${where} requires "${requirement.node}", which is not in the workflow`,
            requirement.origin ?? node.origin,
          );
        }
      }
    }
    for (const cycle of findCycles(workflow)) {
      const first = workflow.nodes.find((n) => n.id === cycle[0]);
      add('graph-cycle', `jobs require each other in a cycle${where}: ${[...cycle, cycle[0]].join(' → ')}`, first?.origin);
    }
  }
  return problems;
}

/** Each cycle once, as the list of node ids along it. */
function findCycles(workflow: Workflow): string[][] {
  // The first node of a duplicated id counts; duplicates are reported separately.
  const byId = new Map<string, (typeof workflow.nodes)[number]>();
  for (const node of workflow.nodes) if (!byId.has(node.id)) byId.set(node.id, node);
  const state = new Map<string, 'open' | 'done'>();
  const cycles: string[][] = [];
  const path: string[] = [];
  const visit = (id: string): void => {
    state.set(id, 'open');
    path.push(id);
    for (const requirement of byId.get(id)?.requires ?? []) {
      const next = requirement.node;
      if (!byId.has(next)) continue;
      const s = state.get(next);
      if (s === 'open') cycles.push(path.slice(path.indexOf(next)));
      else if (s === undefined) visit(next);
    }
    path.pop();
    state.set(id, 'done');
  };
  for (const node of workflow.nodes) if (!state.has(node.id)) visit(node.id);
  return cycles;
}
