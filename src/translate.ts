import { groupByJob } from './diagnostics/group-by-job.js';
import { report } from './diagnostics/report.js';
import { reportVendorRefusals } from './diagnostics/vendor-refusals.js';
import type { SourceSet } from './diagnostics/source-map.js';
import type { Diagnostic } from './diagnostics/types.js';
import { lintDocker } from './docker/lint.js';
import { limits } from './yaml/limits.js';
import { formats } from './formats/registry.js';
import { reportLostEvents } from './formats/lost-events.js';
import { reportVariablesToCreate } from './formats/variables-to-create.js';
import type { EmitOptions, ParseOptions, RepositoryAccess } from './formats/types.js';
import { readPipeline, reportInternalError } from './translate-read.js';

export { readPipeline, type ReadResult } from './translate-read.js';
import { lostRuleSettings } from './ir/rule-settings.js';
import type { FormatId, Pipeline } from './ir/types.js';
import { applyRules } from './rules/apply-rules.js';
import { checkTranslation, reportDifferences, type TranslationCheck } from './verify.js';

export interface TranslateRequest {
  /** Path of the configuration as shown in diagnostics. */
  file: string;
  text: string;
  from?: FormatId;
  to: FormatId;
  parse?: ParseOptions;
  emit?: EmitOptions;
  /** The repository the file belongs to, for includes and inference. */
  repository?: RepositoryAccess;
  /**
   * Compare the behaviour of the input with the re-read output and report each difference no
   * other diagnostic names (on unless `false`).
   */
  behaviour?: boolean;
}

export interface TranslateResult {
  from?: FormatId;
  to: FormatId;
  /** The translated YAML; `null` when the input could not be read as a configuration. */
  output: string | null;
  pipeline?: Pipeline;
  diagnostics: Diagnostic[];
  /** The texts of every file read, for printing positions. */
  sources: SourceSet;
  /** True when the input was unreadable or unrecognisable (CLI exit code 2). */
  fatal: boolean;
  /** The behaviour comparison of input and output, when it ran. */
  behaviour?: TranslationCheck;
}

/** Reads `text` (of format `from`, detected when absent), checks the IR, and writes format `to`. */
export function translate(request: TranslateRequest): TranslateResult {
  const read = readPipeline(request);
  const { sink, sources } = read;
  if (!read.pipeline || !read.from) {
    return { ...(read.from ? { from: read.from } : {}), to: request.to, output: null, diagnostics: groupByJob(sink.diagnostics), sources, fatal: true };
  }
  // What the vendor refuses fails a translation back to that vendor (one error naming each place).
  reportVendorRefusals(sink, read.from, request.to);
  // Image and runner rules (user rules first) rewrite the IR for this target before lints judge it.
  applyRules(read.pipeline, request.to, request.parse?.rules, sink);
  const emitOptions = request.emit ?? {};
  // Docker lints judge commands under the engine the *target* provides, so they run per target.
  lintDocker(read.pipeline, request.to, sink, emitOptions.dockerMode ? { gitlabDockerMode: emitOptions.dockerMode } : {});
  for (const lost of lostRuleSettings(read.pipeline, request.to)) report(sink, 'unsupported-feature', lost.message, { origin: lost.origin });
  reportLostEvents(read.pipeline, read.from, request.to, sink);
  let output: string | null = null;
  try {
    output = formats[request.to].emit(read.pipeline, { sink, options: emitOptions });
  } catch (error) {
    reportInternalError(sink, 'writing', request.to, error);
  }
  // Variables the scripts read from the source project's settings, which the target's must get too.
  if (output !== null) reportVariablesToCreate(read.pipeline, read.from, request.to, sink);
  let behaviour: TranslationCheck | undefined;
  const jobs = read.pipeline.workflows.reduce((sum, w) => sum + w.nodes.length, 0) || read.pipeline.jobs.length;
  if (output !== null && request.behaviour !== false && jobs > limits.maxBehaviourJobs) {
    report(sink, 'behaviour-check-skipped', `${jobs} jobs: more than the ${limits.maxBehaviourJobs} whose behaviour is compared; the translation is not checked against the input`);
  } else if (output !== null && request.behaviour !== false) {
    behaviour = checkTranslation({ pipeline: read.pipeline, format: read.from }, output, request.to, sink.diagnostics);
    if (behaviour) reportDifferences(sink, behaviour.unnamed, formats[request.to].fileNames[0]!);
  }
  return {
    from: read.from,
    to: request.to,
    output,
    pipeline: read.pipeline,
    // Last, after the behaviour comparison's own warnings: a loss repeated in many jobs is said once.
    diagnostics: groupByJob(sink.diagnostics),
    sources,
    fatal: output === null,
    ...(behaviour ? { behaviour } : {}),
  };
}

