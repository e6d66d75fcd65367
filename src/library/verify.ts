/**
 * `verify` for library callers: do two configurations, of any formats, behave the same? The
 * `ciport verify` check on texts the caller holds, with differences located by line and column.
 */
import { eventsFor } from '../behaviour/events.js';
import { hasErrors } from '../diagnostics/sink.js';
import type { ParseOptions, RepositoryAccess } from '../formats/types.js';
import type { FormatId } from '../ir/types.js';
import { readPipeline, type ReadResult } from '../translate-read.js';
import { compareConfigurations } from '../verify.js';
import { publicDiagnostics, type Diagnostic } from './diagnostics.js';
import { publicDifference, type Difference } from './differences.js';
import { requireFormatId } from './formats.js';

export interface Configuration {
  /** The path diagnostics and differences name; also used to detect the format. */
  file: string;
  text: string;
  /** Detected from `file` and `text` when absent. */
  from?: FormatId;
  repository?: RepositoryAccess;
}

export interface VerifyOptions {
  parse?: ParseOptions;
}

export interface VerifyResult {
  /** `true` when they agree for every event tried, `false` when they differ, `null` when either cannot be read. */
  same: boolean | null;
  /** The events tried (`default-branch`, `other-branch`, `tag`, ...). */
  events: string[];
  /** `before` places are in `a`, `after` places in `b`. */
  differences: Difference[];
  /** What reading either configuration reported. */
  diagnostics: Diagnostic[];
}

export function verify(a: Configuration, b: Configuration, options: VerifyOptions = {}): VerifyResult {
  const [readA, readB] = [read(a, options, 'a'), read(b, options, 'b')];
  // Each side keeps its own sources: both may be called `.gitlab-ci.yml`.
  const diagnostics = [...publicDiagnostics(readA.sink.diagnostics, readA.sources), ...publicDiagnostics(readB.sink.diagnostics, readB.sources)];
  if (!readA.pipeline || !readA.from || !readB.pipeline || !readB.from || hasErrors(readA.sink.diagnostics) || hasErrors(readB.sink.diagnostics)) {
    return { same: null, events: [], differences: [], diagnostics };
  }
  const sideA = { pipeline: readA.pipeline, format: readA.from };
  const sideB = { pipeline: readB.pipeline, format: readB.from };
  const differences = compareConfigurations(sideA, sideB).map((d) => publicDifference(d, readA.sources, readB.sources));
  const events = eventsFor([sideA.pipeline, sideB.pipeline]).map((e) => e.id);
  return { same: differences.length === 0, events, differences, diagnostics };
}

function read(side: Configuration, options: VerifyOptions, name: string): ReadResult {
  if (typeof side?.text !== 'string' || typeof side.file !== 'string') throw new TypeError(`ciport: verify needs ${name} as { file, text } strings`);
  if (side.from !== undefined) requireFormatId(side.from, `${name}.from`);
  return readPipeline({
    file: side.file,
    text: side.text,
    ...(side.from ? { from: side.from } : {}),
    ...(options.parse ? { parse: options.parse } : {}),
    ...(side.repository ? { repository: side.repository } : {}),
  });
}
