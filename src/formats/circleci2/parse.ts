import { isMap, visit } from 'yaml';
import { report } from '../../diagnostics/report.js';
import type { Extension, Pipeline, Workflow } from '../../ir/types.js';
import { walkSteps } from '../../ir/visit.js';
import { reportUnconsumedKeys } from '../../yaml/account.js';
import { loadYaml } from '../../yaml/load.js';
import { takeShadowedKeys } from '../../yaml/shadowed-keys.js';
import { createReader, entries, originOf, splitComment, stringValue, type Entry } from '../../yaml/view.js';
import type { ParseContext, ParseInput } from '../types.js';
import type { ReadContext } from './context.js';
import { readOrbs } from './expand-orbs.js';
import { jobKeys } from './read-jobs.js';
import { readNotify } from './read-notify.js';
import { readPipelineParameters } from './expand-parameters.js';
import { kindName, registerDefinitions } from './read-definitions.js';
import { createJobTable, materializeJob, readWorkflows } from './read-workflows.js';

/** Keys that need `version: 2.1` (configuration-reference.adoc, spec §1). */
const v21Keys = ['orbs', 'commands', 'executors', 'parameters'];

/**
 * Reads `.circleci/config.yml` (2.0, 2.0 beta, 2.1) into the IR, expanding offline what
 * `circleci config process` expands (spec §13): orbs, commands, executors, parameters, matrix,
 * pre/post-steps, `when`/`unless`.
 */
export function parseCircleci2(input: ParseInput, context: ParseContext): Pipeline | undefined {
  const { sink } = context;
  const loaded = loadYaml(input.text, input.file, sink);
  if (!loaded.body) return undefined;
  if (loaded.documents.filter((d) => d.contents !== null).length > 1) {
    report(sink, 'yaml-multi-document', 'the file holds several YAML documents; only the last is read, the earlier ones are not translated');
  }
  const reader = createReader(input.file, loaded.body);
  const root = loaded.body.contents;
  if (!isMap(root)) {
    report(sink, 'wrong-type', 'a CircleCI configuration must be a map at the top level', { origin: originOf(reader, root) });
    return undefined;
  }
  const top = entries(reader, root);
  const find = (key: string): Entry | undefined => top.find((e) => e.key === key);
  const ctx: ReadContext = {
    reader,
    sink,
    version: readVersion(context, reader, find('version')),
    commands: new Map(),
    executors: new Map(),
    jobs: new Map(),
    tableOrbs: new Map(),
    ...(context.options.rules ? { userOrbs: context.options.rules.orbs } : {}),
    pipelineParameters: new Map(),
    used: new Set(),
    notifications: [],
  };
  if (ctx.version === '2') {
    for (const key of v21Keys) {
      const e = find(key);
      if (e) report(sink, 'circleci2-version-feature', `"${key}" needs version 2.1; read as 2.1 would`, { origin: originOf(reader, e.pair, [key]) });
    }
  }
  const pipeline: Pipeline = { source: 'circleci2', jobs: [], workflows: [] };
  const origin = originOf(reader, root);
  if (origin) pipeline.origin = origin;
  const header = loaded.body.commentBefore ?? root.commentBefore ?? (root.items[0]?.key as { commentBefore?: string } | undefined)?.commentBefore;
  if (header) pipeline.comments = { before: splitComment(header) };
  const extensions: Extension[] = [];

  const parametersEntry = find('parameters');
  if (parametersEntry) {
    reader.ledger.take(parametersEntry.pair);
    const parameters = readPipelineParameters(ctx, parametersEntry.value, (node, path) => originOf(reader, node, path));
    for (const p of parameters) ctx.pipelineParameters.set(p.name, p);
    if (parameters.length) pipeline.parameters = parameters;
  }
  const orbsEntry = find('orbs');
  if (orbsEntry) {
    const kept = readOrbs(ctx, orbsEntry, context.options.orbDir, context.sources);
    if (kept) extensions.push(kept);
  }
  registerDefinitions(ctx, reader, top);
  readSetup(ctx, find('setup'));
  readExperimental(ctx, find('experimental'));
  const jobGroups = find('job-groups');
  if (jobGroups) {
    reader.ledger.take(jobGroups.pair);
    reader.ledger.takeTree(reader, jobGroups.value);
    report(sink, 'unsupported-feature', '"job-groups" are not expanded; workflows using a group name it as a job', {
      origin: originOf(reader, jobGroups.pair, ['job-groups']),
    });
  }

  const table = createJobTable();
  const workflowsEntry = find('workflows');
  if (workflowsEntry) pipeline.workflows = readWorkflows(ctx, workflowsEntry, table);
  else pipeline.workflows = implicitWorkflow(ctx, find('jobs'), table);
  pipeline.jobs = table.jobs;
  accountUnused(ctx);
  const notifications = [...readNotify(ctx, find('notify'), ['notify']), ...ctx.notifications];
  if (notifications.length) pipeline.notifications = notifications;
  takeShadowedKeys(reader);
  accountUnusedAnchors(ctx, top);
  reportUnconsumedKeys(reader, sink, undefined, jobKeys);
  const kept = pruneOrbs(extensions, pipeline);
  if (kept.length) pipeline.extensions = kept;
  return pipeline;
}

function readVersion(context: ParseContext, reader: ReturnType<typeof createReader>, e: Entry | undefined): '2' | '2.1' {
  if (!e) {
    report(context.sink, 'missing-key', 'the configuration has no "version"; read as 2.1', { hint: 'Add `version: 2.1` at the top.' });
    return '2.1';
  }
  reader.ledger.take(e.pair);
  const text = stringValue(reader, e.value);
  if (text === '2' || text === '2.0') return '2';
  if (text === '2.1') return '2.1';
  report(context.sink, 'invalid-value', `version "${text ?? ''}" is not 2, 2.0 or 2.1; read as 2.1`, { origin: originOf(reader, e.pair, ['version']) });
  return '2.1';
}

function readSetup(ctx: ReadContext, e: Entry | undefined): void {
  if (!e) return;
  ctx.reader.ledger.take(e.pair);
  if (stringValue(ctx.reader, e.value) === 'true') {
    report(ctx.sink, 'circleci2-setup-config', 'this is a dynamic-config setup file; the configuration it continues with is not translated', {
      origin: originOf(ctx.reader, e.pair, ['setup']),
    });
  }
}

function readExperimental(ctx: ReadContext, e: Entry | undefined): void {
  if (!e) return;
  ctx.reader.ledger.take(e.pair);
  ctx.reader.ledger.takeTree(ctx.reader, e.value);
  report(ctx.sink, 'unsupported-feature', '"experimental" (1.0-era notification settings) is not translated', {
    origin: originOf(ctx.reader, e.pair, ['experimental']),
  });
}

/** Without workflows the job named `build` runs on push (2.0 rule, spec §2). */
function implicitWorkflow(ctx: ReadContext, jobsEntry: Entry | undefined, table: ReturnType<typeof createJobTable>): Workflow[] {
  const build = ctx.jobs.get('build');
  if (!build) {
    if (jobsEntry) {
      report(ctx.sink, 'missing-key', 'the configuration has no "workflows" and no job named "build"; nothing runs on push', {
        origin: originOf(ctx.reader, jobsEntry.pair, ['jobs']),
      });
    }
    return [];
  }
  report(ctx.sink, 'circleci2-implicit-workflow', 'no "workflows": the "build" job runs on every push', {
    origin: originOf(ctx.reader, build.node, ['jobs', 'build']),
  });
  const at = { reader: ctx.reader, scope: { parameters: new Map(), depth: 0, pipelineVisible: true }, path: ['jobs', 'build'] };
  const read = materializeJob(ctx, 'build', 'build', { args: [], at, node: build.node }, table);
  return [{ nodes: [{ id: 'build', job: read.id, rules: [{ condition: read.branches ?? { kind: 'ref', ref: 'branch' } }] }] }];
}

function accountUnused(ctx: ReadContext): void {
  for (const kind of ['commands', 'executors', 'jobs'] as const) {
    for (const definition of ctx[kind].values()) {
      if (ctx.used.has(definition)) continue;
      definition.reader.ledger.takeTree(definition.reader, definition.node);
      if (definition.reader === ctx.reader && !definition.orb) {
        report(ctx.sink, 'circleci2-unused-definition', `${kindName(kind)} "${definition.name}" is never used; it is not translated`, {
          origin: originOf(ctx.reader, definition.node, [kind, definition.name]),
        });
      }
    }
  }
}

/** Only orbs that placeholders still refer to stay declared (the rest were expanded). */
function pruneOrbs(extensions: Extension[], pipeline: Pipeline): Extension[] {
  const used = new Set<string>();
  for (const job of pipeline.jobs) {
    for (const step of walkSteps(job.steps)) if (step.kind === 'unmapped' && step.name.includes('/')) used.add(step.name.split('/')[0]!);
    for (const e of job.extensions ?? []) if (e.key === 'orb-job') used.add(String((e.value as { name: string }).name).split('/')[0] ?? '');
  }
  return extensions.flatMap((e) => {
    if (e.key !== 'orbs') return [e];
    const value = Object.fromEntries(Object.entries(e.value as Record<string, string>).filter(([alias]) => used.has(alias)));
    return Object.keys(value).length ? [{ ...e, value }] : [];
  });
}

/** A top-level anchor holder (`references: &r`) that no alias uses is dead configuration. */
function accountUnusedAnchors(ctx: ReadContext, top: Entry[]): void {
  const aliased = new Set<string>();
  visit(ctx.reader.doc, {
    Alias(_, node) {
      aliased.add(node.source);
    },
  });
  for (const e of top) {
    const anchor = (e.pair.value as { anchor?: string } | null)?.anchor;
    if (!anchor || aliased.has(anchor) || ctx.reader.ledger.isTaken(e.pair)) continue;
    ctx.reader.ledger.take(e.pair);
    ctx.reader.ledger.takeTree(ctx.reader, e.pair.value);
    report(ctx.sink, 'circleci2-unused-definition', `"${e.key}" defines anchor &${anchor}, which nothing uses; it is not translated`, {
      origin: originOf(ctx.reader, e.pair, [e.key]),
    });
  }
}
