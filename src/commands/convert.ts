import { catalogued } from '../diagnostics/report.js';
import { SourceSet } from '../diagnostics/source-map.js';
import type { Diagnostic } from '../diagnostics/types.js';
import type { EmitOptions, ParseOptions } from '../formats/types.js';
import type { FormatId } from '../ir/types.js';
import { writeFileAtomic } from '../io/write-atomic.js';
import { describeError } from '../io/read-text.js';
import { translate } from '../translate.js';
import { diagnosticCounts, diagnosticsJson, diagnosticsText, reportExitCode, type ReportFormat, type ReportOptions } from './report-options.js';
import type { CommandResult } from './result.js';
import { resolveInput, translationRequest } from './resolve-input.js';

export interface ConvertOptions extends ReportOptions {
  /** A file, a repository directory, or `-` for standard input. */
  input: string;
  to: FormatId;
  from?: FormatId;
  output?: string;
  format?: ReportFormat;
  /** The path standard input stands for, in diagnostics and format detection. */
  stdinFilename?: string;
  parse?: ParseOptions;
  emit?: EmitOptions;
}

/** `ciport convert`: one configuration in, the translated YAML out. */
export function runConvert(options: ConvertOptions): CommandResult {
  const resolved = resolveInput(options.input, options.from, options.stdinFilename);
  if (!resolved.ok) return failure(options, [resolved.diagnostic], new SourceSet());
  const { input } = resolved;

  const result = translate(translationRequest(input, options.to, options));
  if (result.fatal || result.output === null) return failure(options, result.diagnostics, result.sources, result.from);

  const exitCode = reportExitCode(result.diagnostics, options);
  if (options.output) {
    try {
      writeFileAtomic(options.output, result.output);
    } catch (error) {
      const diagnostic = catalogued('output-unwritable', `cannot write ${options.output}: ${describeError(error)}`);
      return failure(options, [...result.diagnostics, diagnostic], result.sources, result.from);
    }
  }
  if (options.format === 'json') {
    const body = {
      from: result.from,
      to: options.to,
      output: result.output,
      counts: diagnosticCounts(result.diagnostics),
      diagnostics: diagnosticsJson(result.diagnostics, result.sources, options),
    };
    return { exitCode, stdout: `${JSON.stringify(body, null, 2)}\n`, stderr: '' };
  }
  return {
    exitCode,
    stdout: options.output ? '' : result.output,
    stderr: diagnosticsText(result.diagnostics, result.sources, options),
  };
}

/** A convert that produced nothing: exit 2, as JSON with `output: null` under --format json. */
export function failure(options: ConvertOptions, diagnostics: Diagnostic[], sources: SourceSet, from?: FormatId): CommandResult {
  if (options.format === 'json') {
    const body = {
      from: from ?? options.from ?? null,
      to: options.to,
      output: null,
      counts: diagnosticCounts(diagnostics),
      diagnostics: diagnosticsJson(diagnostics, sources, options),
    };
    return { exitCode: 2, stdout: `${JSON.stringify(body, null, 2)}\n`, stderr: '' };
  }
  return { exitCode: 2, stdout: '', stderr: diagnosticsText(diagnostics, sources, options) };
}
