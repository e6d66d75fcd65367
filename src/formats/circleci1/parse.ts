import { isMap } from 'yaml';
import { locateSetting } from '../../ir/origins.js';
import { report } from '../../diagnostics/report.js';
import type { DiagnosticSink } from '../../diagnostics/types.js';
import type {
  ArtifactsStep,
  CacheKey,
  CacheRestoreStep,
  CacheSaveStep,
  Job,
  Pipeline,
  Rule,
  Step,
  TestResultsStep,
  Variable,
  WorkflowNode,
} from '../../ir/types.js';
import { reportUnconsumedKeys } from '../../yaml/account.js';
import { loadYaml } from '../../yaml/load.js';
import { takeShadowedKeys } from '../../yaml/shadowed-keys.js';
import { createReader, entries, originOf, splitComment } from '../../yaml/view.js';
import type { ParseContext, ParseInput } from '../types.js';
import { diagnose, type ReadContext } from './read-context.js';
import { readDeployments, type DeploymentRead } from './read-deployment.js';
import { branchFilterCondition, readGeneral, readNotifications, type GeneralRead } from './read-general.js';
import { readMachine } from './read-machine.js';
import { readPhase, sectionKeys, type PhaseRead } from './read-phases.js';
import { refCondition } from './read-refs.js';
import { warnDefaultServices } from './read-services-used.js';

/** The id of the one job that holds the 1.0 build phases. */
export const buildJobId = 'build';

/**
 * 1.0 caches per branch and falls back to other branches' caches (how-cache-works.md): a
 * `dependencies-<branch>` key, restored by that prefix first and then by any branch's.
 */
export const cachePrefix = 'dependencies-';
export const cacheKey: CacheKey = { parts: [{ kind: 'literal', value: cachePrefix }, { kind: 'branch' }] };
export const cacheFallbackKey: CacheKey = { parts: [{ kind: 'literal', value: cachePrefix }] };

/** Reads a circle.yml into one build job plus one job per deployment subsection. */
export function parseCircleci1(input: ParseInput, context: ParseContext): Pipeline | undefined {
  // An empty circle.yml is valid: 1.0 then infers everything (configuration.md §1).
  const sink: DiagnosticSink = {
    report: (d) => (d.code === 'yaml-empty' ? undefined : context.sink.report(d)),
    get diagnostics() {
      return context.sink.diagnostics;
    },
  };
  let loaded = loadYaml(input.text, input.file, sink);
  if (loaded.text !== input.text) context.sources.add(input.file, loaded.text);
  const blank = input.text.split('\n').every((line) => /^\s*(#.*)?$/.test(line) || /^(---|\.\.\.)\s*$/.test(line));
  if (!loaded.body && blank) {
    loaded = loadYaml('{}', input.file, sink);
  }
  if (!loaded.body) return undefined;
  const reader = createReader(input.file, loaded.body);
  const root = loaded.body.contents;
  if (!isMap(root)) {
    report(context.sink, 'wrong-type', 'circle.yml should be a map of sections (machine, dependencies, test, …)', {
      origin: originOf(reader, root, []),
    });
    return undefined;
  }
  const firstKey = root.items[0]?.key;
  const header = headerComment(loaded.body.commentBefore, firstKey);
  const ctx: ReadContext = {
    reader,
    sink: context.sink,
    ...(context.repository ? { repository: context.repository } : {}),
    ...(!loaded.body.commentBefore && header.length ? { headerKey: firstKey } : {}),
  };
  const sections = new Map(entries(reader, root).map((e) => [e.key, e]));

  const machine = readMachine(ctx, sections.get('machine'));
  const phases = new Map<string, PhaseRead>();
  for (const phase of ['checkout', 'dependencies', 'database', 'compile', 'test']) {
    phases.set(phase, readPhase(ctx, phase, sections.get(phase)));
  }
  const deployments = readDeployments(ctx, sections.get('deployment'));
  const general = readGeneral(ctx, sections.get('general'));
  const notifications = readNotifications(ctx, sections.get('experimental'), sections.get('notify'));

  const build = buildJob(machine, phases, general);
  const deployJobs = deployments.map((d) => deployJob(d, build, general));
  if (deployments.length) {
    diagnose(ctx, 'circleci1-deployment-job', 'each 1.0 deployment becomes a job of its own after the build; it no longer shares the build machine', deployments[0]!.origin, {
      hint: 'Rebuild (or persist in a workspace) what the deploy commands need from the build, such as Docker images.',
    });
  }
  warnDefaultServices(ctx, [build, ...deployJobs], build.services ?? []);

  const pipeline: Pipeline = {
    source: 'circleci1',
    jobs: [build, ...deployJobs],
    workflows: [{ nodes: [{ id: buildJobId, job: buildJobId }, ...deployments.map((d, i) => deployNode(d, deployJobs[i]!))] }],
    rules: pipelineRules(general, deployments),
  };
  const origin = originOf(reader, root);
  if (origin) pipeline.origin = origin;
  if (header.length) pipeline.comments = { before: header };
  if (machine.variables.length) pipeline.variables = machine.variables;
  if (notifications.length) pipeline.notifications = notifications;
  // A repeated section (yaml-duplicate-key) or one overridden over a `<<` merge is decided, not unknown.
  takeShadowedKeys(reader);
  reportUnconsumedKeys(reader, context.sink, undefined, sectionKeys);
  return pipeline;
}

/** The comment at the top of the file: on the document, or on the first key when no blank line follows it. */
function headerComment(documentComment: string | null | undefined, firstKey: unknown): string[] {
  const text = documentComment ?? (firstKey as { commentBefore?: string | null } | undefined)?.commentBefore;
  const lines = splitComment(text);
  // Bare `#` lines frame headers; they carry nothing and the writer cannot write them back.
  while (lines.length && !lines[0]!.trim()) lines.shift();
  while (lines.length && !lines.at(-1)!.trim()) lines.pop();
  return lines;
}

function buildJob(machine: ReturnType<typeof readMachine>, phases: Map<string, PhaseRead>, general: GeneralRead): Job {
  const steps: Step[] = [];
  if (machine.docker) steps.push(machine.docker);
  steps.push(...machine.steps);
  steps.push({ kind: 'checkout' });
  steps.push(...phases.get('checkout')!.steps);
  const dependencies = phases.get('dependencies')!;
  const cacheDirectories = dependencies.cacheDirectories;
  if (cacheDirectories.length) {
    const restore: CacheRestoreStep = { kind: 'cache-restore', keys: [cacheKey, cacheFallbackKey] };
    if (dependencies.cacheOrigin) restore.origin = dependencies.cacheOrigin;
    steps.push(restore);
  }
  steps.push(...dependencies.steps);
  if (cacheDirectories.length) {
    // Saved after `dependencies`, before `test` (how-cache-works.md).
    // 1.0 saves the cache directories again after every build's dependencies phase.
    const save: CacheSaveStep = { kind: 'cache-save', key: cacheKey, paths: cacheDirectories, overwrites: true };
    if (dependencies.cacheOrigin) save.origin = dependencies.cacheOrigin;
    steps.push(save);
  }
  for (const phase of ['database', 'compile', 'test']) steps.push(...phases.get(phase)!.steps);
  const commands = steps.flatMap((s) => (s.kind === 'run' ? [s.command] : []));
  // JUnit XML under $CIRCLE_TEST_REPORTS was collected automatically (test-metadata.md).
  if (commands.some((c) => /\bCIRCLE_TEST_REPORTS\b/.test(c))) {
    const results: TestResultsStep = { kind: 'test-results', path: '$CIRCLE_TEST_REPORTS', format: 'junit' };
    steps.push(results);
  }
  // $CIRCLE_ARTIFACTS was always collected, general.artifacts in addition (configuration.md §7).
  if (commands.some((c) => /\bCIRCLE_ARTIFACTS\b/.test(c))) {
    const artifacts: ArtifactsStep = { kind: 'artifacts', paths: ['$CIRCLE_ARTIFACTS'], when: 'always' };
    steps.push(artifacts);
  }
  if (general.artifacts) {
    const artifacts: ArtifactsStep = { kind: 'artifacts', paths: general.artifacts.paths, when: 'always' };
    if (general.artifacts.origin) artifacts.origin = general.artifacts.origin;
    steps.push(artifacts);
  }
  const job: Job = { id: buildJobId, executor: machine.executor, steps };
  if (machine.services.length) job.services = machine.services;
  const environment: Variable[] = [...phases.values()].flatMap((p) => p.environment);
  if (environment.length) job.environment = environment;
  if (general.buildDir !== undefined) {
    job.workingDirectory = general.buildDir;
    locateSetting(job, 'workingDirectory', general.buildDirOrigin);
  }
  const extensions = [...machine.extensions, ...[...phases.values()].flatMap((p) => p.extensions)];
  if (extensions.length) job.extensions = extensions;
  return job;
}

function deployJob(read: DeploymentRead, build: Job, general: GeneralRead): Job {
  const id = read.name === buildJobId ? `deploy-${read.name}` : read.name;
  const steps: Step[] = [];
  const docker = build.steps.find((s) => s.kind === 'docker-daemon');
  if (docker) steps.push(docker);
  steps.push({ kind: 'checkout' }, ...read.steps);
  const job: Job = { id, steps };
  if (build.executor) job.executor = build.executor;
  if (general.buildDir !== undefined) {
    job.workingDirectory = general.buildDir;
    locateSetting(job, 'workingDirectory', general.buildDirOrigin);
  }
  if (read.origin) job.origin = read.origin;
  if (read.comments) job.comments = read.comments;
  return job;
}

function deployNode(read: DeploymentRead, job: Job): WorkflowNode {
  // Deployments run only after a green build (configuration.md §6).
  const node: WorkflowNode = { id: job.id, job: job.id, requires: [{ node: buildJobId }] };
  if (read.rules.length) node.rules = read.rules;
  if (read.origin) node.origin = read.origin;
  return node;
}

/**
 * Which pushes build: branches per `general.branches`, and tags only when some deployment has a
 * `tag` selector that matches (configuration.md §6: "a pushed tag does not build at all" otherwise).
 */
function pipelineRules(general: GeneralRead, deployments: DeploymentRead[]): Rule[] {
  const rules: Rule[] = [];
  const filter = general.branches;
  if (filter?.ignore?.length) {
    const rule: Rule = { condition: refCondition('branch', filter.ignore), when: 'never' };
    if (filter.origin) rule.origin = filter.origin;
    rules.push(rule);
  }
  const branches: Rule = { condition: filter?.only ? (branchFilterCondition({ only: filter.only }) ?? { kind: 'ref', ref: 'branch' }) : { kind: 'ref', ref: 'branch' } };
  if (filter?.only && filter.origin) branches.origin = filter.origin;
  rules.push(branches);
  const tags = deployments.flatMap((d) => d.tags ?? []);
  if (tags.length) rules.push({ condition: refCondition('tag', tags) });
  return rules;
}
