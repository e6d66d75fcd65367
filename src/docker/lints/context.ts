/** What every Docker lint sees: one job, read once, and the engine it will run on in the target. */
import type { DiagnosticSink } from '../../diagnostics/types.js';
import type { FormatId, Job, Origin, Pipeline } from '../../ir/types.js';
import type { TargetEngine } from '../engine.js';
import type { CommandAt, JobDocker } from '../job-docker.js';

export interface DockerLintContext {
  pipeline: Pipeline;
  target: FormatId;
  job: Job;
  docker: JobDocker;
  engine: TargetEngine;
  sink: DiagnosticSink;
}

export type DockerLint = (ctx: DockerLintContext) => void;

/** Where to point a diagnostic about a command: its run step, else the job. */
export function commandOrigin(ctx: DockerLintContext, at: CommandAt): Origin | undefined {
  return at.step.origin ?? ctx.job.origin;
}

/** Whether the source ran Docker beside the job (1.0 service, machine executor). */
export function sourceRanDockerLocally(ctx: DockerLintContext): boolean {
  return ctx.docker.daemon?.engine === 'local' || ctx.job.executor?.kind === 'machine' || (ctx.pipeline.source === 'circleci1' && !ctx.docker.daemon);
}

/** Shortens user text quoted in a message so one long command does not flood the output. */
export function quote(text: string, max = 80): string {
  // URLs may carry `user:password@`; messages never repeat it.
  const flat = text.replace(/\s+/g, ' ').replace(/([a-z][a-z0-9+.-]*:\/\/)[^@/\s]*@/gi, '$1').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
