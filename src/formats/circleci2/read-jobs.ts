import { report } from '../../diagnostics/report.js';
import type { Condition, Extension, Job, Origin, Step } from '../../ir/types.js';
import { locateSetting } from '../../ir/origins.js';
import { circleci2 as rules } from '../../rules/generated/circleci2.generated.js';
import type { KnownKeys } from '../../yaml/account.js';
import { entries, toPlain, type Entry } from '../../yaml/view.js';
import type { At, Definition, ReadContext, Scope } from './context.js';
import { reportTableElement, reportUnreadArguments, tableElement, tableExecutor, tableSteps } from './expand-orbs.js';
import { bindArguments } from './expand-parameters.js';
import { atPath, originAt, readScalar, readString, wholePipelineParameter } from './interpolate.js';
import { executorKeys, readExecutorKeys, readExecutorReference, type ExecutorParts } from './read-executor.js';
import { readRefFilter } from './read-filters.js';
import { readNotify } from './read-notify.js';
import { readSteps } from './read-steps.js';

const extensionKeys = new Set<string>(rules.jobExtensions.map((row) => row.key));

/** The keys readJob reads in its own switch (the executor's and the extensions' come from their tables). */
const ownJobKeys = ['steps', 'parallelism', 'description', 'type', 'branches', 'executor', 'parameters', 'notify'];

/** Every key a job (or executor) definition accepts, for the "did you mean" of the unknown-key sweep. */
export const jobKeys: KnownKeys = (path) => {
  if (path.length !== 2) return undefined;
  if (path[0] === 'jobs') return [...ownJobKeys, ...executorKeys, ...extensionKeys];
  return path[0] === 'executors' ? executorKeys : undefined;
};

/** How a workflow entry invokes a job: its arguments and pre/post steps, read where written. */
export interface Invocation {
  args: Entry[];
  at: At;
  node: unknown;
  preSteps?: { node: unknown; at: At };
  postSteps?: { node: unknown; at: At };
  matrix?: Map<string, string>;
  /** The keys of the invocation that are not arguments (a workflow entry's options). */
  invocationKeys?: Iterable<string>;
}

export interface ReadJob {
  job: Job;
  /** `type: approval` declared on the job itself. */
  approval?: boolean;
  /** Deprecated job-level `branches` (applies to jobs run without workflows, spec §12). */
  branches?: Condition;
}

/** Expands one job definition for one invocation into an IR job (spec §2, §13). */
export function readJob(ctx: ReadContext, definition: Definition, id: string, invocation: Invocation): ReadJob {
  ctx.used.add(definition);
  const reader = definition.reader;
  const scope: Scope = bindArguments(ctx, definition, invocation.args, invocation.at, invocation.node, invocation.matrix, invocation.invocationKeys);
  if (invocation.matrix) scope.matrix = invocation.matrix;
  const at: At = { reader, scope, path: ['jobs', definition.name] };
  const list = entries(reader, definition.node);
  const job: Job = { id, steps: [] };
  const origin = originAt(at, definition.node);
  if (origin) job.origin = origin;
  if (definition.comments) job.comments = definition.comments;
  const result: ReadJob = { job };
  const parts: ExecutorParts = {};
  const executorEntry = list.find((e) => e.key === 'executor');
  if (executorEntry) Object.assign(parts, readExecutorReference(ctx, at, executorEntry));
  // Keys set in the job override the executor's (reusing-config.adoc).
  readExecutorKeys(ctx, at, list, parts);
  let steps: Step[] = [];
  const extensions: Extension[] = [];
  for (const e of list) {
    const inner = atPath(at, e.key);
    switch (e.key) {
      case 'steps':
        reader.ledger.take(e.pair);
        steps = readSteps(ctx, inner, e.value);
        break;
      case 'parallelism': {
        reader.ledger.take(e.pair);
        const fromPipeline = wholePipelineParameter(ctx, inner, e.value);
        const parameter = fromPipeline === undefined ? undefined : ctx.pipelineParameters.get(fromPipeline);
        if (parameter) {
          // The IR's parallelism is a number: the pipeline parameter's default stands for it.
          report(ctx.sink, 'semantic-difference', `"parallelism" comes from pipeline parameter "${parameter.name}"; its default (${String(parameter.default ?? 'none')}) is used`, {
            origin: originAt(inner, e.pair),
          });
        }
        const value = Number(parameter ? parameter.default : readScalar(ctx, inner, e.value));
        if (Number.isInteger(value) && value > 0) {
          if (value > 1) {
            job.parallelism = value;
            locateSetting(job, 'parallelism', originAt(inner, e.pair));
          }
        } else report(ctx.sink, 'wrong-type', '"parallelism" must be a positive integer', { origin: originAt(inner, e.pair) });
        break;
      }
      case 'description': {
        reader.ledger.take(e.pair);
        const text = readString(ctx, inner, e.value);
        if (text !== undefined) job.description = text;
        break;
      }
      case 'type': {
        reader.ledger.take(e.pair);
        const type = readString(ctx, inner, e.value);
        if (type === 'approval') result.approval = true;
        if (type && type !== 'build' && type !== 'approval') {
          extensions.push({ format: 'circleci2', key: 'type', value: type });
          report(ctx.sink, 'unsupported-feature', `job type "${type}" has no counterpart outside CircleCI`, { origin: originAt(inner, e.pair) });
        }
        break;
      }
      case 'branches':
        reader.ledger.take(e.pair);
        report(ctx.sink, 'deprecated-syntax', 'job-level "branches" is deprecated; it applies only when the config has no workflows', {
          origin: originAt(inner, e.pair),
        });
        result.branches = readRefFilter(ctx, inner, e.value, 'branch');
        break;
      case 'executor':
      case 'parameters':
        break;
      case 'notify':
        ctx.notifications.push(...readNotify(ctx, e, ['jobs', definition.name, 'notify'], reader));
        break;
      default:
        if (extensionKeys.has(e.key)) {
          reader.ledger.take(e.pair);
          reader.ledger.takeTree(reader, e.value);
          extensions.push({ format: 'circleci2', key: e.key, value: toPlain(reader, e.value) });
          report(ctx.sink, 'vendor-extension-kept', `"${e.key}" has no counterpart outside CircleCI; kept for CircleCI output only`, {
            origin: originAt(inner, e.pair),
          });
        }
    }
  }
  if (invocation.preSteps) steps = [...readSteps(ctx, invocation.preSteps.at, invocation.preSteps.node), ...steps];
  if (invocation.postSteps) steps = [...steps, ...readSteps(ctx, invocation.postSteps.at, invocation.postSteps.node)];
  job.steps = steps;
  applyParts(job, parts);
  for (const x of parts.extensions ?? []) extensions.push({ format: 'circleci2', key: x.key, value: x.value as never });
  if (extensions.length) job.extensions = extensions;
  return result;
}

function applyParts(job: Job, parts: ExecutorParts): void {
  if (parts.executor) job.executor = parts.executor;
  if (parts.services?.length) job.services = parts.services;
  if (parts.resourceClass !== undefined) job.resourceClass = parts.resourceClass;
  if (parts.shell !== undefined) job.shell = parts.shell;
  if (parts.workingDirectory !== undefined) job.workingDirectory = parts.workingDirectory;
  if (parts.environment?.length) job.environment = parts.environment;
  for (const [setting, origin] of Object.entries(parts.origins ?? {}) as Array<[keyof NonNullable<ExecutorParts['origins']>, Origin]>) {
    if (job[setting] !== undefined) locateSetting(job, setting, origin);
  }
}

/** A registry orb job from the built-in table (`node/test`), or `undefined` when the table lacks it. */
export function readTableJob(ctx: ReadContext, orb: string, name: string, id: string, invocation: Invocation): Job | undefined {
  const element = tableElement(ctx, orb, 'jobs', name.slice(name.indexOf('/') + 1));
  if (!element) return undefined;
  const values: Record<string, string> = {};
  // Registry orb jobs take their executor as an `executor` parameter: the one named is used.
  const executorArg = invocation.args.find((a) => a.key === 'executor');
  const chosen = executorArg ? readExecutorReference(ctx, invocation.at, executorArg) : undefined;
  for (const a of invocation.args) {
    if (a === executorArg) continue;
    invocation.at.reader.ledger.take(a.pair);
    invocation.at.reader.ledger.takeTree(invocation.at.reader, a.value);
    values[a.key] = readString(ctx, atPath(invocation.at, a.key), a.value) ?? '';
  }
  reportTableElement(ctx, element, `job "${name}" (${orb})`, originAt(invocation.at, invocation.node));
  reportUnreadArguments(
    ctx,
    element,
    `job "${name}" (${orb})`,
    invocation.args.filter((a) => a !== executorArg).map((a) => ({ key: a.key, origin: originAt(atPath(invocation.at, a.key), a.pair) })),
  );
  const job: Job = { id, steps: tableSteps(element, values) };
  const executor = tableExecutor(element, values);
  if (executor) job.executor = executor;
  if (chosen) applyParts(job, chosen);
  if (invocation.preSteps) job.steps = [...readSteps(ctx, invocation.preSteps.at, invocation.preSteps.node), ...job.steps];
  if (invocation.postSteps) job.steps = [...job.steps, ...readSteps(ctx, invocation.postSteps.at, invocation.postSteps.node)];
  const origin = originAt(invocation.at, invocation.node);
  if (origin) job.origin = origin;
  return job;
}

