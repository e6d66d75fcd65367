/**
 * `translate` for library callers: the CLI's translation, with every diagnostic and behaviour
 * difference located by file, line and column instead of character offsets.
 */
import type { BehaviourDifference } from '../behaviour/types.js';
import { SourceSet } from '../diagnostics/source-map.js';
import { formats as registry } from '../formats/registry.js';
import type { FormatId } from '../ir/types.js';
import { translate as translateInternal, type TranslateRequest } from '../translate.js';
import { publicDiagnostics, type Diagnostic } from './diagnostics.js';
import { publicDifference, type Difference, type EventRuns } from './differences.js';
import { requireFormatId } from './formats.js';

/**
 * What to translate: the configuration's path as diagnostics name it (e.g. `circle.yml`, also used
 * to detect the format), its text, the target, and optionally the source format, parse and emit
 * options, the repository it belongs to (for includes and CircleCI 1.0 inference) and whether to
 * compare behaviour (on unless `false`). The CLI's own request, so the two cannot drift apart.
 */
export type TranslateOptions = TranslateRequest;

/** The behaviour comparison of a translation's input with its re-read output. */
export interface BehaviourCheck {
  /** Jobs that run for the common events, in the input and in the output. */
  runs: EventRuns[];
  differences: Difference[];
  /** Differences no warning-, error- or manual-level diagnostic names (each also a `behaviour-difference` diagnostic). */
  unnamed: Difference[];
}

export interface TranslateResult {
  /** The source format; `null` when it could not be detected. */
  from: FormatId | null;
  to: FormatId;
  /** The translated YAML; `null` when the input could not be read as a configuration. */
  output: string | null;
  /** True when nothing could be written (the CLI's exit code 2). */
  fatal: boolean;
  diagnostics: Diagnostic[];
  /** `null` when the comparison was turned off, skipped or impossible. */
  behaviour: BehaviourCheck | null;
}

/** Reads `text` (of format `from`, detected when absent) and writes it as format `to`. Never reads the network. */
export function translate(options: TranslateOptions): TranslateResult {
  if (typeof options?.text !== 'string' || typeof options.file !== 'string') throw new TypeError('ciport: translate needs { file, text } strings');
  const to = requireFormatId(options.to, 'to');
  if (options.from !== undefined) requireFormatId(options.from, 'from');
  const result = translateInternal({ ...options, to });
  const check = result.behaviour;
  // `after` places point into the output, which the input's sources do not hold.
  const output = new SourceSet();
  if (result.output !== null) output.add(registry[to].fileNames[0]!, result.output);
  const located = (list: readonly BehaviourDifference[]) => list.map((d) => publicDifference(d, result.sources, output));
  return {
    from: result.from ?? null,
    to,
    output: result.output,
    fatal: result.fatal,
    diagnostics: publicDiagnostics(result.diagnostics, result.sources, output),
    behaviour: check ? { runs: check.runs, differences: located(check.differences), unnamed: located(check.unnamed) } : null,
  };
}
