/**
 * Facts about single Docker calls that the lints and the executor advisor share: which mounts
 * bind a path of the job's filesystem, which ports are published, which URLs point at the job's
 * own localhost.
 */
import { optionsNamed, parseCallArgs, type DockerCall } from './docker-commands.js';
import type { SimpleCommand } from './shell-words.js';

/**
 * Where a bind mount's source lives: the project checkout (`$(pwd)`, `.`, `$CI_PROJECT_DIR`),
 * the home directory, another absolute path, an unknown variable, or the daemon socket.
 */
export type MountSource = 'project' | 'home' | 'absolute' | 'variable' | 'socket';

export interface BindMount {
  source: string;
  where: MountSource;
  /** The option as written, for messages: `-v $(pwd):/app`. */
  text: string;
}

const runLike = new Set(['run', 'create']);

/** Bind mounts of `docker run|create` (`-v`, `--volume`, `--mount type=bind`) and `compose run -v`. */
export function bindMounts(call: DockerCall): BindMount[] {
  const isRun = call.tool === 'docker' ? runLike.has(call.subcommand) : call.subcommand === 'run';
  if (!isRun) return [];
  const parsed = parseCallArgs(call);
  const mounts: BindMount[] = [];
  for (const option of optionsNamed(parsed, 'volume')) {
    if (option.value === undefined) continue;
    const source = splitVolumeSource(option.value);
    if (source === undefined) continue; // an anonymous volume: `-v /data`
    const where = classifySource(source);
    if (where) mounts.push({ source, where, text: `${option.flag} ${option.value}` });
  }
  if (call.tool === 'docker') {
    for (const option of optionsNamed(parsed, 'mount')) {
      const fields = new Map(
        (option.value ?? '').split(',').map((kv) => {
          const eq = kv.indexOf('=');
          return eq < 0 ? [kv, 'true'] : [kv.slice(0, eq), kv.slice(eq + 1)];
        }),
      );
      if (fields.get('type') !== 'bind') continue;
      const source = fields.get('source') ?? fields.get('src');
      if (!source) continue;
      const where = classifySource(source);
      if (where) mounts.push({ source, where, text: `--mount ${option.value}` });
    }
  }
  return mounts;
}

/** The part of `-v SRC:DST[:opts]` before the first colon outside `${…}` / `$(…)`, if any. */
function splitVolumeSource(spec: string): string | undefined {
  let level = 0;
  for (let k = 0; k < spec.length; k++) {
    const c = spec[k]!;
    if (c === '$' && (spec[k + 1] === '{' || spec[k + 1] === '(')) {
      level++;
      k++;
    } else if ((c === '}' || c === ')') && level > 0) level--;
    else if (c === ':' && level === 0) return spec.slice(0, k);
  }
  return undefined;
}

const projectPattern =
  /^(?:\.(?:\/|$)|\$\(\s*pwd\s*\)|`\s*pwd\s*`|\$\{?PWD\}?(?:\/|$)|\$\{?CI_PROJECT_DIR\}?|\$\{?CIRCLE_WORKING_DIRECTORY\}?|\/builds(?:\/|$)|\.\.(?:\/|$))/;
const homePattern = /^(?:~|\$\{?HOME\}?)(?:\/|$)/;

/** `undefined` for a named volume (`data:/x`), which lives in the daemon and works everywhere. */
export function classifySource(source: string): MountSource | undefined {
  const s = source.trim();
  if (!s) return undefined;
  if (/(^|\/)docker\.sock$/.test(s)) return 'socket';
  if (projectPattern.test(s)) return 'project';
  if (homePattern.test(s)) return 'home';
  if (s.startsWith('/')) return 'absolute';
  if (s.startsWith('$') || s.startsWith('`')) return 'variable';
  // A bare name is a named volume; a relative path with a slash is read from the working directory.
  if (/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(s)) return undefined;
  return 'project';
}

export interface PublishedPort {
  /** The host port, or `undefined` when Docker picks it (`-P`, `-p 80`) or a variable sets it. */
  host?: [number, number];
  text: string;
}

/** Ports published by `docker run|create -p/-P` or `compose run -p`. */
export function publishedPorts(call: DockerCall): PublishedPort[] {
  const isRun = call.tool === 'docker' ? runLike.has(call.subcommand) : call.subcommand === 'run';
  if (!isRun) return [];
  const parsed = parseCallArgs(call);
  const ports: PublishedPort[] = [];
  for (const option of optionsNamed(parsed, 'publish')) {
    if (option.value === undefined) continue;
    const parts = option.value.replace(/\/(tcp|udp|sctp)$/, '').split(':');
    // ip:host:container, host:container, or container alone (random host port).
    const hostPart = parts.length >= 3 ? parts[parts.length - 2]! : parts.length === 2 ? parts[0]! : undefined;
    const range = hostPart === undefined ? null : /^(\d+)(?:-(\d+))?$/.exec(hostPart);
    const port: PublishedPort = { text: `${option.flag} ${option.value}` };
    if (range) port.host = [Number(range[1]), Number(range[2] ?? range[1])];
    ports.push(port);
  }
  for (const option of optionsNamed(parsed, 'publish-all')) ports.push({ text: option.flag });
  return ports;
}

export interface LocalUrl {
  port: number;
  text: string;
}

const httpClients = new Set(['curl', 'wget']);
const localUrlPattern = /^(?:(https?):\/\/)?(?:[^@/\s]*@)?(localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\])(?::(\d+))?(?:[/?#].*)?$/i;

/** `curl`/`wget` arguments that address the job's own localhost. */
export function localhostUrls(command: SimpleCommand): LocalUrl[] {
  const program = command.argv[0]?.split('/').pop();
  if (!program || !httpClients.has(program)) return [];
  const urls: LocalUrl[] = [];
  for (const arg of command.argv.slice(1)) {
    const match = localUrlPattern.exec(arg);
    if (!match) continue;
    const port = match[3] ? Number(match[3]) : match[1]?.toLowerCase() === 'https' ? 443 : 80;
    // Messages quote the URL: drop any `user:password@` it carries.
    urls.push({ port, text: arg.replace(/^((?:https?:\/\/)?)[^@/\s]*@/i, '$1') });
  }
  return urls;
}

/** Whether a published port can serve a request to `port`. */
export function portMatches(published: PublishedPort, port: number): boolean {
  if (!published.host) return true;
  return port >= published.host[0] && port <= published.host[1];
}

/** `docker run --network host` / `--net=host`: the container shares the daemon host's network. */
export function usesHostNetwork(call: DockerCall): boolean {
  if (call.tool !== 'docker' || !runLike.has(call.subcommand)) return false;
  return optionsNamed(parseCallArgs(call), 'network', 'net').some((o) => o.value === 'host');
}

/** Compose subcommands that start containers (and so mount and publish what the file says). */
export function startsComposeServices(call: DockerCall): boolean {
  return call.tool === 'compose' && ['up', 'run', 'start', 'create'].includes(call.subcommand);
}
