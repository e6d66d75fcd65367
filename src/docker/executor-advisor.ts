/**
 * Which CircleCI 2.x executor a Docker-using job should get. Under `setup_remote_docker` the
 * engine historically ran on a separate VM: no bind mounts from the job's filesystem and no
 * published ports on the job's localhost (docker-in-ci.md §3, [D5] 2017–2023; seeds 000, 002).
 * The `machine` executor runs Docker next to the job, where both work (seed 000: "an
 * alternative … is to use the machine executor where volume mounts do work").
 */
import { report } from '../diagnostics/report.js';
import type { DiagnosticSink } from '../diagnostics/types.js';
import type { Job, Origin } from '../ir/types.js';
import { bindMounts, localhostUrls, portMatches, publishedPorts, startsComposeServices, usesHostNetwork, type PublishedPort } from './detect.js';
import { readJobDocker, type JobDocker } from './job-docker.js';

export interface ExecutorChoice {
  kind: 'machine' | 'remote';
  /** Why, one sentence each, for the emitter's info diagnostic. */
  reasons: string[];
}

/** The executor for a job that runs Docker commands, translated to CircleCI 2.x. */
export function chooseCircleciDockerExecutor(job: Job): ExecutorChoice {
  return adviseExecutor(readJobDocker(job));
}

/** `chooseCircleciDockerExecutor` over an already-read job. */
export function adviseExecutor(docker: JobDocker): ExecutorChoice {
  if (docker.job.executor?.kind === 'machine') {
    return { kind: 'machine', reasons: ['the job already runs on a machine executor, where Docker is available directly'] };
  }
  const needs = localEngineNeeds(docker);
  if (docker.daemon?.engine === 'remote') {
    // The source chose setup_remote_docker itself; keep its choice and let the lints warn.
    return { kind: 'remote', reasons: ['the source job uses setup_remote_docker; it is kept as written', ...needs.map((n) => `${n} (see the docker-* warnings)`)] };
  }
  if (needs.length) return { kind: 'machine', reasons: needs };
  return { kind: 'remote', reasons: ['no Docker command needs the job\'s files or network, so the docker executor with setup_remote_docker is enough'] };
}

/** Reasons the job's commands need Docker on the job's own machine. */
export function localEngineNeeds(docker: JobDocker): string[] {
  const reasons: string[] = [];
  const add = (reason: string) => {
    if (!reasons.includes(reason)) reasons.push(reason);
  };
  const published: PublishedPort[] = [];
  let composeStarted = false;
  for (const at of docker.commands) {
    const call = at.call;
    if (call) {
      const mount = bindMounts(call).find((m) => m.where !== 'socket');
      if (mount) add(`\`${mount.text}\` bind-mounts a path of the job's filesystem, which a remote engine cannot see`);
      if (usesHostNetwork(call)) add('`--network host` shares the engine host\'s network, which is not the job\'s under a remote engine');
      published.push(...publishedPorts(call));
      if (startsComposeServices(call)) {
        composeStarted = true;
        // The 1.0 → 2.0 tips put docker-compose jobs on machine (migration-maps.md): Compose files
        // usually mount the checkout and publish ports.
        add(`\`${call.plugin ? 'docker compose' : 'docker-compose'} ${call.subcommand}\` starts services whose volumes and ports usually need the job's machine`);
      }
      continue;
    }
    for (const url of localhostUrls(at.command)) {
      if (published.some((p) => portMatches(p, url.port))) {
        add(`\`${at.command.argv[0]} ${url.text}\` reaches a port published by an earlier \`docker run -p\`, which a remote engine does not forward`);
      } else if (composeStarted) {
        add(`\`${at.command.argv[0]} ${url.text}\` may reach a port published by Docker Compose, which a remote engine does not forward`);
      }
    }
  }
  return reasons;
}

/**
 * Reports the advisor's choice as an info diagnostic, for the CircleCI 2.x emitter. The origin is
 * where the Docker need was written (the daemon step, else the job).
 */
export function reportExecutorChoice(sink: DiagnosticSink, job: Job, choice: ExecutorChoice, origin?: Origin): void {
  const what = choice.kind === 'machine' ? 'the machine executor' : 'the docker executor with setup_remote_docker';
  report(sink, 'docker-executor-choice', `job "${job.id}" runs Docker on ${what}: ${choice.reasons.join('; ')}`, {
    job: job.id,
    origin: origin ?? job.origin,
    hint:
      choice.kind === 'machine'
        ? 'The machine executor runs Docker next to the job, so bind mounts and published ports behave as in the source.'
        : 'If a step needs the job\'s files inside a container, copy them with `docker cp` or switch the job to `machine`.',
  });
}
