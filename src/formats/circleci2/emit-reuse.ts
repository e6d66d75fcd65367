import type { CommentNote } from '../../yaml/dump.js';
import { hoistCommands } from './emit-commands.js';
import { hoistExecutors } from './emit-executors.js';
import { builtinStepNames } from './emit-reuse-names.js';
import type { Yaml } from './emit-steps.js';

type YamlMap = { [key: string]: Yaml };

export interface Reused {
  executors?: YamlMap;
  commands?: YamlMap;
  jobs: YamlMap;
  /** The job comments, with step indices moved where runs of steps became one invocation. */
  comments: CommentNote[];
}

const executorKeys = new Set(['docker', 'machine', 'macos', 'working_directory', 'shell']);

/**
 * 2.1 output: executors and step runs that jobs repeat are written once, as `executors:` and
 * `commands:` (emit-executors.ts, emit-commands.ts), when that shortens the file. Works on the
 * written jobs, so what a job does cannot change, only where its text lives; the reader expands
 * both back (read-executor.ts, read-steps.ts), so the IR round-trips.
 */
export function hoistReuse(jobs: YamlMap, comments: readonly CommentNote[]): Reused {
  const pinnedExecutors = new Set<string>();
  const pinnedSteps = new Map<string, Set<number>>();
  for (const { path } of comments) {
    if (path[0] !== 'jobs' || typeof path[1] !== 'string' || path.length < 3) continue;
    if (executorKeys.has(String(path[2]))) pinnedExecutors.add(path[1]);
    if (path[2] === 'steps' && typeof path[3] === 'number') {
      const set = pinnedSteps.get(path[1]) ?? new Set<number>();
      set.add(path[3]);
      pinnedSteps.set(path[1], set);
    }
  }

  const names = namesInUse(jobs);
  const executorResult = hoistExecutors(jobs, pinnedExecutors, names.executors);
  const afterExecutors = executorResult?.jobs ?? jobs;
  // Distinct from every job, executor and step name, so no reference can mean two things.
  const reservedForCommands = new Set([...builtinStepNames, ...names.steps, ...Object.keys(jobs), ...Object.keys(executorResult?.executors ?? {})]);
  const commandResult = hoistCommands(afterExecutors, pinnedSteps, reservedForCommands);
  const out: Reused = { jobs: commandResult?.jobs ?? afterExecutors, comments: [...comments] };
  if (executorResult) out.executors = executorResult.executors;
  if (commandResult) {
    out.commands = commandResult.commands;
    out.comments = comments.map((note) => {
      const [root, id, key, index, ...rest] = note.path;
      if (root !== 'jobs' || key !== 'steps' || typeof id !== 'string' || typeof index !== 'number') return note;
      const moved = commandResult.moved.get(id)?.[index];
      return moved === undefined || moved === index ? note : { ...note, path: [root, id, key, moved, ...rest] };
    });
  }
  return out;
}

/** Executor names jobs already refer to, and every step name used (orb and unknown steps included). */
function namesInUse(jobs: YamlMap): { executors: Set<string>; steps: Set<string> } {
  const executors = new Set<string>();
  const steps = new Set<string>();
  const visit = (list: Yaml | undefined) => {
    if (!Array.isArray(list)) return;
    for (const step of list) {
      if (typeof step === 'string') steps.add(step);
      else if (isMap(step)) {
        for (const [key, value] of Object.entries(step)) {
          steps.add(key);
          if ((key === 'when' || key === 'unless') && isMap(value)) visit(value.steps);
        }
      }
    }
  };
  for (const job of Object.values(jobs)) {
    if (!isMap(job)) continue;
    const reference = job.executor;
    if (typeof reference === 'string') executors.add(reference);
    else if (isMap(reference) && typeof reference.name === 'string') executors.add(reference.name);
    visit(job.steps);
  }
  return { executors, steps };
}

function isMap(value: Yaml | undefined): value is YamlMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
