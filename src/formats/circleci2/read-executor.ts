import { isMap, isScalar, isSeq } from 'yaml';
import { report, reportOnce } from '../../diagnostics/report.js';
import type { Executor, Image, ImageAuth, Origin, Service, Variable } from '../../ir/types.js';
import { commentsOf, entries, entry, items, type Entry } from '../../yaml/view.js';
import type { At, ReadContext } from './context.js';
import { bindArguments } from './expand-parameters.js';
import { reportTableElement, tableElement, tableExecutor } from './expand-orbs.js';
import { atPath, originAt, plainInterpolated, readScalar, readString, resolveNode } from './interpolate.js';
import { findDefinition } from './read-definitions.js';
import { readEnvironment } from './read-environment.js';

/** What an executor (or a job's own executor keys) contributes to a job (spec §3). */
export interface ExecutorParts {
  executor?: Executor;
  services?: Service[];
  resourceClass?: string;
  shell?: string;
  workingDirectory?: string;
  environment?: Variable[];
  /** Where each of the settings above was written (the job, or the executor definition it names). */
  origins?: Partial<Record<LocatedPart, Origin>>;
  /** `macos.code_signing` and other keys carried for the CircleCI round trip. */
  extensions?: Array<{ key: string; value: unknown }>;
}

type LocatedPart = 'resourceClass' | 'shell' | 'workingDirectory';

/** The executor keys whose value is one plain setting, by the part they set. */
const settingOfKey: Readonly<Record<string, LocatedPart>> = { resource_class: 'resourceClass', shell: 'shell', working_directory: 'workingDirectory' };

export const executorKeys: ReadonlySet<string> = new Set(['docker', 'machine', 'macos', 'windows', 'resource_class', 'shell', 'working_directory', 'environment']);

export function isExecutorKey(key: string): boolean {
  return executorKeys.has(key);
}

/** Reads the executor-like keys of an executor definition or a job map into `parts` (later keys win). */
export function readExecutorKeys(ctx: ReadContext, at: At, list: Entry[], parts: ExecutorParts): void {
  for (const e of list) {
    if (!executorKeys.has(e.key)) continue;
    at.reader.ledger.take(e.pair);
    const inner = atPath(at, e.key);
    switch (e.key) {
      case 'docker': {
        // A job-level docker stanza replaces the executor's entirely (reusing-config.adoc).
        const images = readDockerImages(ctx, inner, e.value);
        delete parts.services;
        if (images[0]) parts.executor = { kind: 'docker', image: images[0], ...locatedOf(inner, e) };
        if (images.length > 1) parts.services = images.slice(1);
        break;
      }
      case 'machine': {
        const inside: MachineExtras = {};
        parts.executor = readMachine(ctx, inner, e, inside);
        delete parts.services;
        // Keys written beside `machine` in the same map win over the ones written inside it.
        if (inside.resourceClass !== undefined && !list.some((x) => x.key === 'resource_class')) {
          parts.resourceClass = inside.resourceClass;
          delete parts.origins?.resourceClass;
        }
        if (inside.shell !== undefined && !list.some((x) => x.key === 'shell')) {
          parts.shell = inside.shell;
          delete parts.origins?.shell;
        }
        break;
      }
      case 'macos': {
        const xcode = readString(ctx, atPath(inner, 'xcode'), entry(at.reader, e.value, 'xcode')?.value);
        for (const m of entries(at.reader, e.value)) {
          at.reader.ledger.take(m.pair);
          if (m.key === 'code_signing') {
            at.reader.ledger.takeTree(at.reader, m.value);
            report(ctx.sink, 'unsupported-feature', '"macos.code_signing" has no counterpart outside CircleCI', { origin: originAt(inner, m.pair) });
          } else if (m.key !== 'xcode') {
            report(ctx.sink, 'unknown-key', `macos key "${m.key}" is not understood`, { origin: originAt(inner, m.pair) });
          }
        }
        if (xcode === undefined) report(ctx.sink, 'missing-key', '"macos" needs "xcode"', { origin: originAt(inner, e.pair) });
        parts.executor = { kind: 'macos', xcode: xcode ?? '', ...locatedOf(inner, e) };
        delete parts.services;
        break;
      }
      case 'windows': {
        const image = readString(ctx, inner, e.value) ?? readString(ctx, inner, entry(at.reader, e.value, 'image')?.value);
        at.reader.ledger.takeTree(at.reader, e.value);
        parts.executor = { kind: 'windows', ...(image ? { image } : {}), ...locatedOf(inner, e) };
        break;
      }
      case 'resource_class':
      case 'shell':
      case 'working_directory': {
        const value = readString(ctx, inner, e.value);
        if (value === undefined) break;
        const setting = settingOfKey[e.key]!;
        parts[setting] = value;
        const origin = originAt(inner, e.pair);
        if (origin) (parts.origins ??= {})[setting] = origin;
        break;
      }
      case 'environment': {
        // Environment maps merge; the later (job) value wins on a conflict (reusing-config.adoc).
        const merged = new Map((parts.environment ?? []).map((v) => [v.name, v]));
        for (const v of readEnvironment(ctx, inner, e.value)) {
          merged.delete(v.name);
          merged.set(v.name, v);
        }
        parts.environment = [...merged.values()];
        break;
      }
    }
  }
}

function locatedOf(at: At, e: Entry): { origin?: NonNullable<Image['origin']>; comments?: NonNullable<Image['comments']> } {
  const origin = originAt(at, e.pair);
  const comments = commentsOf(e);
  return { ...(origin ? { origin } : {}), ...(comments ? { comments } : {}) };
}

/** `resource_class` and `shell` written inside a `machine:` map. */
interface MachineExtras {
  resourceClass?: string;
  shell?: string;
}

function readMachine(ctx: ReadContext, at: At, e: Entry, extras: MachineExtras): Executor {
  const executor: Executor = { kind: 'machine', ...locatedOf(at, e) };
  const r = resolveNode(at, e.value);
  if (isScalar(r.node)) {
    const value = readScalar(ctx, r.at, r.node);
    if (value === true) {
      reportOnce(ctx.sink, 'deprecated-syntax', '"machine: true" is deprecated on CircleCI cloud; an image should be named', { origin: originAt(at, e.pair) });
    } else if (typeof value === 'string' && value) {
      executor.image = value;
    }
    return executor;
  }
  for (const m of entries(r.at.reader, r.node)) {
    r.at.reader.ledger.take(m.pair);
    const inner = atPath(r.at, m.key);
    if (m.key === 'image') {
      const image = readString(ctx, inner, m.value);
      if (image !== undefined) executor.image = image;
      // Windows VMs are machine images (configuration-reference.adoc, machine); the IR names the capability.
      if (image?.startsWith('windows-')) (executor as { kind: string }).kind = 'windows';
    } else if (m.key === 'docker_layer_caching') {
      const v = readScalar(ctx, inner, m.value);
      if (typeof v === 'boolean') executor.layerCaching = v;
    } else if (m.key === 'enabled') {
      reportOnce(ctx.sink, 'deprecated-syntax', '"machine.enabled" is the 2.0 spelling of a machine executor; read as "machine"', {
        origin: originAt(inner, m.pair),
      });
    } else if (m.key === 'resource_class' || m.key === 'shell') {
      // CircleCI's Windows orb writes both inside `machine:` and CircleCI accepts them there; they
      // mean what the job-level keys mean (https://circleci.com/docs/using-windows/ shows `shell`).
      const value = readString(ctx, inner, m.value);
      if (value !== undefined) extras[m.key === 'shell' ? 'shell' : 'resourceClass'] = value;
    } else {
      report(ctx.sink, 'unknown-key', `machine key "${m.key}" is not understood`, { origin: originAt(inner, m.pair) });
    }
  }
  return executor;
}

function readDockerImages(ctx: ReadContext, at: At, node: unknown): Service[] {
  const r = resolveNode(at, node);
  if (!isSeq(r.node)) {
    report(ctx.sink, 'wrong-type', '"docker" must be a list of images', { origin: originAt(at, node) });
    return [];
  }
  const images: Service[] = [];
  items(r.at.reader, r.node).forEach((item, i) => {
    const inner = atPath(r.at, i);
    const image = readImage(ctx, inner, item);
    if (image) images.push(image);
  });
  return images;
}

const stringOrList = (ctx: ReadContext, at: At, node: unknown): string[] | undefined => {
  const r = resolveNode(at, node);
  if (isSeq(r.node)) return items(r.at.reader, r.node).map((item, i) => readString(ctx, atPath(r.at, i), item) ?? '');
  const text = readString(ctx, at, node);
  return text === undefined ? undefined : [text];
};

function readImage(ctx: ReadContext, at: At, node: unknown): Service | undefined {
  const r = resolveNode(at, node);
  if (isScalar(r.node)) {
    const name = readString(ctx, r.at, r.node);
    return name ? { name, ...(originAt(at, node) ? { origin: originAt(at, node)! } : {}) } : undefined;
  }
  if (!isMap(r.node)) {
    report(ctx.sink, 'wrong-type', 'a docker image must be a map with "image"', { origin: originAt(at, node) });
    return undefined;
  }
  const image: Service = { name: '' };
  const origin = originAt(at, node);
  if (origin) image.origin = origin;
  const comments = commentsOf(r.node);
  for (const e of entries(r.at.reader, r.node)) {
    r.at.reader.ledger.take(e.pair);
    const inner = atPath(r.at, e.key);
    switch (e.key) {
      case 'image': {
        image.name = readString(ctx, inner, e.value) ?? '';
        const own = commentsOf(e);
        if (own?.trailing) image.comments = { ...image.comments, trailing: own.trailing };
        break;
      }
      case 'name': {
        const alias = readString(ctx, inner, e.value);
        if (alias !== undefined) image.alias = alias;
        break;
      }
      case 'entrypoint': {
        const value = stringOrList(ctx, inner, e.value);
        if (value) image.entrypoint = value;
        break;
      }
      case 'command': {
        const value = stringOrList(ctx, inner, e.value);
        if (value) image.command = value;
        break;
      }
      case 'user': {
        const value = readString(ctx, inner, e.value);
        if (value !== undefined) image.user = value;
        break;
      }
      case 'environment': {
        const environment = readEnvironment(ctx, inner, e.value);
        if (environment.length) image.environment = environment;
        break;
      }
      case 'auth': {
        const f = plainFields(ctx, inner, e.value);
        image.auth = { kind: 'basic', username: f.username ?? '', password: f.password ?? '' };
        break;
      }
      case 'aws_auth': {
        const f = plainFields(ctx, inner, e.value);
        const auth: ImageAuth = { kind: 'aws' };
        if (f.aws_access_key_id !== undefined) auth.accessKeyId = f.aws_access_key_id;
        if (f.aws_secret_access_key !== undefined) auth.secretAccessKey = f.aws_secret_access_key;
        if (f.oidc_role_arn !== undefined) auth.oidcRoleArn = f.oidc_role_arn;
        image.auth = auth;
        break;
      }
      case 'gcp_auth': {
        const f = plainFields(ctx, inner, e.value);
        const auth: ImageAuth = { kind: 'gcp' };
        if (f.oidc_service_account !== undefined) auth.serviceAccount = f.oidc_service_account;
        if (f.workload_identity_pool !== undefined) auth.workloadIdentityPool = f.workload_identity_pool;
        if (f.workload_identity_provider !== undefined) auth.workloadIdentityProvider = f.workload_identity_provider;
        image.auth = auth;
        break;
      }
      default:
        report(ctx.sink, 'unknown-key', `docker image key "${e.key}" is not understood and is not translated`, { origin: originAt(inner, e.pair) });
    }
  }
  if (!image.name) report(ctx.sink, 'missing-key', 'a docker image needs "image"', { origin: originAt(at, node) });
  if (comments) image.comments = { ...comments, ...image.comments };
  return image;
}

function plainFields(ctx: ReadContext, at: At, node: unknown): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  const r = resolveNode(at, node);
  for (const e of entries(r.at.reader, r.node)) {
    r.at.reader.ledger.take(e.pair);
    out[e.key] = readString(ctx, atPath(r.at, e.key), e.value);
  }
  return out;
}

/**
 * `executor: name`, `executor: {name, <args>}` or `executor: orb/name` (spec §3.4): the
 * executor definition's parts, read in its own scope.
 */
export function readExecutorReference(ctx: ReadContext, at: At, e: Entry): ExecutorParts {
  at.reader.ledger.take(e.pair);
  const parts: ExecutorParts = {};
  const r = resolveNode(atPath(at, 'executor'), e.value);
  let name: string | undefined;
  let args: Entry[] = [];
  if (isScalar(r.node)) name = readString(ctx, r.at, r.node);
  else if (isMap(r.node)) {
    const list = entries(r.at.reader, r.node);
    const nameEntry = list.find((a) => a.key === 'name');
    if (nameEntry) r.at.reader.ledger.take(nameEntry.pair);
    name = nameEntry ? readString(ctx, atPath(r.at, 'name'), nameEntry.value) : undefined;
    args = list.filter((a) => a.key !== 'name');
  }
  if (!name) {
    report(ctx.sink, 'wrong-type', '"executor" must name an executor', { origin: originAt(at, e.pair) });
    return parts;
  }
  const definition = findDefinition(ctx, 'executors', name, at.scope);
  if (definition) {
    ctx.used.add(definition);
    const scope = bindArguments(ctx, definition, args, r.at, r.node);
    const defAt: At = { reader: definition.reader, scope, path: ['executors', name] };
    const list = entries(definition.reader, definition.node);
    readExecutorKeys(ctx, defAt, list, parts);
    for (const d of list) if (d.key === 'description') definition.reader.ledger.take(d.pair);
    return parts;
  }
  const slash = name.indexOf('/');
  const orb = slash > 0 ? ctx.tableOrbs.get(name.slice(0, slash)) : undefined;
  for (const a of args) r.at.reader.ledger.takeTree(r.at.reader, a.pair.value), r.at.reader.ledger.take(a.pair);
  const element = orb ? tableElement(ctx, orb, 'executors', name.slice(slash + 1)) : undefined;
  const values: Record<string, string> = {};
  for (const a of args) values[a.key] = readString(ctx, atPath(r.at, a.key), a.value) ?? '';
  const executor = element ? tableExecutor(element, values) : undefined;
  if (executor) {
    reportTableElement(ctx, element!, `executor "${name}" (${orb})`, originAt(at, e.pair), 'read');
    parts.executor = executor;
    // The Windows orb's executors default to the medium Windows class.
    if (executor.kind === 'windows') parts.resourceClass = 'windows.medium';
    return parts;
  }
  // Carried so CircleCI output can name the executor again.
  parts.extensions = [{ key: 'executor', value: plainInterpolated(ctx, atPath(at, 'executor'), e.value) }];
  reportOnce(
    ctx.sink,
    orb ? 'circleci2-unknown-orb' : 'circleci2-unknown-command',
    orb ? `orb executor "${name}" (${orb}) is not in --orb-dir or the orb table; the job has no executor` : `executor "${name}" is not defined`,
    { origin: originAt(at, e.pair) },
  );
  return parts;
}
