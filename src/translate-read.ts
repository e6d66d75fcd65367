/** The reading half of a translation: detect the format, parse, check the IR. */
import { report } from './diagnostics/report.js';
import { createSink } from './diagnostics/sink.js';
import { SourceSet } from './diagnostics/source-map.js';
import { detectFormat, formats } from './formats/registry.js';
import type { ParseOptions, RepositoryAccess } from './formats/types.js';
import { check } from './ir/check.js';
import type { FormatId, Pipeline } from './ir/types.js';

/** What reading needs: the file, its text, and optionally its format, options and repository. */
export interface ReadRequest {
  file: string;
  text: string;
  from?: FormatId;
  parse?: ParseOptions;
  repository?: RepositoryAccess;
}

export interface ReadResult {
  from?: FormatId;
  pipeline?: Pipeline;
  sink: ReturnType<typeof createSink>;
  sources: SourceSet;
}

/** The reading half of `translate`: detect, parse, check. */
export function readPipeline(request: ReadRequest): ReadResult {
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
  // A file whose real path leaves the repository (a symlinked include, orb or inferred file) was
  // refused where it was named; nothing of such a translation is written.
  if (pipeline && sink.diagnostics.some((d) => d.code === 'input-outside-repository')) return { from, sink, sources };
  if (pipeline) {
    for (const problem of check(pipeline)) report(sink, problem.code, problem.message, { origin: problem.origin });
  }
  return { from, ...(pipeline ? { pipeline } : {}), sink, sources };
}

export function reportInternalError(sink: ReturnType<typeof createSink>, phase: string, format: FormatId, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  report(sink, 'internal-error', `ciport failed while ${phase} ${format}: ${message}`, {
    hint: 'This is a bug in ciport. Please report it with the input file.',
  });
  if (process.env.CIPORT_DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
}
