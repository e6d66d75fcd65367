import { isMap, isScalar, isSeq } from 'yaml';
import { report, reportOnce } from '../../diagnostics/report.js';
import type { Condition, Job, Requirement, ScheduleTrigger, Workflow, WorkflowNode } from '../../ir/types.js';
import { commentsOf, entries, items, toPlain, type Entry } from '../../yaml/view.js';
import { commentsOfEntry, commentsOfItem } from './comments.js';
import type { At, ReadContext } from './context.js';
import { expandMatrix } from './expand-matrix.js';
import { atPath, originAt, plainInterpolated, readString, resolveNode } from './interpolate.js';
import { and, not, readCondition } from './read-conditions.js';
import { readFilters, readRefFilter } from './read-filters.js';
import { findDefinition } from './read-definitions.js';
import { readJob, readTableJob, type Invocation } from './read-jobs.js';
import { readSteps } from './read-steps.js';

/** IR jobs expanded so far, shared by all workflows so one invocation is expanded once. */
export interface JobTable {
  jobs: Job[];
  byKey: Map<string, string>;
  ids: Set<string>;
}

export function createJobTable(): JobTable {
  return { jobs: [], byKey: new Map(), ids: new Set() };
}

const entryOptions = new Set(['requires', 'name', 'context', 'type', 'filters', 'matrix', 'pre-steps', 'post-steps', 'override-with', 'serial-group']);
const statuses = new Set(['success', 'failed', 'canceled', 'unauthorized', 'not_run', 'terminal']);

/** What `terminal` stands for in `requires`: any final state of the job. */
export const terminalStatuses: NonNullable<Requirement['statuses']> = ['success', 'failed', 'canceled', 'unauthorized', 'not_run'];

/** `workflows:` (spec §6): each workflow's job entries, expanded into IR nodes and jobs. */
export function readWorkflows(ctx: ReadContext, workflowsEntry: Entry, table: JobTable): Workflow[] {
  const reader = ctx.reader;
  reader.ledger.take(workflowsEntry.pair);
  const workflows: Workflow[] = [];
  for (const e of entries(reader, workflowsEntry.value)) {
    reader.ledger.take(e.pair);
    const at: At = { reader, scope: { parameters: new Map(), depth: 0, pipelineVisible: true }, path: ['workflows', e.key] };
    if (e.key === 'version') continue;
    if (!isMap(e.value)) {
      report(ctx.sink, 'wrong-type', `workflow "${e.key}" must be a map with "jobs"`, { origin: originAt(at, e.pair) });
      continue;
    }
    workflows.push(readWorkflow(ctx, at, e, table, workflowsEntry.value));
  }
  return workflows;
}

function readWorkflow(ctx: ReadContext, at: At, e: Entry, table: JobTable, parent: unknown): Workflow {
  const workflow: Workflow = { name: e.key, nodes: [] };
  const origin = originAt(at, e.pair);
  if (origin) workflow.origin = origin;
  const comments = commentsOfEntry(at.reader, parent, e);
  if (comments) workflow.comments = comments;
  const conditions: Condition[] = [];
  const pending: PendingNode[] = [];
  for (const w of entries(at.reader, e.value)) {
    at.reader.ledger.take(w.pair);
    const inner = atPath(at, w.key);
    switch (w.key) {
      case 'jobs':
        items(at.reader, w.value).forEach((item, i) => {
          const read = readEntry(ctx, atPath(inner, i), item, table);
          const comments = commentsOfItem(at.reader, w.value, i, item);
          if (read[0] && comments?.before && !read[0].node.comments?.before) read[0].node.comments = { ...read[0].node.comments, ...comments };
          pending.push(...read);
        });
        break;
      case 'triggers':
        workflow.triggers = readTriggers(ctx, inner, w.value);
        break;
      case 'when':
        conditions.push(readCondition(ctx, inner, w.value));
        break;
      case 'unless':
        conditions.push(not(readCondition(ctx, inner, w.value)));
        break;
      case 'max_auto_reruns':
        report(ctx.sink, 'unsupported-feature', 'workflow "max_auto_reruns" has no neutral counterpart; dropped', { origin: originAt(inner, w.pair) });
        break;
      default:
        at.reader.ledger.take(w.pair);
        at.reader.ledger.takeTree(at.reader, w.value);
        report(ctx.sink, 'unknown-key', `workflow key "${w.key}" is not understood and is not translated`, { origin: originAt(inner, w.pair) });
    }
  }
  // A workflow with schedule triggers runs only on its schedule (spec §6).
  if (workflow.triggers?.length) conditions.unshift({ kind: 'source', source: 'schedule' });
  const condition = and(conditions);
  if (!(condition.kind === 'literal' && condition.value)) workflow.condition = condition;
  workflow.nodes = finishNodes(pending);
  return workflow;
}

interface PendingNode {
  node: WorkflowNode;
  /** The id the entry would get without `name:` (duplicates get `-1`, `-2`, spec §6.1). */
  defaultId?: string;
  /** Names `requires` may use for this node: its job name and the matrix alias. */
  aliases: string[];
  requires: Array<{ name: string; requirement: Requirement }>;
}

function readEntry(ctx: ReadContext, at: At, item: unknown, table: JobTable): PendingNode[] {
  const r = resolveNode(at, item);
  let jobName: string | undefined;
  let options: Entry[] = [];
  let optionsAt = at;
  let entryComments = commentsOf(r.node as never);
  if (isScalar(r.node)) jobName = readString(ctx, at, r.node);
  else if (isMap(r.node)) {
    const list = entries(at.reader, r.node);
    const first = list[0];
    if (first) {
      at.reader.ledger.take(first.pair);
      jobName = first.key;
      optionsAt = atPath(at, first.key);
      options = isMap(first.value) ? entries(at.reader, first.value) : [];
      entryComments = commentsOf(first) ?? entryComments;
    }
    for (const extra of list.slice(1)) {
      report(ctx.sink, 'unknown-key', `workflow entry "${jobName}" has an extra key "${extra.key}" at its own level (check indentation)`, {
        origin: originAt(at, extra.pair),
      });
      at.reader.ledger.take(extra.pair);
      at.reader.ledger.takeTree(at.reader, extra.value);
    }
  }
  if (!jobName) {
    report(ctx.sink, 'wrong-type', 'a workflow entry must be a job name or a one-key map', { origin: originAt(at, item) });
    return [];
  }
  const option = (key: string) => options.find((o) => o.key === key);
  for (const o of options) if (entryOptions.has(o.key)) at.reader.ledger.take(o.pair);
  const args = options.filter((o) => !entryOptions.has(o.key));
  const matrixEntry = option('matrix');
  const matrix = matrixEntry ? expandMatrix(ctx, atPath(optionsAt, 'matrix'), matrixEntry.value) : undefined;
  const cells = matrix ? matrix.cells : [undefined];
  const pending: PendingNode[] = [];
  const nameEntry = option('name');
  for (const cell of cells) {
    const cellAt: At = cell ? { ...optionsAt, scope: { ...optionsAt.scope, matrix: cell } } : optionsAt;
    const explicitName = nameEntry ? readString(ctx, atPath(cellAt, 'name'), nameEntry.value) : undefined;
    const matrixId = cell ? [jobName, ...matrix!.names.map((n) => cell.get(n) ?? '')].join('-') : undefined;
    const id = explicitName ?? matrixId ?? jobName;
    const node: WorkflowNode = { id };
    const origin = originAt(at, item);
    if (origin) node.origin = origin;
    if (entryComments && cell === cells[0]) node.comments = entryComments;
    const type = option('type');
    const typeText = type ? readString(ctx, atPath(cellAt, 'type'), type.value) : undefined;
    if (typeText === 'approval') node.approval = true;
    else {
      if (typeText !== undefined) report(ctx.sink, 'invalid-value', `workflow entry "type" must be "approval", got "${typeText}"`, { origin: originAt(cellAt, type!.pair) });
      const invocation: Invocation = { args, at: cellAt, node: item, invocationKeys: entryOptions };
      const pre = option('pre-steps');
      const post = option('post-steps');
      if (pre) invocation.preSteps = { node: pre.value, at: atPath(cellAt, 'pre-steps') };
      if (post) invocation.postSteps = { node: post.value, at: atPath(cellAt, 'post-steps') };
      if (cell) invocation.matrix = cell;
      const materialized = materializeJob(ctx, jobName, id, invocation, table);
      // Job-level `branches` only applies without workflows (spec §12); here the filters decide.
      if (materialized.approval) node.approval = true;
      else node.job = materialized.id;
    }
    const contextEntry = option('context');
    if (contextEntry) {
      const c = resolveNode(atPath(cellAt, 'context'), contextEntry.value);
      const names = isSeq(c.node)
        ? items(c.at.reader, c.node).map((x, i) => readString(ctx, atPath(c.at, i), x) ?? '')
        : [readString(ctx, c.at, c.node) ?? ''];
      node.contexts = names.filter(Boolean);
    }
    const filters = option('filters');
    node.rules = [{ condition: filters ? readFilters(ctx, atPath(cellAt, 'filters'), filters.value) : { kind: 'ref', ref: 'branch' } }];
    const serial = option('serial-group');
    if (serial && node.job) {
      const group = readString(ctx, atPath(cellAt, 'serial-group'), serial.value);
      const job = table.jobs.find((j) => j.id === node.job);
      if (group && job) job.concurrencyGroup = group;
    }
    const override = option('override-with');
    if (override) report(ctx.sink, 'unsupported-feature', '"override-with" is not expanded; the job runs as defined', { origin: originAt(cellAt, override.pair) });
    const requires = option('requires') ? readRequires(ctx, atPath(cellAt, 'requires'), option('requires')!.value) : [];
    pending.push({
      node,
      ...(explicitName === undefined && !cell ? { defaultId: id } : {}),
      aliases: [jobName, ...(matrix ? [matrix.alias ?? jobName] : [])],
      requires,
    });
  }
  return pending;
}

function readRequires(ctx: ReadContext, at: At, node: unknown): PendingNode['requires'] {
  const r = resolveNode(at, node);
  const list = isSeq(r.node) ? items(r.at.reader, r.node) : [r.node];
  const out: PendingNode['requires'] = [];
  list.forEach((item, i) => {
    const inner = atPath(r.at, i);
    if (isMap(item)) {
      for (const e of entries(inner.reader, item)) {
        inner.reader.ledger.take(e.pair);
        const value = resolveNode(atPath(inner, e.key), e.value);
        const texts = isSeq(value.node)
          ? items(value.at.reader, value.node).map((x, j) => readString(ctx, atPath(value.at, j), x) ?? '')
          : [readString(ctx, value.at, value.node) ?? 'success'];
        const expanded = texts.flatMap((t) => (t === 'terminal' ? [...terminalStatuses] : [t]));
        const valid = expanded.filter((t): t is NonNullable<Requirement['statuses']>[number] => statuses.has(t));
        if (valid.length !== expanded.length) report(ctx.sink, 'invalid-value', `requires status must be one of ${[...statuses].join(', ')}`, { origin: originAt(inner, e.pair) });
        const requirement: Requirement = { node: e.key };
        if (!(valid.length === 1 && valid[0] === 'success')) requirement.statuses = [...new Set(valid)];
        const origin = originAt(inner, e.pair);
        if (origin) requirement.origin = origin;
        out.push({ name: readString(ctx, inner, e.keyNode) ?? e.key, requirement });
      }
      return;
    }
    const name = readString(ctx, inner, item);
    if (name === undefined) {
      report(ctx.sink, 'wrong-type', 'a requirement must be a job name', { origin: originAt(inner, item) });
      return;
    }
    const requirement: Requirement = { node: name };
    const origin = originAt(inner, item);
    if (origin) requirement.origin = origin;
    out.push({ name, requirement });
  });
  return out;
}

/** Ids, duplicate suffixes and requirements resolved against ids and aliases. */
function finishNodes(pending: PendingNode[]): WorkflowNode[] {
  const counts = new Map<string, number>();
  for (const p of pending) if (p.defaultId !== undefined) counts.set(p.defaultId, (counts.get(p.defaultId) ?? 0) + 1);
  const seen = new Map<string, number>();
  for (const p of pending) {
    if (p.defaultId !== undefined && (counts.get(p.defaultId) ?? 0) > 1) {
      const n = (seen.get(p.defaultId) ?? 0) + 1;
      seen.set(p.defaultId, n);
      p.node.id = `${p.defaultId}-${n}`;
    }
  }
  const ids = new Set(pending.map((p) => p.node.id));
  const byAlias = new Map<string, string[]>();
  for (const p of pending) {
    for (const alias of p.aliases) if (!ids.has(alias) || alias !== p.node.id) byAlias.set(alias, [...(byAlias.get(alias) ?? []), p.node.id]);
  }
  for (const p of pending) {
    const requires: Requirement[] = [];
    for (const { name, requirement } of p.requires) {
      // A name shared by several unnamed invocations (`a` → `a-1`, `a-2`) means the others, never
      // the requiring node itself: CircleCI does not read it as a self-dependency.
      const shared = byAlias.get(name);
      const others = shared?.filter((id) => id !== p.node.id);
      const targets = ids.has(name) ? [name] : others?.length ? others : (shared ?? [name]);
      for (const target of targets) if (!requires.some((x) => x.node === target)) requires.push({ ...requirement, node: target });
    }
    if (requires.length) p.node.requires = requires;
  }
  return pending.map((p) => p.node);
}

function readTriggers(ctx: ReadContext, at: At, node: unknown): ScheduleTrigger[] {
  const triggers: ScheduleTrigger[] = [];
  items(at.reader, node).forEach((item, i) => {
    const inner = atPath(at, i);
    for (const t of entries(inner.reader, item)) {
      inner.reader.ledger.take(t.pair);
      if (t.key !== 'schedule') {
        report(ctx.sink, 'unknown-key', `trigger "${t.key}" is not understood (only "schedule")`, { origin: originAt(inner, t.pair) });
        continue;
      }
      const trigger: ScheduleTrigger = { kind: 'schedule', cron: '' };
      const origin = originAt(inner, t.pair);
      if (origin) trigger.origin = origin;
      for (const s of entries(inner.reader, t.value)) {
        inner.reader.ledger.take(s.pair);
        const sAt = atPath(inner, 'schedule', s.key);
        if (s.key === 'cron') trigger.cron = readString(ctx, sAt, s.value) ?? '';
        else if (s.key === 'filters') {
          const branches = entries(inner.reader, s.value).find((f) => f.key === 'branches');
          for (const f of entries(inner.reader, s.value)) {
            inner.reader.ledger.take(f.pair);
            if (f.key !== 'branches') report(ctx.sink, 'unknown-key', `schedule filter "${f.key}" is not understood`, { origin: originAt(sAt, f.pair) });
          }
          if (branches) trigger.condition = readRefFilter(ctx, atPath(sAt, 'branches'), branches.value, 'branch');
        } else report(ctx.sink, 'unknown-key', `schedule key "${s.key}" is not understood`, { origin: originAt(sAt, s.pair) });
      }
      // Scheduled workflows are deprecated in favour of schedule triggers set up in the UI (spec §6).
      report(ctx.sink, 'deprecated-syntax', `"${trigger.cron}" is a scheduled workflow, deprecated in favour of schedule triggers set up in the CircleCI UI`, {
        origin,
      });
      triggers.push(trigger);
    }
  });
  return triggers;
}

/** One job definition for one invocation: reuses an identical expansion, else a new IR job. */
export function materializeJob(
  ctx: ReadContext,
  jobName: string,
  nodeId: string,
  invocation: Invocation,
  table: JobTable,
): { id: string; approval?: boolean; branches?: Condition } {
  const plain = (n: unknown, reader = invocation.at.reader) => JSON.stringify(toPlain(reader, n));
  const specialised = invocation.args.length > 0 || invocation.preSteps || invocation.postSteps || invocation.matrix;
  const key = JSON.stringify([
    jobName,
    invocation.args.map((a) => [a.key, plain(a.value)]),
    invocation.preSteps ? plain(invocation.preSteps.node) : null,
    invocation.postSteps ? plain(invocation.postSteps.node) : null,
    invocation.matrix ? [...invocation.matrix] : null,
    invocation.at.scope.pipelineVisible,
  ]);
  const known = table.byKey.get(key);
  const definition = ctx.jobs.get(jobName);
  if (known !== undefined) {
    // Account for the keys of this (identical) invocation too.
    for (const a of invocation.args) {
      invocation.at.reader.ledger.take(a.pair);
      invocation.at.reader.ledger.takeTree(invocation.at.reader, a.value);
    }
    for (const s of [invocation.preSteps, invocation.postSteps]) if (s) s.at.reader.ledger.takeTree(s.at.reader, s.node);
    return { id: known };
  }
  // Orb jobs (`orb/job`) and cell names (`test-1.2`) are not valid job names ([S1]): such characters become `-`.
  const base = (specialised ? nodeId : jobName).replace(/[^A-Za-z\d_\s-]+/g, '-');
  let id = base;
  for (let n = 2; table.ids.has(id); n++) id = `${base}-${n}`;
  if (definition) {
    const read = readJob(ctx, definition, id, invocation);
    if (read.approval) return { id, approval: true };
    table.jobs.push(read.job);
    table.ids.add(id);
    table.byKey.set(key, id);
    return { id, ...(read.branches ? { branches: read.branches } : {}) };
  }
  const slash = jobName.indexOf('/');
  const orb = slash > 0 ? ctx.tableOrbs.get(jobName.slice(0, slash)) : undefined;
  const tableJob = orb ? readTableJob(ctx, orb, jobName, id, invocation) : undefined;
  if (tableJob) {
    table.jobs.push(tableJob);
    table.ids.add(id);
    table.byKey.set(key, id);
    return { id };
  }
  for (const a of invocation.args) {
    invocation.at.reader.ledger.take(a.pair);
    invocation.at.reader.ledger.takeTree(invocation.at.reader, a.value);
  }
  for (const s of [invocation.preSteps, invocation.postSteps]) if (s) s.at.reader.ledger.takeTree(s.at.reader, s.node);
  if (slash > 0) {
    // Carried as an orb job reference so a CircleCI round trip keeps it.
    reportOnce(ctx.sink, 'circleci2-unknown-orb', `orb job "${jobName}" (${orb ?? 'an orb without a source'}) is not in --orb-dir or the orb table; what it runs is unknown`, {
      origin: originAt(invocation.at, invocation.node),
    });
    // Written back with their `<< >>` references substituted: a matrix cell's values go in, as
    // CircleCI would put them in before running (the cell is written as a job of its own).
    const args: Record<string, unknown> = {};
    for (const a of invocation.args) args[a.key] = plainInterpolated(ctx, atPath(invocation.at, a.key), a.value);
    for (const [key, s] of [['pre-steps', invocation.preSteps], ['post-steps', invocation.postSteps]] as const) {
      if (!s) continue;
      s.at.reader.ledger.takeTree(s.at.reader, s.node);
      args[key] = plainInterpolated(ctx, s.at, s.node);
    }
    const executors = passedExecutors(ctx, invocation);
    const origin = originAt(invocation.at, invocation.node);
    const job: Job = {
      id,
      origin,
      // Its pre- and post-steps are the user's own: they run around the unknown job in any target.
      steps: [
        ...(invocation.preSteps ? readSteps(ctx, invocation.preSteps.at, invocation.preSteps.node) : []),
        { kind: 'unmapped', format: 'circleci2', name: jobName, value: toPlain(invocation.at.reader, null), origin },
        ...(invocation.postSteps ? readSteps(ctx, invocation.postSteps.at, invocation.postSteps.node) : []),
      ],
      extensions: [{ format: 'circleci2', key: 'orb-job', value: (executors ? { name: jobName, args, executors } : { name: jobName, args }) as never, roundTripOnly: true }],
    };
    table.jobs.push(job);
    table.ids.add(id);
    table.byKey.set(key, id);
    return { id };
  }
  return { id: jobName };
}

/**
 * The file's executors an orb job placeholder is given as its `executor` argument (by name or as
 * `{name, …}`): used by that job, and carried with it so CircleCI output still defines them.
 */
function passedExecutors(ctx: ReadContext, invocation: Invocation): Record<string, unknown> | undefined {
  const arg = invocation.args.find((a) => a.key === 'executor');
  if (!arg) return undefined;
  const value = resolveNode(atPath(invocation.at, 'executor'), arg.value).node;
  const nameNode = isMap(value) ? entries(invocation.at.reader, value).find((e) => e.key === 'name')?.value : value;
  const name = isScalar(nameNode) ? String(nameNode.value) : undefined;
  const definition = name ? findDefinition(ctx, 'executors', name, invocation.at.scope) : undefined;
  if (!name || !definition || definition.orb) return undefined;
  ctx.used.add(definition);
  definition.reader.ledger.takeTree(definition.reader, definition.node);
  return { [name]: toPlain(definition.reader, definition.node) };
}
