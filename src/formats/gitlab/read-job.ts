import { report } from '../../diagnostics/report.js';
import type {
  Deployment,
  Extension,
  Job,
  JobSetting,
  Matrix,
  PipelineTrigger,
  Requirement,
  Retry,
  Rule,
  RunStep,
  SecretRef,
  Service,
  Step,
  Variable,
  When,
} from '../../ir/types.js';
import {
  entryComments,
  entryOriginOf,
  get,
  nodeOrigin,
  takeEntry,
  takeTree,
  toJson,
  type MEntry,
  type MNode,
} from './merged.js';
import { expansionBudget, matrixJobCount } from '../../ir/matrix.js';
import { limits } from '../../yaml/limits.js';
import { readArtifacts } from './read-artifacts.js';
import { readCache } from './read-cache.js';
import { dindVariables, readDind, readImage, readServices } from './read-docker.js';
import { onlyExceptRules, readOnlyExcept, readRules, readWhen } from './read-rules.js';
import {
  readBoolean,
  readEntries,
  readInteger,
  readLocatedStrings,
  readString,
  readStringList,
  unknownKey,
  wrongType,
  type ReadContext,
} from './read-values.js';
import { readVariables } from './read-variables.js';
import { effectiveEntries } from './resolve-defaults.js';
import { readNeeds } from './read-needs.js';
import { locateSetting } from '../../ir/origins.js';

export { defaultKeys } from './resolve-defaults.js';

/** What a job contributes to the workflow graph besides its definition. */
export interface JobScheduling {
  stage: string;
  /** `needs` as written; `undefined` means stage ordering. */
  needs?: Requirement[];
  /** `dependencies` as written. */
  dependencies?: string[];
  rules?: Rule[];
}

export interface JobRead {
  job: Job;
  scheduling: JobScheduling;
}

export interface JobEnvironment {
  /** `default:` entries (and deprecated top-level globals), by key. */
  defaults: Map<string, MEntry>;
  globalVariables: Variable[];
  /** Some includes were not read: keys may come from them. */
  partial?: boolean;
  /** The job extends a parent that is not defined (gitlab-extends-missing says so): keys may come from it. */
  extendsMissing?: boolean;
}

/** Reads one (non-hidden) job from its fully resolved map. */
export function readJob(ctx: ReadContext, entry: MEntry, env: JobEnvironment): JobRead {
  const name = entry.key;
  const map = entry.value;
  const job: Job = { id: name, steps: [] };
  const origin = entryOriginOf(entry);
  if (origin) job.origin = origin;
  const comments = entryComments(entry);
  if (comments) job.comments = comments;
  const scheduling: JobScheduling = { stage: 'test' };
  const extensions: Extension[] = [];
  const keep = (e: MEntry, key = e.key) => {
    takeTree(e.value);
    const extension: Extension = { format: 'gitlab', key, value: toJson(e.value) };
    const o = entryOriginOf(e);
    if (o) extension.origin = o;
    extensions.push(extension);
  };

  // Which `default:` keywords apply (inherit:default) — gitlab-ci.md §4 `inherit`.
  const own = new Map<string, MEntry>(map.kind === 'map' ? map.entries.map((e) => [e.key, e]) : []);
  const effective = effectiveEntries(ctx, map, env.defaults, name);

  const scripts: Record<'before_script' | 'script' | 'after_script', RunStep[]> = { before_script: [], script: [], after_script: [] };
  let services: Service[] = [];
  let variables: Variable[] = [];
  let cache: ReturnType<typeof readCache> = { restore: [], save: [] };
  let artifacts: ReturnType<typeof readArtifacts> | undefined;
  let only: MEntry | undefined;
  let except: MEntry | undefined;
  let rulesEntry: MEntry | undefined;
  let when: When | undefined;
  let startIn: string | undefined;

  const readScript = (e: MEntry, phase: 'before_script' | 'script' | 'after_script') => {
    // A comment above the first item is kept by the YAML parser on the list itself.
    const listComment = e.value.kind === 'seq' ? (e.value.node as { commentBefore?: string | null } | null)?.commentBefore : undefined;
    const lines = readLocatedStrings(ctx, e.value, `${name}.${phase}`) ?? [];
    lines.forEach((line, index) => {
      const step: RunStep = { kind: 'run', command: line.text, phase };
      if (phase === 'after_script') step.when = 'always';
      const o = nodeOrigin(line.node);
      if (o) step.origin = o;
      const comment = (line.node.node as { commentBefore?: string | null } | null)?.commentBefore ?? (index === 0 ? listComment : undefined);
      if (comment) step.comments = { before: comment.split('\n').map((l) => l.replace(/^ /, '')) };
      scripts[phase].push(step);
    });
  };
  const setString = (e: MEntry, apply: (value: string) => void) => {
    const v = readString(ctx, e.value, `${name}.${e.key}`);
    if (v !== undefined) apply(v);
  };

  const handlers: Record<string, (e: MEntry) => void> = {
    script: (e) => readScript(e, 'script'),
    before_script: (e) => readScript(e, 'before_script'),
    after_script: (e) => readScript(e, 'after_script'),
    stage: (e) => setString(e, (v) => (scheduling.stage = v)),
    type: (e) => {
      report(ctx.sink, 'deprecated-syntax', `"${name}.type" is the old spelling of "stage"`, { origin: entryOriginOf(e) });
      if (!own.has('stage')) setString(e, (v) => (scheduling.stage = v));
    },
    image: (e) => {
      const image = readImage(ctx, e.value, `${name}.image`);
      if (image) job.executor = { kind: 'docker', image };
    },
    services: (e) => (services = readServices(ctx, e.value, `${name}.services`)),
    variables: (e) => (variables = readVariables(ctx, e.value, `${name}.variables`, 'job')),
    needs: (e) => (scheduling.needs = readNeeds(ctx, e.value, `${name}.needs`)),
    dependencies: (e) => (scheduling.dependencies = readStringList(ctx, e.value, `${name}.dependencies`) ?? []),
    rules: (e) => (rulesEntry = e),
    only: (e) => (only = e),
    except: (e) => (except = e),
    when: (e) => (when = readWhen(ctx, e.value, `${name}.when`)),
    start_in: (e) => setString(e, (v) => (startIn = v)),
    allow_failure: (e) => {
      if (e.value.kind === 'map') {
        const codes: number[] = [];
        readEntries(ctx, e.value, `${name}.allow_failure`, {
          exit_codes: (c) => {
            const list = c.value.kind === 'seq' ? c.value.items : [c.value];
            for (const item of list) {
              const n = readInteger(ctx, item, `${name}.allow_failure.exit_codes`);
              if (n !== undefined) codes.push(n);
            }
          },
        });
        job.allowFailure = { exitCodes: codes };
      } else {
        const b = readBoolean(ctx, e.value, `${name}.allow_failure`);
        if (b !== undefined) job.allowFailure = b;
      }
    },
    cache: (e) => (cache = readCache(ctx, e.value, `${name}.cache`)),
    artifacts: (e) => (artifacts = readArtifacts(ctx, e.value, `${name}.artifacts`)),
    parallel: (e) => readParallel(ctx, e, job, name),
    trigger: (e) => {
      const trigger = readTrigger(ctx, e.value, `${name}.trigger`);
      if (trigger) job.trigger = trigger;
    },
    environment: (e) => {
      const deployment = readEnvironment(ctx, e.value, `${name}.environment`, keep);
      if (deployment) job.deployment = deployment;
    },
    retry: (e) => {
      const retry = readRetry(ctx, e.value, `${name}.retry`);
      if (retry) job.retry = retry;
    },
    timeout: (e) => setString(e, (v) => (job.timeout = v)),
    tags: (e) => {
      const tags = readStringList(ctx, e.value, `${name}.tags`);
      if (tags?.length) job.runnerTags = tags;
    },
    resource_group: (e) => setString(e, (v) => (job.concurrencyGroup = v)),
    interruptible: (e) => {
      const b = readBoolean(ctx, e.value, `${name}.interruptible`);
      if (b !== undefined) job.interruptible = b;
    },
    coverage: (e) => setString(e, (v) => (job.coverage = v)),
    secrets: (e) => {
      keep(e);
      if (e.value.kind === 'map') {
        job.secrets = e.value.entries.map((s) => {
          const provider = s.value.kind === 'map' ? (s.value.entries.find((p) => p.key !== 'file' && p.key !== 'token')?.key ?? 'unknown') : 'unknown';
          const ref: SecretRef = { name: s.key, provider };
          const o = entryOriginOf(s);
          if (o) ref.origin = o;
          return ref;
        });
      }
    },
    id_tokens: (e) => keep(e),
    release: (e) => keep(e),
    pages: (e) => keep(e),
    hooks: (e) => keep(e),
    identity: (e) => keep(e),
    dast_configuration: (e) => keep(e),
    manual_confirmation: (e) => keep(e),
    inputs: (e) => keep(e),
    publish: (e) => {
      report(ctx.sink, 'deprecated-syntax', `"${name}.publish" is deprecated; GitLab reads it as pages.publish`, { origin: entryOriginOf(e) });
      keep(e);
    },
    run: (e) => {
      keep(e);
      report(ctx.sink, 'unsupported-feature', `"${name}.run" (experimental CI steps) is kept for GitLab output only`, { origin: entryOriginOf(e) });
    },
    inherit: (e) => {
      takeTree(e.value);
      const v = get(e.value, 'variables');
      if (v && !(v.kind === 'scalar' && v.value === true)) {
        keep(e);
        report(ctx.sink, 'unsupported-feature', `"${name}.inherit.variables" has no neutral form; other targets give the job every pipeline variable`, {
          origin: entryOriginOf(e),
        });
      }
    },
  };

  if (map.kind !== 'map') {
    wrongType(ctx, map, name, 'a job mapping');
  } else {
    for (const [key, e] of effective) {
      takeEntry(e);
      const handler = Object.hasOwn(handlers, key) ? handlers[key] : undefined;
      if (handler) handler(e);
      else unknownKey(ctx, e, `${name}.${key}`, Object.keys(handlers));
      // Where the key was written (a template, `default:`), for diagnostics about the setting.
      const setting = Object.hasOwn(settingOfKey, key) ? settingOfKey[key] : undefined;
      if (setting && job[setting] !== undefined) locateSetting(job, setting, entryOriginOf(e));
    }
  }

  // Scheduling: rules, or only/except, or the job-level `when` (gitlab-ci.md §4.5, §4.7).
  const whenRule: Rule = {};
  if (when && when !== 'on_success') whenRule.when = when;
  if (startIn !== undefined) whenRule.startIn = startIn;
  // Job-level `when: manual` defaults allow_failure to true, unlike `rules: when: manual`.
  if (when === 'manual' && job.allowFailure === undefined) whenRule.allowFailure = true;
  // Without rules or `only`, GitLab keeps `only: [branches, tags]` (https://docs.gitlab.com/ci/yaml/#only--except).
  const defaultEventsRule: Rule = { ...whenRule, defaultEventsOnly: true };
  if (rulesEntry) {
    const rules = readRules(ctx, rulesEntry.value, `${name}.rules`);
    if (when && when !== 'on_success') for (const rule of rules) rule.when ??= when;
    // `rules: []` is a list in which no rule can match: GitLab never adds the job.
    if (rules.length || (rulesEntry.value.kind === 'seq' && rulesEntry.value.items.length === 0)) scheduling.rules = rules;
    if (only || except) {
      report(ctx.sink, 'invalid-value', `"${name}" uses rules together with only/except; GitLab rejects this and only rules are read`, {
        origin: entryOriginOf(rulesEntry),
      });
    }
  } else if (only || except) {
    const o = only ? readOnlyExcept(ctx, only.value, `${name}.only`) : undefined;
    const x = except ? readOnlyExcept(ctx, except.value, `${name}.except`) : undefined;
    scheduling.rules = onlyExceptRules(o, x, o ? whenRule : defaultEventsRule);
    report(ctx.sink, 'deprecated-syntax', `job "${name}" uses only/except; it is read as rules`, { origin: entryOriginOf((only ?? except)!), job: name });
  } else if ((when && when !== 'on_success') || startIn !== undefined) {
    scheduling.rules = [defaultEventsRule];
  }

  // Environment: global variables fill dind settings the job did not set.
  const effectiveVariables = [...env.globalVariables.filter((g) => !variables.some((v) => v.name === g.name)), ...variables];
  const steps: Step[] = [];
  const strategy = effectiveVariables.find((v) => v.name === 'GIT_STRATEGY');
  if (!job.trigger && strategy?.value !== 'none') steps.push({ kind: 'checkout' });
  if (strategy?.value === 'none') variables = variables.filter((v) => v.name !== 'GIT_STRATEGY');
  steps.push(...cache.restore);
  const plainServices: Service[] = [];
  let daemon = false;
  for (const service of services) {
    const step = readDind(ctx, service, effectiveVariables);
    if (step && !daemon) {
      steps.push(step);
      daemon = true;
    } else plainServices.push(service);
  }
  if (daemon) variables = variables.filter((v) => !dindVariables.has(v.name));
  steps.push(...scripts.before_script, ...scripts.script, ...scripts.after_script, ...cache.save);
  const read = artifacts as ReturnType<typeof readArtifacts> | undefined;
  if (read?.artifacts) steps.push(read.artifacts);
  if (read) steps.push(...read.testResults);
  if (read) extensions.push(...read.extensions);
  job.steps = steps;
  if (plainServices.length) job.services = plainServices;
  if (variables.length) job.environment = variables;
  if (extensions.length) job.extensions = extensions;
  if (!job.trigger && scripts.script.length === 0 && !own.has('run') && map.kind === 'map' && !env.extendsMissing) {
    // With includes that were not read, one of them may define the script: not a known refusal.
    const message = env.partial
      ? `job "${name}" has no script in the files read; GitLab rejects it unless an include that was not read gives it one`
      : `job "${name}" has no script; GitLab rejects a job without script or trigger`;
    report(ctx.sink, env.partial ? 'gitlab-script-unknown' : 'missing-key', message, { origin });
  }
  return { job, scheduling };
}

/** GitLab job keywords that set one IR job setting. */
const settingOfKey: Record<string, JobSetting> = {
  parallel: 'parallelism',
  tags: 'runnerTags',
  retry: 'retry',
  timeout: 'timeout',
  allow_failure: 'allowFailure',
  interruptible: 'interruptible',
  coverage: 'coverage',
  resource_group: 'concurrencyGroup',
};

function readParallel(ctx: ReadContext, e: MEntry, job: Job, name: string): void {
  if (e.value.kind !== 'map') {
    const n = readInteger(ctx, e.value, `${name}.parallel`);
    if (n !== undefined) job.parallelism = n;
    return;
  }
  const matrix: Matrix = { sets: [] };
  const o = entryOriginOf(e);
  if (o) matrix.origin = o;
  readEntries(ctx, e.value, `${name}.parallel`, {
    matrix: (m) => {
      if (m.value.kind !== 'seq') return wrongType(ctx, m.value, `${name}.parallel.matrix`, 'a list of variable sets');
      for (const set of m.value.items) {
        if (set.kind !== 'map') {
          wrongType(ctx, set, `${name}.parallel.matrix[]`, 'a mapping of variables to values');
          continue;
        }
        const record: Record<string, string[]> = {};
        for (const v of set.entries) {
          takeEntry(v);
          record[v.key] = readStringList(ctx, v.value, `${name}.parallel.matrix.${v.key}`) ?? [];
        }
        matrix.sets.push(record);
      }
    },
  });
  if (!withinMatrixLimits(ctx, matrix, name)) return;
  job.matrix = matrix;
}

const matrixBudgets = new WeakMap<object, { left: number }>();

/**
 * A matrix is kept only when the jobs it stands for (sized from the value counts, before any
 * writer expands it) are within ciport's limits for one matrix and for the whole configuration.
 */
function withinMatrixLimits(ctx: ReadContext, matrix: Matrix, name: string): boolean {
  const jobs = matrixJobCount(matrix);
  const budget = expansionBudget(matrixBudgets, ctx.sink, limits.maxMatrixJobsTotal);
  const over = jobs > limits.maxMatrixCells ? `ciport expands at most ${limits.maxMatrixCells} jobs from one matrix` : jobs > budget.left ? `the configuration's matrices together may expand to at most ${limits.maxMatrixJobsTotal} jobs` : undefined;
  if (over) {
    report(ctx.sink, 'matrix-too-large', `job "${name}": parallel:matrix stands for ${jobs} jobs; ${over}`, {
      origin: matrix.origin,
      hint: 'GitLab itself creates at most 200 jobs from one parallel:matrix; split the matrix. The job is translated once, without the matrix.',
    });
    return false;
  }
  budget.left -= jobs;
  return true;
}

function readTrigger(ctx: ReadContext, node: MNode, path: string): PipelineTrigger | undefined {
  const trigger: PipelineTrigger = { kind: 'project' };
  const o = nodeOrigin(node);
  if (o) trigger.origin = o;
  if (node.kind === 'scalar') {
    const project = readString(ctx, node, path);
    if (project === undefined) return undefined;
    trigger.project = project;
    return trigger;
  }
  readEntries(ctx, node, path, {
    project: (e) => {
      const v = readString(ctx, e.value, `${path}.project`);
      if (v !== undefined) trigger.project = v;
    },
    branch: (e) => {
      const v = readString(ctx, e.value, `${path}.branch`);
      if (v !== undefined) trigger.branch = v;
    },
    include: (e) => {
      takeTree(e.value);
      trigger.kind = 'child';
      trigger.include = toJson(e.value);
    },
    strategy: (e) => {
      const v = readString(ctx, e.value, `${path}.strategy`);
      if (v === 'depend' || v === 'mirror') trigger.strategy = v;
      else if (v !== undefined) report(ctx.sink, 'invalid-value', `"${path}.strategy" is "${v}"; expected depend or mirror`, { origin: entryOriginOf(e) });
    },
    forward: (e) => {
      takeTree(e.value);
      trigger.forward = toJson(e.value);
    },
    inputs: (e) => {
      takeTree(e.value);
      report(ctx.sink, 'unsupported-feature', `"${path}.inputs" is not translated`, { origin: entryOriginOf(e) });
    },
  });
  return trigger;
}

const actions = new Set(['start', 'prepare', 'stop', 'verify', 'access']);

function readEnvironment(ctx: ReadContext, node: MNode, path: string, keep: (e: MEntry, key?: string) => void): Deployment | undefined {
  if (node.kind === 'scalar') {
    const name = readString(ctx, node, path);
    if (name === undefined) return undefined;
    const d: Deployment = { name };
    const o = nodeOrigin(node);
    if (o) d.origin = o;
    return d;
  }
  const d: Deployment = { name: '' };
  const o = nodeOrigin(node);
  if (o) d.origin = o;
  const set = (e: MEntry, apply: (v: string) => void) => {
    const v = readString(ctx, e.value, `${path}.${e.key}`);
    if (v !== undefined) apply(v);
  };
  readEntries(ctx, node, path, {
    name: (e) => set(e, (v) => (d.name = v)),
    url: (e) => set(e, (v) => (d.url = v)),
    on_stop: (e) => set(e, (v) => (d.onStop = v)),
    auto_stop_in: (e) => set(e, (v) => (d.autoStopIn = v)),
    deployment_tier: (e) => set(e, (v) => (d.tier = v)),
    action: (e) =>
      set(e, (v) => {
        if (actions.has(v)) d.action = v as Deployment['action'];
        else report(ctx.sink, 'invalid-value', `"${path}.action" is "${v}"`, { origin: entryOriginOf(e) });
      }),
    kubernetes: (e) => keep(e, 'environment.kubernetes'),
  });
  return d.name ? d : undefined;
}

function readRetry(ctx: ReadContext, node: MNode, path: string): Retry | undefined {
  if (node.kind !== 'map') {
    const max = readInteger(ctx, node, path);
    return max === undefined ? undefined : { max };
  }
  const retry: Retry = { max: 0 };
  readEntries(ctx, node, path, {
    max: (e) => (retry.max = readInteger(ctx, e.value, `${path}.max`) ?? 0),
    when: (e) => {
      const list = readStringList(ctx, e.value, `${path}.when`);
      if (list) retry.when = list;
    },
    exit_codes: (e) => {
      const list = e.value.kind === 'seq' ? e.value.items : [e.value];
      retry.exitCodes = list.map((i) => readInteger(ctx, i, `${path}.exit_codes`)).filter((n): n is number => n !== undefined);
    },
  });
  return retry;
}
