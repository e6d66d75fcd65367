import type { Job, Pipeline, Step } from './types.js';

/** Every step of a job, depth-first, including the steps inside conditional steps. */
export function* walkSteps(steps: readonly Step[]): Generator<Step> {
  for (const step of steps) {
    yield step;
    if (step.kind === 'conditional') yield* walkSteps(step.steps);
  }
}

export function findJob(pipeline: Pipeline, id: string): Job | undefined {
  return pipeline.jobs.find((job) => job.id === id);
}

/** Whether any step of the job asks for a Docker engine. */
export function needsDockerDaemon(job: Job): boolean {
  for (const step of walkSteps(job.steps)) if (step.kind === 'docker-daemon') return true;
  return false;
}
