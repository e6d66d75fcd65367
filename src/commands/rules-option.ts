import { formatText } from '../diagnostics/print.js';
import { loadRulesFile, type LoadedRules } from '../rules/load-rules.js';
import type { CommandResult } from './result.js';

/** The `--rules <file>` option: no file, the loaded rules, or why the file was refused. */
export function loadRulesOption(path: string | undefined): LoadedRules | { ok: true; rules?: undefined } {
  return path === undefined ? { ok: true } : loadRulesFile(path);
}

/** A refused rules file is a usage error: its problems on stderr, exit 2, nothing written. */
export function rulesRefused(failure: Extract<LoadedRules, { ok: false }>): CommandResult {
  return { exitCode: 2, stdout: '', stderr: formatText(failure.diagnostics, failure.sources, { codeFrame: true }) };
}
