import { report } from '../../diagnostics/report.js';
import type { DiagnosticSink } from '../../diagnostics/types.js';
import { chooseCircleciDockerExecutor, reportExecutorChoice } from '../../docker/executor-advisor.js';
import { isOfficialDockerImage } from '../../docker/versions.js';
import type { DockerDaemonStep, Executor, FormatId, Job, Variable } from '../../ir/types.js';
import { walkSteps } from '../../ir/visit.js';
import { circleci2 } from '../../rules/generated/circleci2.generated.js';

/** The machine image a Docker job moved off the docker executor runs on (spec §3: Docker works there directly). */
export const dockerMachineImage = 'ubuntu-2204:current';

/**
 * Chooses the executor of a job that needs a Docker engine and comes from another format (a 1.0
 * `machine: services: [docker]`, a GitLab dind service). Bind mounts of the job's files, ports
 * published to its localhost, `--network host` and Compose services need Docker on the job's own
 * machine, which `setup_remote_docker` did not give (docker-in-ci.md §3, seeds 000 and 002); the
 * advisor in `src/docker` decides, and the choice is reported either way. CircleCI 2.x sources
 * keep the executor they were written with, so a 2.x round trip never changes it.
 */
export function placeDockerJob(job: Job, source: FormatId | undefined, sink: DiagnosticSink): Job {
  if (source === 'circleci2') return job;
  if (job.executor && job.executor.kind !== 'docker') return job;
  const daemon = findDaemon(job);
  if (!daemon) return job;
  const choice = chooseCircleciDockerExecutor(job);
  reportExecutorChoice(sink, job, choice, daemon.origin ?? job.origin);
  reportDindHostCalls(job, daemon, choice.kind, sink);
  if (choice.kind === 'remote') return job;

  // Docker is available directly on machine; the daemon step writes nothing there (spec §3),
  // and layer caching moves to `machine.docker_layer_caching`.
  const executor: Executor = { kind: 'machine', image: dockerMachineImage, ...(daemon.layerCaching ? { layerCaching: true } : {}) };
  const origin = job.executor?.origin ?? daemon.origin ?? job.origin;
  if (job.executor?.kind === 'docker' && !isOfficialDockerImage(job.executor.image.name)) {
    // The Docker CLI image only carried the client, which machine has; any other image carried tools.
    report(sink, 'semantic-difference', `job "${job.id}" runs on the ${dockerMachineImage} machine image instead of "${job.executor.image.name}"`, {
      origin,
      hint: 'Install in a step the tools the image provided, or run them in a container with the checkout mounted.',
    });
  }
  if (daemon.version !== undefined) {
    report(sink, 'semantic-difference', `Docker ${daemon.version} cannot be chosen on the machine executor; job "${job.id}" uses the Docker of ${dockerMachineImage}`, {
      origin: daemon.origin ?? origin,
    });
  }
  return { ...job, executor: origin ? { ...executor, origin } : executor };
}

/**
 * A GitLab job that calls its Docker-in-Docker service by host name (`http://docker:6060`, a port
 * a container published there) has no such host on CircleCI: containers publish on the machine's
 * localhost (machine executor) or on a remote engine no host name reaches.
 */
function reportDindHostCalls(job: Job, daemon: DockerDaemonStep, kind: 'machine' | 'remote', sink: DiagnosticSink): void {
  if (daemon.engine !== 'dind') return;
  const host = /^tcp:\/\/([^:/]+)/.exec(daemon.host ?? '')?.[1] ?? 'docker';
  const escaped = host.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const calls = new RegExp(`(?:^|[\\s/@"'=])${escaped}:\\d+|tcp://${escaped}\\b`);
  const step = [...walkSteps(job.steps)].find((s) => s.kind === 'run' && calls.test(s.command));
  if (!step) return;
  const where = kind === 'machine' ? 'on the machine executor the ports its containers publish open on localhost' : 'with setup_remote_docker they open on a remote engine the job cannot reach';
  report(sink, 'docker-port-unreachable', `job "${job.id}" calls the Docker-in-Docker service by its host name "${host}"; CircleCI has no such host: ${where}`, {
    job: job.id,
    origin: daemon.origin ?? job.origin,
    related: step.origin ? [{ message: `calls "${host}" here`, origin: step.origin }] : [],
    hint: kind === 'machine' ? `Call localhost instead of "${host}" in those commands.` : 'Run the job on the machine executor and call localhost.',
  });
}

function findDaemon(job: Job): DockerDaemonStep | undefined {
  for (const step of walkSteps(job.steps)) if (step.kind === 'docker-daemon') return step;
  return undefined;
}

/**
 * The pipeline variables a translated Docker job keeps: those that pointed the client at the
 * source's dind service or socket (mappings/circleci2.yml `dockerClientVariables`) are left out of
 * its environment, since CircleCI wires the client to its own engine. CircleCI 2.x sources keep
 * what they wrote. Returns the job with its own such variables removed and the globals to merge.
 */
export function dropDockerClientVariables(
  job: Job,
  globals: readonly Variable[],
  source: FormatId | undefined,
  sink: DiagnosticSink,
): { job: Job; globals: readonly Variable[] } {
  if (source === 'circleci2' || !findDaemon(job)) return { job, globals };
  const names: readonly string[] = circleci2.dockerClientVariables;
  const isClient = (v: Variable) => names.includes(v.name);
  const dropped = [...globals, ...(job.environment ?? [])].filter(isClient);
  if (!dropped.length) return { job, globals };
  const listed = [...new Set(dropped.map((v) => `"${v.name}"`))].join(', ');
  report(sink, 'approximate-translation', `job "${job.id}" gets Docker from CircleCI, which points the client at its engine itself; ${listed} ${dropped.length === 1 ? 'is' : 'are'} left out`, {
    job: job.id,
    origin: dropped[0]!.origin ?? job.origin,
  });
  const environment = job.environment?.filter((v) => !isClient(v));
  const kept: Job = { ...job };
  if (environment?.length) kept.environment = environment;
  else delete kept.environment;
  return { job: kept, globals: globals.filter((v) => !isClient(v)) };
}
