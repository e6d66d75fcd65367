/** What a job is and does inside itself, independent of the event: sessions, environment, engine, files. */
import type { CacheKey, Job, Origin, Pipeline, Step, Variable } from '../ir/types.js';
import { lacksBash } from '../docker/image-shell.js';
import { splitCommands, type SimpleCommand } from '../docker/shell-words.js';
import type { FormatSemantics } from './semantics.js';
import type { CacheModel, DockerEngine, EnvironmentValue, JobModel, ServiceModel, ShellSession } from './types.js';

export function jobModel(pipeline: Pipeline, job: Job, key: string, semantics: FormatSemantics): JobModel {
  const jobDir = normalizePath(job.workingDirectory ?? semantics.defaultWorkingDirectory);
  const checkoutStep = job.steps.find((s) => s.kind === 'checkout');
  const checkoutDir = checkoutStep?.kind === 'checkout' && checkoutStep.path ? resolvePath(jobDir, checkoutStep.path) : jobDir;
  const baseEnvironment = environmentOf([...(pipeline.variables ?? []), ...imageEnvironment(job), ...(job.environment ?? [])], semantics);
  const model: JobModel = {
    key,
    name: job.id,
    services: (job.services ?? []).map((service): ServiceModel => {
      const { image, tag } = splitImage(service.name);
      return { image, ...(tag ? { tag } : {}), hosts: semantics.serviceHosts(service), ...(service.origin ? { origin: service.origin } : {}) };
    }),
    engine: (job.executor && semantics.executorEngines?.[job.executor.kind]) ?? 'none',
    checkout: Boolean(checkoutStep),
    sessions: [],
    caches: [],
    publishes: [],
    receives: false,
    ...(job.executor ? { executor: job.executor.kind } : {}),
    ...(job.executor?.kind === 'docker' ? { image: job.executor.image.name } : job.executor?.kind === 'machine' && job.executor.image ? { image: job.executor.image } : {}),
    ...(job.parallelism && job.parallelism > 1 ? { parallelism: job.parallelism } : {}),
    ...(job.origin ? { origin: job.origin } : {}),
  };
  const image = job.executor?.kind === 'docker' ? job.executor.image.name : undefined;
  const jobShell = job.shell ?? (image !== undefined && lacksBash(image) ? semantics.shellWithoutBash : undefined);
  const sessions = new SessionBuilder(semantics, jobDir, checkoutDir, baseEnvironment, jobShell);
  for (const step of job.steps) addStep(model, sessions, step, semantics, jobDir);
  model.sessions = sessions.finish();
  return model;
}

function addStep(model: JobModel, sessions: SessionBuilder, step: Step, semantics: FormatSemantics, jobDir: string): void {
  switch (step.kind) {
    case 'run':
      sessions.add(step);
      return;
    case 'docker-daemon':
      model.engine = engineOf(step.engine, step.tls);
      if (step.origin) model.engineOrigin = step.origin;
      if (step.version) model.engineVersion = step.version;
      return;
    case 'cache-save':
      model.caches.push({ key: keyText(step.key), mutable: semantics.cacheKeysMutable || hasUniquePart(step.key), paths: [...step.paths].sort(), ...origin(step.origin) });
      return;
    case 'workspace-persist':
      // Relative to the job's directory, as artifact paths are, so both formats' paths compare.
      model.publishes.push(...step.paths.map((p) => relativeTo(jobDir, resolvePath(resolvePath(jobDir, step.root), p))));
      return;
    case 'artifacts':
      if (semantics.artifactsReachLaterJobs) model.publishes.push(...step.paths.map((p) => relativeTo(jobDir, resolvePath(jobDir, p))));
      return;
    case 'workspace-attach':
      model.receives = true;
      return;
    case 'conditional':
      // Steps behind a 2.1 `when` that stayed unresolved: their commands still belong to the job.
      for (const inner of step.steps) addStep(model, sessions, inner, semantics, jobDir);
      return;
    case 'unmapped':
      // A step no rule understood runs something the model cannot see; it stands as one command.
      sessions.addOpaque(`<step ${step.name}>`, step.origin);
      return;
    default:
      return;
  }
}

class SessionBuilder {
  private readonly sessions: ShellSession[] = [];
  private openGroup: number | undefined;

  constructor(
    private readonly semantics: FormatSemantics,
    private readonly jobDir: string,
    private readonly checkoutDir: string,
    private environment: Record<string, EnvironmentValue>,
    private readonly jobShell: string | undefined,
  ) {}

  /** What steps appended to the environment file, for the shells that read it. */
  private fileExports: Record<string, EnvironmentValue> = {};

  add(step: Extract<Step, { kind: 'run' }>): void {
    const file = this.semantics.sourcedEnvironmentFile;
    const exported = file ? sourcedExports(step.command, file) : undefined;
    if (exported && !step.background && (step.when ?? 'on_success') === 'on_success') {
      // A step that only appends exports to the sourced file sets variables for the steps after it.
      this.fileExports = { ...this.fileExports };
      for (const [name, value] of exported) this.fileExports[name] = { value: aliasOf(value, this.semantics), expansion: 'shell', fromFile: true, ...origin(step.origin) };
      this.openGroup = undefined;
      return;
    }
    const group = step.phase === undefined ? -1 : this.semantics.sharedShellPhases.findIndex((g) => g.includes(step.phase!));
    const current = this.sessions.at(-1);
    const when = step.when ?? 'on_success';
    if (group >= 0 && this.openGroup === group && current && !step.background && current.when === when) {
      current.commands.push(step.command);
      return;
    }
    const directory = relativeTo(this.checkoutDir, step.workingDirectory ? resolvePath(this.jobDir, step.workingDirectory) : this.jobDir);
    const shell = step.shell ?? this.jobShell ?? this.semantics.defaultShell;
    const inherited = this.inherited(shell, step.command);
    const environment = step.environment?.length ? { ...inherited, ...environmentOf(step.environment, this.semantics) } : inherited;
    this.sessions.push({
      commands: [step.command],
      when,
      background: Boolean(step.background),
      failsJob: !(step.phase !== undefined && this.semantics.statusIgnoredPhases.includes(step.phase)),
      continueOnFailure: Boolean(step.continueOnFailure),
      directory,
      shell,
      environment,
      ...origin(step.origin),
    });
    this.openGroup = group >= 0 && !step.background ? group : undefined;
  }

  /** The environment a session starts with: the file's exports only where its shell reads the file. */
  private inherited(shell: string, command: string): Record<string, EnvironmentValue> {
    const file = this.semantics.sourcedEnvironmentFile;
    if (file === undefined || !Object.keys(this.fileExports).length) return this.environment;
    // Only bash reads the environment file by itself; another shell sees it where the step sources it.
    const readsFile = /(^|\/)bash(\s|$)/.test(shell) || sourcesFirst(command, file);
    return readsFile ? { ...this.environment, ...this.fileExports } : this.environment;
  }

  addOpaque(text: string, at: Origin | undefined): void {
    this.openGroup = undefined;
    this.sessions.push({
      commands: [text],
      when: 'on_success',
      background: false,
      failsJob: true,
      continueOnFailure: false,
      directory: '.',
      environment: this.inherited(this.jobShell ?? this.semantics.defaultShell, text),
      ...origin(at),
    });
  }

  finish(): ShellSession[] {
    return this.sessions;
  }
}

/**
 * `echo "export NAME=value" >> "$BASH_ENV"` lines, read with the shell word reader: the variables a
 * step hands to later steps through the file their shells source. Undefined when the step does
 * anything else.
 */
export function sourcedExports(command: string, file: string): Map<string, string> | undefined {
  if (!command.includes(file)) return undefined;
  const exports = new Map<string, string>();
  const targets = fileReferences(file);
  const commands = splitCommands(command);
  if (!commands.length) return undefined;
  for (const c of commands) {
    // Commands inside a substitution compute an exported value (a shim's `$(printf … | tr …)`);
    // the top-level commands decide what the step does.
    if (c.depth > 0) continue;
    // A shell without bash sources the file first to see what earlier steps exported.
    if (sourcesFile(c, targets)) continue;
    const [program, line, ...rest] = c.argv;
    const redirect = c.redirects[0];
    if (program !== 'echo' || rest.length || c.redirects.length !== 1 || redirect?.op !== '>>' || !targets.has(redirect.target ?? '')) return undefined;
    const match = /^export\s+([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(line ?? '');
    if (!match) return undefined;
    exports.set(match[1]!, unquote(match[2]!));
  }
  return exports;
}

/** Whether a step first sources the environment file (`. "$BASH_ENV"`), as a shell without bash must. */
function sourcesFirst(command: string, file: string): boolean {
  if (!command.includes(file)) return false;
  const first = splitCommands(command).find((c) => c.depth === 0);
  return first !== undefined && sourcesFile(first, fileReferences(file));
}

/** `. "$BASH_ENV"` or `source "$BASH_ENV"`: a command that reads the file into its shell. */
function sourcesFile(command: SimpleCommand, targets: ReadonlySet<string>): boolean {
  const [program, path, ...rest] = command.argv;
  return (program === '.' || program === 'source') && targets.has(path ?? '') && !rest.length && !command.redirects.length;
}

/** How a command names the file: `$BASH_ENV` or `${BASH_ENV}` (quotes are gone from the words). */
function fileReferences(file: string): ReadonlySet<string> {
  return new Set([`$${file}`, `\${${file}}`]);
}

function unquote(value: string): string {
  const quote = value[0];
  return (quote === '"' || quote === "'") && value.endsWith(quote) && value.length >= 2 ? value.slice(1, -1) : value;
}

/** A shim's computed value (`$((CIRCLE_NODE_INDEX + 1))`) as the predefined variable it stands for. */
function aliasOf(value: string, semantics: FormatSemantics): string {
  const own = semantics.computedAliases?.get(value);
  return own ? `\${${own}}` : value;
}

function environmentOf(variables: readonly Variable[], semantics: FormatSemantics): Record<string, EnvironmentValue> {
  const out: Record<string, EnvironmentValue> = {};
  for (const v of variables) {
    out[v.name] = { value: v.expand ? aliasOf(v.value, semantics) : v.value, expansion: v.expand ? semantics.expandedVariables : 'literal', ...origin(v.origin) };
  }
  return out;
}

function imageEnvironment(job: Job): Variable[] {
  return job.executor?.kind === 'docker' ? (job.executor.image.environment ?? []) : [];
}

function engineOf(engine: 'local' | 'remote' | 'dind' | 'socket', tls: boolean | undefined): DockerEngine {
  if (engine === 'dind') return tls === false ? 'dind' : 'dind-tls';
  return engine;
}

export function splitImage(name: string): { image: string; tag?: string } {
  const digest = name.indexOf('@');
  if (digest >= 0) return { image: name.slice(0, digest), tag: name.slice(digest + 1) };
  const colon = name.lastIndexOf(':');
  if (colon > name.lastIndexOf('/')) return { image: name.slice(0, colon), tag: name.slice(colon + 1) };
  return { image: name };
}

function keyText(key: CacheKey): string {
  return key.parts
    .map((part) => {
      switch (part.kind) {
        case 'literal':
          return part.value;
        case 'checksum':
          return `{checksum:${part.files.join(',')}}`;
        case 'env':
          return `{env:${part.name}}`;
        default:
          return `{${part.kind}}`;
      }
    })
    .join('');
}

/** Parts that change on every run make a fresh key, so even an immutable cache keeps updating. */
function hasUniquePart(key: CacheKey): boolean {
  return key.parts.some((p) => p.kind === 'epoch' || p.kind === 'revision' || p.kind === 'build-number');
}

/** `$HOME` and `${HOME}` are `~`; trailing slashes and `./` segments do not matter. */
export function normalizePath(path: string): string {
  let p = path.trim().replace(/^\$\{?HOME\}?(?=\/|$)/, '~');
  p = p.replace(/\/\.(?=\/|$)/g, '').replace(/\/+$/, '');
  return p === '' ? '/' : p;
}

export function resolvePath(base: string, path: string): string {
  const p = normalizePath(path);
  if (p.startsWith('/') || p.startsWith('~') || p.startsWith('$')) return p;
  const parts = base.split('/');
  for (const segment of p.split('/')) {
    if (segment === '.' || segment === '') continue;
    if (segment === '..' && parts.length > 1) parts.pop();
    else parts.push(segment);
  }
  return parts.join('/');
}

function relativeTo(base: string, dir: string): string {
  if (dir === base) return '.';
  if (dir.startsWith(`${base}/`)) return dir.slice(base.length + 1);
  return dir;
}

function origin(at: Origin | undefined): { origin?: Origin } {
  return at ? { origin: at } : {};
}

export type { CacheModel };
