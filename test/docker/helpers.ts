/** Small IR builders for the Docker tests. */
import { createSink } from '../../src/diagnostics/sink.js';
import type { Diagnostic } from '../../src/diagnostics/types.js';
import { lintDocker } from '../../src/docker/lint.js';
import type { DockerDaemonStep, Executor, FormatId, Job, Pipeline, Service, Step } from '../../src/ir/types.js';

export interface JobOptions {
  executor?: Executor;
  daemon?: Omit<DockerDaemonStep, 'kind'>;
  services?: Service[];
  /** Steps added after the run steps (cache steps). */
  extra?: Step[];
}

let offset = 0;

/** A job whose run steps are `commands` (one step each), with an origin per step. */
export function jobOf(commands: string | string[], options: JobOptions = {}): Job {
  const steps: Step[] = [];
  if (options.daemon) steps.push({ kind: 'docker-daemon', ...options.daemon });
  for (const command of Array.isArray(commands) ? commands : [commands]) {
    const start = (offset += 100);
    steps.push({ kind: 'run', command, origin: { file: 'ci.yml', range: [start, start + command.length] } });
  }
  steps.push(...(options.extra ?? []));
  return {
    id: 'build',
    steps,
    origin: { file: 'ci.yml', range: [0, 5] },
    ...(options.executor ? { executor: options.executor } : {}),
    ...(options.services ? { services: options.services } : {}),
  };
}

export function pipelineOf(job: Job, source: FormatId): Pipeline {
  return { source, jobs: [job], workflows: [] };
}

export function lint(pipeline: Pipeline, target: FormatId): Diagnostic[] {
  const sink = createSink();
  lintDocker(pipeline, target, sink);
  return [...sink.diagnostics];
}

export function codes(pipeline: Pipeline, target: FormatId): string[] {
  return lint(pipeline, target).map((d) => d.code);
}

/** The CircleCI 2.x docker executor + setup_remote_docker shape. */
export const remoteJob = (commands: string | string[], extra: JobOptions = {}) =>
  pipelineOf(jobOf(commands, { executor: { kind: 'docker', image: { name: 'cimg/base:2024.01' } }, daemon: { engine: 'remote' }, ...extra }), 'circleci2');

/** The CircleCI 1.0 `machine: services: [docker]` shape. */
export const circleci1Job = (commands: string | string[], extra: JobOptions = {}) => pipelineOf(jobOf(commands, { daemon: { engine: 'local' }, ...extra }), 'circleci1');

/** A GitLab dind job with a pinned docker image. */
export const gitlabDindJob = (commands: string | string[], extra: JobOptions = {}) =>
  pipelineOf(jobOf(commands, { executor: { kind: 'docker', image: { name: 'docker:24.0.5-cli' } }, daemon: { engine: 'dind', version: '24.0.5', tls: true }, ...extra }), 'gitlab');
