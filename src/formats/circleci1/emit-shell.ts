import { shellStateChange } from '../../behaviour/shell-state.js';
import { report } from '../../diagnostics/report.js';
import type { Job, RunStep, Step } from '../../ir/types.js';
import type { EmitContext } from '../types.js';

const sharedShellPhases = new Set(['before_script', 'script']);

function isPlainSharedLine(step: Step): step is RunStep {
  return (
    step.kind === 'run' &&
    sharedShellPhases.has(step.phase ?? '') &&
    !step.environment?.length &&
    step.workingDirectory === undefined &&
    !step.background &&
    step.when === undefined
  );
}

/**
 * GitLab runs a job's `before_script` and `script` lines in one shell; 1.0 gives every command a
 * shell of its own (configuration.md §1). When a line sets state later lines use (`export`, `cd`,
 * `VAR=$(…)`), the job's lines are joined into one command that stops at the first failure, as
 * GitLab does; otherwise they stay separate commands.
 */
export function joinSharedShell(job: Job, ctx: EmitContext): Step[] {
  const out: Step[] = [];
  let group: RunStep[] = [];
  const flush = (): void => {
    if (group.length > 1 && group.slice(0, -1).some((s) => shellStateChange(s.command) !== undefined)) {
      const joined: RunStep = { ...group[0]!, command: ['set -e', ...group.map((s) => s.command)].join('\n') };
      delete joined.name;
      out.push(joined);
      report(ctx.sink, 'approximate-translation', `the script lines of "${job.id}" share one shell in the source and set state later lines use; they become one 1.0 command`, {
        origin: group[0]!.origin,
      });
    } else out.push(...group);
    group = [];
  };
  for (const step of job.steps) {
    if (isPlainSharedLine(step)) group.push(step);
    else {
      flush();
      out.push(step);
    }
  }
  flush();
  return out;
}
