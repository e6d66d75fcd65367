import { report, reportOnce } from '../../diagnostics/report.js';
import { readJobDocker } from '../../docker/job-docker.js';
import type { Job, Pipeline } from '../../ir/types.js';
import { dumpYaml, type CommentNote, type YamlPath } from '../../yaml/dump.js';
import type { EmitContext } from '../types.js';
import { writeBuild, type PhaseItem } from './emit-build.js';
import type { WrittenCommand } from './emit-command.js';
import { writeDeployments } from './emit-deployment.js';
import { writeBranches, writeNotifications } from './emit-general.js';
import { nameList } from '../name-list.js';
import { writeMachineSettings } from './emit-machine.js';
import { joinSharedShell } from './emit-shell.js';
import { planPipeline, type Plan } from './emit-plan.js';
import { VariableRewriter } from './emit-variables.js';
import { inferredPhases } from './infer.js';

/**
 * Writes the IR as a circle.yml: one build whose phases hold the steps of the graph's jobs in
 * topological order, `deployment` subsections for branch/tag/owner-only jobs after it, and a
 * diagnostic for everything 1.0 cannot say. See readme.md for the placement rules.
 */
export function emitCircleci1(pipeline: Pipeline, ctx: EmitContext): string {
  const defined = new Set([...(pipeline.variables ?? []), ...pipeline.jobs.flatMap((job) => job.environment ?? [])].map((v) => v.name));
  const variables = new VariableRewriter(pipeline.source, ctx.sink, defined, ctx.options.variableMode ?? 'shim');
  const comments: CommentNote[] = [];
  const plan = planPipeline(pipeline, ctx);
  // Jobs whose script lines share a shell in the source, with those lines joined where needed.
  const buildJobs = plan.build.map((b) => ({ ...b.job, steps: joinSharedShell(b.job, ctx) }));
  reportJobSettings(buildJobs, ctx);
  reportMergedJobs(plan.build, ctx);
  reportCachesSavedEveryBuild(buildJobs, ctx);
  const deploymentJobs = plan.deployments.map((d) => d.job);
  reportCheckoutAdded([...buildJobs, ...deploymentJobs], ctx);
  const build = writeBuild(buildJobs, ctx, variables);
  const deployDocker = plan.deployments.some((d) => d.job.steps.some((s) => s.kind === 'docker-daemon'));
  const deployment = writeDeployments(plan.deployments, pipeline.source, ctx, variables, comments);
  // A 2.x machine executor has Docker without asking (docker-in-ci.md §3); 1.0 needs the service.
  const machineDocker = buildJobs.some((job) => job.executor?.kind === 'machine' && readJobDocker(job).calls.length > 0);
  const settings = writeMachineSettings(pipeline, buildJobs, Boolean(build.docker) || deployDocker || machineDocker, ctx, variables, deploymentJobs);
  const doc: Record<string, unknown> = {};

  const machine = writeMachineCommands(settings.machine, build.phases.get('machine')!, comments);
  if (Object.keys(machine).length) doc.machine = machine;

  const checkout = commandsOf(build.phases.get('checkout')!, ['checkout', 'post'], comments);
  if (checkout.length) doc.checkout = { post: checkout };

  for (const phase of ['dependencies', 'database', 'compile', 'test'] as const) {
    const section = writePhase(phase, build.phases.get(phase)!, comments);
    if (phase === 'dependencies') {
      if (build.cacheDirectories.length) section.cache_directories = build.cacheDirectories;
      if (settings.bundlerWithout) section.bundler = { without: settings.bundlerWithout };
    }
    if (phase === 'test') writeMinitest(buildJobs, section);
    if (Object.keys(section).length) doc[phase] = section;
  }

  if (Object.keys(deployment).length) doc.deployment = deployment;

  const general: Record<string, unknown> = {};
  const branches = writeBranches(pipeline.rules ?? [], plan.deployments, ctx);
  if (branches) general.branches = branches;
  const withDirectory = buildJobs.find((job) => job.workingDirectory !== undefined);
  const workingDirectory = withDirectory?.workingDirectory;
  // build_dir is a subdirectory of the checkout (configuration.md §7); an absolute working
  // directory (2.x `~/repo`) is where the checkout itself goes, which 1.0 fixes.
  if (workingDirectory !== undefined && !/^[~/$]/.test(workingDirectory)) general.build_dir = workingDirectory;
  else if (workingDirectory !== undefined) {
    report(ctx.sink, 'approximate-translation', `1.0 checks the project out into its own directory; the working directory "${workingDirectory}" is left out`, {
      origin: withDirectory?.origin,
    });
  }
  if (build.artifacts.length) general.artifacts = build.artifacts;
  if (Object.keys(general).length) doc.general = general;

  writeNotifications(pipeline, doc, ctx);
  reportPipelineSettings(pipeline, ctx);
  const sections = Object.keys(doc);
  const header = pipeline.source === 'circleci1' ? (pipeline.comments?.before ?? []) : [];
  return dumpYaml(doc, { comments, header, spacedMaps: sections.length > 1 ? [[]] : [] });
}

/**
 * 1.0 runs one build per push (https://circleci.com/docs/1.0/configuration/): jobs that had a
 * container each and could run side by side now run one after another on one machine, sharing
 * its files and services, and the first failing job stops those after it.
 */
function reportMergedJobs(build: Plan['build'], ctx: EmitContext): void {
  if (build.length < 2) return;
  // Each job is named where it is defined and where its workflow runs it.
  const related = build.flatMap(({ job, node }) =>
    [node?.origin, job.origin].flatMap((origin) => (origin ? [{ message: `job "${job.id}" runs in the one build`, origin }] : [])),
  );
  report(
    ctx.sink,
    'semantic-difference',
    `CircleCI 1.0 runs one build: jobs ${nameList(build.map((b) => b.job.id))} run in it one after another on one machine, and a failing job stops the jobs after it`,
    related[0] ? { origin: related[0].origin, related: related.slice(1) } : {},
  );
}

/**
 * 1.0 saves `cache_directories` again after every build (https://circleci.com/docs/1.0/how-cache-works/);
 * a source that kept the first save of a key restored what that save held. Said once, listing each cache.
 */
function reportCachesSavedEveryBuild(jobs: readonly Job[], ctx: EmitContext): void {
  const places = jobs.flatMap((job) => job.steps.flatMap((s) => (s.kind === 'cache-save' && !s.overwrites && s.origin ? [s.origin] : [])));
  if (!places.length) return;
  report(ctx.sink, 'semantic-difference', 'CircleCI 1.0 saves the cache directories again after every build, where the source kept the first save of a key', {
    origin: places[0]!,
    ...(places.length > 1 ? { related: places.slice(1).map((origin) => ({ message: 'saved again here too', origin })) } : {}),
  });
}

/**
 * 1.0 checks the code out at the start of every build; a job that did not check it out (one that
 * works on a workspace, a deploy of built files) now finds it there. Said once, each job named.
 */
function reportCheckoutAdded(jobs: readonly Job[], ctx: EmitContext): void {
  const places = jobs.filter((job) => !job.steps.some((s) => s.kind === 'checkout')).flatMap((job) => (job.origin ? [{ job: job.id, origin: job.origin }] : []));
  if (!places.length) return;
  const [first, ...rest] = places;
  report(ctx.sink, 'semantic-difference', `CircleCI 1.0 checks out the code for every build; "${first!.job}" did not check it out in the source`, {
    origin: first!.origin,
    ...(rest.length ? { related: rest.map((p) => ({ message: `"${p.job}" did not check it out either`, origin: p.origin })) } : {}),
  });
}

function commandsOf(items: readonly PhaseItem[], path: YamlPath, comments: CommentNote[]): unknown[] {
  const written = items.filter((item): item is WrittenCommand => 'entry' in item);
  written.forEach((item, index) => {
    if (item.comments) comments.push({ path: [...path, index], comments: item.comments });
  });
  return written.map((item) => item.entry);
}

const hostsPattern = /^echo "([0-9A-Fa-f.:]+) ([A-Za-z0-9.-]+)" \| sudo tee -a \/etc\/hosts$/;

/**
 * `machine` commands: the lines the reader wrote for `hosts` go back to `hosts`, what came before
 * them to `pre` and the rest to `post`. Without hosts lines everything goes to `post`, where the
 * build's environment variables are set (they are not during `machine.pre`, configuration.md §3).
 */
function writeMachineCommands(settings: Record<string, unknown>, items: readonly PhaseItem[], comments: CommentNote[]): Record<string, unknown> {
  const machine: Record<string, unknown> = { ...settings };
  const hostOf = (item: PhaseItem) => ('entry' in item && typeof item.entry === 'string' ? hostsPattern.exec(item.entry) : null);
  const first = items.findIndex((item) => hostOf(item));
  let end = first;
  const hosts: Record<string, string> = {};
  if (first >= 0) {
    for (; end < items.length; end++) {
      const match = hostOf(items[end]!);
      if (!match || hosts[match[2]!] !== undefined) break;
      hosts[match[2]!] = match[1]!;
    }
  }
  const pre = first >= 0 ? commandsOf(items.slice(0, first), ['machine', 'pre'], comments) : [];
  const post = commandsOf(first >= 0 ? items.slice(end) : items, ['machine', 'post'], comments);
  if (Object.keys(hosts).length) machine.hosts = hosts;
  if (pre.length) machine.pre = pre;
  if (post.length) machine.post = post;
  return machine;
}

/**
 * A phase 1.0 infers commands for: `pre`/`post` around the gap where 1.0's own inferred commands
 * ran, or `override` (possibly empty) so 1.0 infers nothing the IR does not say.
 */
function writePhase(phase: string, items: readonly PhaseItem[], comments: CommentNote[]): Record<string, unknown> {
  const section: Record<string, unknown> = {};
  const gap = items.findIndex((item) => 'gap' in item);
  if (gap >= 0) {
    const pre = commandsOf(items.slice(0, gap), [phase, 'pre'], comments);
    const post = commandsOf(items.slice(gap + 1), [phase, 'post'], comments);
    if (pre.length) section.pre = pre;
    if (post.length) section.post = post;
    return section;
  }
  const override = commandsOf(items, [phase, 'override'], comments);
  if (override.length || inferredPhases.has(phase)) section.override = override;
  return section;
}

function writeMinitest(jobs: readonly Job[], section: Record<string, unknown>): void {
  const globs = jobs.flatMap((job) => job.extensions ?? []).find((e) => e.format === 'circleci1' && e.key === 'test.minitest_globs');
  if (globs) section.minitest_globs = globs.value;
}

/** Job settings that no 1.0 key carries: one diagnostic per setting, naming the jobs. */
function reportJobSettings(jobs: readonly Job[], ctx: EmitContext): void {
  const lost = new Map<string, Job[]>();
  const add = (setting: string, job: Job) => lost.set(setting, [...(lost.get(setting) ?? []), job]);
  for (const job of jobs) {
    if (job.parallelism !== undefined) {
      reportOnce(ctx.sink, 'manual-setting', `set parallelism ${job.parallelism} in the 1.0 Project Settings › Parallelism`, { origin: job.origin });
    }
    if (job.timeout !== undefined) add('timeout', job);
    if (job.retry) add('retry', job);
    // `allow_failure: false` and `interruptible: false` say what 1.0 does anyway: nothing is lost.
    if (job.allowFailure) add('allow_failure', job);
    if (job.resourceClass !== undefined) add('resource class', job);
    if (job.runnerTags?.length) add('runner tags', job);
    if (job.shell !== undefined) add('shell', job);
    if (job.deployment) add('environment (deployment)', job);
    if (job.concurrencyGroup !== undefined) add('concurrency group', job);
    if (job.interruptible) add('interruptible', job);
    if (job.coverage !== undefined) add('coverage', job);
    if (job.trigger) add('trigger', job);
    if (job.secrets?.length) add('secrets', job);
    for (const extension of job.extensions ?? []) if (extension.format !== 'circleci1' && !extension.roundTripOnly) add(extension.key, job);
  }
  for (const [setting, owners] of lost) {
    report(ctx.sink, 'unsupported-feature', `CircleCI 1.0 has no ${setting}; left out for ${nameList(owners.map((j) => j.id))}`, { origin: owners[0]!.origin });
  }
}

function reportPipelineSettings(pipeline: Pipeline, ctx: EmitContext): void {
  if (pipeline.parameters?.length) {
    report(ctx.sink, 'unsupported-feature', 'CircleCI 1.0 has no pipeline parameters; they are left out', { origin: pipeline.parameters[0]!.origin });
  }
  for (const extension of pipeline.extensions ?? []) {
    if (extension.format !== 'circleci1') report(ctx.sink, 'unsupported-feature', `"${extension.key}" has no CircleCI 1.0 form; left out`, { origin: extension.origin });
  }
}
