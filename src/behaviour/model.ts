/** The behaviour model of a pipeline: its jobs, and what happens for each event. */
import { matrixCells, matrixJobCount } from '../ir/matrix.js';
import type { Matrix, Pipeline } from '../ir/types.js';
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
  const outcomes = events.map((event) => {
    const outcome = decide(pipeline, semantics, event, keys);
    for (const [key, decision] of Object.entries(outcome.jobs)) {
      const job = jobs[key] ? byId.get(jobs[key].name) : undefined;
      if (job?.allowFailure && decision.gate !== 'manual-optional') decision.allowFailure = true;
    }
    return outcome;
  });
  return { jobs, events: outcomes };
}

function cellsOf(matrix: Matrix): MatrixCell[] {
  return matrixCells(matrix).map((variables) => ({ values: Object.values(variables), variables }));
}
