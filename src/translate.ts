import { report } from './diagnostics/report.js';
import { createSink } from './diagnostics/sink.js';
import { SourceSet } from './diagnostics/source-map.js';
import type { Diagnostic } from './diagnostics/types.js';
import { lintDocker } from './docker/lint.js';
import { detectFormat, formats } from './formats/registry.js';
import type { EmitOptions, ParseOptions, RepositoryAccess } from './formats/types.js';
import { check } from './ir/check.js';
import { lostRuleSettings } from './ir/rule-settings.js';
import type { FormatId, Pipeline } from './ir/types.js';
import { applyRules } from './rules/apply-rules.js';

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
}

/** Reads `text` (of format `from`, detected when absent), checks the IR, and writes format `to`. */
export function translate(request: TranslateRequest): TranslateResult {
  const read = readPipeline(request);
  const { sink, sources } = read;
  if (!read.pipeline || !read.from) {
    return { ...(read.from ? { from: read.from } : {}), to: request.to, output: null, diagnostics: [...sink.diagnostics], sources, fatal: true };
  }
  // Image and runner rules (user rules first) rewrite the IR for this target before lints judge it.
  applyRules(read.pipeline, request.to, request.parse?.rules, sink);
  const emitOptions = request.emit ?? {};
  // Docker lints judge commands under the engine the *target* provides, so they run per target.
  lintDocker(read.pipeline, request.to, sink, emitOptions.dockerMode ? { gitlabDockerMode: emitOptions.dockerMode } : {});
  for (const lost of lostRuleSettings(read.pipeline, request.to)) report(sink, 'unsupported-feature', lost.message, { origin: lost.origin });
  let output: string | null = null;
  try {
    output = formats[request.to].emit(read.pipeline, { sink, options: emitOptions });
  } catch (error) {
    reportInternalError(sink, 'writing', request.to, error);
  }
  return {
    from: read.from,
    to: request.to,
    output,
    pipeline: read.pipeline,
    diagnostics: [...sink.diagnostics],
    sources,
    fatal: output === null,
  };
}

export interface ReadResult {
  from?: FormatId;
  pipeline?: Pipeline;
  sink: ReturnType<typeof createSink>;
  sources: SourceSet;
}

/** The reading half of `translate`: detect, parse, check. */
export function readPipeline(request: Omit<TranslateRequest, 'to'>): ReadResult {
  const sink = createSink();
  const sources = new SourceSet();
  sources.add(request.file, request.text);
  const from = request.from ?? detectFormat(request.file, request.text)?.format;
  if (!from) {
    report(sink, 'format-unknown', `${request.file} is not a CircleCI 1.0, CircleCI 2.x or GitLab CI configuration`, {
      hint: 'Name the format with --from if the file is one of them.',
    });
    return { sink, sources };
  }
  let pipeline: Pipeline | undefined;
  try {
    pipeline = formats[from].parse(
      { file: request.file, text: request.text },
      { sink, sources, options: request.parse ?? {}, ...(request.repository ? { repository: request.repository } : {}) },
    );
  } catch (error) {
    reportInternalError(sink, 'reading', from, error);
    return { from, sink, sources };
  }
  if (pipeline) {
    for (const problem of check(pipeline)) report(sink, problem.code, problem.message, { origin: problem.origin });
  }
  return { from, ...(pipeline ? { pipeline } : {}), sink, sources };
}

function reportInternalError(sink: ReturnType<typeof createSink>, phase: string, format: FormatId, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  report(sink, 'internal-error', `ciport failed while ${phase} ${format}: ${message}`, {
    hint: 'This is a bug in ciport. Please report it with the input file.',
  });
  if (process.env.CIPORT_DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
}
