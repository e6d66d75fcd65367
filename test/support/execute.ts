/**
 * Runs a job's shell sessions for real, in bash, the way its CI system would, with every program
 * the commands call replaced by a stub that logs its call and exits with a code the scenario
 * picks. The log and the job's status are what the execution check compares between a
 * translation's input and output: where the behaviour model says two jobs agree, bash must too.
 *
 * Each job run gets one temporary directory holding a checkout, a home, the stubs and the log;
 * PATH holds only the stubs and logging wrappers around a few harmless real tools, sessions run
 * with a minimal environment and, where the kernel allows it, in a user namespace without a
 * network, so nothing can reach the network or the machine's own programs by name.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import type { JobModel, ShellSession } from '../../src/behaviour/types.js';
import { standardEvents } from '../../src/behaviour/events.js';
import { splitCommands, type SimpleCommand } from '../../src/docker/shell-words.js';
import { formats } from '../../src/formats/registry.js';
import type { FormatId } from '../../src/ir/types.js';
import { predefinedVariables } from '../../src/rules/predefined-variables.js';

/** How one stub decides its exit code: the first rule whose program and argument match wins; none matching means 0. */
export interface StubRule {
  /** Matched against the program's base name (`make`, `integration` for `./bin/integration`). */
  program: RegExp;
  /** When given, one of the first two arguments must match one of these shell patterns too (`test`, `test:*`). */
  argument?: readonly string[];
  exitCode: number;
}

export interface Scenario {
  name: string;
  rules: readonly StubRule[];
}

/** Words that name a test run: `make test`, `npm run test`, `bundle exec rspec`, `./manage.py test`. */
const testWord = ['test', 'tests', 'spec', 'rspec', 'pytest', 'check', 'integration', 'test:*', '*:test'];

export const scenarios: Record<'allPass' | 'testsFail', Scenario> = {
  allPass: { name: 'all pass', rules: [] },
  testsFail: {
    name: 'tests fail',
    rules: [
      // Probes answer: the service they wait for is up.
      { program: /^(nc|curl|wget|ping|pg_isready|dockerize|wait-for-it|mysqladmin|redis-cli)$/, exitCode: 0 },
      { program: /^(pytest|py\.test|rspec|jest|mocha|phpunit|tox|nosetests|nose2|karma|ctest|prove|cucumber)$/, exitCode: 1 },
      { program: /(^|[-_.])(test|tests|spec|integration)([-_.]|$)/, exitCode: 1 },
      { program: /./, argument: testWord, exitCode: 1 },
    ],
  },
};

/** What a CI system does around a session that its configuration does not spell. */
export interface ExecutionSystem {
  /** Lines the CI system runs first in every session's shell. */
  prelude?: string;
  /** Variables the CI system sets to the checkout directory. */
  workingDirectoryVariables: readonly string[];
  /** Other variables the CI system sets, with their values. */
  variables?: Readonly<Record<string, string>>;
  /** A variable naming a file every session's bash sources first (CircleCI's `BASH_ENV`). */
  sourcedEnvironmentFile?: string;
  /** A variable holding the job's result in the sessions whose status is ignored (GitLab `after_script`). */
  jobStatus?: { variable: string; failed: string };
  /** Lines a writer adds that stand for nothing the source ran (a Docker client install): not run here. */
  fillerCommands?: readonly string[];
}

/**
 * GitLab's runner writes `set -eo pipefail` at the top of the bash script it makes of a job's
 * `before_script` + `script` (and of `after_script`), so the first failing line ends the job
 * (https://gitlab.com/gitlab-org/gitlab-runner/-/issues/25394). The semantics record names the
 * shell as plain `bash`, so the flags are added here.
 */
const preludes: Partial<Record<FormatId, string>> = { gitlab: 'set -eo pipefail' };

/**
 * The repository's name, one row of mappings/variables.yml read by meaning: the checkout is
 * ~/project, which is where CircleCI 1.0's `~/$CIRCLE_PROJECT_REPONAME` leads. Other predefined
 * variables stay unset on both sides (a variable set on one side only, such as GitLab's
 * CI_COMMIT_SHORT_SHA, which the table does not hold, would make runs differ that CI would not).
 */
function predefinedValues(format: FormatId): Record<string, string> {
  const name = predefinedVariables.find((row) => row.meaning === 'repository name')?.[format];
  return name ? { [name]: 'project' } : {};
}

/** How `format`'s CI system runs sessions, for a push to the default branch. */
export function systemOf(format: FormatId): ExecutionSystem {
  const semantics = formats[format].semantics;
  const workingDirectoryVariables = [...semantics.predefined].filter(([, meaning]) => meaning === 'working directory').map(([name]) => name);
  const push = standardEvents().find((e) => e.id === 'default-branch')!;
  const prelude = preludes[format];
  return {
    workingDirectoryVariables,
    variables: { ...predefinedValues(format), ...semantics.eventVariables(push) },
    ...(prelude ? { prelude } : {}),
    ...(semantics.sourcedEnvironmentFile ? { sourcedEnvironmentFile: semantics.sourcedEnvironmentFile } : {}),
    ...(semantics.jobStatus ? { jobStatus: semantics.jobStatus } : {}),
    ...(semantics.fillerCommands ? { fillerCommands: semantics.fillerCommands } : {}),
  };
}

export interface ExecutionResult {
  /** Stub calls in order: `make test`, with `  (in sub)` when it ran outside the checkout root. */
  log: string[];
  passed: boolean;
}

export interface ExecuteOptions {
  system?: ExecutionSystem;
  /**
   * Jobs whose programs and directories make up the sandbox (default: the job itself). Two jobs
   * compared with each other get the same sandbox, so only what their commands do differs.
   */
  layoutFrom?: readonly JobModel[];
  /** Time for the whole job (default 10 s); a session still running then fails the job. */
  timeoutMs?: number;
}

/** Why a job cannot run here, or undefined when it can. */
export function notExecutable(job: JobModel, maxCommands = 50): string | undefined {
  const commands = job.sessions.reduce((n, s) => n + s.commands.length, 0);
  if (commands > maxCommands) return `${commands} commands`;
  for (const session of job.sessions) {
    if (isOpaque(session)) continue;
    const program = shellWords(session)[0] ?? 'bash';
    if (!shellPrograms.has(basename(program))) return `shell ${session.shell}`;
  }
  return undefined;
}

const shellPrograms = new Set(['bash', 'sh']);

/** Flags that would read the machine's own profile files (and with them its PATH): left out. */
const droppedFlags = new Set(['--login', '-l', '-i']);

/** Runs of the same sessions in the same sandbox and scenario give the same result: each is run once. */
const results = new Map<string, ExecutionResult>();

/** How many job runs bash did, how many a cached run answered, and the time bash took. */
export const executionStats = { runs: 0, cached: 0, milliseconds: 0, notFound: 0, samples: [] as string[] };

export function executeJob(job: JobModel, scenario: Scenario, options: ExecuteOptions = {}): ExecutionResult {
  const reason = notExecutable(job, Number.POSITIVE_INFINITY);
  if (reason) throw new Error(`job ${job.key} cannot run in bash: ${reason}`);
  const system = options.system ?? { workingDirectoryVariables: [] };
  const layout = layoutOf(options.layoutFrom ?? [job]);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const key = JSON.stringify([job.sessions.map(({ origin: _, ...s }) => ({ ...s, environment: Object.entries(s.environment).map(([n, v]) => [n, v.value, v.expansion]) })), scenario.name, scenario.rules.map((r) => [r.program.source, r.argument, r.exitCode]), system, [...layout.directories], [...layout.entered], [...layout.read], [...layout.programs], timeoutMs]);
  const known = results.get(key);
  if (known) {
    executionStats.cached++;
    return known;
  }
  const startedAt = performance.now();
  const sandbox = createSandbox(layout, scenario, system);
  try {
    const driver = join(sandbox.root, 'job.sh');
    writeFileSync(driver, jobScript(sandbox, job, system, timeoutMs));
    const env: Record<string, string> = { PATH: sandbox.bin, HOME: sandbox.home, LANG: 'C.UTF-8' };
    Object.assign(env, system.variables);
    for (const name of system.workingDirectoryVariables) env[name] = sandbox.checkout;
    if (system.sourcedEnvironmentFile) env[system.sourcedEnvironmentFile] = sandbox.bashEnv;
    const [command, ...args] = networkIsolated ? [unshare!, ...namespaceFlags, realPath('sh'), driver] : [realPath('sh'), driver];
    // stderr is a pipe so the run also waits for what a session left running in the background.
    const run = spawnSync(command!, args, { cwd: sandbox.checkout, env, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024, timeout: networkIsolated ? timeoutMs : timeoutMs + 2_000, killSignal: 'SIGKILL' });
    const result = { log: readLog(sandbox), passed: run.status === 0 && !run.error };
    // Runs where bash found no program or file under a name: the stubs do not cover that call.
    const missing = /^.*(?:command not found|No such file or directory).*$/m.exec(String(run.stderr ?? ''));
    if (missing) {
      executionStats.notFound++;
      if (executionStats.samples.length < 40) executionStats.samples.push(missing[0].replaceAll(sandbox.root, '/sandbox'));
    }
    results.set(key, result);
    return result;
  } finally {
    rmSync(sandbox.root, { recursive: true, force: true });
    executionStats.runs++;
    executionStats.milliseconds += performance.now() - startedAt;
  }
}

/**
 * The job as one driver script that starts each session as its own bash process, in order: a
 * session runs when its `when` allows it, and its failure fails the job unless its status is
 * ignored; without `continueOnFailure` the failure also skips later `on_success` sessions. A
 * background session is waited for (its stubs return at once) so the log keeps its order.
 */
function jobScript(sandbox: Sandbox, job: JobModel, system: ExecutionSystem, timeoutMs: number): string {
  const lines = ['failed=0', 'stopped=0'];
  const seconds = Math.max(timeoutMs / 1000, 0.1).toFixed(1);
  job.sessions.forEach((session, index) => {
    const condition = session.when === 'always' ? 'true' : session.when === 'on_success' ? '[ $stopped = 0 ]' : '[ $failed = 1 ]';
    let run: string;
    if (isOpaque(session)) {
      run = `printf '%s\\n' ${quote(session.commands[0]!)} >> ${quote(sandbox.log)}`;
    } else {
      const script = join(sandbox.root, `session-${index}.sh`);
      writeFileSync(script, sessionScript(sandbox, session, system));
      const [program = 'bash', ...flags] = shellWords(session);
      const shell = basename(program) === 'sh' ? realPath('sh') : hostBash;
      const bound = networkIsolated ? [] : [realPath('timeout'), '-s', 'KILL', seconds];
      // This machine's sh may be dash, which has no pipefail (Alpine's busybox sh has it): dropped there.
      const kept = flags.filter((f) => !droppedFlags.has(f));
      const shellFlags = shell === hostBash ? kept : kept.flatMap((f, i) => (f === 'pipefail' || (f === '-o' && kept[i + 1] === 'pipefail') ? [] : [f === '-eo' && kept[i + 1] === 'pipefail' ? '-e' : f]));
      const argv = [...bound, shell, ...shellFlags, script].map(quote).join(' ');
      run = `(cd ${quote(directoryOf(sandbox, session.directory))} && exec ${argv})`;
    }
    if (system.jobStatus) {
      // GitLab sets CI_JOB_STATUS to `running` while the script runs and to the job's result in
      // after_script (https://docs.gitlab.com/ci/variables/predefined_variables/).
      const { variable, failed } = system.jobStatus;
      lines.push(session.failsJob ? `export ${variable}=running` : `if [ $failed = 1 ]; then export ${variable}=${quote(failed)}; else export ${variable}=success; fi`);
    }
    const onFailure = session.background || !session.failsJob ? ':' : session.continueOnFailure ? 'failed=1' : 'failed=1; stopped=1';
    lines.push(`if ${condition}; then ${run} || { ${onFailure}; }; fi`);
  });
  lines.push('exit $failed');
  return `${lines.join('\n')}\n`;
}

/**
 * The stubs' calls, with the sandbox's paths as a job would see them (`~`, `/x`). Calls made by
 * the commands of one pipeline start together, so their order is the shell's scheduling, not the
 * job's: each such run is put in sorted order.
 */
function readLog(sandbox: Sandbox): string[] {
  const entries = readFileSync(sandbox.log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => line.replaceAll(sandbox.checkout, '~/project').replaceAll(sandbox.home, '~').replaceAll(sandbox.outside, '').replaceAll(sandbox.root, '/sandbox'));
  const out: string[] = [];
  for (let i = 0; i < entries.length; ) {
    if (!entries[i]!.startsWith(pipeMark)) {
      out.push(entries[i++]!);
      continue;
    }
    const run: string[] = [];
    while (i < entries.length && entries[i]!.startsWith(pipeMark)) run.push(entries[i++]!.slice(pipeMark.length));
    out.push(...run.sort());
  }
  return out;
}

/** Marks a call whose standard input or output is a pipe: part of a pipeline or a `$(…)`. */
const pipeMark = '\u0001';

// ---------------------------------------------------------------------------------------------
// The sandbox
// ---------------------------------------------------------------------------------------------

interface Sandbox {
  root: string;
  home: string;
  checkout: string;
  /** Stands for `/` when a session's directory is absolute. */
  outside: string;
  bin: string;
  log: string;
  bashEnv: string;
}

/** Real tools kept (behind a logging wrapper): harmless, and commands read their output. */
const realTools = ['cat', 'grep', 'mkdir', 'tee', 'touch', 'env', 'bash', 'sh'];
/** Wrappers that only change how a program runs: they run it, so the log shows the program. */
const transparentWrappers = new Set(['sudo', 'nohup']);

const hostBash = locate('bash');
/**
 * `unshare`: user, network and process namespaces, where the kernel allows them: no network
 * device but the loopback, and killing the job at its time limit kills every process it started.
 * Elsewhere PATH alone keeps programs away, and each session runs under `timeout`.
 */
const unshare = findProgram('unshare');
const namespaceFlags = ['-rn', '--pid', '--fork', '--kill-child'];
export const networkIsolated = unshare !== undefined && spawnSync(unshare, [...namespaceFlags, hostBash, '-c', 'exit 0'], { stdio: 'ignore' }).status === 0;
const shellWordsOfBash = new Set(spawnSync(hostBash, ['-c', 'compgen -b; compgen -k'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean));

function findProgram(program: string): string | undefined {
  const found = spawnSync('/bin/sh', ['-c', `command -v ${program}`], { encoding: 'utf8' }).stdout.trim();
  return found.startsWith('/') ? found : undefined;
}

function locate(program: string): string {
  const found = findProgram(program);
  if (!found) throw new Error(`${program} is not installed`);
  return found;
}

const realPaths = new Map<string, string>();
function realPath(tool: string): string {
  return realPaths.get(tool) ?? realPaths.set(tool, locate(tool)).get(tool)!;
}

/** What a sandbox holds for some jobs: the directories their sessions start in or enter, and the programs they call. */
interface Layout {
  /** Session directories as the model gives them. */
  directories: Set<string>;
  /** Relative `cd` targets, made under every session directory. */
  entered: Set<string>;
  /** Relative files the commands read with `<`, made (empty) under every session directory. */
  read: Set<string>;
  programs: Set<string>;
}

function layoutOf(jobs: readonly JobModel[]): Layout {
  const sessions = jobs.flatMap((j) => j.sessions).filter((s) => !isOpaque(s));
  const commands = sessions.flatMap((s) => s.commands.flatMap((c) => commandsIn(c)));
  const entered = commands.flatMap((c) => (c.argv[0] === 'cd' && c.argv.length === 2 && isPlainRelative(c.argv[1]!) ? [c.argv[1]!] : []));
  const read = commands.flatMap((c) => c.redirects.flatMap((r) => (r.op === '<' && r.target && isPlainRelative(r.target) ? [r.target] : [])));
  const programs = commands.flatMap((c) => [...c.wrappers, ...(c.argv[0] ? [c.argv[0]] : [])]);
  return { directories: new Set(sessions.map((s) => s.directory).sort()), entered: new Set(entered.sort()), read: new Set(read.sort()), programs: new Set(programs.sort()) };
}

function createSandbox(layout: Layout, scenario: Scenario, system: ExecutionSystem): Sandbox {
  const root = mkdtempSync(join(tmpdir(), 'ciport-exec-'));
  const home = join(root, 'home');
  const sandbox: Sandbox = { root, home, checkout: join(home, 'project'), outside: join(root, 'outside'), bin: join(root, 'bin'), log: join(root, 'log'), bashEnv: join(root, 'bash-env') };
  for (const dir of [sandbox.checkout, sandbox.outside, sandbox.bin]) mkdirSync(dir, { recursive: true });
  writeFileSync(sandbox.log, '');
  if (system.sourcedEnvironmentFile) writeFileSync(sandbox.bashEnv, '');
  const directories = new Set([sandbox.checkout, ...[...layout.directories].map((d) => directoryOf(sandbox, d))]);
  for (const dir of directories) mkdirSync(dir, { recursive: true });
  // The checkout holds the directories its commands enter, as a real one would.
  for (const target of layout.entered) for (const base of directories) makeInside(sandbox, join(base, target));
  for (const file of layout.read) {
    for (const base of directories) {
      const path = join(base, file);
      if (!isInside(sandbox.root, path) || existsSync(path)) continue;
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, '');
    }
  }
  for (const program of layout.programs) {
    if (shellWordsOfBash.has(program) || program.includes('$') || program.includes('`')) continue;
    if (!program.includes('/')) {
      if (/^[A-Za-z0-9_.+-]+$/.test(program)) writeStub(sandbox, join(sandbox.bin, program), program, scenario);
      continue;
    }
    // `./bin/integration`: a script of the repository, found wherever the job's sessions start.
    if (!isPlainRelative(program)) continue;
    for (const base of directories) {
      const file = join(base, program);
      if (isInside(sandbox.root, file)) writeStub(sandbox, file, relative(sandbox.checkout, file), scenario);
    }
  }
  return sandbox;
}

/** The simple commands of a text, with those of `trap` actions and `eval` strings, which bash runs too. */
function commandsIn(text: string, depth = 0): readonly SimpleCommand[] {
  const commands = splitCommands(text);
  if (depth > 2) return commands;
  return commands.flatMap((c) => {
    const [program, ...args] = c.argv;
    const inner = program === 'trap' && args.length >= 2 ? args[0]! : program === 'eval' ? args.join(' ') : undefined;
    return inner === undefined ? [c] : [c, ...commandsIn(inner, depth + 1)];
  });
}

function isPlainRelative(path: string): boolean {
  return !isAbsolute(path) && !path.startsWith('~') && !/[$`*?]/.test(path);
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

function makeInside(sandbox: Sandbox, dir: string): void {
  if (isInside(sandbox.root, dir)) mkdirSync(dir, { recursive: true });
}

/** A session's directory in the sandbox: relative to the checkout, `~` in the home, `/x` under `outside`. */
function directoryOf(sandbox: Sandbox, directory: string): string {
  if (directory === '.' || /^\$\{?(CI_PROJECT_DIR|CIRCLE_WORKING_DIRECTORY)\}?$/.test(directory)) return sandbox.checkout;
  if (directory === '~' || directory.startsWith('~/')) return join(sandbox.home, directory.slice(1));
  if (directory.startsWith('/')) return join(sandbox.outside, directory);
  const dir = join(sandbox.checkout, directory.replace(/^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?\/?/, ''));
  return isInside(sandbox.root, dir) ? dir : sandbox.checkout;
}

const quote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

/**
 * A stub appends its call to the log, with the directory it ran in when that is not the checkout
 * root, then exits as the scenario says (or, for a kept tool or a transparent wrapper, runs it).
 */
function writeStub(sandbox: Sandbox, file: string, name: string, scenario: Scenario): void {
  const program = basename(name);
  const lines = [
    // POSIX sh, which starts faster than bash: stubs run for every call the commands make.
    `#!${realPath('sh')}`,
    // Where it ran, in words that do not depend on the sandbox's own path.
    `case "$PWD" in ${quote(sandbox.checkout)}) where="" ;; ${quote(sandbox.checkout + '/')}*) where="  (in \${PWD#${quote(sandbox.checkout + '/')}})" ;;`,
    `  ${quote(sandbox.home)}*) where="  (in ~\${PWD#${quote(sandbox.home)}})" ;; ${quote(sandbox.outside)}*) where="  (in \${PWD#${quote(sandbox.outside)}})" ;; *) where="  (in $PWD)" ;; esac`,
  ];
  if (transparentWrappers.has(program)) {
    lines.push('while [ "${1#-}" != "$1" ]; do case "$1" in -u|-g|-C|-h|-p) shift 2 ;; *) shift ;; esac; done', 'exec "$@"');
  } else {
    lines.push(`mark=""; { [ -p /dev/stdin ] || [ -p /dev/stdout ]; } && mark='${pipeMark}'`);
    lines.push(`printf '%s\\n' "$mark"${quote(name)}"\${*:+ $*}$where" >> ${quote(sandbox.log)}`);
    if (realTools.includes(program) && file.startsWith(sandbox.bin)) {
      lines.push(`exec ${quote(realPath(program))} "$@"`);
    } else {
      // A program fed by a pipe reads what it is fed (`echo "$TOKEN" | docker login --password-stdin`),
      // so the writer never dies of a closed pipe, which `pipefail` would turn into a failure.
      lines.push(`[ -p /dev/stdin ] && ${quote(realPath('cat'))} > /dev/null`);
      for (const rule of scenario.rules) {
        if (!rule.program.test(program)) continue;
        if (!rule.argument) {
          lines.push(`exit ${rule.exitCode}`);
          break;
        }
        const patterns = rule.argument.filter((p) => /^[A-Za-z0-9:*_.-]+$/.test(p));
        lines.push(`for a in "$1" "$2"; do case $a in ${patterns.join('|')}) exit ${rule.exitCode} ;; esac; done`);
      }
      lines.push('exit 0');
    }
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${lines.join('\n')}\n`);
  chmodSync(file, 0o755);
}

// ---------------------------------------------------------------------------------------------
// One session
// ---------------------------------------------------------------------------------------------

/** `<step name>`: a step the model could not read, standing for one command that does its part. */
function isOpaque(session: ShellSession): boolean {
  return session.shell === undefined && session.commands.length === 1 && /^<step [^\n]*>$/.test(session.commands[0]!);
}

function shellWords(session: ShellSession): string[] {
  return session.shell ? (splitCommands(session.shell)[0]?.argv ?? []) : [];
}

/**
 * The session's script: the CI system's prelude, the session's variables, then its commands as
 * one text, so an `exit`, `cd`, `export` or `set` in one line reaches the lines after it.
 */
function sessionScript(sandbox: Sandbox, session: ShellSession, system: ExecutionSystem): string {
  const lines: string[] = [];
  if (system.prelude) lines.push(system.prelude);
  for (const [name, { value, expansion }] of Object.entries(session.environment)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) continue;
    if (expansion === 'literal') lines.push(`export ${name}=${quote(value)}`);
    else lines.push(`export ${name}="${(expansion === 'ci' ? value.replaceAll('$$', '\\$') : value).replace(/["\\`]/g, (c) => `\\${c}`)}"`);
  }
  // Whatever the job sets PATH to, its programs are the stubs (the image's directories are not here).
  lines.push(`export PATH=${quote(sandbox.bin)}`);
  if (basename(shellWords(session)[0] ?? 'bash') === 'bash' && backgroundsCommands(session)) {
    // A command sent to the background with `&` logs before the next one starts: bash pauses
    // briefly before each command of this session, so the log's order does not race.
    lines.push('exec {ciport_pause}<> <(:)', "trap 'read -t 0.1 -u $ciport_pause || :' DEBUG");
  }
  const filler = new Set(system.fillerCommands ?? []);
  lines.push(session.commands.map((c) => (filler.size ? c.split('\n').filter((line) => !filler.has(line.trim())).join('\n') : c)).join('\n'));
  return `${lines.join('\n')}\n`;
}

function backgroundsCommands(session: ShellSession): boolean {
  return session.commands.some((c) => splitCommands(c).some((s) => s.terminator === '&'));
}
