/**
 * Variables the commands of a pipeline read but nothing in the configuration sets: the secrets and
 * settings (`$DOCKER_PASS`, `$CODECOV_TOKEN`) the source project keeps in its CI settings, which the
 * target project needs too.
 */
import { isSetByFormat, providedBy, type ProvidedVariable } from '../rules/predefined-variables.js';
import type { FormatId, Origin, Pipeline } from '../ir/types.js';
import { walkSteps } from '../ir/visit.js';

export interface UndefinedVariable {
  name: string;
  /** The jobs whose commands read it, in pipeline order. */
  jobs: string[];
  /** The first command that reads it. */
  origin?: Origin;
  /** Set when the source's CI gave it every job (`CI_REGISTRY_PASSWORD`): what it held. */
  provided?: ProvidedVariable;
}

/**
 * Variables the job's environment sets without any CI setting: the shell's own (bash manual "Shell
 * Variables"; POSIX "Environment Variables") and a few every runner image or pod has.
 */
const environmentVariables = new Set([
  'HOME', 'PATH', 'PWD', 'OLDPWD', 'USER', 'LOGNAME', 'SHELL', 'HOSTNAME', 'TERM', 'LANG', 'LC_ALL', 'IFS',
  'RANDOM', 'SECONDS', 'LINENO', 'UID', 'EUID', 'PPID', 'TMPDIR', 'OPTARG', 'OPTIND', 'PIPESTATUS', 'REPLY',
  'SHLVL', 'HOSTTYPE', 'OSTYPE', 'MACHTYPE', 'DIRSTACK', 'FUNCNAME', 'GROUPS', 'HISTFILE', 'PS1', 'PS4',
  'BASH_REMATCH', 'BASH_SOURCE', 'BASH_VERSION', 'BASH_LINENO',
  // PowerShell's automatic variable for the last native exit code (about_Automatic_Variables).
  'LASTEXITCODE',
  // Kubernetes gives every pod its API server's address (the Kubernetes executor's jobs run in pods).
  'KUBERNETES_SERVICE_HOST', 'KUBERNETES_SERVICE_PORT', 'KUBERNETES_PORT',
  // The ENV of the official language images (golang, openjdk, node, python, ruby Dockerfiles).
  'GOPATH', 'GOROOT', 'JAVA_HOME', 'NODE_VERSION', 'YARN_VERSION', 'PYTHON_VERSION', 'RUBY_VERSION', 'GEM_HOME',
]);

/**
 * A reference `$NAME` or `${NAME…}` not escaped with `\`. Group 2 is an operator right after the
 * name in braces: `${NAME:-default}` (and `-`, `=`, `+`, `?`) makes the variable optional. No
 * pattern here scans ahead without bound, so long commands stay linear.
 */
const reference = /(?<!\\)\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(:?[-=+?])?|([A-Za-z_][A-Za-z0-9_]*))/g;

/** Names a command sets: `NAME=`, `export NAME`, `for NAME in`, `${NAME:=…}`. */
const readCommand = /\bread\s+([^;&|\n]*)/g;

const assignments = [
  /(?:^|[\s;&|(`"'])([A-Za-z_][A-Za-z0-9_]*)\+?=/g,
  /\b(?:export|declare|typeset|local|readonly|unset)\s+(?:-\w+\s+){0,4}([A-Za-z_][A-Za-z0-9_]*)/g,
  /\bfor\s+([A-Za-z_][A-Za-z0-9_]*)\s+in\b/g,
  /\$\{([A-Za-z_][A-Za-z0-9_]*):?=/g,
];

/**
 * Every upper-case variable a `run` command of `pipeline` reads that the configuration defines
 * nowhere (global, job, step, image, matrix, rule and parameter variables, or a command of any job
 * assigning it) and that `source` does not set itself, or sets as a value another vendor's CI
 * cannot compute (mappings/variables.yml `provided`, also when a variable's value reads it).
 * Lower-case names are left out: CI settings hold upper-case names by convention, and lower-case
 * ones are the script's own.
 */
export function undefinedVariables(pipeline: Pipeline, source: FormatId): UndefinedVariable[] {
  const commands = pipeline.jobs.flatMap((job) =>
    [...walkSteps(job.steps)].flatMap((step) => (step.kind === 'run' ? [{ job: job.id, command: step.command, origin: step.origin ?? job.origin }] : [])),
  );
  const defined = definedNames(pipeline);
  for (const { command } of commands) {
    for (const pattern of assignments) for (const match of command.matchAll(pattern)) defined.add(match[1]!);
    // `read [-p prompt] NAME…`: every plain word after it may be a name it sets.
    for (const match of command.matchAll(readCommand)) for (const word of match[1]!.matchAll(/(?:^|\s)([A-Za-z_][A-Za-z0-9_]*)(?=\s|$)/g)) defined.add(word[1]!);
  }
  const found = new Map<string, UndefinedVariable>();
  const note = (name: string, job: string, origin: Origin | undefined, provided: ProvidedVariable | undefined) => {
    let entry = found.get(name);
    if (!entry) {
      entry = { name, jobs: [], ...(origin ? { origin } : {}), ...(provided ? { provided } : {}) };
      found.set(name, entry);
    }
    if (!entry.jobs.includes(job)) entry.jobs.push(job);
  };
  // Names each job's commands read, for the global variables below.
  const readBy = new Map<string, Set<string>>();
  for (const { job, command, origin } of commands) {
    for (const match of withoutSingleQuotes(command).matchAll(reference)) {
      const name = match[1] ?? match[3]!;
      readBy.set(job, (readBy.get(job) ?? new Set()).add(name));
      if (match[2] !== undefined) continue;
      if (!/^[A-Z][A-Z0-9_]*$/.test(name) || defined.has(name) || environmentVariables.has(name)) continue;
      const provided = providedBy(source, name);
      if (!provided && isSetByFormat(source, name)) continue;
      note(name, job, origin, provided);
    }
  }
  // A provided value read through a variable (`IMAGE: $CI_REGISTRY_IMAGE/app`) is as empty, in
  // the jobs of a job variable and the jobs whose commands read a global one.
  for (const job of pipeline.jobs) {
    const globals = (pipeline.variables ?? []).filter((v) => readBy.get(job.id)?.has(v.name));
    for (const variable of [...globals, ...(job.environment ?? [])]) {
      if (variable.expand === false) continue;
      for (const match of variable.value.matchAll(reference)) {
        const name = match[1] ?? match[3]!;
        const provided = match[2] === undefined && !defined.has(name) ? providedBy(source, name) : undefined;
        if (provided) note(name, job.id, variable.origin ?? job.origin, provided);
      }
    }
  }
  return [...found.values()];
}

/** The shell expands nothing inside single quotes (`awk '{print $NF}'`). */
function withoutSingleQuotes(command: string): string {
  return command.replace(/'[^']*'/g, "''");
}

/** Every name the IR defines anywhere: lists of variables, matrix axes, parameters and secrets. */
function definedNames(pipeline: Pipeline): Set<string> {
  const names = new Set<string>();
  const visit = (value: unknown, key?: string): void => {
    if (Array.isArray(value)) {
      for (const item of value) {
        const named = key === 'variables' || key === 'environment' || key === 'parameters' || key === 'secrets';
        if (named && item && typeof item === 'object' && typeof (item as { name?: unknown }).name === 'string') names.add((item as { name: string }).name);
        else if (key === 'sets' && item && typeof item === 'object') for (const axis of Object.keys(item)) names.add(axis);
        visit(item);
      }
    } else if (value && typeof value === 'object') {
      for (const [childKey, child] of Object.entries(value)) if (childKey !== 'origin' && childKey !== 'settingOrigins') visit(child, childKey);
    }
  };
  visit(pipeline);
  return names;
}
