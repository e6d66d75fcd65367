import { linesOf, minimumSaving, savedLines } from './emit-reuse-cost.js';
import { commandName, uniqueNames } from './emit-reuse-names.js';
import type { Yaml } from './emit-steps.js';

type YamlMap = { [key: string]: Yaml };

/** Longest step run considered, so the search stays cheap on very long jobs. */
const maxRunLength = 24;

/** A single step is worth a command only when it is long (a multi-line script, a long cache step). */
const minimumSingleStepLines = 5;

export interface HoistedCommands {
  commands: YamlMap;
  jobs: YamlMap;
  /** Per job, for each old step index, its new index (steps inside a hoisted run map to the invocation). */
  moved: Map<string, number[]>;
}

interface Occurrence {
  job: number;
  start: number;
}

interface Candidate {
  length: number;
  occurrences: Occurrence[];
  saved: number;
}

/**
 * A run of consecutive top-level steps written identically in at least two jobs becomes a 2.1
 * command (`commands: {name: {steps}}`, invoked as `- name`) when that shortens the file enough
 * (emit-reuse-cost.ts; with two users the run must be ≥ 8 lines, such as a cache-restore,
 * install, cache-save sequence); a single step must also be ≥ 5 lines long. Greedy and
 * deterministic: the run saving the most lines goes first (then the longer, then the earlier),
 * until none saves enough. The steps are copied as written, so order, `when` attributes and
 * working directories are kept: a command's steps run in the invoking job as if written there
 * (reusing-config.adoc). Steps with comments (`pinned`) stay in their job; a command never
 * calls another.
 */
export function hoistCommands(jobs: YamlMap, pinned: ReadonlyMap<string, ReadonlySet<number>>, reserved: ReadonlySet<string>): HoistedCommands | undefined {
  const ids = Object.keys(jobs);
  const steps: Yaml[][] = ids.map((id) => {
    const job = jobs[id];
    return isMap(job) && Array.isArray(job.steps) ? [...job.steps] : [];
  });
  // Equal steps share a token; a pinned step or an invocation gets a token nothing else has.
  const tokens = new Map<string, number>();
  const examples: Yaml[] = [];
  let fresh = -1;
  const sequences: number[][] = steps.map((list, j) =>
    list.map((step, i) => {
      if (pinned.get(ids[j]!)?.has(i)) return fresh--;
      const text = JSON.stringify(step);
      let token = tokens.get(text);
      if (token === undefined) {
        token = examples.length;
        tokens.set(text, token);
        examples.push(step);
      }
      return token;
    }),
  );
  // Written lengths, measured only for steps that repeat (writing YAML is the costly part).
  const measured: number[] = [];
  const lines = (token: number) => (measured[token] ??= linesOf([examples[token]]));
  // Per job, the original index of each current position (invocations keep the first one).
  const origin: number[][] = sequences.map((s) => s.map((_, i) => i));

  const hoisted: Array<{ steps: Yaml[]; job: number; at: number }> = [];
  // Stand-ins for invocations until the commands are named, told apart by identity.
  const invocations = new Map<Yaml, number>();
  for (;;) {
    // The first command also pays for the `commands:` key.
    const best = bestCandidate(sequences, lines, minimumSaving.command + (hoisted.length === 0 ? 1 : 0));
    if (!best) break;
    const [first] = best.occurrences;
    const at = origin[first!.job]![first!.start]!;
    hoisted.push({ steps: steps[first!.job]!.slice(first!.start, first!.start + best.length), job: first!.job, at });
    // Replace right to left so earlier starts stay valid.
    for (const o of [...best.occurrences].reverse()) {
      sequences[o.job]!.splice(o.start, best.length, fresh--);
      const standIn: Yaml = {};
      invocations.set(standIn, hoisted.length - 1);
      steps[o.job]!.splice(o.start, best.length, standIn);
      origin[o.job]!.splice(o.start, best.length, origin[o.job]![o.start]!);
    }
  }
  if (!hoisted.length) return undefined;

  // Defined and numbered in the order the jobs first use them.
  const order = hoisted.map((_, i) => i).sort((a, b) => hoisted[a]!.job - hoisted[b]!.job || hoisted[a]!.at - hoisted[b]!.at);
  const sortedNames = uniqueNames(
    order.map((i) => candidates(commandName(hoisted[i]!.steps), reserved)),
    reserved,
  );
  const names: string[] = [];
  order.forEach((i, k) => (names[i] = sortedNames[k]!));
  const commands: YamlMap = {};
  for (const i of order) commands[names[i]!] = { steps: hoisted[i]!.steps };
  const out: YamlMap = {};
  const moved = new Map<string, number[]>();
  ids.forEach((id, j) => {
    const job = jobs[id]!;
    if (!isMap(job) || !Array.isArray(job.steps)) {
      out[id] = job;
      return;
    }
    const count = job.steps.length;
    const written = steps[j]!.map((s) => (invocations.has(s) ? names[invocations.get(s)!]! : s));
    out[id] = { ...job, steps: written };
    const map: number[] = [];
    origin[j]!.forEach((start, index) => {
      const end = index + 1 < origin[j]!.length ? origin[j]![index + 1]! : count;
      for (let k = start; k < end; k++) map[k] = index;
    });
    moved.set(id, map);
  });
  return { commands, jobs: out, moved };
}

/** The run that saves the most lines, or nothing when none saves at least `minimum`. */
function bestCandidate(sequences: number[][], lines: (token: number) => number, minimum: number): Candidate | undefined {
  let best: Candidate | undefined;
  // Runs grow one step at a time; a run can only repeat where its shorter prefix repeats. Each
  // distinct run gets a small id (its prefix's id + its last token), with its written length.
  let runAt: Array<Array<number | undefined>> = sequences.map((s) => s.map(() => -1));
  let bodyOf: number[] = [0];
  for (let length = 1; length <= maxRunLength; length++) {
    const ids = new Map<string, number>();
    const found: Occurrence[][] = [];
    const prefixOf: number[] = [];
    const lastOf: number[] = [];
    const next = sequences.map((s, j) =>
      s.map((_, start) => {
        const prefix = runAt[j]![start];
        if (prefix === undefined || start + length > s.length) return undefined;
        const last = s[start + length - 1]!;
        if (last < 0) return undefined;
        const pair = `${prefix}:${last}`;
        let id = ids.get(pair);
        if (id === undefined) {
          id = found.length;
          ids.set(pair, id);
          found.push([]);
          prefixOf.push(prefix);
          lastOf.push(last);
        }
        found[id]!.push({ job: j, start });
        return id;
      }),
    );
    const repeats = found.map((list) => list.length > 1 && list[0]!.job !== list[list.length - 1]!.job);
    const body: number[] = [];
    found.forEach((occurrences, id) => {
      if (!repeats[id]) return;
      body[id] = (length === 1 ? 0 : bodyOf[prefixOf[id]!]!) + lines(lastOf[id]!);
      const kept = nonOverlapping(occurrences, length);
      if (length === 1 && body[id]! < minimumSingleStepLines) return;
      // A command also has a `steps:` line under its name.
      const saved = savedLines(body[id]!, kept.length, 2);
      if (saved < minimum) return;
      const candidate: Candidate = { length, occurrences: kept, saved };
      if (!best || better(candidate, best)) best = candidate;
    });
    if (!repeats.some(Boolean)) break;
    // Only runs found in two jobs can grow into longer runs found in two jobs.
    runAt = next.map((row) => row.map((id) => (id !== undefined && repeats[id] ? id : undefined)));
    bodyOf = body;
  }
  return best;
}

function better(a: Candidate, b: Candidate): boolean {
  if (a.saved !== b.saved) return a.saved > b.saved;
  if (a.length !== b.length) return a.length > b.length;
  const [x, y] = [a.occurrences[0]!, b.occurrences[0]!];
  return x.job !== y.job ? x.job < y.job : x.start < y.start;
}

/** Occurrences in job order, left to right, skipping any that overlap the one before in its job. */
function nonOverlapping(occurrences: Occurrence[], length: number): Occurrence[] {
  const kept: Occurrence[] = [];
  for (const o of occurrences) {
    const last = kept[kept.length - 1];
    if (last && last.job === o.job && o.start < last.start + length) continue;
    kept.push(o);
  }
  return kept;
}

/** `checkout` is a built-in step, so a run named after it becomes `checkout-steps`. */
function candidates(name: string, reserved: ReadonlySet<string>): string[] {
  return [reserved.has(name) ? `${name}-steps` : name];
}

function isMap(value: Yaml | undefined): value is YamlMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
