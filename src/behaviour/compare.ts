/**
 * Compares two behaviour models and lists every way they differ. Differences across events are
 * said once per job and kind, with the events listed.
 */
import { diffArrays } from 'diff';
import { isSecretName, isSecretValue } from '../diagnostics/secrets.js';
import { placeholderStepName } from '../ir/placeholder-text.js';
import type { Origin } from '../ir/types.js';
import { cellText, pairJobs, type MissingCells, type Pairing } from './pairing.js';
import type { FormatSemantics } from './semantics.js';
import { normalizePath, sourcedExports } from './job-model.js';
import { emulatesOriginal } from './emulation.js';
import { sessionLines } from './session-lines.js';
import { shellStateChange } from './shell-state.js';
import type { BehaviourDifference, Dependency, JobDecision, JobModel, MatrixCell, PipelineBehaviour, ShellSession, UpstreamStatus } from './types.js';

export interface Side {
  behaviour: PipelineBehaviour;
  semantics: FormatSemantics;
}

export function compareBehaviour(a: Side, b: Side): BehaviourDifference[] {
  const lines = new Map<JobModel, string[]>();
  const linesOf = (job: JobModel) => lines.get(job) ?? lines.set(job, writtenLines(job)).get(job)!;
  // How many of a job's command lines the other job also runs, as written: enough to pair jobs.
  // Pairing asks about every pair (names first, then commands), so each job of the first pipeline
  // counts its lines against all of the second's at once, through the jobs each line occurs in.
  let jobsWithLine: Map<string, string[]> | undefined;
  const shared = new Map<string, Map<string, number>>();
  const sharedWith = (x: string): Map<string, number> => {
    const known = shared.get(x);
    if (known) return known;
    jobsWithLine ??= indexLines(b.behaviour, linesOf);
    const counts = new Map<string, number>();
    for (const line of linesOf(a.behaviour.jobs[x]!)) for (const y of jobsWithLine.get(line) ?? []) counts.set(y, (counts.get(y) ?? 0) + 1);
    shared.set(x, counts);
    return counts;
  };
  const pairing = pairJobs(a.behaviour, b.behaviour, (x, y) => sharedWith(x).get(y) ?? 0, (x) => linesOf(a.behaviour.jobs[x]!).length);
  const differences = new DifferenceList();
  compareEvents(a, b, pairing, differences);
  for (const pair of pairing.pairs) {
    const aJob = a.behaviour.jobs[pair.a];
    const bJob = b.behaviour.jobs[pair.b];
    if (aJob && bJob) compareJobs(withCell(aJob, pair.aCell), withCell(bJob, pair.bCell), a.semantics, b.semantics, differences);
  }
  for (const missing of pairing.missingCells) differences.add(cellDifference(missing, a.behaviour, b.behaviour));
  return differences.list();
}

/** Each command line of a pipeline → the jobs that run it (each job once). */
function indexLines(behaviour: PipelineBehaviour, linesOf: (job: JobModel) => string[]): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const [key, job] of Object.entries(behaviour.jobs)) {
    for (const line of new Set(linesOf(job))) (index.get(line) ?? index.set(line, []).get(line)!).push(key);
  }
  return index;
}

/** The job one combination of a matrix runs: the matrix job with the combination's variables. */
function withCell(job: JobModel, cell: MatrixCell | undefined): JobModel {
  if (!cell) return job;
  const variables = Object.fromEntries(Object.entries(cell.variables).map(([name, value]) => [name, { value, expansion: 'literal' as const, ...(job.matrixOrigin ? { origin: job.matrixOrigin } : {}) }]));
  return { ...job, sessions: job.sessions.map((s) => ({ ...s, environment: { ...s.environment, ...variables } })) };
}

function cellDifference(missing: MissingCells, a: PipelineBehaviour, b: PipelineBehaviour): BehaviourDifference {
  const job = (missing.side === 'a' ? a : b).jobs[missing.key]!;
  const other = missing.side === 'a' ? 'the translation' : 'the original';
  const listed = missing.cells.slice(0, 3).map(cellText).join('; ') + (missing.cells.length > 3 ? `; … and ${missing.cells.length - 3} more` : '');
  const which = missing.cells.length ? `, and ${other} has none for ${listed}` : '';
  const at = job.matrixOrigin ?? job.origin;
  return {
    kind: 'matrix',
    job: missing.key,
    message: `job ${missing.key} runs as ${missing.counts.a} ${missing.counts.a === 1 ? 'job' : 'jobs'} in the original and ${missing.counts.b} in the translation${which}`,
    ...defined(missing.side === 'a' ? { before: at } : { after: at }),
  };
}

function writtenLines(job: JobModel): string[] {
  return job.sessions.flatMap((s) => s.commands.flatMap((c) => c.split('\n').map((l) => placeholderFor(l.trim())).filter(Boolean)));
}

/** A writer's placeholder line stands for the step it replaces (`<step name>` in the model). */
function placeholderFor(line: string): string {
  const step = placeholderStepName(line);
  return step !== undefined ? `<step ${step}>` : line;
}

/** Collects differences, merging those that repeat across events into one entry. */
class DifferenceList {
  private readonly byKey = new Map<string, BehaviourDifference & { events?: string[] }>();

  add(difference: BehaviourDifference): void {
    const key = `${difference.kind}\u0000${difference.job ?? ''}\u0000${difference.message}`;
    const known = this.byKey.get(key);
    if (!known) {
      this.byKey.set(key, { ...difference, ...(difference.event ? { events: [difference.event] } : {}) });
      return;
    }
    if (difference.event && known.events && !known.events.includes(difference.event)) known.events.push(difference.event);
  }

  list(): BehaviourDifference[] {
    return [...this.byKey.values()].map(({ events, ...d }) => (events ? { ...d, event: events.join(', ') } : d));
  }
}

// ---------------------------------------------------------------------------------------------
// Which jobs run, for each event
// ---------------------------------------------------------------------------------------------

const eventNames: Record<string, string> = {
  'default-branch': 'a push to the default branch',
  'other-branch': 'a push to another branch',
  tag: 'a tag',
  'merge-request': 'a merge request',
  schedule: 'a schedule',
  'schedule-other-branch': 'a schedule on another branch',
  'manual-start': 'a start from the UI',
};

export function describeEvent(id: string): string {
  return eventNames[id] ?? (id.startsWith('tag:') ? `tag ${id.slice(4)}` : id.startsWith('branch:') ? `branch ${id.slice(7)}` : id);
}

function compareEvents(a: Side, b: Side, pairing: Pairing, out: DifferenceList): void {
  const byA = groupBy(pairing.pairs, (p) => p.a);
  const byB = groupBy(pairing.pairs, (p) => p.b);
  // A job of one side only that runs no command, has no service, cache or files for
  // later jobs does nothing anyone sees (CircleCI 1.0 always has a build, which may run nothing
  // but deployments): neither its presence nor waiting for it changes what the pipeline does.
  const inertA = new Set(Object.keys(a.behaviour.jobs).filter((k) => !byA.has(k) && doesNothing(a.behaviour.jobs[k]!)));
  const inertB = new Set(Object.keys(b.behaviour.jobs).filter((k) => !byB.has(k) && doesNothing(b.behaviour.jobs[k]!)));
  const units: Units = {
    a: (job) => (inertA.has(job) ? undefined : pairing.unitOfA(job)),
    b: (job) => (inertB.has(job) ? undefined : pairing.unitOfB(job)),
  };
  const bEvents = new Map(b.behaviour.events.map((e) => [e.event.id, e]));
  for (const aOutcome of a.behaviour.events) {
    const bOutcome = bEvents.get(aOutcome.event.id);
    if (!bOutcome) continue;
    const event = aOutcome.event.id;
    for (const [aKey, aDecision] of Object.entries(aOutcome.jobs)) {
      const pairs = byA.get(aKey);
      if (!pairs) {
        if (!inertA.has(aKey) && aDecision.created !== false) out.add({ kind: 'job-created', event, job: aKey, message: `job ${aKey} is not in the translation`, ...defined({ before: aDecision.origin }) });
        continue;
      }
      for (const pair of pairs) {
        const bDecision = bOutcome.jobs[pair.b];
        if (bDecision) compareDecisions(aKey, aDecision, bDecision, event, units, out, { before: aDecision.origin, after: bDecision.origin }, [aOutcome.jobs, bOutcome.jobs]);
        else if (aDecision.created !== false) out.add({ kind: 'job-created', event, job: aKey, message: `job ${aKey} no longer runs`, ...defined({ before: aDecision.origin }) });
      }
    }
    for (const [bKey, bDecision] of Object.entries(bOutcome.jobs)) {
      if (bDecision.created === false) continue;
      const pairs = byB.get(bKey);
      if (!pairs) {
        if (!inertB.has(bKey)) out.add({ kind: 'job-created', event, job: bKey, message: `job ${bKey} runs, which the original does not have`, ...defined({ after: bDecision.origin }) });
        continue;
      }
      for (const pair of pairs) {
        if (aOutcome.jobs[pair.a]) continue;
        out.add({ kind: 'job-created', event, job: pair.a, message: `job ${pair.a} now runs`, ...defined({ after: bDecision.origin, before: a.behaviour.jobs[pair.a]?.origin }) });
      }
    }
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) (groups.get(key(item)) ?? groups.set(key(item), []).get(key(item))!).push(item);
  return groups;
}

/** No command line, service, Docker engine, cache or published files: nothing but its checkout. */
function doesNothing(job: JobModel): boolean {
  // A Docker engine no command uses changes nothing (a 1.0 machine's engine serves its deployments).
  return !writtenLines(job).length && !job.services.length && !job.caches.length && !job.publishes.length;
}

/** The id a job's run has on both sides (`undefined`: a job that does nothing, not waited for). */
interface Units {
  a(job: string): string | undefined;
  b(job: string): string | undefined;
}

function compareDecisions(
  key: string,
  a: JobDecision,
  b: JobDecision,
  event: string,
  units: Units,
  out: DifferenceList,
  at: { before?: Origin | undefined; after?: Origin | undefined },
  decisions: [Record<string, JobDecision>, Record<string, JobDecision>],
): void {
  const where = defined(at);
  if (a.created !== b.created) {
    // Unknown on either side (changed files, opaque expressions) is a difference only where the
    // translation decides what the original left to run time.
    const message =
      b.created === true && a.created === 'unknown'
        ? `job ${key} runs always, where the original decided at run time`
        : b.created === 'unknown' && a.created === true
          ? `job ${key} depends on a run-time condition, where the original always ran`
          : null;
    if (message) out.add({ kind: 'job-created', event, job: key, message, ...where });
  }
  if (a.gate !== b.gate) out.add({ kind: 'job-gate', event, job: key, message: `job ${key} ${gateText(a.gate)} in the original and ${gateText(b.gate)} in the translation`, ...where });
  if (a.allowFailure !== b.allowFailure) {
    out.add({ kind: 'job-allow-failure', event, job: key, message: `job ${key} ${a.allowFailure ? 'may fail without failing the pipeline' : 'fails the pipeline when it fails'} in the original, not in the translation`, ...where });
  }
  const start = compareStart(direct(a, decisions[0]), direct(b, decisions[1]), units);
  if (start) out.add({ kind: 'job-start', event, job: key, message: `job ${key} ${start}`, ...where });
}

function gateText(gate: JobDecision['gate']): string {
  switch (gate) {
    case 'automatic':
      return 'starts by itself';
    case 'manual-optional':
      return 'waits for a person without holding back later jobs';
    case 'manual-blocking':
      return 'waits for a person and holds back later jobs';
    case 'delayed':
      return 'starts after a delay';
  }
}

/**
 * Compares when two jobs start from their upstream outcomes, trying every success/failure
 * combination. Upstream jobs compare by unit: the jobs a matrix is written as are one upstream.
 */
/**
 * The decision without dependencies another one already implies: waiting for the success of a job
 * that itself waited for the success of X is waiting for X (a translation may spell the edge out,
 * as GitLab needs do to hand over a workspace layer).
 */
function direct(decision: JobDecision, jobs: Record<string, JobDecision>): JobDecision {
  // Implication holds for a job that waits for success; one that runs on a failure or always looks at every job it names.
  if (decision.when !== 'on_success') return decision;
  const onSuccess = (d: Dependency) => d.statuses.length === 1 && d.statuses[0] === 'success';
  const reach = (from: string, seen: Set<string>): Set<string> => {
    for (const d of jobs[from]?.dependencies ?? []) {
      if (!onSuccess(d) || seen.has(d.job)) continue;
      seen.add(d.job);
      reach(d.job, seen);
    }
    return seen;
  };
  const implied = new Set<string>();
  for (const d of decision.dependencies) if (onSuccess(d)) for (const up of reach(d.job, new Set())) implied.add(up);
  const kept = decision.dependencies.filter((d) => !(onSuccess(d) && implied.has(d.job)));
  return kept.length === decision.dependencies.length ? decision : { ...decision, dependencies: kept };
}

function compareStart(a: JobDecision, b: JobDecision, units: Units): string | undefined {
  const byUnit = (decision: JobDecision, unit: (job: string) => string | undefined) => {
    const deps = new Map<string, Dependency>();
    for (const d of decision.dependencies) {
      const u = unit(d.job);
      if (u !== undefined && !deps.has(u)) deps.set(u, d);
    }
    return deps;
  };
  const aDeps = byUnit(a, units.a);
  const bDeps = byUnit(b, units.b);
  const missing = [...aDeps.keys()].filter((k) => !bDeps.has(k));
  const extra = [...bDeps.keys()].filter((k) => !aDeps.has(k));
  if (missing.length || extra.length) {
    const parts: string[] = [];
    if (missing.length) parts.push(`no longer waits for ${missing.map((k) => aDeps.get(k)!.job).join(', ')}`);
    if (extra.length) parts.push(`now waits for ${extra.map((k) => bDeps.get(k)!.job).join(', ')}`);
    return parts.join(' and ');
  }
  const upstream = [...aDeps.keys()];
  if (upstream.length > 8) return undefined;
  for (let mask = 0; mask < 1 << upstream.length; mask++) {
    const outcome = new Map(upstream.map((k, i) => [k, (mask >> i) & 1 ? ('failed' as const) : ('success' as const)]));
    // A job that does nothing has no dependency here, and succeeds.
    const x = starts(a, (job) => outcome.get(units.a(job) ?? '') ?? 'success');
    const y = starts(b, (job) => outcome.get(units.b(job) ?? '') ?? 'success');
    if (x !== y) {
      const when = upstream.length ? upstream.map((k) => `${bDeps.get(k)!.job} ${outcome.get(k)}`).join(', ') : 'nothing upstream';
      return `${x ? 'runs' : 'does not run'} in the original and ${y ? 'runs' : 'does not run'} in the translation when ${when}`;
    }
  }
  return undefined;
}

function starts(decision: JobDecision, outcomeOf: (job: string) => UpstreamStatus): boolean {
  const outcomes = decision.dependencies.map((d) => ({ d, status: outcomeOf(d.job) }));
  switch (decision.when) {
    case 'always':
      return true;
    case 'on_failure':
      // A failure the dependant lets through (an upstream that may fail) is no failure here.
      return outcomes.some((o) => o.status === 'failed' && !o.d.statuses.includes('failed'));
    case 'on_success':
      return outcomes.every((o) => o.d.statuses.includes(o.status));
  }
}

// ---------------------------------------------------------------------------------------------
// What a job does inside
// ---------------------------------------------------------------------------------------------

interface Line {
  /** Normalised for comparison (service hosts and predefined variables made neutral). */
  text: string;
  /** As written, for messages. */
  shown: string;
  /** The shell process the line runs in: a session, or a `( … )` child shell inside one. */
  session: string;
  /** How the whole command changes the shell for later lines (`cd`, `exit`, …), if it does. */
  stateChange: string | undefined;
  /** A `cd <dir>` line came just before it. */
  afterCd: boolean;
  when: string;
  failsJob: boolean;
  background: boolean;
  continueOnFailure: boolean;
  directory: string;
  origin?: Origin;
}

function compareJobs(a: JobModel, b: JobModel, as: FormatSemantics, bs: FormatSemantics, out: DifferenceList): void {
  const job = a.key;
  const where = defined({ before: a.origin, after: b.origin });
  if (a.checkout !== b.checkout) out.add({ kind: 'checkout', job, message: `job ${job} ${a.checkout ? 'checks out the repository' : 'does not check out the repository'} in the original, not in the translation`, ...where });
  if (engineClass(a.engine) !== engineClass(b.engine) && !engineGained(a, b) && !engineUnused(a, b)) {
    const at = defined({ before: a.engineOrigin ?? a.origin, after: b.engineOrigin ?? b.origin });
    out.add({ kind: 'docker-engine', job, message: `job ${job} gets ${engineText(a.engine)} in the original and ${engineText(b.engine)} in the translation`, ...at });
  }
  if ((a.parallelism ?? 1) !== (b.parallelism ?? 1)) out.add({ kind: 'parallelism', job, message: `job ${job} runs ${a.parallelism ?? 1} in parallel in the original and ${b.parallelism ?? 1} in the translation`, ...where });
  compareServices(a, b, out);
  compareCaches(a, b, out);
  if (a.receives !== b.receives) out.add({ kind: 'files', job, message: `job ${job} ${a.receives ? 'receives' : 'does not receive'} files from earlier jobs in the original, not in the translation`, ...where });
  else if (a.received && b.received) {
    const missing = a.received.filter((p) => !b.received!.some((q) => q === '.' || q === p || p.startsWith(`${q}/`)));
    if (missing.length) out.add({ kind: 'files', job, message: `job ${job} no longer receives ${missing.map((p) => `\`${p}\``).join(', ')} from earlier jobs`, ...where });
  }
  compareEnvironment(a, b, as, bs, out);
  // Lines that stand for what the other side does implicitly are not commands one side added
  // (either side: verify compares two files in either order), unless the other side runs them too.
  const [aLines, bLines] = [linesOf(a, as), linesOf(b, bs)];
  const explicit = (lines: Line[], own: FormatSemantics, other: FormatSemantics, otherLines: Line[]) => {
    const theirs = new Set(otherLines.map((line) => line.text));
    return lines.filter((line) => theirs.has(line.text) || !emulatesOriginal(line.shown, own, other));
  };
  compareLines(job, explicit(aLines, as, bs, bLines), explicit(bLines, bs, as, aLines), out, a.origin);
}

/**
 * A separate engine (dind, remote) replaced by one on the job's own machine runs the same Docker
 * commands, and bind mounts and published ports work there too; only commands that reach the
 * separate engine by its host name (`docker:2375`, `tcp://docker`) would now miss it.
 */
function engineGained(a: JobModel, b: JobModel): boolean {
  if (engineClass(a.engine) !== 'separate' || engineClass(b.engine) !== 'local') return false;
  const namesEngineHost = /(?:^|[\s/@"'=])docker:\d+|tcp:\/\/docker\b/;
  return !a.sessions.some((s) => s.commands.some((c) => namesEngineHost.test(c)));
}

/**
 * An engine that came with the executor (a CircleCI machine) and that no command of the job calls
 * by name is not missed: the job was on a machine for something else (an OS, a resource class).
 */
function engineUnused(a: JobModel, b: JobModel): boolean {
  if (a.engineOrigin || b.engine !== 'none') return false;
  const callsDocker = /(?:^|[\s;&|(`$])(?:docker|docker-compose|podman|buildah)(?=$|[\s;&|)])/m;
  return !a.sessions.some((s) => s.commands.some((c) => callsDocker.test(c)));
}

function engineClass(engine: JobModel['engine']): string {
  return engine === 'none' ? 'none' : engine === 'local' || engine === 'socket' ? 'local' : 'separate';
}

function engineText(engine: JobModel['engine']): string {
  switch (engine) {
    case 'none':
      return 'no Docker engine';
    case 'local':
      return 'a Docker engine on its own machine';
    case 'socket':
      return "the runner's Docker engine";
    case 'remote':
      return 'a remote Docker engine';
    case 'dind':
    case 'dind-tls':
      return 'a Docker-in-Docker engine';
  }
}

function compareServices(a: JobModel, b: JobModel, out: DifferenceList): void {
  const bImages = new Set(b.services.map((s) => bareImage(s.image)));
  const aImages = new Set(a.services.map((s) => bareImage(s.image)));
  for (const s of a.services) {
    if (!bImages.has(bareImage(s.image))) out.add({ kind: 'service', job: a.key, message: `job ${a.key} loses its ${s.image} service`, ...defined({ before: s.origin ?? a.origin, after: b.origin }) });
  }
  for (const s of b.services) {
    if (!aImages.has(bareImage(s.image))) out.add({ kind: 'service', job: a.key, message: `job ${a.key} gains a ${s.image} service`, ...defined({ before: a.origin, after: s.origin ?? b.origin }) });
  }
}

/** `docker.io/library/postgres` and `postgres` are the same image. */
function bareImage(image: string): string {
  return image.replace(/^(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '').replace(/^library\//, '');
}

function compareCaches(a: JobModel, b: JobModel, out: DifferenceList): void {
  const aMutable = a.caches.some((c) => c.mutable);
  const bMutable = b.caches.some((c) => c.mutable);
  if (a.caches.length && !b.caches.length) out.add({ kind: 'cache', job: a.key, message: `job ${a.key} no longer saves a cache`, ...defined({ before: a.caches[0]!.origin ?? a.origin, after: b.origin }) });
  else if (a.caches.length && aMutable !== bMutable) {
    out.add({ kind: 'cache', job: a.key, message: `job ${a.key}'s cache ${aMutable ? 'is updated by every run' : 'is written once per key'} in the original, not in the translation`, ...defined({ before: a.caches[0]!.origin ?? a.origin, after: b.caches[0]?.origin ?? b.origin }) });
  }
}

/** Whether a job's commands write `export NAME=` into the named environment file (read as the job model reads such steps). */
function exportsToFile(job: JobModel, name: string, file: string | undefined): boolean {
  if (!file) return false;
  return job.sessions.some((session) => session.commands.some((command) => command.split('\n').some((line) => sourcedExports(line, file)?.has(name))));
}

function compareEnvironment(a: JobModel, b: JobModel, as: FormatSemantics, bs: FormatSemantics, out: DifferenceList): void {
  const aEnv = a.sessions[0]?.environment ?? {};
  const bEnv = b.sessions[0]?.environment ?? {};
  for (const [name, value] of Object.entries(aEnv)) {
    const other = bEnv[name];
    const before = value.origin ?? a.origin;
    if (!other) {
      if (as.plumbingVariables.includes(name)) continue;
      // Exported through the original's sourced file: the translation writes the same export and
      // sources the file itself, so the value arrives at run time rather than at the job's start.
      if (value.fromFile && exportsToFile(b, name, as.sourcedEnvironmentFile)) continue;
      out.add({ kind: 'variable', job: a.key, message: `job ${a.key} loses variable ${name}`, ...defined({ before, after: b.origin }) });
      continue;
    }
    const x = effectiveValue(value.value, value.expansion, as);
    const y = effectiveValue(other.value, other.expansion, bs);
    // A host that reaches the same service on each side (127.0.0.1 there, `mysql` here) is no
    // change; the same loopback address that reaches a service on one side only is one.
    const neutralDiffers = serviceNeutral(x, a, as) !== serviceNeutral(y, b, bs);
    if (x !== y ? neutralDiffers : neutralDiffers && /\b(?:localhost|127\.0\.0\.1)\b/.test(x)) {
      // Never print what may be a credential, only that it differs.
      const secret = isSecretName(name) || isSecretValue(name, value.value) || isSecretValue(name, other.value);
      const message = secret
        ? `job ${a.key}: variable ${name} has a different value in the translation`
        : `job ${a.key}: variable ${name} reads ${describeValue(x)} in the original and ${describeValue(y)} in the translation`;
      out.add({ kind: 'variable', job: a.key, message, ...defined({ before, after: other.origin ?? b.origin }) });
    }
  }
}

/**
 * A value as the job's commands see it: a literal value's `$` is a dollar; a value the CI system
 * expands has its `$$` as a dollar and its references as references (predefined ones by meaning).
 */
function effectiveValue(value: string, expansion: string, semantics: FormatSemantics): string {
  // Without a `$` there is nothing to expand, so every expansion rule reads the same value.
  if (!value.includes('$')) return value;
  if (expansion === 'literal') return value.replaceAll('$', '\\$');
  const escaped = expansion === 'ci' ? value.replaceAll('$$', '\\$') : value;
  const shellOnly = expansion === 'shell' && (value.includes('$$') || referencedNames(value).some((name) => runTimeEnvironment.has(name) || !/^[A-Z][A-Z0-9_]*$/.test(name)));
  return shellOnly ? `shell:${neutralReferences(escaped, semantics)}` : neutralReferences(escaped, semantics);
}

/**
 * Variables the image and the shell set, not the CI system: a shell expands them where a CI system
 * that expands only its own variables leaves them empty (or as written). Any other upper-case name
 * is taken for a CI variable (the file's, a project's, a predefined one), which reads the same
 * either way; a lower-case one (a shell or parameter name) is not.
 */
const runTimeEnvironment = new Set(['PATH', 'HOME', 'USER', 'LOGNAME', 'PWD', 'OLDPWD', 'SHELL', 'HOSTNAME', 'TMPDIR', 'LANG', 'LC_ALL', 'TERM', 'UID', 'RANDOM', 'GOPATH', 'GOROOT', 'GOBIN', 'JAVA_HOME', 'ANDROID_HOME', 'ANDROID_SDK_ROOT', 'NODE_PATH', 'PYTHONPATH', 'VIRTUAL_ENV', 'GEM_HOME', 'BUNDLE_PATH', 'CARGO_HOME', 'RUSTUP_HOME', 'NVM_DIR', 'LD_LIBRARY_PATH']);

function referencedNames(value: string): string[] {
  return [...value.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!);
}

function describeValue(value: string): string {
  const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
  return `"${shown.replaceAll('\\$', '$')}"`;
}

/**
 * `$CIRCLE_BRANCH` and `$CI_COMMIT_BRANCH` both become `${branch name}`, and so does a job variable
 * that only names a predefined one (`CIRCLE_TAG: $CI_COMMIT_TAG`, as a writer keeps old names).
 */
function neutralReferences(text: string, semantics: FormatSemantics, aliases?: ReadonlyMap<string, string>): string {
  if (!text.includes('$')) return text;
  return text.replace(/(?<!\\)\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g, (whole, braced: string | undefined, bare: string | undefined) => {
    const name = braced ?? bare!;
    const meaning = aliases?.get(name) ?? semantics.predefined.get(name);
    return meaning ? `\${${meaning}}` : `\${${name}}`;
  });
}

/** The host names a job reaches its services at (on the job's localhost where the format says so). */
function serviceHostsOf(job: JobModel, semantics: FormatSemantics): Set<string> {
  const hosts = new Set(job.services.flatMap((s) => s.hosts));
  if (semantics.servicesOnLocalhost && job.services.length) for (const h of ['localhost', '127.0.0.1']) hosts.add(h);
  return hosts;
}

/** A variable's value with a service host as `<service>`, as command lines compare (`DB_HOST`). */
function serviceNeutral(value: string, job: JobModel, semantics: FormatSemantics): string {
  const hosts = serviceHostsOf(job, semantics);
  if (!hosts.size) return value;
  // A word before `://` is a URL scheme (`postgres://`), not the service's host name.
  return value.replace(/(?<![\w.-])([A-Za-z0-9_.-]+)(?=:(?!\/\/)|[/\s"']|$)/g, (word) => (hosts.has(word) ? '<service>' : word));
}

function linesOf(job: JobModel, semantics: FormatSemantics): Line[] {
  const serviceHosts = serviceHostsOf(job, semantics);
  const context = { isCheckoutDirectory: (word: string) => isCheckoutDirectory(word, semantics), jobStatus: semantics.jobStatus };
  const lines: Line[] = [];
  // Lines of one command share its shell-state reading: read each command once.
  const stateOf = new Map<string, string | undefined>();
  const stateChange = (command: string) => {
    if (!stateOf.has(command)) stateOf.set(command, shellStateChange(command)?.what);
    return stateOf.get(command);
  };
  job.sessions.forEach((session, index) => {
    const aliases = predefinedAliases(session.environment, semantics);
    for (const line of sessionLines(session, context)) {
      const text = normalizeLine(line.text, semantics, serviceHosts, aliases);
      if (!text) continue;
      lines.push({
        text,
        shown: line.text.trim(),
        // A `( … )` child shell is a process of its own, as a separate step would be.
        session: line.subshell === undefined ? `${index}` : `${index}(${line.subshell})`,
        stateChange: stateChange(line.command),
        afterCd: line.afterCd,
        when: line.when,
        failsJob: line.failsJob,
        background: line.background,
        continueOnFailure: line.continueOnFailure,
        directory: line.directory,
        ...(session.origin ? { origin: session.origin } : {}),
      });
    }
  });
  return lines;
}

/** `$CI_PROJECT_DIR`, `${CIRCLE_WORKING_DIRECTORY}` or the format's default job directory. */
function isCheckoutDirectory(word: string, semantics: FormatSemantics): boolean {
  if (normalizePath(word) === normalizePath(semantics.defaultWorkingDirectory)) return true;
  const name = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(word)?.[1];
  return name !== undefined && semantics.predefined.get(name) === 'working directory';
}

/** Variables whose whole value is one predefined variable the CI system expands, by meaning. */
function predefinedAliases(environment: ShellSession['environment'], semantics: FormatSemantics): Map<string, string> {
  const aliases = new Map<string, string>();
  for (const [name, { value, expansion }] of Object.entries(environment)) {
    if (expansion === 'literal') continue;
    const target = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(value)?.[1];
    const meaning = target ? semantics.predefined.get(target) : undefined;
    if (meaning) aliases.set(name, meaning);
  }
  return aliases;
}

function normalizeLine(raw: string, semantics: FormatSemantics, serviceHosts: Set<string>, aliases: ReadonlyMap<string, string>): string {
  let text = raw.trim();
  if (!text || text.startsWith('#')) return '';
  text = neutralReferences(text.replace(/\s+/g, ' '), semantics, aliases);
  if (serviceHosts.size) {
    text = text.replace(/(?<![\w.-])([A-Za-z0-9_.-]+)(?=[:/\s"']|$)/g, (word) => (serviceHosts.has(word) ? '<service>' : word));
  }
  return text;
}

function compareLines(job: string, a: Line[], b: Line[], out: DifferenceList, jobOrigin: Origin | undefined): void {
  const changes = diffArrays(
    a.map((l) => l.text),
    b.map((l) => l.text),
  );
  const pairs: Array<[Line, Line]> = [];
  let i = 0;
  let j = 0;
  for (let c = 0; c < changes.length; c++) {
    const change = changes[c]!;
    const n = change.count ?? change.value.length;
    const next = changes[c + 1];
    if (change.removed && next?.added && (next.count ?? next.value.length) === n) {
      // Lines rewritten in place: still the same step, so their shells and statuses compare too.
      for (let k = 0; k < n; k++) {
        const [x, y] = [a[i + k]!, b[j + k]!];
        // Written alike yet compared unlike: a variable it reads means something else there.
        const message = x.shown !== y.shown
          ? `job ${job} runs \`${short(y.shown)}\` instead of \`${short(x.shown)}\``
          : x.text.includes('<service>') !== y.text.includes('<service>')
            ? `job ${job}: \`${short(x.shown)}\` names a host that reaches a service in ${x.text.includes('<service>') ? 'the original, not in the translation' : 'the translation, not in the original'}`
            : `job ${job}: \`${short(x.shown)}\` reads a variable that means something else in the translation`;
        out.add({ kind: 'command-changed', job, message, ...defined({ before: x.origin, after: y.origin }) });
        pairs.push([x, y]);
      }
      i += n;
      j += n;
      c++;
    } else if (change.removed) {
      for (let k = 0; k < n; k++) {
        const line = a[i + k]!;
        out.add({ kind: 'command-missing', job, message: `job ${job} no longer runs \`${short(line.shown)}\``, ...defined({ before: line.origin }) });
      }
      i += n;
    } else if (change.added) {
      for (let k = 0; k < n; k++) {
        const line = b[j + k]!;
        out.add({ kind: 'command-added', job, message: `job ${job} runs \`${short(line.shown)}\`, which the original does not`, ...defined({ before: jobOrigin, after: line.origin }) });
      }
      j += n;
    } else {
      for (let k = 0; k < n; k++) pairs.push([a[i + k]!, b[j + k]!]);
      i += n;
      j += n;
    }
  }
  for (const [x, y] of pairs) {
    const at = defined({ before: x.origin, after: y.origin });
    const cmd = `\`${short(x.shown)}\``;
    if (x.when !== y.when) out.add({ kind: 'command-when', job, message: `job ${job}: ${cmd} runs ${whenText(x.when)} in the original and ${whenText(y.when)} in the translation`, ...at });
    // After a failure the job has failed already: whether the line could fail it too is moot.
    if (x.failsJob !== y.failsJob && !(x.when === 'on_failure' && y.when === 'on_failure')) out.add({ kind: 'command-status', job, message: `job ${job}: ${cmd} ${x.failsJob ? 'can' : 'cannot'} fail the job in the original, ${y.failsJob ? 'can' : 'cannot'} in the translation`, ...at });
    if (x.background !== y.background) out.add({ kind: 'command-background', job, message: `job ${job}: ${cmd} runs ${x.background ? 'in the background' : 'in the foreground'} in the original, not in the translation`, ...at });
    if (x.continueOnFailure !== y.continueOnFailure) {
      out.add({ kind: 'command-status', job, message: `job ${job}: ${x.continueOnFailure ? 'later commands still run' : 'the job stops'} after ${cmd} fails in the original, not in the translation`, ...at });
    }
    if (x.directory !== y.directory) out.add({ kind: 'command-directory', job, message: `job ${job}: ${cmd} runs in ${x.directory} in the original and ${y.directory} in the translation`, ...at });
  }
  // Shell boundaries matter where state crosses them: a join lets an earlier line's `exit`, `cd`
  // or `export` reach later lines; a split cuts later lines off from it.
  for (let k = 1; k < pairs.length; k++) {
    const [x0, y0] = pairs[k - 1]!;
    const [x1, y1] = pairs[k]!;
    const sameBefore = x0.session === x1.session;
    const sameAfter = y0.session === y1.session;
    if (sameBefore === sameAfter) continue;
    const carrier = stateCarrier(pairs, k);
    if (!carrier) continue;
    // A join whose only leak is a directory, set again right before the line, leaks nothing.
    if (sameAfter && carrier.stateChange === 'cd' && y1.afterCd) continue;
    const at = defined({ before: x1.origin, after: y1.origin });
    const message = sameAfter
      ? `job ${job}: \`${short(x1.shown)}\` now shares a shell with \`${short(carrier.shown)}\`, which changes the shell for the lines after it`
      : `job ${job}: \`${short(x1.shown)}\` no longer shares a shell with \`${short(carrier.shown)}\`, whose changes it may rely on`;
    out.add({ kind: sameAfter ? 'session-joined' : 'session-split', job, message, ...at });
  }
}

/**
 * The last line of the original's session that ends just before pair k that changes shell state:
 * for a join, what now leaks into the next lines; for a split, what the next lines relied on.
 */
function stateCarrier(pairs: Array<[Line, Line]>, k: number): Line | undefined {
  const session = pairs[k - 1]![0].session;
  for (let m = k - 1; m >= 0 && pairs[m]![0].session === session; m--) {
    if (pairs[m]![0].stateChange) return pairs[m]![0];
  }
  return undefined;
}

function whenText(when: string): string {
  return when === 'always' ? 'always' : when === 'on_failure' ? 'only after a failure' : 'only while the job succeeds';
}

function short(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function defined(at: { before?: Origin | undefined; after?: Origin | undefined }): { before?: Origin; after?: Origin } {
  return { ...(at.before ? { before: at.before } : {}), ...(at.after ? { after: at.after } : {}) };
}
