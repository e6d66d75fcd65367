/** The behaviour model of a pipeline: its jobs, and what happens for each event. */
import type { Pipeline } from '../ir/types.js';
import { eventsFor } from './events.js';
import { jobModel } from './job-model.js';
import { decide, nodeKeys } from './schedule.js';
import type { FormatSemantics } from './semantics.js';
import type { JobModel, PipelineBehaviour, PipelineEvent } from './types.js';

export function modelOf(pipeline: Pipeline, semantics: FormatSemantics, events: readonly PipelineEvent[] = eventsFor([pipeline])): PipelineBehaviour {
  const keys = nodeKeys(pipeline);
  const byId = new Map(pipeline.jobs.map((job) => [job.id, job]));
  const jobs: Record<string, JobModel> = {};
  for (const [node, key] of keys) {
    const job = node.job ? byId.get(node.job) : undefined;
    if (job) jobs[key] = jobModel(pipeline, job, key, semantics);
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
