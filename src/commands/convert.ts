import { formatText, toRecords } from '../diagnostics/print.js';
import { hasErrors, hasWarnings } from '../diagnostics/sink.js';
import { SourceSet } from '../diagnostics/source-map.js';
import type { Diagnostic } from '../diagnostics/types.js';
import type { EmitOptions, ParseOptions } from '../formats/types.js';
import type { FormatId } from '../ir/types.js';
import { writeFileAtomic } from '../io/write-atomic.js';
import { describeError } from '../io/read-text.js';
import { translate } from '../translate.js';
import type { CommandResult } from './result.js';
import { resolveInput, translationRequest } from './resolve-input.js';

export interface ConvertOptions {
  input: string;
  to: FormatId;
  from?: FormatId;
  output?: string;
  json?: boolean;
  strict?: boolean;
  parse?: ParseOptions;
  emit?: EmitOptions;
}

/** `ciport convert`: one configuration in, the translated YAML out. */
export function runConvert(options: ConvertOptions): CommandResult {
  const resolved = resolveInput(options.input, options.from);
  if (!resolved.ok) return failure(options, [resolved.diagnostic], new SourceSet());
  const { input } = resolved;

  const result = translate(translationRequest(input, options.to, options));
  if (result.fatal || result.output === null) return failure(options, result.diagnostics, result.sources, result.from);

  const exitCode = hasErrors(result.diagnostics) || (options.strict && hasWarnings(result.diagnostics)) ? 1 : 0;
  if (options.output) {
    try {
      writeFileAtomic(options.output, result.output);
    } catch (error) {
      const diagnostic: Diagnostic = {
        code: 'output-unwritable',
        severity: 'error',
        message: `cannot write ${options.output}: ${describeError(error)}`,
      };
      return failure(options, [...result.diagnostics, diagnostic], result.sources, result.from);
    }
  }
  if (options.json) {
    const body = { from: result.from, to: options.to, output: result.output, diagnostics: toRecords(result.diagnostics, result.sources) };
    return { exitCode, stdout: `${JSON.stringify(body, null, 2)}\n`, stderr: '' };
  }
  return {
    exitCode,
    stdout: options.output ? '' : result.output,
    stderr: formatText(result.diagnostics, result.sources, { codeFrame: true }),
  };
}

/** A convert that produced nothing: exit 2, as JSON with `output: null` under --json. */
export function failure(options: ConvertOptions, diagnostics: Diagnostic[], sources: SourceSet, from?: FormatId): CommandResult {
  if (options.json) {
    const body = { from: from ?? options.from ?? null, to: options.to, output: null, diagnostics: toRecords(diagnostics, sources) };
    return { exitCode: 2, stdout: `${JSON.stringify(body, null, 2)}\n`, stderr: '' };
  }
  return { exitCode: 2, stdout: '', stderr: formatText(diagnostics, sources, { codeFrame: true }) };
}
