import { isMap, isScalar, isSeq } from 'yaml';
import { report, reportOnce } from '../../diagnostics/report.js';
import type { Comments, RunStep, Step, StepWhen } from '../../ir/types.js';
import { commentsOfItem } from './comments.js';
import { commentsOf, entries, entry, isNullNode, items, type Entry } from '../../yaml/view.js';
import { parseCacheKey } from './cache-key.js';
import type { At, ReadContext } from './context.js';
import { bindArguments } from './expand-parameters.js';
import { reportTableElement, reportUnreadArguments, tableCredentials, tableElement, tableSteps } from './expand-orbs.js';
import { atPath, originAt, plainInterpolated, readScalar, readString, resolveNode } from './interpolate.js';
import { findDefinition } from './read-definitions.js';
import { not, readCondition } from './read-conditions.js';
import { readEnvironment } from './read-environment.js';

const maxDepth = 50;

/** A step list, with `steps`-typed parameters and command invocations spliced in place (spec §4, §7). */
export function readSteps(ctx: ReadContext, at: At, node: unknown): Step[] {
  const r = resolveNode(at, node);
  if (r.node === null || isNullNode(r.at.reader, r.node)) return [];
  if (!isSeq(r.node)) {
    report(ctx.sink, 'wrong-type', '"steps" must be a list of steps', { origin: originAt(r.at, r.node) });
    return [];
  }
  const steps: Step[] = [];
  items(r.at.reader, r.node).forEach((item, i) => {
    const read = readStep(ctx, atPath(r.at, i), item);
    const comments = commentsOfItem(r.at.reader, r.node, i, item);
    if (read[0] && comments?.before && !read[0].comments?.before) read[0].comments = { ...read[0].comments, ...comments };
    steps.push(...read);
  });
  return steps;
}

function located<T extends Step>(step: T, at: At, node: unknown, comments?: Comments | null): T {
  const origin = originAt(at, node);
  if (comments === undefined) comments = isScalar(node) ? commentsOf(node) : undefined;
  if (origin) step.origin = origin;
  if (comments) step.comments = comments;
  return step;
}

function readStep(ctx: ReadContext, at: At, item: unknown): Step[] {
  const r = resolveNode(at, item);
  const node = r.node;
  if (isSeq(node)) return readSteps(ctx, r.at, node);
  if (isScalar(node)) {
    const name = readString(ctx, r.at, node) ?? '';
    return readNamedStep(ctx, r.at, node, name, undefined);
  }
  if (!isMap(node)) {
    report(ctx.sink, 'wrong-type', 'a step must be a step name or a one-key map', { origin: originAt(r.at, item) });
    return [];
  }
  const list = entries(r.at.reader, node);
  const beta = readBetaStep(ctx, r.at, node, list);
  if (beta) return beta;
  const first = list[0];
  if (!first) {
    report(ctx.sink, 'wrong-type', 'a step must not be an empty map', { origin: originAt(r.at, node) });
    return [];
  }
  for (const extra of list.slice(1)) {
    report(ctx.sink, 'unknown-key', `step "${first.key}" has an extra key "${extra.key}" at its own level; it is not translated`, {
      origin: originAt(atPath(r.at, extra.key), extra.pair),
    });
    r.at.reader.ledger.take(extra.pair);
    r.at.reader.ledger.takeTree(r.at.reader, extra.value);
  }
  r.at.reader.ledger.take(first.pair);
  const steps = readNamedStep(ctx, atPath(r.at, first.key), node, first.key, first);
  // A comment above `- run:` sits on the key of the step's map.
  const comments = commentsOf(first) ?? commentsOf(node);
  if (steps.length > 0 && comments && !steps[0]!.comments) steps[0]!.comments = { ...comments };
  return steps;
}

function readNamedStep(ctx: ReadContext, at: At, node: unknown, name: string, e: Entry | undefined): Step[] {
  const value = e?.value ?? null;
  // Built-in names can be overridden by a command of the same name (reusing-config.adoc).
  const command = findDefinition(ctx, 'commands', name, at.scope);
  if (command) return invokeCommand(ctx, at, node, name, e);
  switch (name) {
    case 'run':
    case 'deploy':
      return [readRun(ctx, at, node, value, name === 'deploy')];
    case 'checkout':
      return [readCheckout(ctx, at, node, value)];
    case 'setup_remote_docker':
    case 'setup_docker_engine':
      return [readDockerEngine(ctx, at, node, value, name)];
    case 'save_cache':
      return [readSaveCache(ctx, at, node, value)];
    case 'restore_cache':
      return [readRestoreCache(ctx, at, node, value)];
    case 'store_artifacts': {
      const f = fields(ctx, at, value, ['path', 'destination', 'name']);
      const step = located<Extract<Step, { kind: 'artifacts' }>>({ kind: 'artifacts', paths: f.path ? [f.path] : [] }, at, node);
      if (f.destination !== undefined) step.destination = f.destination;
      if (!f.path) report(ctx.sink, 'missing-key', '"store_artifacts" needs a "path"', { origin: originAt(at, node) });
      return [step];
    }
    case 'store_test_results': {
      const f = fields(ctx, at, value, ['path', 'name']);
      if (!f.path) report(ctx.sink, 'missing-key', '"store_test_results" needs a "path"', { origin: originAt(at, node) });
      return [located({ kind: 'test-results' as const, path: f.path ?? '', format: 'junit' }, at, node)];
    }
    case 'persist_to_workspace': {
      const f = fields(ctx, at, value, ['root', 'paths', 'name']);
      return [located({ kind: 'workspace-persist' as const, root: f.root ?? '.', paths: f.list.paths ?? [] }, at, node)];
    }
    case 'attach_workspace': {
      const f = fields(ctx, at, value, ['at', 'name']);
      return [located({ kind: 'workspace-attach' as const, at: f.at ?? '.' }, at, node)];
    }
    case 'add_ssh_keys': {
      const f = fields(ctx, at, value, ['fingerprints', 'name']);
      const step = located({ kind: 'ssh-keys' as const }, at, node);
      if (f.list.fingerprints) (step as { fingerprints?: string[] }).fingerprints = f.list.fingerprints;
      return [step];
    }
    case 'when':
    case 'unless':
      return readWhenStep(ctx, at, node, value, name);
    case 'steps':
      return readSteps(ctx, at, value);
    case 'install_signing_bundle':
      // macOS code signing has no counterpart outside CircleCI: each writer that cannot keep it says so.
      return [located({ kind: 'unmapped' as const, format: 'circleci2' as const, name, value: null }, at, node)];
  }
  return invokeCommand(ctx, at, node, name, e);
}

/**
 * The 2.0 beta spelled steps `- type: shell` / `cache-restore` / … with the options beside
 * `type` (jekyll/_cci2 of early 2017); read as the named step.
 */
const betaTypes: Record<string, string> = {
  shell: 'run',
  checkout: 'checkout',
  'cache-restore': 'restore_cache',
  'cache-save': 'save_cache',
  'artifacts-store': 'store_artifacts',
  'test-results-store': 'store_test_results',
  'add-ssh-keys': 'add_ssh_keys',
  deploy: 'deploy',
  'setup-docker-engine': 'setup_docker_engine',
};

function readBetaStep(ctx: ReadContext, at: At, node: unknown, list: Entry[]): Step[] | undefined {
  const typeEntry = list.find((e) => e.key === 'type');
  if (!typeEntry || list.length === 1 && findDefinition(ctx, 'commands', 'type', at.scope)) return undefined;
  const type = readString(ctx, at, typeEntry.value) ?? '';
  const name = betaTypes[type];
  if (!name) return undefined;
  at.reader.ledger.take(typeEntry.pair);
  reportOnce(ctx.sink, 'deprecated-syntax', `"type: ${type}" is the 2.0-beta spelling of the "${name}" step; read as it`, { origin: originAt(at, typeEntry.pair) });
  const steps = readNamedStep(ctx, at, node, name, { ...typeEntry, value: node as never });
  return steps;
}

interface Fields {
  /** Scalar values by key. */
  text: Record<string, string | undefined>;
  /** List values by key (a scalar counts as a one-item list). */
  list: Record<string, string[] | undefined>;
}

/** Scalar keys flattened, plus `list`, for the simple steps below. */
function fields(ctx: ReadContext, at: At, value: unknown, known: string[]): Record<string, string | undefined> & { list: Record<string, string[] | undefined> } {
  const read = readFieldsRaw(ctx, at, value, known);
  return Object.assign(Object.create(null) as Record<string, string | undefined>, read.text, { list: read.list });
}

/** Reads the scalar (and list) keys of a simple step; other keys are left for the accountant. */
function readFieldsRaw(ctx: ReadContext, at: At, value: unknown, known: string[]): Fields {
  const out: Fields = { text: {}, list: {} };
  const r = resolveNode(at, value);
  if (!isMap(r.node)) return out;
  for (const e of entries(r.at.reader, r.node)) {
    if (!known.includes(e.key)) continue;
    r.at.reader.ledger.take(e.pair);
    const inner = atPath(r.at, e.key);
    const target = resolveNode(inner, e.value);
    if (isSeq(target.node)) {
      out.list[e.key] = items(target.at.reader, target.node).map((item, i) => readString(ctx, atPath(inner, i), item) ?? '');
    } else {
      const text = readString(ctx, inner, e.value);
      out.text[e.key] = text;
      if (text !== undefined) out.list[e.key] = [text];
    }
  }
  return out;
}

const stepWhen: Record<string, StepWhen> = { on_success: 'on_success', always: 'always', on_fail: 'on_failure', on_failure: 'on_failure' };

function readRun(ctx: ReadContext, at: At, node: unknown, value: unknown, deploy: boolean): RunStep {
  if (deploy) {
    report(ctx.sink, 'deprecated-syntax', '"deploy" is deprecated; read as "run" that runs on node 0 after all parallel nodes succeed', {
      origin: originAt(at, node),
    });
  }
  const r = resolveNode(at, value);
  const step = located<RunStep>({ kind: 'run', command: '' }, at, node);
  if (deploy) step.deploy = true;
  if (isScalar(r.node)) {
    step.command = readString(ctx, r.at, r.node) ?? '';
  } else if (isMap(r.node)) {
    for (const e of entries(r.at.reader, r.node)) {
      const inner = atPath(r.at, e.key);
      r.at.reader.ledger.take(e.pair);
      const text = () => readString(ctx, inner, e.value);
      switch (e.key) {
        case 'command':
          step.command = text() ?? '';
          break;
        case 'name': {
          const name = text();
          if (name !== undefined) step.name = name;
          break;
        }
        case 'shell': {
          const shell = text();
          if (shell !== undefined) step.shell = shell;
          break;
        }
        case 'environment': {
          const environment = readEnvironment(ctx, inner, e.value);
          if (environment.length) step.environment = environment;
          break;
        }
        case 'background': {
          const v = readScalar(ctx, inner, e.value);
          if (v === true || v === 'true') step.background = true;
          break;
        }
        case 'working_directory': {
          const dir = text();
          if (dir !== undefined) step.workingDirectory = dir;
          break;
        }
        case 'no_output_timeout': {
          const t = text();
          if (t !== undefined) step.noOutputTimeout = t;
          break;
        }
        case 'when': {
          const w = text() ?? '';
          const mapped = stepWhen[w];
          if (mapped) {
            if (mapped !== 'on_success') step.when = mapped;
          } else report(ctx.sink, 'invalid-value', `run "when" must be on_success, always or on_fail, got "${w}"`, { origin: originAt(inner, e.pair) });
          break;
        }
        case 'max_auto_reruns': {
          const n = Number(readScalar(ctx, inner, e.value));
          if (Number.isInteger(n)) step.maxAutoReruns = n;
          break;
        }
        case 'type':
          // The beta `type: shell` key, already read.
          break;
        case 'auto_rerun_delay':
          report(ctx.sink, 'unsupported-feature', '"auto_rerun_delay" has no neutral counterpart; reruns start at once', {
            origin: originAt(inner, e.pair),
          });
          break;
        default:
          r.at.reader.ledger.takeTree(r.at.reader, e.value);
          report(ctx.sink, 'unknown-key', `run key "${e.key}" is not understood and is not translated`, { origin: originAt(inner, e.pair) });
      }
    }
    if (!step.command) report(ctx.sink, 'missing-key', 'a "run" step needs a "command"', { origin: originAt(at, node) });
  } else {
    report(ctx.sink, 'wrong-type', '"run" must be a command string or a map', { origin: originAt(at, node) });
  }
  if (/\bcircleci\s+tests\s+(split|run|glob)\b/.test(step.command)) {
    reportOnce(ctx.sink, 'circleci2-test-splitting', 'the command uses `circleci tests`, which exists only on CircleCI', { origin: originAt(at, node) });
  }
  return step;
}

// `method` is blobless, full or shallow; `depth` (a positive integer) goes with shallow only
// (https://circleci.com/docs/configuration-reference/#checkout, official config schema).
const checkoutMethods = new Set(['blobless', 'full', 'shallow']);

function readCheckout(ctx: ReadContext, at: At, node: unknown, value: unknown): Step {
  const f = fields(ctx, at, value, ['path', 'method', 'depth', 'name']);
  const step = located<Step>({ kind: 'checkout' }, at, node) as Extract<Step, { kind: 'checkout' }>;
  if (f.path !== undefined) step.path = f.path;
  if (f.method !== undefined && checkoutMethods.has(f.method)) step.method = f.method as NonNullable<typeof step.method>;
  else if (f.method !== undefined) report(ctx.sink, 'invalid-value', `checkout "method" must be blobless, full or shallow, got "${f.method}"`, { origin: originAt(at, node) });
  if (f.depth !== undefined) {
    const depth = Number(f.depth);
    if (!Number.isInteger(depth) || depth < 1) report(ctx.sink, 'invalid-value', `checkout "depth" must be a positive integer, got "${f.depth}"`, { origin: originAt(at, node) });
    else if (step.method !== 'shallow') report(ctx.sink, 'invalid-value', 'checkout "depth" is only valid with method: shallow; CircleCI rejects it otherwise', { origin: originAt(at, node) });
    else step.depth = depth;
  } else if (step.method === 'shallow') {
    report(ctx.sink, 'missing-key', 'checkout method "shallow" needs a positive "depth"', { origin: originAt(at, node) });
  }
  return step;
}

function readDockerEngine(ctx: ReadContext, at: At, node: unknown, value: unknown, name: string): Step {
  const step = located<Extract<Step, { kind: 'docker-daemon' }>>({ kind: 'docker-daemon', engine: 'remote' }, at, node);
  const r = resolveNode(at, value);
  if (name === 'setup_docker_engine') {
    // The 2.0 beta name of setup_remote_docker (spec §12, docker-in-ci.md §2).
    report(ctx.sink, 'deprecated-syntax', '"setup_docker_engine" is the 2.0-beta name of "setup_remote_docker"; read as it', {
      origin: originAt(at, node),
    });
  }
  if (!isMap(r.node)) return step;
  for (const e of entries(r.at.reader, r.node)) {
    const inner = atPath(r.at, e.key);
    r.at.reader.ledger.take(e.pair);
    const v = readScalar(ctx, inner, e.value);
    switch (e.key) {
      case 'version':
        if (v !== undefined && v !== null) step.version = String(readString(ctx, inner, e.value) ?? v);
        break;
      case 'docker_layer_caching':
        if (typeof v === 'boolean') step.layerCaching = v;
        break;
      case 'reusable':
        // Diagnosed here rather than kept in `beta`: CircleCI output writes setup_remote_docker.
        if (v === true) step.layerCaching = true;
        report(ctx.sink, 'deprecated-syntax', '"reusable" is the beta precursor of Docker layer caching; read as "docker_layer_caching"', {
          origin: originAt(inner, e.pair),
        });
        break;
      case 'exclusive':
        report(ctx.sink, 'deprecated-syntax', '"exclusive" is a beta option that is now always on; dropped', {
          origin: originAt(inner, e.pair),
        });
        break;
      case 'prefer_same_region':
        report(ctx.sink, 'unsupported-feature', '"prefer_same_region" has no counterpart outside CircleCI; dropped', { origin: originAt(inner, e.pair) });
        break;
      case 'name':
        break;
      default:
        r.at.reader.ledger.takeTree(r.at.reader, e.value);
        report(ctx.sink, 'unknown-key', `${name} key "${e.key}" is not understood and is not translated`, { origin: originAt(inner, e.pair) });
    }
  }
  return step;
}

function readSaveCache(ctx: ReadContext, at: At, node: unknown, value: unknown): Step {
  const f = fields(ctx, at, value, ['key', 'paths', 'name', 'when']);
  if (!f.key) report(ctx.sink, 'missing-key', '"save_cache" needs a "key"', { origin: originAt(at, node) });
  const step = located<Extract<Step, { kind: 'cache-save' }>>({ kind: 'cache-save', key: parseCacheKey(f.key ?? ''), paths: f.list.paths ?? [] }, at, node);
  if (f.name !== undefined) step.name = f.name;
  const when = f.when ? stepWhen[f.when] : undefined;
  if (when && when !== 'on_success') step.when = when;
  return step;
}

function readRestoreCache(ctx: ReadContext, at: At, node: unknown, value: unknown): Step {
  const f = fields(ctx, at, value, ['key', 'keys', 'name']);
  const paths = entry(at.reader, resolveNode(at, value).node, 'paths');
  if (paths) {
    at.reader.ledger.take(paths.pair);
    at.reader.ledger.takeTree(at.reader, paths.value);
    report(ctx.sink, 'deprecated-syntax', '"restore_cache" takes no "paths"; a cache is restored to the paths it was saved from', {
      origin: originAt(atPath(at, 'paths'), paths.pair),
    });
  }
  // With both, `key` is tried first (spec §4.5).
  const keys = [...(f.key !== undefined ? [f.key] : []), ...(f.list.keys ?? [])];
  if (keys.length === 0) report(ctx.sink, 'missing-key', '"restore_cache" needs "key" or "keys"', { origin: originAt(at, node) });
  const step = located<Extract<Step, { kind: 'cache-restore' }>>({ kind: 'cache-restore', keys: keys.map(parseCacheKey) }, at, node);
  if (f.name !== undefined) step.name = f.name;
  return step;
}

function readWhenStep(ctx: ReadContext, at: At, node: unknown, value: unknown, name: 'when' | 'unless'): Step[] {
  const r = resolveNode(at, value);
  const conditionEntry = entry(r.at.reader, r.node, 'condition');
  const stepsEntry = entry(r.at.reader, r.node, 'steps');
  for (const e of entries(r.at.reader, r.node)) if (e.key === 'condition' || e.key === 'steps') r.at.reader.ledger.take(e.pair);
  if (!conditionEntry || !stepsEntry) {
    report(ctx.sink, 'missing-key', `a "${name}" step needs "condition" and "steps"`, { origin: originAt(at, node) });
    return [];
  }
  const read = readCondition(ctx, atPath(r.at, 'condition'), conditionEntry.value);
  const condition = name === 'unless' ? not(read) : read;
  // Compile-time conditions are decided here, as `circleci config process` does (spec §4.2).
  if (condition.kind === 'literal') {
    if (condition.value) return readSteps(ctx, atPath(r.at, 'steps'), stepsEntry.value);
    r.at.reader.ledger.takeTree(r.at.reader, stepsEntry.value);
    return [];
  }
  return [located({ kind: 'conditional' as const, condition, steps: readSteps(ctx, atPath(r.at, 'steps'), stepsEntry.value) }, at, node)];
}

/** A command (local, inline orb, orbDir orb) spliced in place, or a table orb command, or a placeholder. */
function invokeCommand(ctx: ReadContext, at: At, node: unknown, name: string, e: Entry | undefined): Step[] {
  const args = e && isMap(resolveNode(at, e.value).node) ? entries(resolveNode(at, e.value).at.reader, resolveNode(at, e.value).node) : [];
  const argsAt = e ? resolveNode(at, e.value).at : at;
  const definition = findDefinition(ctx, 'commands', name, at.scope);
  if (definition) {
    if (at.scope.depth >= maxDepth) {
      report(ctx.sink, 'circleci2-recursion', `command "${name}" is nested more than ${maxDepth} levels deep; not expanded`, { origin: originAt(at, node) });
      return [];
    }
    ctx.used.add(definition);
    const scope = bindArguments(ctx, definition, args, argsAt, node);
    const stepsEntry = entry(definition.reader, definition.node, 'steps');
    for (const d of entries(definition.reader, definition.node)) if (d.key === 'steps' || d.key === 'description') definition.reader.ledger.take(d.pair);
    if (!stepsEntry) {
      report(ctx.sink, 'missing-key', `command "${name}" has no "steps"`, { origin: originOfDefinition(definition) });
      return [];
    }
    const steps = readSteps(ctx, { reader: definition.reader, scope, path: ['commands', name, 'steps'] }, stepsEntry.value);
    // Origins point at the invocation when the definition lives in another file (an orb).
    if (definition.reader !== ctx.reader) for (const step of steps) located(step, at, node, step.comments ?? null);
    return steps;
  }
  const slash = name.indexOf('/');
  const alias = slash > 0 ? name.slice(0, slash) : undefined;
  const orb = alias ? ctx.tableOrbs.get(alias) : undefined;
  if (e) at.reader.ledger.takeTree(at.reader, e.value);
  if (orb) {
    const element = tableElement(ctx, orb, 'commands', name.slice(slash + 1));
    if (element) {
      const values: Record<string, string> = {};
      for (const a of args) values[a.key] = readString(ctx, atPath(argsAt, a.key), a.value) ?? '';
      // Credentials obtained through the orb (OIDC role assumption) have no plain-step form: the
      // invocation stays as written, and each writer says what a person must set up instead.
      const credentials = tableCredentials(element, values);
      if (credentials) {
        return [located({ kind: 'unmapped' as const, format: 'circleci2' as const, name, value: e ? plainInterpolated(ctx, at, e.value) : null, credentials }, at, node)];
      }
      reportTableElement(ctx, element, `"${name}" (${orb})`, originAt(at, node));
      reportUnreadArguments(ctx, element, `"${name}" (${orb})`, args.map((a) => ({ key: a.key, origin: originAt(atPath(argsAt, a.key), a.pair) })));
      return tableSteps(element, values).map((step) => located(step, at, node, null));
    }
    // Each writer says what it writes in its place (the step as written, a placeholder, nothing).
    reportOnce(ctx.sink, 'circleci2-unknown-orb', `orb command "${name}" (${orb}) is not in --orb-dir or the orb table; what it runs is unknown`, {
      origin: originAt(at, node),
    });
  } else {
    reportOnce(ctx.sink, 'circleci2-unknown-command', `step "${name}" is not a built-in step or a defined command`, { origin: originAt(at, node) });
  }
  return [located({ kind: 'unmapped' as const, format: 'circleci2' as const, name, value: e ? plainInterpolated(ctx, at, e.value) : null }, at, node)];
}

function originOfDefinition(definition: { reader: At['reader']; node: unknown }) {
  return originAt({ reader: definition.reader, scope: { parameters: new Map(), depth: 0, pipelineVisible: true }, path: [] }, definition.node);
}
