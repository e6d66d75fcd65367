import { report, reportOnce } from '../../diagnostics/report.js';
import { lacksBash } from '../../docker/image-shell.js';
import type { Executor, Image, Job, JobSetting, Origin, Service, Step, Variable } from '../../ir/types.js';
import { settingOrigin } from '../../ir/origins.js';
import type { CommentNote } from '../../yaml/dump.js';
import { emitSteps, environmentMap, writeParameters, type StepContext, type Yaml } from './emit-steps.js';

/** The documented general-purpose convenience image, for jobs whose source named none. */
export const defaultImage = 'cimg/base:stable';

export interface JobOutput {
  value: { [key: string]: Yaml };
  comments: CommentNote[];
}

/** One IR job as a CircleCI 2.x job (spec §2, §3). */
export function emitJob(job: Job, ctx: StepContext, globals: readonly Variable[]): JobOutput {
  const out: { [key: string]: Yaml } = {};
  const comments: CommentNote[] = [];
  const path = ['jobs', job.id];
  if (job.description !== undefined && ctx.version === '2.1') out.description = job.description;
  writeExecutor(job, ctx, out);
  if (job.resourceClass !== undefined) out.resource_class = job.resourceClass;
  if (job.runnerTags?.length) {
    report(ctx.sink, 'manual-runner', `job "${job.id}" selected runners by tags (${job.runnerTags.join(', ')}); choose a resource_class or a self-hosted runner class by hand`, {
      job: job.id,
      origin: settingOrigin(job, 'runnerTags'),
    });
  }
  if (job.parallelism !== undefined) out.parallelism = job.parallelism;
  if (job.workingDirectory !== undefined) out.working_directory = job.workingDirectory;
  if (job.shell !== undefined) out.shell = job.shell;

  // CircleCI has no pipeline-wide environment: global variables go into every job (job wins).
  const merged = new Map<string, Variable>();
  for (const v of globals) merged.set(v.name, v);
  for (const v of job.environment ?? []) {
    merged.delete(v.name);
    merged.set(v.name, v);
  }
  const literal: Variable[] = [];
  const expanded: Variable[] = [];
  for (const v of merged.values()) {
    if (v.secret) {
      reportOnce(ctx.sink, 'manual-secret', `variable "${v.name}" looks like a secret; store it in project settings or a context instead of the config`, {
        origin: v.origin,
      });
    }
    if (v.expand && v.value.includes('$') && !onlyParameters(v.value, ctx)) expanded.push(v);
    else literal.push(v);
  }
  if (literal.length) {
    out.environment = environmentMap(literal, ctx);
    for (const v of literal) if (v.comments) comments.push({ path: [...path, 'environment', v.name], comments: v.comments });
  }
  let steps = job.steps;
  if (expanded.length) {
    // Pipeline-wide variables are reported once by the writer, not per job.
    for (const v of expanded.filter((x) => !globals.includes(x))) {
      reportOnce(ctx.sink, 'circleci2-variable-expansion', `"${v.name}" refers to other variables; it is exported through $BASH_ENV so the shell expands it`, {
        origin: v.origin,
      });
    }
    const command = expanded
      .map((v) => `echo "export ${v.name}=\\"${ctx.variables.map(v.value, v.origin).replace(/["\\`]/g, '\\$&')}\\"" >> "$BASH_ENV"`)
      .join('\n');
    const exportStep: Step = { kind: 'run', name: 'Export variables', command };
    steps = [exportStep, ...steps];
  }
  writeJobNotes(job, ctx);
  if (job.trigger) {
    const what = job.trigger.project ?? 'a child pipeline';
    // Fails on purpose: a job that silently skips a downstream pipeline would look green.
    steps = [
      ...steps,
      { kind: 'run', name: `Trigger ${what}`, command: `echo "ciport: this job triggered ${what.replace(/"/g, '')}; start it through the CircleCI API here" >&2\nexit 1` },
    ];
  }
  const noOpJob = job.extensions?.some((e) => e.format === 'circleci2' && e.key === 'type' && e.value === 'no-op');
  if (steps.length === 0 && !(noOpJob && ctx.version === '2.1')) {
    // CircleCI requires at least one step.
    report(ctx.sink, 'default-chosen', `job "${job.id}" has no steps; a no-op step is written because CircleCI needs one`, { origin: job.origin });
    steps = [{ kind: 'run', name: 'No steps', command: 'true' }];
  }
  const stepOutputs = emitSteps(steps, ctx);
  const shim = ctx.variables.takeShim();
  if (shim.length) {
    // Before every other step, so exported variables and commands see the source's names.
    const command = shim.map(([name, value]) => `echo "export ${name}=\\"${value}\\"" >> "$BASH_ENV"`).join('\n');
    stepOutputs.unshift({ value: { run: { name: 'Map predefined variables', command } } });
  }
  // The first step writes the file (the shim, else the exports); the steps after it read it.
  if (expanded.length || shim.length) sourceExportsWithoutBash(job, stepOutputs, 1, [...expanded.map((v) => v.name), ...shim.map(([name]) => name)], expanded[0]?.origin, ctx);
  if (stepOutputs.length || !noOpJob) out.steps = stepOutputs.map((s) => s.value);
  stepOutputs.forEach((s, i) => {
    if (!s.comments) return;
    // A comment after a step sits after its value, inside the step's one-key map.
    const { before, trailing } = s.comments;
    if (before) comments.push({ path: [...path, 'steps', i], comments: { before } });
    if (trailing) {
      const key = typeof s.value === 'object' && s.value !== null && !Array.isArray(s.value) ? Object.keys(s.value)[0] : undefined;
      comments.push({ path: key ? [...path, 'steps', i, key] : [...path, 'steps', i], comments: { trailing } });
    }
  });
  const images = job.executor?.kind === 'docker' ? [job.executor.image, ...(job.services ?? [])] : [];
  images.forEach((image, i) => {
    if (image.comments) comments.push({ path: [...path, 'docker', i, 'image'], comments: image.comments });
  });
  for (const extension of job.extensions ?? []) {
    if (extension.format !== 'circleci2' || extension.key === 'orb-job' || extension.key === 'executor') continue;
    if (extension.key === 'type' && ctx.version === '2.0' && extension.value === 'no-op') continue;
    out[extension.key] = extension.value as Yaml;
  }
  if (job.comments) comments.push({ path, comments: job.comments });
  return { value: out, comments };
}

function writeExecutor(job: Job, ctx: StepContext, out: { [key: string]: Yaml }): void {
  const executor: Executor | undefined = job.executor;
  const reference = job.extensions?.find((e) => e.format === 'circleci2' && e.key === 'executor')?.value;
  if (!executor && reference !== undefined && ctx.version === '2.1') {
    const name = typeof reference === 'string' ? reference : String((reference as { name?: unknown }).name ?? '');
    if (name.includes('/')) ctx.usedOrbs.add(name.split('/')[0]!);
    out.executor = reference as Yaml;
    return;
  }
  const noOp = job.extensions?.some((e) => e.format === 'circleci2' && e.key === 'type' && e.value === 'no-op');
  if (!executor && noOp && ctx.version === '2.1') return;
  if (!executor) {
    report(ctx.sink, 'default-chosen', `job "${job.id}" names no image; ${defaultImage} (CircleCI's general-purpose convenience image) is used`, {
      job: job.id,
      origin: job.origin,
    });
    out.docker = [imageEntry({ name: defaultImage }, ctx), ...(job.services ?? []).map((s) => imageEntry(s, ctx))];
    return;
  }
  switch (executor.kind) {
    case 'docker':
      out.docker = [imageEntry(executor.image, ctx), ...(job.services ?? []).map((s) => imageEntry(s, ctx))];
      return;
    case 'machine': {
      const daemon = job.steps.find((s) => s.kind === 'docker-daemon');
      const layerCaching = executor.layerCaching ?? (daemon?.kind === 'docker-daemon' ? daemon.layerCaching : undefined);
      const machine: { [key: string]: Yaml } = {};
      if (executor.image !== undefined) machine.image = executor.image;
      if (layerCaching !== undefined) machine.docker_layer_caching = layerCaching;
      out.machine = Object.keys(machine).length ? machine : true;
      break;
    }
    case 'macos':
      out.macos = { xcode: executor.xcode };
      break;
    case 'windows':
      out.machine = { image: executor.image ?? 'windows-server-2022-gui:current' };
      if (job.resourceClass === undefined) out.resource_class = 'windows.medium';
      if (!executor.image) {
        report(ctx.sink, 'default-chosen', `job "${job.id}" runs on Windows; the windows-server-2022-gui:current image is used`, { origin: executor.origin });
      }
      break;
  }
  if (job.services?.length) {
    report(ctx.sink, 'unsupported-feature', `job "${job.id}" has service containers, which only docker executors run; start them with docker in a step`, {
      origin: job.services[0]!.origin ?? job.origin,
    });
  }
}

function imageEntry(image: Image | Service, ctx: StepContext): { [key: string]: Yaml } {
  const out: { [key: string]: Yaml } = { image: writeParameters(image.name, ctx) };
  if ('alias' in image && image.alias !== undefined) out.name = image.alias;
  if (image.entrypoint) out.entrypoint = [...image.entrypoint];
  if (image.command) out.command = [...image.command];
  if (image.user !== undefined) out.user = image.user;
  if (image.environment?.length) out.environment = environmentMap(image.environment, ctx);
  const auth = image.auth;
  if (auth?.kind === 'basic') out.auth = { username: auth.username, password: auth.password };
  else if (auth?.kind === 'aws') {
    const aws: { [key: string]: Yaml } = {};
    if (auth.accessKeyId !== undefined) aws.aws_access_key_id = auth.accessKeyId;
    if (auth.secretAccessKey !== undefined) aws.aws_secret_access_key = auth.secretAccessKey;
    if (auth.oidcRoleArn !== undefined) aws.oidc_role_arn = auth.oidcRoleArn;
    out.aws_auth = aws;
  } else if (auth?.kind === 'gcp') {
    if (ctx.version === '2.1') {
      const gcp: { [key: string]: Yaml } = {};
      if (auth.serviceAccount !== undefined) gcp.oidc_service_account = auth.serviceAccount;
      if (auth.workloadIdentityPool !== undefined) gcp.workload_identity_pool = auth.workloadIdentityPool;
      if (auth.workloadIdentityProvider !== undefined) gcp.workload_identity_provider = auth.workloadIdentityProvider;
      out.gcp_auth = gcp;
    } else report(ctx.sink, 'unsupported-feature', '"gcp_auth" needs version 2.1; dropped', { origin: image.origin });
  }
  if (image.pullPolicy?.length || image.platform) {
    report(ctx.sink, 'unsupported-feature', 'image pull policy and platform have no CircleCI counterpart; dropped', { origin: image.origin });
  }
  return out;
}

/**
 * The writer hands variables to later steps through `$BASH_ENV`, which only bash reads by itself:
 * in an image without bash CircleCI runs the steps with /bin/sh, so each step after the first
 * `from` sources the file itself (as CircleCI's own orbs do on Alpine).
 */
function sourceExportsWithoutBash(job: Job, outputs: Array<{ value: Yaml }>, from: number, names: readonly string[], at: Origin | undefined, ctx: StepContext): void {
  const image = job.executor?.kind === 'docker' ? job.executor.image.name : undefined;
  if (job.shell !== undefined || image === undefined || !lacksBash(image)) return;
  let sourced = 0;
  for (const output of outputs.slice(from)) {
    const step = output.value as { run?: string | { command?: string } };
    if (typeof step.run === 'string') step.run = `${sourceLine}\n${step.run}`;
    else if (step.run && typeof step.run.command === 'string') step.run.command = `${sourceLine}\n${step.run.command}`;
    else continue;
    sourced++;
  }
  if (!sourced) return;
  report(ctx.sink, 'approximate-translation', `job "${job.id}" runs in ${image}, which has no bash: CircleCI runs its steps with /bin/sh, which does not read $BASH_ENV, so each later step sources it first for ${names.join(', ')}`, {
    origin: at ?? job.origin,
    hint: 'Or run the job in an image with bash (https://circleci.com/docs/guides/security/set-environment-variable/).',
  });
}

/** What a step of a shell without bash starts with to see the exports of the steps before it. */
const sourceLine = '. "$BASH_ENV"';

/** Job settings with no CircleCI key: said once each, with the closest construct. */
function writeJobNotes(job: Job, ctx: StepContext): void {
  const at = { origin: job.origin, job: job.id };
  // Each note points at the key it is about (a template's key for every job that inherits it).
  const atSetting = (setting: JobSetting) => ({ origin: settingOrigin(job, setting), job: job.id });
  if (job.timeout !== undefined) {
    report(ctx.sink, 'unsupported-feature', `job "${job.id}" has a ${job.timeout} time limit; CircleCI limits jobs by plan (no_output_timeout limits silence only)`, atSetting('timeout'));
  }
  if (job.retry) {
    report(ctx.sink, 'semantic-difference', `job "${job.id}" retries up to ${job.retry.max} times; CircleCI reruns single run steps with max_auto_reruns, not jobs`, atSetting('retry'));
  }
  if (job.allowFailure) {
    report(ctx.sink, 'semantic-difference', `job "${job.id}" may fail without failing the pipeline; CircleCI has no such setting, so its failure fails the workflow`, atSetting('allowFailure'));
  }
  if (job.deployment) {
    report(ctx.sink, 'unsupported-feature', `job "${job.id}" deploys to environment "${job.deployment.name}"; CircleCI environments are not configured in YAML`, {
      ...at,
      origin: job.deployment.origin ?? job.origin,
    });
  }
  if (job.trigger) {
    report(ctx.sink, 'unsupported-feature', `job "${job.id}" triggers another pipeline; use the CircleCI API (or the continuation orb) in a run step`, {
      ...at,
      origin: job.trigger.origin ?? job.origin,
    });
  }
  if (job.interruptible) {
    report(ctx.sink, 'manual-setting', `job "${job.id}" is interruptible; turn on "Auto-cancel redundant workflows" in the project settings`, atSetting('interruptible'));
  }
  if (job.coverage !== undefined) {
    report(ctx.sink, 'unsupported-feature', `job "${job.id}" extracts a coverage figure from its log; CircleCI has no such setting`, atSetting('coverage'));
  }
  for (const secret of job.secrets ?? []) {
    report(ctx.sink, 'manual-secret', `job "${job.id}" needs secret "${secret.name}" (${secret.provider}); provide it through a context or project variables`, {
      origin: secret.origin ?? job.origin,
    });
  }
  if (job.matrix) {
    report(ctx.sink, 'approximate-translation', `job "${job.id}" has a matrix; it is expanded into one job per combination`, { ...at, origin: job.matrix.origin ?? job.origin });
  }
}

/** Whether every `$` reference is a pipeline parameter, which 2.1 substitutes at compile time. */
function onlyParameters(value: string, ctx: StepContext): boolean {
  if (ctx.version !== '2.1') return false;
  const references = [...value.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)];
  return references.length > 0 && /^[^$]*(\$\{[A-Za-z_][A-Za-z0-9_]*\}[^$]*)*$/.test(value) && references.every((m) => ctx.parameters.has(m[1]!));
}
