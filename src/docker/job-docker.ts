/**
 * One job's Docker usage, read once and shared by the lints and the executor advisor: every
 * simple command of its run steps in order, the Docker calls among them, and its daemon step.
 */
import type { DockerDaemonStep, Job, RunStep } from '../ir/types.js';
import { walkSteps } from '../ir/visit.js';
import { findDockerCall, type DockerCall } from './docker-commands.js';
import { splitCommands, type SimpleCommand } from './shell-words.js';

export interface CommandAt {
  command: SimpleCommand;
  step: RunStep;
  /** Position among all commands of the job, in execution order. */
  order: number;
  /** The Docker call the command makes, if it is one. */
  call?: DockerCall;
}

export interface DockerCallAt extends CommandAt {
  call: DockerCall;
}

export interface JobDocker {
  job: Job;
  commands: CommandAt[];
  calls: DockerCallAt[];
  /** The job's `docker-daemon` step, if the source asked for an engine. */
  daemon?: DockerDaemonStep;
}

/** Words without which no command is a Docker call (incl. `aws ecr get-login`, which prints one). */
const dockerHint = /docker|get-login/;

export function readJobDocker(job: Job): JobDocker {
  const commands: CommandAt[] = [];
  const calls: DockerCallAt[] = [];
  let daemon: DockerDaemonStep | undefined;
  // Every lint starts from a Docker call; a job whose commands never say "docker" has none, and
  // splitting all its commands into words would be most of the lints' cost.
  const mentionsDocker = [...walkSteps(job.steps)].some((step) => step.kind === 'run' && dockerHint.test(step.command));
  for (const step of walkSteps(job.steps)) {
    if (step.kind === 'docker-daemon') daemon ??= step;
    if (step.kind !== 'run' || !mentionsDocker) continue;
    for (const command of splitCommands(step.command)) {
      const call = findDockerCall(command);
      const at: CommandAt = { command, step, order: commands.length, ...(call ? { call } : {}) };
      commands.push(at);
      if (call) calls.push({ ...at, call });
    }
  }
  return { job, commands, calls, ...(daemon ? { daemon } : {}) };
}
