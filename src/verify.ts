/**
 * Behaviour checks: the model of one configuration against another's (`ciport verify`), and of a
 * translation's input against its own re-read output (every translation, unless turned off).
 */
import { compareBehaviour } from './behaviour/compare.js';
import { eventsFor } from './behaviour/events.js';
import { modelOf } from './behaviour/model.js';
import type { BehaviourDifference } from './behaviour/types.js';
import { report } from './diagnostics/report.js';
import type { Diagnostic, DiagnosticSink } from './diagnostics/types.js';
import { formats } from './formats/registry.js';
import type { FormatId, Origin, Pipeline } from './ir/types.js';
import { readPipeline } from './translate-read.js';

export interface ConfigurationSide {
  pipeline: Pipeline;
  format: FormatId;
}

/** Every way `b` behaves differently from `a`, for every event either of them reacts to. */
export function compareConfigurations(a: ConfigurationSide, b: ConfigurationSide): BehaviourDifference[] {
  const events = eventsFor([a.pipeline, b.pipeline]);
  return compareBehaviour(
    { behaviour: modelOf(a.pipeline, formats[a.format].semantics, events), semantics: formats[a.format].semantics },
    { behaviour: modelOf(b.pipeline, formats[b.format].semantics, events), semantics: formats[b.format].semantics },
  );
}

export interface TranslationCheck {
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
  const differences = compareConfigurations(input, { pipeline: reread.pipeline, format: to });
  const serious = diagnostics.filter((d) => d.severity !== 'info' && d.origin);
  const unnamed = differences.filter((d) => !serious.some((diagnostic) => names(diagnostic.origin!, d)));
  return { differences, unnamed };
}

/**
 * A diagnostic names a difference when it starts inside the place the difference is about: a
 * warning on a step names what changed in that step, while a warning on the whole job does not
 * name every change inside it.
 */
function names(at: Origin, difference: BehaviourDifference): boolean {
  const place = difference.before;
  if (!place || place.file !== at.file) return false;
  return at.range[0] >= place.range[0] && at.range[0] < Math.max(place.range[1], place.range[0] + 1);
}

/** Reports each difference as a `behaviour-difference` warning at its place in the input. */
export function reportDifferences(sink: DiagnosticSink, differences: readonly BehaviourDifference[], outputName: string): void {
  for (const d of differences) {
    report(sink, 'behaviour-difference', d.event ? `${d.message} (for ${d.event})` : d.message, {
      ...(d.before ? { origin: d.before } : {}),
      ...(d.after ? { related: [{ message: `in ${outputName}`, origin: d.after }] } : {}),
    });
  }
}
