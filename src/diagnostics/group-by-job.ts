/**
 * A loss repeated in many jobs is said once (issue 16): diagnostics with the same code, severity,
 * place and hint whose messages differ only in the job they name become one diagnostic that lists
 * the jobs. The job comes as data (`Diagnostic.job`, set where the diagnostic is reported), and the
 * message names it at its start (`job "x": …`, `job x …`, `job x's …`); that prefix is cut by
 * comparison with the known name, never guessed from the text.
 */
import { sameRelated } from './report.js';
import type { Diagnostic, RelatedLocation } from './types.js';

/** How many job names a grouped message shows before "… and N more". */
const shownNames = 3;

/** How the message names its job, and what it says of it. */
interface Subject {
  /** The job is written `job "x"` (the writers) rather than `job x` (the behaviour comparison). */
  quoted: boolean;
  /** What follows the name: `: …`, ` …` or `'s …`. */
  rest: string;
}

function subjectOf(diagnostic: Diagnostic): Subject | undefined {
  const job = diagnostic.job;
  if (job === undefined) return undefined;
  for (const quoted of [true, false]) {
    const prefix = quoted ? `job "${job}"` : `job ${job}`;
    if (!diagnostic.message.startsWith(prefix)) continue;
    const rest = diagnostic.message.slice(prefix.length);
    // The name must end where the prefix does: `job ab …` is not about job `a`.
    if (/^(: | |'s )/.test(rest)) return { quoted, rest };
  }
  return undefined;
}

/**
 * The diagnostics in the same order, each group standing where its first member stood. Severity,
 * code, origin and hint are the group's own (they are part of what makes it one group).
 */
export function groupByJob(all: readonly Diagnostic[]): Diagnostic[] {
  const diagnostics = withoutRepeats(all);
  const groups = new Map<string, { subject: Subject; members: Diagnostic[] }>();
  const order: Array<Diagnostic | { subject: Subject; members: Diagnostic[] }> = [];
  for (const diagnostic of diagnostics) {
    const subject = subjectOf(diagnostic);
    if (!subject) {
      order.push(diagnostic);
      continue;
    }
    const { code, severity, origin, hint } = diagnostic;
    const key = JSON.stringify([code, severity, origin?.file ?? null, origin?.range ?? null, hint ?? null, subject.quoted, subject.rest]);
    const group = groups.get(key);
    if (group) group.members.push(diagnostic);
    else {
      const created = { subject, members: [diagnostic] };
      groups.set(key, created);
      order.push(created);
    }
  }
  return order.map((entry) => ('members' in entry ? merged(entry.subject, entry.members) : entry));
}

/**
 * One diagnostic per code, place and message: a pass that meets the same node twice (a job in two
 * workflows) says it once. A repeat's related places that the first lacks are added to it.
 */
function withoutRepeats(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const at = new Map<string, number>();
  const out: Diagnostic[] = [];
  for (const diagnostic of diagnostics) {
    const { code, severity, origin, message, hint, job } = diagnostic;
    // The place as printed: where the range starts.
    const key = JSON.stringify([code, severity, origin?.file ?? null, origin?.range[0] ?? null, message, hint ?? null, job ?? null]);
    const index = at.get(key);
    if (index === undefined) {
      at.set(key, out.length);
      out.push(diagnostic);
      continue;
    }
    const earlier = out[index]!;
    const extra = (diagnostic.related ?? []).filter((r) => !earlier.related?.some((e) => sameRelated(e, r)));
    if (extra.length) out[index] = { ...earlier, related: [...(earlier.related ?? []), ...extra] };
  }
  return out;
}

function merged(subject: Subject, members: readonly Diagnostic[]): Diagnostic {
  const first = members[0]!;
  const jobs = [...new Set(members.map((d) => d.job!))];
  if (jobs.length === 1) return first;
  const related = mergedRelated(members);
  const group: Diagnostic = { code: first.code, severity: first.severity, message: groupedMessage(jobs, subject), jobs };
  if (first.origin) group.origin = first.origin;
  if (first.hint) group.hint = first.hint;
  if (related.length) group.related = related;
  return group;
}

/** `each of 72 jobs (a, b, c, … and 69 more) no longer runs …`, `in 3 jobs (…): resource_class …`. */
export function groupedMessage(jobs: readonly string[], subject: Subject): string {
  const names = jobs.map((name) => (subject.quoted ? `"${name}"` : name));
  const shown = names.length <= shownNames + 1 ? names : [...names.slice(0, shownNames), `… and ${names.length - shownNames} more`];
  const list = `${jobs.length} jobs (${shown.join(', ')})`;
  const { rest } = subject;
  // `job x does …` keeps its verb: "each of" agrees with it.
  if (rest.startsWith(' ')) return `each of ${list}${rest}`;
  if (rest.startsWith("'s ")) return `in ${list}: each job's ${rest.slice(3)}`;
  return `in ${list}${rest}`;
}

/**
 * Every member's related places: one every member shares is kept once, one of a single job says
 * which job it belongs to (a behaviour difference's place in the output differs per job).
 */
function mergedRelated(members: readonly Diagnostic[]): RelatedLocation[] {
  const keyOf = (r: RelatedLocation) => JSON.stringify([r.message, r.origin?.file ?? null, r.origin?.range ?? null]);
  const holders = new Map<string, number>();
  for (const member of members) for (const key of new Set((member.related ?? []).map(keyOf))) holders.set(key, (holders.get(key) ?? 0) + 1);
  const out: RelatedLocation[] = [];
  const added = new Set<string>();
  for (const member of members) {
    for (const r of member.related ?? []) {
      const key = keyOf(r);
      const shared = holders.get(key) === members.length;
      const outKey = shared ? key : `${key}\u0000${member.job}`;
      if (added.has(outKey)) continue;
      added.add(outKey);
      out.push(shared ? r : { ...r, message: `${r.message} (job ${member.job})` });
    }
  }
  return out;
}
