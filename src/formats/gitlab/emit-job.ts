import { walkSteps } from '../../ir/visit.js';
import { report, reportOnce } from '../../diagnostics/report.js';
import { placeholderCommand, placeholderWritten, reportCredentialsPlaceholder } from '../placeholder.js';
import type { DiagnosticSink } from '../../diagnostics/types.js';
import type { CacheKey, CacheRestoreStep, CacheSaveStep, Executor, Job, JsonValue, Pipeline, Requirement, RunStep, Step, Variable } from '../../ir/types.js';
import { matrixJobCount } from '../../ir/matrix.js';
import { settingOrigin } from '../../ir/origins.js';
import type { CommentNote } from '../../yaml/dump.js';
import { limits } from '../../yaml/limits.js';
import type { EmitOptions } from '../types.js';
import { emitCaches } from './emit-cache.js';
import { ruleMap } from './emit-condition.js';
import { stageRank, type JobPlan, type Plan } from './emit-plan.js';
import { emitScript, type ScriptItem } from './emit-script.js';
import { emptyScriptLine } from './semantics.js';
import { dockerSetup, imageValue, localhostRewriter, serviceValue } from './emit-services.js';
import { rewritePredefined, variableValue, type PredefinedMapping } from './emit-variables.js';

export interface JobContext {
  pipeline: Pipeline;
  plan: Plan;
  options: EmitOptions;
  sink: DiagnosticSink;
  predefined: Map<string, PredefinedMapping>;
  /** Cache paths by key, across the pipeline (CircleCI restores name no paths). */
  pathsFor: (key: CacheKey) => string[] | undefined;
  index: PlanIndex;
}

/** Lookups over the planned jobs, built once per pipeline. */
export interface PlanIndex {
  byName: Map<string, JobPlan>;
  /** How many jobs sit in stages ranked below `rank`. */
  countBelow(rank: number): number;
}

export function indexPlan(plan: Plan): PlanIndex {
  const byName = new Map(plan.jobs.map((p) => [p.name, p]));
  const ranks = plan.jobs.map((p) => stageRank(plan, p.stage)).sort((a, b) => a - b);
  const countBelow = (rank: number) => {
    let lo = 0;
    let hi = ranks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ranks[mid]! < rank) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return { byName, countBelow };
}

export interface EmittedJob {
  value: Record<string, unknown>;
  comments: CommentNote[];
}

/** Job keys in the order idiomatic GitLab files use. */
const keyOrder = [
  'stage',
  'image',
  'services',
  'variables',
  'needs',
  'dependencies',
  'rules',
  'when',
  'start_in',
  'allow_failure',
  'before_script',
  'script',
  'after_script',
  'cache',
  'artifacts',
  'parallel',
  'environment',
  'retry',
  'timeout',
  'tags',
  'resource_group',
  'interruptible',
  'coverage',
  'trigger',
];

function ordered(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keyOrder) if (value[key] !== undefined) out[key] = value[key];
  for (const [key, v] of Object.entries(value)) if (!(key in out) && v !== undefined) out[key] = v;
  return out;
}


/** Writes one planned job. */
export function emitJob(jp: JobPlan, ctx: JobContext): EmittedJob {
  const { pipeline, sink, options } = ctx;
  const fromGitlab = pipeline.source === 'gitlab';
  const job: Job = jp.job ?? { id: jp.name, steps: [] };
  const out: Record<string, unknown> = {};
  const comments: CommentNote[] = [];
  const name = jp.name;
  const rewriteMode = options.variableMode === 'rewrite';
  const local = fromGitlab ? undefined : localhostRewriter(job, sink);
  const text = (t: string) => {
    let result = local ? local.rewrite(t) : t;
    if (rewriteMode) result = rewritePredefined(result, ctx.predefined);
    return result;
  };

  const jobComments = job.comments ?? jp.node.comments;
  const before = [...(jobComments?.before ?? [])];
  if (job.description && !fromGitlab) before.push(job.description);
  if (before.length || jobComments?.trailing) {
    comments.push({ path: [name], comments: { ...(before.length ? { before } : {}), ...(jobComments?.trailing ? { trailing: jobComments.trailing } : {}) } });
  }

  if (jp.stage !== 'test') out.stage = jp.stage;

  // Executor.
  const executor = job.executor;
  const variables: Variable[] = [...(job.environment ?? [])];
  if (executor?.kind === 'docker') {
    out.image = imageValue(executor.image, sink);
    for (const v of executor.image.environment ?? []) if (!variables.some((x) => x.name === v.name)) variables.push(v);
    if (executor.image.command) {
      report(sink, 'approximate-translation', `job "${name}": the primary image command is not kept; GitLab runs the script in the image`, {
        origin: executor.image.origin,
      });
    }
  } else if (executor) {
    const what = executor.kind === 'machine' ? `a machine image${executor.image ? ` (${executor.image})` : ''}` : executor.kind === 'macos' ? `macOS with Xcode ${executor.xcode}` : 'Windows';
    // A machine VM has Docker next to the job; the matching GitLab runner is a shell executor
    // whose user may run docker (docker-in-ci.md §4.1), which only the runner can provide.
    const usesDocker = executor.kind === 'machine' && job.steps.some((step) => step.kind === 'run' && /\bdocker(-compose)?\b/.test(step.command));
    // The job is written with the tags rules gave it; without any, the task names the key to add.
    const select = job.runnerTags?.length
      ? `register a matching runner with the tags ${job.runnerTags.join(', ')} (the job selects it with tags: [${job.runnerTags.join(', ')}])`
      : `register a matching runner with a tag such as ${suggestedTag(executor)} and add it to the job as tags: [${suggestedTag(executor)}]`;
    report(sink, 'manual-runner', `job "${name}" ran on ${what}: ${select}${usesDocker ? '; it runs Docker, so use a shell executor whose user is in the docker group' : ''}`, {
      origin: executor.origin ?? job.origin,
      job: name,
      hint: 'GitLab gives a job only to a runner that has every tag of its tags: list (https://docs.gitlab.com/ci/yaml/#tags).',
    });
  }
  if (job.resourceClass) {
    report(sink, 'approximate-translation', `job "${name}": resource_class "${job.resourceClass}" has no GitLab key; pick a runner of that size with tags`, {
      job: name,
      origin: settingOrigin(job, 'resourceClass'),
    });
  }
  if (job.shell && !/^\/bin\/(ba)?sh\b|^bash\b/.test(job.shell)) {
    report(sink, 'approximate-translation', `job "${name}": shell "${job.shell}" is not kept; GitLab uses the image's shell`, { origin: settingOrigin(job, 'shell'), job: name });
  }
  // The working directory is where CircleCI checked out: $CI_PROJECT_DIR in GitLab, so relative
  // paths keep working. Only commands that spell the directory out are affected.
  const workDir = job.workingDirectory?.replace(/\/$/, '');
  const spelled = (t: string) => workDir !== undefined && t.includes(workDir);
  const mentionsWorkDir = job.steps.some((s) => (s.kind === 'run' && spelled(s.command)) || (s.kind === 'workspace-persist' && s.root.startsWith('/') && spelled(s.root)));
  if (workDir && !fromGitlab && !['~/project', '/root/project', '/home/circleci/project'].includes(workDir) && mentionsWorkDir) {
    report(sink, 'approximate-translation', `job "${name}": working_directory "${job.workingDirectory}" is $CI_PROJECT_DIR in GitLab, where the repository is cloned`, {
      origin: settingOrigin(job, 'workingDirectory'),
      hint: 'Absolute paths to that directory inside commands are not rewritten.',
    });
  }

  // Steps.
  const services: unknown[] = [];
  const runSteps: RunStep[] = [];
  const restores: CacheRestoreStep[] = [];
  const saves: CacheSaveStep[] = [];
  const artifactPaths: string[] = [];
  // The step that named each uploaded path, for diagnostics about the path.
  const pathSteps = new Map<string, Step>();
  const named = (paths: readonly string[], step: Step) => {
    for (const p of paths) if (!pathSteps.has(p)) pathSteps.set(p, step);
  };
  const artifactsOut: Record<string, unknown> = {};
  const junit: string[] = [];
  let hasCheckout = false;
  let checkoutDepth: number | undefined;
  let dockerImage: string | undefined;
  let clientInstall: string | undefined;
  const dockerVariables: Array<[string, unknown]> = [];
  const visit = (step: Step): void => {
    switch (step.kind) {
      case 'checkout':
        hasCheckout = true;
        if (step.depth !== undefined) checkoutDepth = step.depth;
        if (step.path && !fromGitlab && !['.', '~/project'].includes(step.path)) {
          report(sink, 'approximate-translation', `job "${name}": checkout path "${step.path}" is not kept; GitLab clones into $CI_PROJECT_DIR`, {
            origin: step.origin,
            hint: 'GIT_CLONE_PATH can move the clone when the runner enables custom_build_dir.',
          });
        }
        break;
      case 'run':
        runSteps.push(step);
        break;
      case 'docker-daemon': {
        const setup = dockerSetup(job, step, options, fromGitlab, pipeline.variables ?? [], sink);
        services.push(...setup.services);
        dockerVariables.push(...setup.variables);
        dockerImage = setup.image;
        clientInstall = setup.clientInstall;
        break;
      }
      case 'cache-restore':
        restores.push(step);
        break;
      case 'cache-save':
        saves.push(step);
        named(step.paths, step);
        break;
      case 'artifacts':
        artifactPaths.push(...step.paths);
        named(step.paths, step);
        if (step.exclude) artifactsOut.exclude = step.exclude;
        if (step.name !== undefined) artifactsOut.name = step.name;
        if (step.when) artifactsOut.when = step.when;
        if (step.expireIn !== undefined) artifactsOut.expire_in = step.expireIn;
        if (step.untracked !== undefined) artifactsOut.untracked = step.untracked;
        if (step.destination) {
          report(sink, 'approximate-translation', `job "${name}": artifact destination "${step.destination}" is not kept; GitLab keeps the paths as they are`, {
            job: name,
            origin: step.origin,
          });
        }
        break;
      case 'test-results': {
        const path = fromGitlab || /\.xml$|\*/.test(step.path) ? step.path : `${step.path.replace(/\/$/, '')}/**/*.xml`;
        junit.push(path);
        if (step.format && step.format !== 'junit') {
          report(sink, 'approximate-translation', `job "${name}": test results in ${step.format} format are declared as JUnit`, { origin: step.origin });
        }
        break;
      }
      case 'workspace-persist': {
        const root = step.root.replace(/\/$/, '');
        const rel = ['.', '~/project', job.workingDirectory ?? '~/project'].includes(root) ? '' : `${root}/`;
        if (rel && (rel.startsWith('/') || rel.startsWith('~'))) {
          report(sink, 'semantic-difference', `job "${name}": workspace root "${step.root}" is outside $CI_PROJECT_DIR; GitLab artifacts must be inside it`, {
            job: name,
            origin: step.origin,
          });
        }
        const paths = step.paths.map((p) => (p === '.' && rel ? rel.replace(/\/$/, '') : `${rel}${p}`));
        artifactPaths.push(...paths);
        named(paths, step);
        break;
      }
      case 'workspace-attach':
        if (!['.', '~/project', job.workingDirectory].includes(step.at.replace(/\/$/, ''))) {
          // Commands that read the attached files there no longer find them: a warning.
          report(sink, 'semantic-difference', `job "${name}": the workspace is attached at "${step.at}" in CircleCI; GitLab restores artifacts into $CI_PROJECT_DIR, where the job's commands must look for them`, {
            job: name,
            origin: step.origin,
          });
        }
        break;
      case 'ssh-keys':
        report(sink, 'manual-secret', `job "${name}" adds SSH keys: store the private key as a File CI/CD variable and load it with ssh-agent in the script`, {
          origin: step.origin,
        });
        break;
      case 'conditional':
        report(sink, 'unsupported-feature', `job "${name}": steps under a compile-time condition are not translated`, {
          origin: step.origin,
          hint: 'Split the job with rules, or test a variable in the script.',
          // Each step inside is one that no longer runs.
          related: [...walkSteps(step.steps)].flatMap((inner) => (inner.origin ? [{ message: 'left out', origin: inner.origin }] : [])),
        });
        break;
      case 'unmapped': {
        const written = placeholderWritten(options.placeholders, 'line', 'job', 'a placeholder that fails the job marks its place');
        if (!reportCredentialsPlaceholder(sink, step, 'gitlab', `job "${name}": step "${step.name}" (${step.format})`, written, name)) {
          reportOnce(sink, 'unmapped-step', `job "${name}": step "${step.name}" (${step.format}) has no GitLab translation; ${written}`, {
            job: name,
            origin: step.origin,
            hint: 'Replace the placeholder line with the commands the step ran.',
          });
        }
        // Fail closed unless asked: a job that skipped the step silently would pass where the source did work.
        runSteps.push({ kind: 'run', command: placeholderCommand(step.format, step.name, 'line', options.placeholders), ...(step.origin ? { origin: step.origin } : {}) });
        break;
      }
    }
  };
  job.steps.forEach(visit);

  const sections = emitScript(job, runSteps, fromGitlab, sink);
  if (clientInstall) sections.before.unshift({ text: clientInstall, comments: ['The image has no Docker client: install one for the dind service'] });
  for (const v of sections.variables) if (!variables.some((x) => x.name === v.name)) variables.push(v);

  if (dockerImage && out.image === undefined) out.image = dockerImage;
  // Rewrite localhost references first: they decide which services need an alias.
  if (local) {
    for (const step of runSteps) local.rewrite(step.command, step.origin);
    for (const v of variables) local.variable(v.name, v.value, v.origin);
  }
  for (const service of job.services ?? []) {
    const alias = local?.aliases.get(service);
    services.push(serviceValue(alias && !service.alias ? { ...service, alias } : service, sink, !fromGitlab));
  }
  if (services.length) out.services = services;

  // Variables.
  const vars: Record<string, unknown> = {};
  for (const v of variables) {
    const value = local ? local.variable(v.name, v.value, v.origin) : v.value;
    vars[v.name] = variableValue({ ...v, value: rewriteMode ? rewritePredefined(value, ctx.predefined) : value }, false);
    if (v.comments) comments.push({ path: [name, 'variables', v.name], comments: v.comments });
    if (v.secret && !fromGitlab) {
      report(sink, 'manual-secret', `job "${name}": ${v.name} looks like a credential; move it to a masked CI/CD variable`, { origin: v.origin });
    }
  }
  for (const [k, v] of dockerVariables) vars[k] ??= v;
  // A shallow checkout of N commits is GitLab's GIT_DEPTH (https://docs.gitlab.com/ci/runners/configure_runners/#shallow-cloning).
  if (checkoutDepth !== undefined) vars.GIT_DEPTH ??= String(checkoutDepth);
  const pipelineStrategy = pipeline.variables?.find((v) => v.name === 'GIT_STRATEGY')?.value;
  if (!hasCheckout && !job.trigger && pipelineStrategy !== 'none') vars.GIT_STRATEGY = 'none';
  if (Object.keys(vars).length) out.variables = vars;

  // Graph: needs / dependencies.
  writeNeeds(jp, ctx, out);

  // Scheduling.
  writeRules(jp, job, ctx, out);

  // Scripts.
  const writeItems = (key: string, items: ScriptItem[]) => {
    if (!items.length) return;
    out[key] = items.map((i) => text(i.text));
    items.forEach((item, index) => {
      if (item.comments?.length) comments.push({ path: [name, key, index], comments: { before: item.comments } });
    });
  };
  writeItems('before_script', sections.before);
  writeItems('script', sections.script);
  writeItems('after_script', sections.after);
  // GitLab needs a script; a GitLab source without one (it came from an unread include) stays so.
  if (!job.trigger && !sections.script.length && !fromGitlab) {
    if (sections.before.length) {
      out.script = out.before_script;
      delete out.before_script;
    } else out.script = [emptyScriptLine];
  }

  const caches = emitCaches(restores, saves, sink, ctx.pathsFor, fromGitlab);
  // GitLab caches and artifacts live inside $CI_PROJECT_DIR (gitlab-ci.md §4.1, §4.2).
  const outside = [...artifactPaths, ...saves.flatMap((s) => s.paths)].filter((p) => /^(\/|~)/.test(p));
  if (outside.length && !fromGitlab) {
    report(sink, 'semantic-difference', `job "${name}": ${outside.join(', ')} ${outside.length === 1 ? 'is' : 'are'} outside $CI_PROJECT_DIR; GitLab only caches and uploads paths inside it`, {
      job: name,
      origin: pathSteps.get(outside[0]!)?.origin ?? job.origin,
      hint: 'Move the files into the project directory (or symlink them) before the job ends.',
    });
  }
  if (caches.length) out.cache = caches.length === 1 ? caches[0] : caches;

  const extensions = (job.extensions ?? []).filter((e) => e.format === 'gitlab');
  for (const e of job.extensions ?? []) {
    if (e.format !== 'gitlab' && !e.roundTripOnly) {
      report(sink, 'unsupported-feature', `job "${name}": the ${e.format} setting "${e.key}" has no GitLab form`, { origin: e.origin, job: name });
    }
  }
  const reports: Record<string, unknown> = {};
  if (junit.length) reports.junit = junit.length === 1 ? junit[0] : junit;
  for (const e of extensions) {
    if (e.key === 'artifacts.reports' && e.value && typeof e.value === 'object') Object.assign(reports, e.value as Record<string, JsonValue>);
    else if (e.key.startsWith('artifacts.')) artifactsOut[e.key.slice('artifacts.'.length)] = e.value;
  }
  if (artifactPaths.length || Object.keys(artifactsOut).length || Object.keys(reports).length) {
    const artifacts: Record<string, unknown> = {};
    if (artifactPaths.length) artifacts.paths = [...new Set(artifactPaths)];
    Object.assign(artifacts, artifactsOut);
    if (Object.keys(reports).length) artifacts.reports = reports;
    out.artifacts = artifacts;
  }

  if (job.parallelism !== undefined && (job.parallelism > 1 || fromGitlab)) {
    out.parallel = Math.min(job.parallelism, limits.gitlabParallelJobs);
    if (job.parallelism > limits.gitlabParallelJobs) {
      report(sink, 'gitlab-parallel-capped', `job "${name}": parallelism ${job.parallelism} is over GitLab's limit; it runs as parallel: ${limits.gitlabParallelJobs}`, {
        origin: settingOrigin(job, 'parallelism'),
      });
    }
    if (!fromGitlab) {
      report(sink, 'gitlab-parallel-index', `job "${name}": parallelism ${job.parallelism} became parallel; CI_NODE_INDEX counts from 1 and there is no \`circleci tests split\``, {
        origin: settingOrigin(job, 'parallelism'),
        job: name,
        hint: 'Split test files in the script with CI_NODE_INDEX and CI_NODE_TOTAL.',
      });
    }
  }
  const matrix = job.matrix ?? jp.node.matrix;
  if (matrix) {
    out.parallel = { matrix: matrix.sets.map((set) => Object.fromEntries(Object.entries(set).map(([k, v]) => [k, v.length === 1 ? v[0] : v]))) };
    const jobs = matrixJobCount(matrix);
    if (jobs > limits.gitlabParallelJobs) {
      report(sink, 'gitlab-parallel-limit', `job "${name}": parallel:matrix stands for ${jobs} jobs; GitLab refuses a matrix of more than ${limits.gitlabParallelJobs}`, {
        origin: matrix.origin ?? job.origin,
        hint: 'Split the job into several jobs, each with a part of the matrix.',
      });
    }
    if (matrix.exclude?.length) {
      report(sink, 'approximate-translation', `job "${name}": matrix exclusions have no GitLab form; every combination runs`, { origin: matrix.origin });
    }
    if (!job.matrix) {
      report(sink, 'approximate-translation', `job "${name}": matrix parameters become variables of parallel:matrix`, { origin: matrix.origin });
    }
  }
  if (job.deployment) {
    const d = job.deployment;
    const env: Record<string, unknown> = { name: d.name };
    if (d.url !== undefined) env.url = d.url;
    if (d.action !== undefined) env.action = d.action;
    if (d.onStop !== undefined) env.on_stop = d.onStop;
    if (d.autoStopIn !== undefined) env.auto_stop_in = d.autoStopIn;
    if (d.tier !== undefined) env.deployment_tier = d.tier;
    const k8s = extensions.find((e) => e.key === 'environment.kubernetes');
    if (k8s) env.kubernetes = k8s.value;
    out.environment = Object.keys(env).length === 1 ? d.name : env;
  }
  const retryMax = job.retry?.max ?? sections.retry;
  if (retryMax !== undefined) {
    const max = Math.min(retryMax, 2);
    if (retryMax > 2) report(sink, 'approximate-translation', `job "${name}": GitLab retries a job at most 2 times (asked for ${retryMax})`, { origin: settingOrigin(job, 'retry'), job: name });
    if (job.retry?.when || job.retry?.exitCodes) {
      const retry: Record<string, unknown> = { max };
      if (job.retry.when) retry.when = job.retry.when.length === 1 ? job.retry.when[0] : job.retry.when;
      if (job.retry.exitCodes) retry.exit_codes = job.retry.exitCodes.length === 1 ? job.retry.exitCodes[0] : job.retry.exitCodes;
      out.retry = retry;
    } else out.retry = max;
  }
  if (job.timeout !== undefined) out.timeout = job.timeout;
  if (job.runnerTags?.length) out.tags = job.runnerTags;
  if (job.concurrencyGroup !== undefined) out.resource_group = job.concurrencyGroup;
  if (job.interruptible !== undefined) out.interruptible = job.interruptible;
  if (job.coverage !== undefined) out.coverage = job.coverage;
  if (job.trigger) {
    const t = job.trigger;
    const trigger: Record<string, unknown> = {};
    if (t.kind === 'child' && t.include !== undefined) trigger.include = t.include;
    if (t.project !== undefined) trigger.project = t.project;
    if (t.branch !== undefined) trigger.branch = t.branch;
    if (t.strategy !== undefined) trigger.strategy = t.strategy;
    if (t.forward !== undefined) trigger.forward = t.forward;
    out.trigger = Object.keys(trigger).length === 1 && trigger.project !== undefined ? trigger.project : trigger;
  }
  for (const e of extensions) {
    if (e.key.startsWith('artifacts.') || e.key.startsWith('environment.')) continue;
    out[e.key] = e.value;
  }
  if (job.secrets?.length && !extensions.some((e) => e.key === 'secrets')) {
    for (const s of job.secrets) {
      report(sink, 'manual-secret', `job "${name}" needs secret ${s.name} from ${s.provider}: create it as a masked CI/CD variable`, { origin: s.origin });
    }
  }
  return { value: ordered(out), comments };
}


/**
 * `needs` keep exact dependencies, omitted when they equal GitLab's stage ordering (every job of
 * the earlier stages). `dependencies` carry which upstream jobs hand over artifacts.
 */
function writeNeeds(jp: JobPlan, ctx: JobContext, out: Record<string, unknown>): void {
  const requires = withWorkspaceLayers(jp, ctx);
  const mine = stageRank(ctx.plan, jp.stage);
  // Stage ordering means "every job of the earlier stages": compare counts and ranks, not lists,
  // so pipelines with thousands of jobs stay linear.
  const earlier = ctx.index.countBelow(mine);
  const names = [...new Set((requires ?? []).map((r) => r.node))];
  const matchesStages = names.length === earlier && names.every((n) => {
    const up = ctx.index.byName.get(n);
    return up !== undefined && stageRank(ctx.plan, up.stage) < mine;
  });
  // A GitLab source tells written `needs` from stage order (`order: 'stage'`); they differ when an
  // upstream is not created (a written need keeps the job from running), so written ones stay.
  const written = ctx.pipeline.source === 'gitlab' && (requires ?? []).some((r) => r.order !== 'stage');
  const flagged = written || (requires ?? []).some((r) => r.optional);
  const artifactsKnown = (requires ?? []).length > 0 && (requires ?? []).every((r) => r.artifacts !== undefined);
  const upstreamConditional = (name: string) => {
    if (jp.upstreamImplied?.has(name)) return false;
    const up = ctx.index.byName.get(name);
    return Boolean(up?.rules?.length) && JSON.stringify(up?.rules) !== JSON.stringify(jp.rules);
  };
  if (requires !== undefined && !(matchesStages && !flagged && (names.length > 0 || earlier === 0))) {
    let optionalAdded = false;
    out.needs = requires.map((r) => {
      const optional = r.optional || (ctx.pipeline.source !== 'gitlab' && upstreamConditional(r.node));
      if (optional && !r.optional) optionalAdded = true;
      if (!optional && r.artifacts === undefined) return r.node;
      const need: Record<string, unknown> = { job: r.node };
      if (r.artifacts !== undefined) need.artifacts = r.artifacts;
      if (optional) need.optional = true;
      return need;
    });
    if (optionalAdded) {
      report(ctx.sink, 'approximate-translation', `job "${jp.name}" needs jobs that rules may leave out; those needs are optional, so it can run without them`, {
        origin: jp.node.origin,
      });
    }
  } else if (requires === undefined && earlier && ctx.pipeline.source !== 'gitlab') {
    // A source job with no requirement starts at once; later stages would make it wait.
    out.needs = [];
  } else if (artifactsKnown) {
    out.dependencies = (requires ?? []).filter((r) => r.artifacts).map((r) => r.node);
  } else if (ctx.pipeline.source !== 'gitlab' && !attachesWorkspace(jp) && (requires ?? []).some((r) => r.artifacts === false)) {
    // Stage order would hand over every earlier job's artifacts; CircleCI handed over none.
    out.dependencies = [];
  }
}

/**
 * A CircleCI job that attaches the workspace gets every layer persisted before it in the workflow,
 * not only its direct requirements' (https://circleci.com/docs/workspaces/). GitLab hands over the
 * artifacts of the jobs a job needs, so the earlier jobs that persisted are needed too; they run
 * before it anyway, so the order does not change.
 */
function withWorkspaceLayers(jp: JobPlan, ctx: JobContext): Requirement[] | undefined {
  const requires = jp.requires;
  if (ctx.pipeline.source === 'gitlab' || !requires?.length) return requires;
  // A CircleCI job that attaches no workspace gets no files from earlier jobs.
  if (!attachesWorkspace(jp)) return requires.map((r) => (publishesFiles(ctx.index.byName.get(r.node)) ? { ...r, artifacts: false } : r));
  const direct = new Set(requires.map((r) => r.node));
  const layers: Requirement[] = [];
  const seen = new Set<string>();
  const stack = [...direct];
  while (stack.length) {
    const name = stack.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const up = ctx.index.byName.get(name);
    if (!up) continue;
    if (!direct.has(name) && publishesFiles(up)) layers.push({ node: name });
    for (const r of up.requires ?? []) stack.push(r.node);
  }
  // GitLab allows 50 needs (https://docs.gitlab.com/ci/yaml/#needs); past that, stage order.
  return layers.length && requires.length + layers.length <= 50 ? [...requires, ...layers.sort((a, b) => a.node.localeCompare(b.node))] : requires;
}

const attachesWorkspace = (jp: JobPlan) => Boolean(jp.job?.steps.some((s) => s.kind === 'workspace-attach'));

/** Whether a job's GitLab artifacts (its workspace and stored artifacts) would reach later jobs. */
const publishesFiles = (jp: JobPlan | undefined) => Boolean(jp?.job?.steps.some((s) => s.kind === 'workspace-persist' || s.kind === 'artifacts'));

/** A `needs` item: the job name, or a map when artifacts or optional are said. */
function needItem(r: Requirement): unknown {
  if (!r.optional && r.artifacts === undefined) return r.node;
  const need: Record<string, unknown> = { job: r.node };
  if (r.artifacts !== undefined) need.artifacts = r.artifacts;
  if (r.optional) need.optional = true;
  return need;
}

/**
 * The GitLab `when` that says which upstream outcomes start a job (CircleCI `requires` with
 * statuses, https://circleci.com/docs/configuration-reference/#requires): `on_failure` when every
 * upstream is waited on for failing only, `always` when for any outcome. A mix GitLab cannot say:
 * the job waits for a person rather than run on the wrong outcome.
 */
function statusWhen(jp: JobPlan, sink: DiagnosticSink): 'on_failure' | 'always' | 'manual' | undefined {
  const requires = (jp.requires ?? []).filter((r) => r.order !== 'stage');
  if (!requires.some((r) => r.statuses?.some((s) => s !== 'success'))) return undefined;
  const kind = (r: Requirement) => {
    const statuses = new Set(r.statuses ?? ['success']);
    if (statuses.has('terminal') || (statuses.has('success') && statuses.has('failed'))) return 'always';
    if (statuses.has('failed') && !statuses.has('success')) return 'on_failure';
    return 'on_success';
  };
  const kinds = new Set(requires.map(kind));
  if (kinds.size === 1 && !kinds.has('on_success')) return [...kinds][0] as 'on_failure' | 'always';
  report(sink, 'semantic-difference', `job "${jp.name}" waits for some jobs to succeed and others to fail or finish; GitLab cannot say both, so the job waits for a person`, {
    origin: requires.find((r) => r.statuses?.some((s) => s !== 'success'))?.origin ?? jp.node.origin,
  });
  return 'manual';
}

function writeRules(jp: JobPlan, job: Job, ctx: JobContext, out: Record<string, unknown>): void {
  const onStatus = ctx.pipeline.source === 'gitlab' ? undefined : statusWhen(jp, ctx.sink);
  const rules = onStatus && jp.rules?.length ? jp.rules.map((r) => (r.when === undefined || r.when === 'on_success' ? { ...r, when: onStatus } : r)) : jp.rules;
  if (job.allowFailure !== undefined) {
    out.allow_failure = typeof job.allowFailure === 'boolean' ? job.allowFailure : { exit_codes: job.allowFailure.exitCodes };
  }
  if (rules?.length === 0) {
    // No rule can match an empty list: GitLab never adds the job.
    out.rules = [];
    return;
  }
  if (onStatus && !rules?.length) out.when = onStatus;
  if (!rules?.length) return;
  const only = rules[0]!;
  // `rules: when: manual` defaults allow_failure to false, job-level `when: manual` to true.
  // An explicit job-level `allow_failure: false` (written above) makes job-level `when: manual` block too.
  const sameAsJobLevel = only.when !== 'manual' || only.allowFailure === true || (only.allowFailure === false && ctx.pipeline.source !== 'gitlab') || (only.allowFailure === undefined && job.allowFailure === false);
  const ruleOnly = only.needs !== undefined || only.interruptible !== undefined;
  // A GitLab source's bare `rules:` entry stays a rule list: it also opens merge request pipelines,
  // which the job-level `when` does not (https://docs.gitlab.com/ci/jobs/job_rules/#avoid-duplicate-pipelines).
  const writtenAsRule = ctx.pipeline.source === 'gitlab' && (!only.defaultEventsOnly || (only.when === undefined && only.startIn === undefined));
  if (rules.length === 1 && !only.condition && !only.variables?.length && only.when !== 'never' && sameAsJobLevel && !ruleOnly && !writtenAsRule) {
    // A single unconditional rule is the job-level `when` (gitlab-ci.md §4 `when`).
    if (only.when && only.when !== 'on_success') out.when = only.when;
    if (only.startIn !== undefined) out.start_in = only.startIn;
    const defaultAllow = only.when === 'manual';
    if (out.allow_failure === undefined && only.allowFailure !== undefined && only.allowFailure !== defaultAllow) out.allow_failure = only.allowFailure;
    return;
  }
  out.rules = rules.map((rule) => {
    const map = ruleMap(rule, ctx.sink);
    if (rule.needs) map.needs = rule.needs.map(needItem);
    if (rule.variables?.length) map.variables = Object.fromEntries(rule.variables.map((v) => [v.name, v.value]));
    if (rule.interruptible !== undefined) map.interruptible = rule.interruptible;
    return map;
  });
}

/** A runner tag that says what the job ran on (`ubuntu-2204`, `macos-xcode-15`), for the manual-runner task. */
function suggestedTag(executor: Exclude<Executor, { kind: 'docker' }>): string {
  if (executor.kind === 'macos') return `macos-xcode-${executor.xcode.split('.')[0]}`;
  const image = executor.image?.split(':')[0]?.replace(/[^A-Za-z0-9._-]/g, '-');
  if (executor.kind === 'windows') return image && image !== 'default' ? image : 'windows';
  return image && image !== 'default' ? image : 'linux-vm';
}
