/** The behaviour model of a pipeline: its jobs, and what happens for each event. */
import { indexGraph, upstreamOf } from '../ir/graph.js';
import { matrixCells, matrixJobCount } from '../ir/matrix.js';
import type { Matrix, Pipeline, WorkflowNode } from '../ir/types.js';
import { limits } from '../yaml/limits.js';
import { eventsFor } from './events.js';
import { jobModel } from './job-model.js';
import { decide, nodeKeys } from './schedule.js';
import type { FormatSemantics } from './semantics.js';
import type { JobModel, MatrixCell, PipelineBehaviour, PipelineEvent } from './types.js';

export function modelOf(pipeline: Pipeline, semantics: FormatSemantics, events: readonly PipelineEvent[] = eventsFor([pipeline])): PipelineBehaviour {
  const keys = nodeKeys(pipeline);
  const byId = new Map(pipeline.jobs.map((job) => [job.id, job]));
  const jobs: Record<string, JobModel> = {};
  for (const [node, key] of keys) {
    const job = node.job ? byId.get(node.job) : undefined;
    if (!job) continue;
    const model = jobModel(pipeline, job, key, semantics);
    const matrix = node.matrix ?? job.matrix;
    // One node of a matrix runs as one job per combination: the model keeps them on that node.
    if (matrix && matrixJobCount(matrix) <= limits.maxMatrixCells) {
      model.matrix = cellsOf(matrix);
      if (matrix.origin) model.matrixOrigin = matrix.origin;
    }
    jobs[key] = model;
  }
  receivedFiles(pipeline, keys, jobs, semantics);
  const outcomes = events.map((event) => {
    const outcome = decide(pipeline, semantics, event, keys);
    for (const [key, decision] of Object.entries(outcome.jobs)) {
      const job = jobs[key] ? byId.get(jobs[key].name) : undefined;
      if (job?.allowFailure && decision.gate !== 'manual-optional') decision.allowFailure = true;
    }
    // A job that may fail counts as succeeded for what waits for it (GitLab passes the pipeline on).
    for (const decision of Object.values(outcome.jobs)) {
      decision.dependencies = decision.dependencies.map((d) => (outcome.jobs[d.job]?.allowFailure && d.statuses.length === 1 && d.statuses[0] === 'success' ? { ...d, statuses: ['failed', 'success'] } : d));
    }
    return outcome;
  });
  return { jobs, events: outcomes };
}

/**
 * What each job finds from earlier jobs. Where artifacts reach later jobs (GitLab), a job receives
 * what the jobs it depends on with artifacts published; otherwise a job that attaches the workspace
 * receives what every job before it in the workflow persisted (CircleCI workspaces are layered
 * along `requires`, https://circleci.com/docs/workspaces/).
 */
function receivedFiles(pipeline: Pipeline, keys: Map<WorkflowNode, string>, jobs: Record<string, JobModel>, semantics: FormatSemantics): void {
  for (const workflow of pipeline.workflows) {
    const index = indexGraph(workflow);
    const byId = index.byId;
    const modelOfNode = (id: string) => {
      const node = byId.get(id);
      return node ? jobs[keys.get(node)!] : undefined;
    };
    for (const node of workflow.nodes) {
      const model = jobs[keys.get(node)!];
      if (!model) continue;
      const sources = semantics.artifactsReachLaterJobs
        ? (node.requires ?? []).filter((r) => r.artifacts !== false).map((r) => r.node)
        : model.receives
          ? [...upstreamOf(index, node.id)]
          : [];
      const paths = new Set(sources.flatMap((id) => modelOfNode(id)?.publishes ?? []));
      if (!paths.size) {
        // Attaching a workspace no earlier job wrote gives the job nothing.
        if (!semantics.artifactsReachLaterJobs) model.receives = false;
        continue;
      }
      model.received = [...paths].sort();
      model.receives = true;
    }
  }
}

function cellsOf(matrix: Matrix): MatrixCell[] {
  return matrixCells(matrix).map((variables) => ({ values: Object.values(variables), variables }));
}
