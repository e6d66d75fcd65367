import { report } from '../../diagnostics/report.js';
import type { Job, Parameter, Pipeline, Variable, Workflow } from '../../ir/types.js';
import { dumpYaml, type CommentNote } from '../../yaml/dump.js';
import type { EmitContext } from '../types.js';
import { rulesToCondition } from './emit-conditions.js';
import { dropDockerClientVariables, placeDockerJob } from './emit-docker.js';
import { emitJob } from './emit-jobs.js';
import { hoistReuse, type Reused } from './emit-reuse.js';
import { createVariableMapper } from './emit-variables.js';
import type { StepContext, Yaml } from './emit-steps.js';
import { emitWorkflow } from './emit-workflows.js';
import { prepareForCircleci } from './emit-prepare.js';

/**
 * Writes the IR as `.circleci/config.yml`: `version` 2.1 (default) or 2.0, then `orbs` (only
 * those placeholders still need), `parameters`, in 2.1 `executors` and `commands` where jobs
 * share them (unless `factor: false`), `jobs` and `workflows`, with comments kept.
 */
export function emitCircleci2(input: Pipeline, context: EmitContext): string {
  const version = context.options.version === '2.0' || context.options.version === '2' ? '2.0' : '2.1';
  if (context.options.version !== undefined && !['2', '2.0', '2.1'].includes(context.options.version)) {
    report(context.sink, 'invalid-value', `CircleCI version "${context.options.version}" is not 2.0 or 2.1; writing 2.1`);
  }
  const sink = context.sink;
  const pipeline = prepareForCircleci(input, sink);
  const usedOrbs = new Set<string>();
  const parameters = new Set((version === '2.1' ? pipeline.parameters ?? [] : []).map((p) => p.name));
  const comments: CommentNote[] = [];
  const out: { [key: string]: Yaml } = { version: version === '2.1' ? 2.1 : 2 };

  const jobs: { [key: string]: Yaml } = {};
  const jobComments: CommentNote[] = [];
  const defined = new Set([...(pipeline.variables ?? []), ...pipeline.jobs.flatMap((j) => j.environment ?? [])].map((v) => v.name));
  const variables = createVariableMapper(pipeline.source, sink, defined, context.options.variableMode ?? 'shim');
  // Global variables some job writes; Docker client variables left out of every job are not reported.
  const writtenGlobals = new Set<Variable>();
  for (const source of pipeline.jobs) {
    if (source.extensions?.some((e) => e.format === 'circleci2' && e.key === 'orb-job')) continue;
    const { job: withoutClient, globals } = dropDockerClientVariables(source, pipeline.variables ?? [], pipeline.source, sink);
    const job = placeDockerJob(withoutClient, pipeline.source, sink);
    const ctx: StepContext = { sink, version, job, parameters, usedOrbs, variables, ...(context.options.placeholders ? { placeholders: context.options.placeholders } : {}) };
    for (const v of globals) writtenGlobals.add(v);
    const written = emitJob(job, ctx, globals);
    jobs[job.id] = written.value;
    jobComments.push(...written.comments);
  }
  // 2.0 has no executors or commands (spec §1).
  const reused: Reused = version === '2.1' && context.options.factor !== false ? hoistReuse(jobs, jobComments) : { jobs, comments: jobComments };
  comments.push(...reused.comments);
  const globalVariables = (pipeline.variables ?? []).filter((v) => writtenGlobals.has(v));
  if (globalVariables.length) {
    report(sink, 'approximate-translation', 'CircleCI has no pipeline-wide variables; they are written into every job', {
      origin: globalVariables[0]!.origin,
    });
    for (const v of globalVariables) {
      if (!v.expand || !v.value.includes('$')) continue;
      report(sink, 'circleci2-variable-expansion', `"${v.name}" refers to other variables; every job exports it through $BASH_ENV so the shell expands it`, {
        origin: v.origin,
      });
    }
  }

  const workflows: { [key: string]: Yaml } = {};
  const jobMap = new Map<string, Job>(pipeline.jobs.map((j) => [j.id, j]));
  const implicit = isImplicitBuild(pipeline);
  if (!implicit) {
    if (version === '2.0') workflows.version = 2;
    const names = workflowNames(pipeline.workflows);
    pipeline.workflows.forEach((workflow, i) => {
      const name = names[i]!;
      if (workflow.nodes.length === 0) {
        report(sink, 'unsupported-feature', `workflow "${name}" has no jobs; it is left out`, { origin: workflow.origin });
        return;
      }
      const withRules = applyPipelineRules(workflow, pipeline);
      const written = emitWorkflow(withRules, { sink, version, pipeline, jobs: jobMap, usedOrbs }, ['workflows', name]);
      workflows[name] = written.value;
      comments.push(...written.comments);
    });
  }

  const orbs = keptOrbs(pipeline, usedOrbs);
  if (orbs) {
    if (version === '2.1') out.orbs = orbs;
    else report(sink, 'unsupported-feature', `orbs ${Object.keys(orbs).join(', ')} need version 2.1; their steps are left as written`);
  }
  if (pipeline.parameters?.length) {
    if (version === '2.1') out.parameters = emitParameters(pipeline.parameters, sink);
    else {
      report(sink, 'unsupported-feature', 'pipeline parameters need version 2.1; their defaults are not available in a 2.0 config', {
        origin: pipeline.parameters[0]!.origin,
      });
    }
  }
  const executors = { ...(version === '2.1' ? orbJobExecutors(pipeline) : {}), ...(reused.executors as { [key: string]: Yaml } | undefined) };
  if (Object.keys(executors).length) out.executors = executors;
  if (reused.commands) out.commands = reused.commands;
  out.jobs = reused.jobs;
  if (!implicit) out.workflows = workflows;
  for (const notification of pipeline.notifications ?? []) {
    report(sink, 'manual-setting', `a ${notification.kind} notification is configured outside YAML in CircleCI 2.x; set it up in the project settings`, {
      origin: notification.origin,
    });
  }
  const spaced: Array<Array<string | number>> = [[], ['executors'], ['commands'], ['jobs'], ['workflows']];
  return dumpYaml(out, {
    ...(pipeline.comments?.before ? { header: pipeline.comments.before } : {}),
    comments,
    spacedMaps: spaced,
  });
}

/** A config without workflows runs its `build` job on push (spec §2); keep that shape. */
function isImplicitBuild(pipeline: Pipeline): boolean {
  if (pipeline.workflows.length !== 1) return false;
  const [workflow] = pipeline.workflows;
  if (workflow!.name !== undefined || workflow!.condition || workflow!.triggers?.length || workflow!.nodes.length !== 1) return false;
  const [node] = workflow!.nodes;
  if (node!.id !== 'build' || node!.job !== 'build' || node!.contexts?.length || node!.requires?.length) return false;
  const rules = node!.rules;
  return pipeline.source === 'circleci2' && rules?.length === 1 && rules[0]!.condition?.kind === 'ref' && rules[0]!.condition.ref === 'branch' && !rules[0]!.condition.match && !rules[0]!.when;
}

function workflowNames(workflows: readonly Workflow[]): string[] {
  const used = new Set<string>();
  return workflows.map((w, i) => {
    let name = w.name ?? (workflows.length === 1 ? 'workflow' : `workflow-${i + 1}`);
    if (name === 'version') name = 'version-workflow';
    for (let n = 2; used.has(name); n++) name = `${w.name ?? 'workflow'}-${n}`;
    used.add(name);
    return name;
  });
}

/**
 * Pipeline-level rules (GitLab `workflow:rules`) become each workflow's condition; one CircleCI
 * cannot test makes the workflow wait for approval (emitWorkflow), located at the rules.
 */
function applyPipelineRules(workflow: Workflow, pipeline: Pipeline): Workflow {
  if (!pipeline.rules?.length) return workflow;
  const { condition } = rulesToCondition(pipeline.rules);
  if (condition.kind === 'literal' && condition.value) return workflow;
  const combined = workflow.condition ? { kind: 'and' as const, all: [workflow.condition, condition] } : condition;
  const origin = workflow.origin ?? pipeline.rules[0]!.origin;
  return { ...workflow, condition: combined, ...(origin ? { origin } : {}) };
}

/** The file's executors that orb job placeholders are given as arguments (2.1 only: 2.0 has no orbs). */
function orbJobExecutors(pipeline: Pipeline): { [key: string]: Yaml } {
  const out: { [key: string]: Yaml } = {};
  for (const job of pipeline.jobs) {
    const value = job.extensions?.find((e) => e.format === 'circleci2' && e.key === 'orb-job')?.value as { executors?: { [key: string]: Yaml } } | undefined;
    Object.assign(out, value?.executors ?? {});
  }
  return out;
}

function keptOrbs(pipeline: Pipeline, used: Set<string>): { [key: string]: Yaml } | undefined {
  const declared = pipeline.extensions?.find((e) => e.format === 'circleci2' && e.key === 'orbs')?.value as Record<string, string> | undefined;
  if (!declared) return undefined;
  const out: { [key: string]: Yaml } = {};
  for (const [alias, ref] of Object.entries(declared)) if (used.has(alias)) out[alias] = ref;
  return Object.keys(out).length ? out : undefined;
}

function emitParameters(parameters: readonly Parameter[], sink: EmitContext['sink']): { [key: string]: Yaml } {
  const out: { [key: string]: Yaml } = {};
  for (const p of parameters) {
    const spec: { [key: string]: Yaml } = { type: p.type };
    if (p.description !== undefined) spec.description = p.description;
    if (p.enum) spec.enum = [...p.enum];
    if (p.default !== undefined) spec.default = p.default;
    else {
      // Pipeline parameters must have a default (spec §9).
      spec.default = p.type === 'boolean' ? false : p.type === 'integer' ? 0 : p.type === 'enum' ? (p.enum?.[0] ?? '') : '';
      report(sink, 'default-chosen', `pipeline parameter "${p.name}" needs a default; ${JSON.stringify(spec.default)} is used`, { origin: p.origin });
    }
    out[p.name] = spec;
  }
  return out;
}
