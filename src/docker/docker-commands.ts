/**
 * Recognises `docker …`, `docker compose …` and `docker-compose …` in a simple command and reads
 * their options. Management commands are folded (`docker container run` → `run`, `docker image
 * build` / `docker buildx build` → `build`) so lints match one name.
 */
import type { SimpleCommand } from './shell-words.js';

export interface DockerCall {
  tool: 'docker' | 'compose';
  /** `docker compose` (the v2 plugin) rather than the `docker-compose` program. */
  plugin: boolean;
  /** Folded subcommand (`run`, `exec`, `build`, `login`, `save`, `up`, …); '' when none. */
  subcommand: string;
  /** The words after the subcommand. */
  args: string[];
  command: SimpleCommand;
}

export interface ParsedOption {
  /** Long name without dashes (`volume`), short flags mapped through the subcommand's aliases. */
  name: string;
  /** As written: `-v`, `--volume`, `-it` (for a cluster, the whole cluster). */
  flag: string;
  value?: string;
  /** Index of the option's first word in `args`. */
  index: number;
}

export interface ParsedArgs {
  options: ParsedOption[];
  /** Non-option words, in order (for `run`: the image, then the container's command). */
  operands: string[];
}

interface OptionSpec {
  /** Short flag → long name. */
  aliases: Record<string, string>;
  /** Long names that take a value when written without `=`. Others are boolean. */
  valued: ReadonlySet<string>;
  /** Options end at the first operand (`docker run IMAGE -v` passes `-v` to the container). */
  stopAtOperand: boolean;
}

const runValued = [
  'add-host', 'annotation', 'attach', 'blkio-weight', 'cap-add', 'cap-drop', 'cgroup-parent', 'cgroupns', 'cidfile', 'cpu-period',
  'cpu-quota', 'cpu-shares', 'cpus', 'cpuset-cpus', 'cpuset-mems', 'device', 'dns', 'dns-option', 'dns-search', 'domainname',
  'entrypoint', 'env', 'env-file', 'expose', 'gpus', 'group-add', 'health-cmd', 'health-interval', 'health-retries',
  'health-timeout', 'hostname', 'ip', 'ip6', 'ipc', 'isolation', 'label', 'label-file', 'link', 'log-driver', 'log-opt',
  'mac-address', 'memory', 'memory-reservation', 'memory-swap', 'mount', 'name', 'network', 'net', 'network-alias', 'pid',
  'platform', 'publish', 'pull', 'restart', 'runtime', 'security-opt', 'shm-size', 'stop-signal', 'stop-timeout', 'storage-opt',
  'sysctl', 'tmpfs', 'ulimit', 'user', 'userns', 'uts', 'volume', 'volume-driver', 'volumes-from', 'workdir', 'detach-keys',
];

const specs: Record<string, OptionSpec> = {
  run: {
    aliases: { a: 'attach', c: 'cpu-shares', d: 'detach', e: 'env', h: 'hostname', i: 'interactive', l: 'label', m: 'memory', p: 'publish', P: 'publish-all', t: 'tty', u: 'user', v: 'volume', w: 'workdir', q: 'quiet' },
    valued: new Set(runValued),
    stopAtOperand: true,
  },
  exec: {
    aliases: { d: 'detach', e: 'env', i: 'interactive', t: 'tty', u: 'user', w: 'workdir' },
    valued: new Set(['env', 'env-file', 'user', 'workdir', 'detach-keys']),
    stopAtOperand: true,
  },
  build: {
    aliases: { t: 'tag', f: 'file', c: 'cpu-shares', m: 'memory', q: 'quiet', o: 'output' },
    valued: new Set([
      'tag', 'file', 'build-arg', 'build-context', 'cache-from', 'cache-to', 'target', 'network', 'platform', 'label', 'iidfile',
      'progress', 'secret', 'ssh', 'output', 'add-host', 'shm-size', 'memory', 'memory-swap', 'cpu-shares', 'cpu-period', 'cpu-quota',
      'cpuset-cpus', 'cpuset-mems', 'isolation', 'ulimit', 'cgroup-parent', 'security-opt', 'builder', 'attest', 'sbom', 'provenance',
      'annotation', 'metadata-file', 'allow', 'no-cache-filter',
    ]),
    stopAtOperand: false,
  },
  login: { aliases: { u: 'username', p: 'password', e: 'email' }, valued: new Set(['username', 'password', 'email']), stopAtOperand: false },
  save: { aliases: { o: 'output' }, valued: new Set(['output', 'platform']), stopAtOperand: false },
  load: { aliases: { i: 'input', q: 'quiet' }, valued: new Set(['input', 'platform']), stopAtOperand: false },
  'compose-run': {
    aliases: { d: 'detach', e: 'env', l: 'label', p: 'publish', u: 'user', v: 'volume', w: 'workdir', T: 'no-TTY', i: 'interactive', t: 'tty' },
    valued: new Set(['env', 'label', 'publish', 'user', 'volume', 'workdir', 'name', 'entrypoint', 'cap-add', 'cap-drop', 'pull']),
    stopAtOperand: true,
  },
};
specs.create = specs.run!;

const dockerGlobalValued = new Set(['-H', '--host', '--config', '-c', '--context', '-l', '--log-level', '--tlscacert', '--tlscert', '--tlskey']);
const composeGlobalValued = new Set([
  '-f', '--file', '-p', '--project-name', '--project-directory', '--env-file', '--profile', '--ansi', '--parallel', '--progress',
  '-H', '--host', '--tlscacert', '--tlscert', '--tlskey', '--log-level', '-c', '--context',
]);
/** Management commands whose next word is the real subcommand. */
const management = new Set(['container', 'image', 'buildx', 'builder', 'volume', 'network', 'system', 'plugin', 'trust']);

function isProgram(word: string | undefined, name: string): boolean {
  if (!word) return false;
  return word === name || word.endsWith(`/${name}`);
}

/** Skips global options; returns the index of the first operand (the subcommand). */
function skipGlobals(argv: readonly string[], from: number, valued: ReadonlySet<string>): number {
  let k = from;
  while (k < argv.length) {
    const w = argv[k]!;
    if (!w.startsWith('-') || w === '-') break;
    if (w === '--') return k + 1;
    k += valued.has(w) ? 2 : 1;
  }
  return k;
}

/** The Docker call a simple command makes, if any. */
export function findDockerCall(command: SimpleCommand): DockerCall | undefined {
  const argv = command.argv;
  if (isProgram(argv[0], 'docker-compose')) {
    const k = skipGlobals(argv, 1, composeGlobalValued);
    return { tool: 'compose', plugin: false, subcommand: argv[k] ?? '', args: argv.slice(k + 1), command };
  }
  if (!isProgram(argv[0], 'docker')) return undefined;
  let k = skipGlobals(argv, 1, dockerGlobalValued);
  if (argv[k] === 'compose') {
    k = skipGlobals(argv, k + 1, composeGlobalValued);
    return { tool: 'compose', plugin: true, subcommand: argv[k] ?? '', args: argv.slice(k + 1), command };
  }
  let subcommand = argv[k] ?? '';
  if (management.has(subcommand) && argv[k + 1] !== undefined && !argv[k + 1]!.startsWith('-')) {
    const inner = argv[k + 1]!;
    // `docker image ls` stays distinct from `docker ls`; only the verbs lints look at are folded.
    subcommand = subcommand === 'buildx' || subcommand === 'builder' ? (inner === 'build' ? 'build' : `${subcommand} ${inner}`) : inner;
    k++;
  }
  return { tool: 'docker', plugin: false, subcommand, args: argv.slice(k + 1), command };
}

/** Every Docker call among commands, in order. */
export function findDockerCalls(commands: readonly SimpleCommand[]): DockerCall[] {
  return commands.flatMap((c) => {
    const call = findDockerCall(c);
    return call ? [call] : [];
  });
}

/** Parses a call's options with the spec of its subcommand (unknown ones: long flags boolean). */
export function parseCallArgs(call: DockerCall): ParsedArgs {
  const key = call.tool === 'compose' ? (call.subcommand === 'run' ? 'compose-run' : '') : call.subcommand;
  const spec = specs[key] ?? { aliases: {}, valued: new Set<string>(), stopAtOperand: false };
  return parseArgs(call.args, spec);
}

function parseArgs(args: readonly string[], spec: OptionSpec): ParsedArgs {
  const options: ParsedOption[] = [];
  const operands: string[] = [];
  let k = 0;
  while (k < args.length) {
    const w = args[k]!;
    if (w === '--') {
      operands.push(...args.slice(k + 1));
      break;
    }
    if (w.startsWith('--') && w.length > 2) {
      const eq = w.indexOf('=');
      const name = eq < 0 ? w.slice(2) : w.slice(2, eq);
      if (eq >= 0) options.push({ name, flag: w.slice(0, eq), value: w.slice(eq + 1), index: k });
      else if (spec.valued.has(name) && k + 1 < args.length) {
        options.push({ name, flag: w, value: args[k + 1]!, index: k });
        k++;
      } else options.push({ name, flag: w, index: k });
      k++;
      continue;
    }
    if (w.startsWith('-') && w.length > 1 && !/^-\d/.test(w)) {
      // A cluster: `-it`, `-itd`, `-p8080:80`, `-v/x:/y`. A valued letter takes the rest or the next word.
      for (let c = 1; c < w.length; c++) {
        const letter = w[c]!;
        const name = spec.aliases[letter] ?? letter;
        if (spec.valued.has(name)) {
          const rest = w.slice(c + 1);
          if (rest) options.push({ name, flag: w, value: rest.replace(/^=/, ''), index: k });
          else if (k + 1 < args.length) {
            options.push({ name, flag: w, value: args[k + 1]!, index: k });
            k++;
          } else options.push({ name, flag: w, index: k });
          break;
        }
        options.push({ name, flag: w, index: k });
      }
      k++;
      continue;
    }
    operands.push(w);
    k++;
    if (spec.stopAtOperand) {
      operands.push(...args.slice(k));
      break;
    }
  }
  return { options, operands };
}

/** The options named `name` (long name, aliases already applied). */
export function optionsNamed(parsed: ParsedArgs, ...names: string[]): ParsedOption[] {
  return parsed.options.filter((o) => names.includes(o.name));
}
