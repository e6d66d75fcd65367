import { report } from '../../diagnostics/report.js';
import type { CacheKey, CacheSaveStep, Origin, Pipeline, Variable } from '../../ir/types.js';
import { walkSteps } from '../../ir/visit.js';
import { dumpYaml, type CommentNote } from '../../yaml/dump.js';
import type { EmitContext } from '../types.js';
import { gitlabVariableName, ruleMap } from './emit-condition.js';
import { compareBooleanParameters } from './emit-parameters.js';
import { emitJob, indexPlan, type EmittedJob } from './emit-job.js';
import { planPipeline, type JobPlan } from './emit-plan.js';
import { predefinedOf, referencedPredefined, reportPredefined, variableValue } from './emit-variables.js';

/**
 * Writes the IR as `.gitlab-ci.yml`: `stages` (as written, or from the graph's topological
 * levels), global variables (with a shim for the source's predefined variables), `workflow`,
 * then one job per workflow node in a fixed, idiomatic key order. Comments of the IR are
 * written back where their node lands.
 */
/**
 * A GitLab job saves its cache again after every run, over the same key
 * (https://docs.gitlab.com/ci/caching/); a source that kept the first save of a key restores what
 * that save held. Said once for the file, listing every cache.
 */
function reportCachesSavedOnce(pipeline: Pipeline, sink: EmitContext['sink']): void {
  const saves = pipeline.jobs.flatMap((job) => [...walkSteps(job.steps)].filter((s): s is CacheSaveStep => s.kind === 'cache-save' && !s.overwrites));
  if (!saves.length) return;
  const places = saves.flatMap((s) => (s.origin ? [s.origin] : []));
  report(sink, 'semantic-difference', `GitLab saves a cache again after every job, over the same key, where the source kept the first save of a key (${saves.length === 1 ? '1 cache' : `${saves.length} caches`})`, {
    ...(places[0] ? { origin: places[0] } : {}),
    ...(places.length > 1 ? { related: places.slice(1).map((origin) => ({ message: 'saved again here too', origin })) } : {}),
    hint: 'Put what the cache depends on in its key (key:files) so a new save only replaces a cache of the same inputs.',
  });
}

export function emitGitlab(input: Pipeline, context: EmitContext): string {
  const { sink, options } = context;
  const pipeline = compareBooleanParameters(input);
  const fromGitlab = pipeline.source === 'gitlab';
  const plan = planPipeline(pipeline, sink);
  const top: Record<string, unknown> = {};
  const comments: CommentNote[] = [];
  const gitlabExtensions = new Map((pipeline.extensions ?? []).filter((e) => e.format === 'gitlab').map((e) => [e.key, e]));
  for (const e of pipeline.extensions ?? []) {
    if (e.format !== 'gitlab') report(sink, 'unsupported-feature', `the ${e.format} setting "${e.key}" has no GitLab form`, { origin: e.origin });
  }
  for (const n of pipeline.notifications ?? []) {
    report(sink, 'manual-setting', `${n.kind === 'webhook' ? `webhook ${n.url ?? ''}` : 'chat notifications'}: configure it under Settings > Integrations or Webhooks`, {
      origin: n.origin,
    });
  }

  const include = gitlabExtensions.get('include');
  if (include) top.include = include.value;
  if (plan.writeStages) top.stages = plan.stages;

  // Global variables, pipeline parameters (the "Run pipeline" form) and the predefined shim.
  const globals: Record<string, unknown> = {};
  for (const v of pipeline.variables ?? []) {
    globals[v.name] = variableValue(v, true);
    if (v.comments) comments.push({ path: ['variables', v.name], comments: v.comments });
    if (v.secret && !fromGitlab) {
      report(sink, 'manual-secret', `${v.name} looks like a credential; move it to a masked CI/CD variable`, { origin: v.origin });
    }
  }
  for (const p of pipeline.parameters ?? []) {
    const name = gitlabVariableName(p.name);
    if (name in globals) continue;
    const form: Record<string, unknown> = { value: p.default === undefined ? '' : String(p.default) };
    form.description = p.description ?? `pipeline parameter (${p.type})`;
    if (p.enum) form.options = p.enum;
    globals[name] = form;
    const renamed = name === p.name ? '' : ` named ${name} (GitLab variable names hold only letters, digits and _)`;
    report(sink, 'approximate-translation', `pipeline parameter "${p.name}" becomes a variable of the Run pipeline form${renamed}`, { origin: p.origin });
  }
  reportCachesSavedOnce(pipeline, sink);
  const predefined = predefinedOf(pipeline.source);
  if (predefined.size) {
    // Each name is reported once, at its first use, with every other use listed.
    const uses = new Map<string, Origin[]>();
    const scan = (text: string, at: Origin | undefined) =>
      referencedPredefined(text, predefined).forEach((n) => {
        const list = uses.get(n) ?? uses.set(n, []).get(n)!;
        if (at) list.push(at);
      });
    for (const job of pipeline.jobs) {
      for (const step of walkSteps(job.steps)) if (step.kind === 'run') scan(step.command, step.origin ?? job.origin);
      for (const v of job.environment ?? []) scan(v.value, v.origin ?? job.origin);
    }
    for (const v of pipeline.variables ?? []) scan(v.value, v.origin);
    const used = new Set(uses.keys());
    reportPredefined(sink, uses, predefined);
    if (options.variableMode !== 'rewrite') {
      // A shim keeps scripts unchanged: CIRCLE_SHA1: $CI_COMMIT_SHA (mappings/variables.yml).
      // Shell-only stand-ins (CIRCLE_NODE_INDEX counts from 0) are written as `$((…))` would not
      // expand in a variable, so they are exported by the script instead.
      for (const name of [...used].sort()) {
        const mapping = predefined.get(name)!;
        if (!mapping.gitlab || mapping.shell || name in globals) continue;
        globals[name] = mapping.gitlab;
      }
      const shellOnly = [...used].filter((n) => predefined.get(n)?.shell);
      if (shellOnly.length) {
        top.default = {
          before_script: shellOnly.sort().map((n) => `export ${n}="${predefined.get(n)!.gitlab!}"`),
        };
      }
    }
  }
  if (Object.keys(globals).length) top.variables = globals;

  // workflow: rules, name, auto_cancel.
  const workflow: Record<string, unknown> = {};
  if (pipeline.name !== undefined) workflow.name = pipeline.name;
  if (plan.workflowRules?.length) {
    workflow.rules = plan.workflowRules.map((rule) => {
      const map = ruleMap(rule, sink, true);
      if (rule.variables?.length) map.variables = Object.fromEntries(rule.variables.map((v: Variable) => [v.name, v.value]));
      return map;
    });
  }
  const autoCancel = gitlabExtensions.get('workflow.auto_cancel');
  if (autoCancel) workflow.auto_cancel = autoCancel.value;
  if (Object.keys(workflow).length) top.workflow = workflow;

  // Contexts: one manual task per context, naming the jobs that used it.
  // The task points at the first place the source names the context.
  const contexts = new Map<string, { jobs: string[]; origin: Origin | undefined }>();
  for (const jp of plan.jobs) {
    for (const c of jp.node.contexts ?? []) {
      const seen = contexts.get(c) ?? { jobs: [], origin: jp.node.origin };
      seen.jobs.push(jp.name);
      contexts.set(c, seen);
    }
  }
  for (const [name, { jobs, origin }] of contexts) {
    report(sink, 'manual-context', `context "${name}" (used by ${jobs.join(', ')}): create its variables as group or project CI/CD variables`, {
      origin,
      hint: 'Use protected variables or environments for restricted contexts.',
    });
  }

  // Cache paths by key across the pipeline: a CircleCI restore names no paths.
  const cachePaths = new Map<string, string[]>();
  for (const job of pipeline.jobs) for (const step of job.steps) if (step.kind === 'cache-save') cachePaths.set(JSON.stringify(step.key.parts), step.paths);
  const pathsFor = (key: CacheKey) => cachePaths.get(JSON.stringify(key.parts));

  const jobCtx = { pipeline, plan, options, sink, predefined, pathsFor, index: indexPlan(plan) };
  const emittedJobs = plan.jobs.map((jp) => ({ jp, emitted: emitJob(jp, jobCtx) }));
  const shared = sharedBases(emittedJobs);
  for (const { jp, emitted } of emittedJobs) {
    const base = jp.node.job !== undefined ? shared.get(jp.node.job) : undefined;
    let value = emitted.value;
    let jobComments = emitted.comments;
    if (base) {
      if (!(base.name in top)) {
        top[base.name] = base.body;
        comments.push(...emitted.comments.map((c) => ({ ...c, path: [base.name, ...c.path.slice(1)] })));
      }
      value = { extends: base.name, ...scheduling(emitted.value) };
      jobComments = [];
    }
    if (jp.name in top) {
      report(sink, 'graph-duplicate-id', `job name "${jp.name}" collides with a GitLab keyword or another job; it is renamed`, { origin: jp.node.origin });
      top[`${jp.name}-job`] = value;
      continue;
    }
    top[jp.name] = value;
    comments.push(...jobComments);
  }

  const header = pipeline.comments?.before;
  let text = dumpYaml(top, { ...(header ? { header } : {}), comments, spacedMaps: [[]] });
  const spec = gitlabExtensions.get('spec');
  if (spec) text = `${dumpYaml(spec.value)}---\n${text}`;
  return text;
}

/** Keys that place a job in the pipeline rather than say what it does. */
const schedulingKeys = new Set(['stage', 'needs', 'dependencies', 'rules', 'when', 'start_in']);

function scheduling(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([key]) => schedulingKeys.has(key)));
}

function body(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([key]) => !schedulingKeys.has(key)));
}

/**
 * A job that several workflows run is written once as a hidden `.job` template, and each
 * workflow's copy `extends` it with its own stage, needs and rules (gitlab-ci.md §4 `extends`).
 * Only when the copies do the same thing; otherwise each copy is written in full.
 */
function sharedBases(emitted: Array<{ jp: JobPlan; emitted: EmittedJob }>): Map<string, { name: string; body: Record<string, unknown> }> {
  const groups = new Map<string, Array<Record<string, unknown>>>();
  for (const { jp, emitted: e } of emitted) {
    if (jp.node.job === undefined) continue;
    groups.set(jp.node.job, [...(groups.get(jp.node.job) ?? []), e.value]);
  }
  const names = new Set(emitted.map((e) => e.jp.name));
  const out = new Map<string, { name: string; body: Record<string, unknown> }>();
  for (const [job, values] of groups) {
    if (values.length < 2) continue;
    const first = JSON.stringify(body(values[0]!));
    if (!values.every((v) => JSON.stringify(body(v)) === first)) continue;
    const name = `.${job}`;
    if (names.has(name)) continue;
    out.set(job, { name, body: body(values[0]!) });
  }
  return out;
}
