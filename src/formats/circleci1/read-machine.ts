import { isMap, isScalar, isSeq } from 'yaml';
import type { DockerDaemonStep, Executor, Extension, Located, Origin, RunStep, Service, Step, Variable } from '../../ir/types.js';
import { commentsOf, entries, isNullNode, items, stringValue, type Entry } from '../../yaml/view.js';
import { readCommands } from './read-command.js';
import { at, diagnose, nodeAt, refusedInferenceFile, take, wrongType, type ReadContext } from './read-context.js';
import { extension, sectionOf } from './read-phases.js';
import { readVariables } from './read-variables.js';
import { defaultImage, languageImage, languageKeys, languageRow, serviceRow } from './tables.js';

export interface MachineRead {
  /** machine.pre, the /etc/hosts lines, machine.post: in that order, phase `machine`. */
  steps: Step[];
  /** A `docker` service: the engine ran on the build machine itself (docker.md). */
  docker?: DockerDaemonStep;
  services: Service[];
  variables: Variable[];
  executor: Executor;
  /** The language versions as written, so a 1.0 → 1.0 round trip keeps `1.9.3-p0-falcon`. */
  extensions: Extension[];
}

/** `machine` (configuration.md §3): setup commands, environment, languages, services. */
export function readMachine(ctx: ReadContext, section: Entry | undefined): MachineRead {
  const result: MachineRead = { steps: [], services: [], variables: [], executor: defaultExecutor(), extensions: [] };
  if (!section || !isMap(section.value)) {
    if (section && section.value !== null) wrongType(ctx, section, ['machine'], 'a map');
    else if (section) take(ctx, section);
    chooseExecutor(ctx, [], result);
    return result;
  }
  take(ctx, section);
  const all = entries(ctx.reader, section.value);
  const byKey = new Map(all.map((e) => [e.key, e]));
  const defaults = sectionOf('machine');
  const pre = byKey.get('pre');
  if (pre) result.steps.push(...readCommands(ctx, pre, ['machine', 'pre'], defaults));
  const override = byKey.get('override');
  if (override) {
    diagnose(ctx, 'circleci1-section-key', '"machine" does not accept "override" in CircleCI 1.0; its commands are read in order', at(ctx, override, ['machine', 'override']));
    result.steps.push(...readCommands(ctx, override, ['machine', 'override'], defaults));
  }
  const languages: Language[] = [];
  const looseVersion = byKey.get('version');
  for (const e of all) {
    const path = ['machine', e.key];
    switch (e.key) {
      case 'timezone': {
        const zone = stringValue(ctx.reader, e.value);
        if (zone === undefined) {
          wrongType(ctx, e, path, 'a time zone name');
          break;
        }
        take(ctx, e);
        // The vendor's 1.0→2.0 guide maps `timezone` to `TZ` (migrating-from-1-2.md).
        result.variables.push(located<Variable>({ name: 'TZ', value: zone.trim() }, at(ctx, e, path)));
        break;
      }
      case 'environment':
        if (e.value === null) take(ctx, e);
        else if (!isMap(e.value)) wrongType(ctx, e, path, 'a map of variables');
        else {
          take(ctx, e);
          result.variables.push(...readVariables(ctx, e.value, path));
        }
        break;
      case 'hosts':
        readHosts(ctx, e, result);
        break;
      case 'services':
        readServices(ctx, e, result);
        break;
      default:
        if (languageKeys.has(e.key)) {
          const version = readLanguageVersion(ctx, e, looseVersion);
          if (version !== undefined) languages.push({ key: e.key, version, e });
        } else if (serviceRow(e.key) && isMap(e.value)) {
          readServiceVersion(ctx, e, result);
        }
    }
  }
  if (looseVersion && !ctx.reader.ledger.isTaken(looseVersion.pair)) {
    diagnose(ctx, 'circleci1-stray-version', '"machine.version" belongs to no language; it is ignored', at(ctx, looseVersion, ['machine', 'version']));
    take(ctx, looseVersion);
  }
  chooseExecutor(ctx, languages, result);
  const post = byKey.get('post');
  if (post) result.steps.push(...readCommands(ctx, post, ['machine', 'post'], defaults));
  return result;
}

function located<T extends Located>(value: T, origin: Origin | undefined): T {
  if (origin) value.origin = origin;
  return value;
}

function defaultExecutor(): Executor {
  return { kind: 'docker', image: { name: defaultImage } };
}

/** `ruby: {version: x}`, the docs' `ghc:` + `version:` shape, and `ruby: {: x}` seen in the wild. */
function readLanguageVersion(ctx: ReadContext, e: Entry, looseVersion: Entry | undefined): string | undefined {
  const path = ['machine', e.key];
  if (isNullNode(ctx.reader, e.value)) {
    take(ctx, e);
    if (looseVersion && !ctx.reader.ledger.isTaken(looseVersion.pair)) {
      const version = stringValue(ctx.reader, looseVersion.value);
      take(ctx, looseVersion);
      diagnose(ctx, 'circleci1-misplaced-version', `"machine.version" is read as the version of "${e.key}"`, at(ctx, looseVersion, ['machine', 'version']), {
        hint: `Indent \`version:\` under \`${e.key}:\`.`,
      });
      return version;
    }
    return undefined;
  }
  if (isScalar(e.value)) {
    take(ctx, e);
    diagnose(ctx, 'coerced-value', `"${path.join('.')}" should be a map with \`version\`; read as the version`, at(ctx, e, path));
    return stringValue(ctx.reader, e.value);
  }
  if (!isMap(e.value)) {
    wrongType(ctx, e, path, 'a map with `version`');
    return undefined;
  }
  take(ctx, e);
  const inner = entries(ctx.reader, e.value);
  const version = inner.find((x) => x.key === 'version') ?? inner.find((x) => x.key === '');
  if (!version) return undefined;
  take(ctx, version);
  if (version.key === '') {
    diagnose(ctx, 'coerced-value', `"${path.join('.')}" has a version without the \`version\` key; read as the version`, at(ctx, version, [...path, '']));
  }
  const text = stringValue(ctx.reader, version.value);
  if (text === undefined) diagnose(ctx, 'wrong-type', `"${path.join('.')}.version" should be a version string`, at(ctx, version, [...path, 'version']));
  return text?.trim();
}

type Language = { key: string; version: string; e?: Entry };

/**
 * The first language (in file order) chooses the image. Versions the image does not show as
 * written (`1.9.3-p0-falcon`, a second language) are kept as extensions so a 1.0 → 1.0 trip keeps
 * them; one public image carries one language version (migrating-from-1-2.md step 3).
 */
function chooseExecutor(ctx: ReadContext, written: Language[], result: MachineRead): void {
  const languages = written.length ? written : repositoryLanguage(ctx);
  const origin = (l: Language) => (l.e ? at(ctx, l.e, ['machine', l.key]) : undefined);
  const keep = (l: Language) => result.extensions.push(extension(`machine.${l.key}.version`, l.version, origin(l)));
  const xcode = languages.find((l) => l.key === 'xcode');
  if (xcode) {
    result.executor = located({ kind: 'macos', xcode: xcode.version } as Executor, origin(xcode));
    for (const other of languages.filter((l) => l !== xcode)) {
      keep(other);
      diagnose(ctx, 'approximate-translation', `"machine.${other.key}" ${other.version} runs on the macOS image; install that version in a command`, origin(other));
    }
    return;
  }
  const [primary, ...others] = languages;
  if (!primary) {
    diagnose(ctx, 'default-chosen', `no language version is given; the build image is ${defaultImage}, the public image closest to CircleCI 1.0's Ubuntu 14.04`, undefined, {
      hint: '1.0 had many languages preinstalled; set a `machine.<language>.version` or choose an image in the target.',
    });
    return;
  }
  const row = languageRow(primary.key)!;
  const choice = languageImage(row, primary.version);
  result.executor = located({ kind: 'docker', image: located<Service>({ name: choice.image }, origin(primary)) } as Executor, origin(primary));
  if (choice.approximate) {
    keep(primary);
    diagnose(ctx, 'approximate-translation', `${primary.key} ${primary.version} (installed by ${row.manager} in 1.0) becomes the image ${choice.image}`, origin(primary));
  }
  for (const other of others) {
    keep(other);
    diagnose(ctx, 'semantic-difference', `"machine.${other.key}" ${other.version} is not in the image ${choice.image}; install it in a command`, origin(other));
  }
}

/** Without `machine.ruby`, 1.0 took the Ruby version from `.ruby-version` or the Gemfile (configuration.md §3). */
function repositoryLanguage(ctx: ReadContext): Language[] {
  const repository = ctx.repository;
  if (!repository) return [];
  if (['.ruby-version', 'Gemfile'].filter((file) => refusedInferenceFile(ctx, file)).length) return [];
  const fromFile = repository.readFile('.ruby-version')?.trim().replace(/^ruby-/, '');
  const fromGemfile = /^\s*ruby\s+['"]([^'"]+)['"]/m.exec(repository.readFile('Gemfile') ?? '')?.[1];
  const version = fromFile || fromGemfile;
  if (!version) return [];
  diagnose(ctx, 'default-chosen', `Ruby ${version} comes from ${fromFile ? '.ruby-version' : 'the Gemfile'}, as 1.0 chose it`, undefined);
  return [{ key: 'ruby', version }];
}

/** `hosts` becomes a command: the vendor's guide writes `echo … | sudo tee -a /etc/hosts`. */
function readHosts(ctx: ReadContext, e: Entry, result: MachineRead): void {
  const path = ['machine', 'hosts'];
  if (!isMap(e.value)) {
    if (e.value === null) take(ctx, e);
    else wrongType(ctx, e, path, 'a map of host name to address');
    return;
  }
  take(ctx, e);
  for (const host of entries(ctx.reader, e.value)) {
    const address = stringValue(ctx.reader, host.value);
    if (address === undefined) {
      wrongType(ctx, host, [...path, host.key], 'an IP address');
      continue;
    }
    take(ctx, host);
    if (!/^[A-Za-z0-9.-]+$/.test(host.key)) {
      diagnose(ctx, 'invalid-value', `host name "${host.key}" may hold only letters, digits, "-" and "."`, at(ctx, host, [...path, host.key]));
    }
    const step: RunStep = { kind: 'run', command: hostsCommand(host.key, address.trim()), phase: 'machine', allNodes: true };
    const origin = at(ctx, host, [...path, host.key]);
    if (origin) step.origin = origin;
    const comments = commentsOf(host);
    if (comments) step.comments = comments;
    result.steps.push(step);
  }
}

export function hostsCommand(host: string, address: string): string {
  return `echo "${address} ${host}" | sudo tee -a /etc/hosts`;
}

function readServices(ctx: ReadContext, e: Entry, result: MachineRead): void {
  const path = ['machine', 'services'];
  if (!isSeq(e.value)) {
    if (e.value === null) take(ctx, e);
    else wrongType(ctx, e, path, 'a list of service names');
    return;
  }
  take(ctx, e);
  items(ctx.reader, e.value).forEach((item, index) => {
    const name = stringValue(ctx.reader, item);
    const origin = nodeAt(ctx, item, [...path, index]);
    if (name === undefined) {
      diagnose(ctx, 'wrong-type', `"${[...path, index].join('.')}" should be a service name`, origin ?? at(ctx, e, path));
      return;
    }
    if (name === 'docker') {
      // 1.0 ran the engine in the build container: bind mounts and published ports work (docker.md).
      result.docker = located({ kind: 'docker-daemon', engine: 'local' } as DockerDaemonStep, origin);
      return;
    }
    const row = serviceRow(name);
    if (!row) {
      diagnose(ctx, 'circleci1-unknown-service', `"${name}" is not a CircleCI 1.0 service; it is not translated`, origin);
      return;
    }
    addService(ctx, result, row.image, name, origin);
  });
}

function addService(ctx: ReadContext, result: MachineRead, image: string, name: string, origin: Service['origin']): void {
  if (result.services.some((s) => s.name === image)) return;
  result.services.push(located({ name: image } as Service, origin));
  // Said as read, not as written: a target that cannot run service containers says so itself.
  diagnose(ctx, 'approximate-translation', `1.0 ran ${name} on the build machine; it is read as the service image ${image}`, origin);
}

/** `mysql: {version: 5.7}` is not documented, but files in the wild write it. */
function readServiceVersion(ctx: ReadContext, e: Entry, result: MachineRead): void {
  take(ctx, e);
  const row = serviceRow(e.key)!;
  const version = entries(ctx.reader, e.value).find((x) => x.key === 'version');
  if (version) take(ctx, version);
  const text = version ? stringValue(ctx.reader, version.value) : undefined;
  const repository = row.image.split(':')[0]!;
  const image = text ? `${repository}:${/^\d+(?:\.\d+)*/.exec(text.trim())?.[0] ?? text.trim()}` : row.image;
  const origin = at(ctx, e, ['machine', e.key]);
  diagnose(ctx, 'circleci1-service-version', `"machine.${e.key}" is not a documented 1.0 key; read as the service ${image}`, origin);
  result.services.push(located({ name: image } as Service, origin));
}
