/**
 * Behaviour checks: the model of one configuration against another's (`ciport verify`), and of a
 * translation's input against its own re-read output (every translation, unless turned off).
 */
import { compareBehaviour, describeEvent } from './behaviour/compare.js';
import { eventsFor } from './behaviour/events.js';
import { modelOf } from './behaviour/model.js';
import type { BehaviourDifference, EventRuns, PipelineBehaviour } from './behaviour/types.js';
import { report } from './diagnostics/report.js';
import type { Diagnostic, DiagnosticSink } from './diagnostics/types.js';
import { formats } from './formats/registry.js';
import type { FormatId, Pipeline } from './ir/types.js';
import { readPipeline } from './translate-read.js';

export interface ConfigurationSide {
  pipeline: Pipeline;
  format: FormatId;
}

/** Every way `b` behaves differently from `a`, for every event either of them reacts to. */
export function compareConfigurations(a: ConfigurationSide, b: ConfigurationSide): BehaviourDifference[] {
  return compareModels(a, b).differences;
}

function compareModels(a: ConfigurationSide, b: ConfigurationSide): { differences: BehaviourDifference[]; runs: EventRuns[] } {
  const events = eventsFor([a.pipeline, b.pipeline]);
  const before = modelOf(a.pipeline, formats[a.format].semantics, events);
  const after = modelOf(b.pipeline, formats[b.format].semantics, events);
  const differences = compareBehaviour({ behaviour: before, semantics: formats[a.format].semantics }, { behaviour: after, semantics: formats[b.format].semantics });
  return { differences, runs: runsByEvent(before, after) };
}

/** The events a reader of a migration preview asks about first. */
const summaryEvents = ['default-branch', 'other-branch', 'tag', 'schedule'];

function runsByEvent(before: PipelineBehaviour, after: PipelineBehaviour): EventRuns[] {
  const jobsOf = (behaviour: PipelineBehaviour, event: string): string[] => {
    const outcome = behaviour.events.find((e) => e.event.id === event);
    if (!outcome || outcome.created === false) return [];
    return Object.entries(outcome.jobs)
      .filter(([, d]) => d.created !== false)
      .map(([key, d]) => `${key}${d.gate === 'manual-optional' || d.gate === 'manual-blocking' ? ' (manual)' : d.created === 'unknown' ? ' (maybe)' : ''}`);
  };
  return summaryEvents.map((event) => ({ event, before: jobsOf(before, event), after: jobsOf(after, event) }));
}

export interface TranslationCheck {
  /** Jobs that run for the common events, in the input and in the re-read output. */
  runs: EventRuns[];
  differences: BehaviourDifference[];
  /** Differences no warning-, error- or manual-level diagnostic of the translation names. */
  unnamed: BehaviourDifference[];
}

/**
 * Re-reads a translation's output and compares its behaviour with the input's. A difference counts
 * as named when a diagnostic at warning level or above lies at the input place it is about.
 */
export function checkTranslation(
  input: ConfigurationSide,
  output: string,
  to: FormatId,
  diagnostics: readonly Diagnostic[],
  outputFile = formats[to].fileNames[0]!,
): TranslationCheck | undefined {
  const reread = readPipeline({ file: outputFile, text: output, from: to });
  if (!reread.pipeline) return undefined;
  const { differences, runs } = compareModels(input, { pipeline: reread.pipeline, format: to });
  const named = namedPlaces(diagnostics.filter((d) => d.severity !== 'info' && d.origin));
  const unnamed = differences.filter((d) => !named(d));
  return { runs, differences, unnamed };
}

/**
 * Whether a diagnostic names a difference: one of its places (its origin or a place it lists)
 * starts inside the place the difference is about. A warning on a step names what changed in that
 * step, while a warning on the whole job does not name every change inside it. The starts are
 * sorted per file once, so each difference costs a binary search.
 */
function namedPlaces(diagnostics: readonly Diagnostic[]): (difference: BehaviourDifference) => boolean {
  const starts = new Map<string, number[]>();
  for (const diagnostic of diagnostics) {
    for (const at of [diagnostic.origin!, ...(diagnostic.related ?? []).flatMap((r) => (r.origin ? [r.origin] : []))]) {
      (starts.get(at.file) ?? starts.set(at.file, []).get(at.file)!).push(at.range[0]);
    }
  }
  for (const list of starts.values()) list.sort((x, y) => x - y);
  return (difference) => {
    const place = difference.before;
    const list = place ? starts.get(place.file) : undefined;
    if (!place || !list) return false;
    const [from, to] = [place.range[0], Math.max(place.range[1], place.range[0] + 1)];
    let low = 0;
    let high = list.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (list[mid]! < from) low = mid + 1;
      else high = mid;
    }
    return low < list.length && list[low]! < to;
  };
}

/** Reports each difference as a `behaviour-difference` warning at its place in the input. */
export function reportDifferences(sink: DiagnosticSink, differences: readonly BehaviourDifference[], outputName: string): void {
  for (const d of differences) {
    report(sink, 'behaviour-difference', d.event ? `${d.message} (for ${describeEvent(d.event)})` : d.message, {
      ...(d.before ? { origin: d.before } : {}),
      ...(d.after ? { related: [{ message: `in ${outputName}`, origin: d.after }] } : {}),
      job: d.job,
    });
  }
}
