import type { DiagnosticCode } from '../diagnostics/catalog.js';
import { catalogued } from '../diagnostics/report.js';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../diagnostics/types.js';
import type { EmitOptions, ParseOptions, RepositoryAccess } from '../formats/types.js';
import type { TranslateRequest } from '../translate.js';
import type { FormatId } from '../ir/types.js';
import { findConfigs } from '../io/find-config.js';
import { readTextInside, repositoryRootOf } from '../io/read-inside.js';
import { describeError } from '../io/read-text.js';
import { readStdin } from '../io/read-stdin.js';
import { openRepository } from '../io/repository.js';

export interface ResolvedInput {
  /** Path shown in diagnostics: repository-relative for a directory input, as given for a file. */
  file: string;
  /** Absolute or caller-relative path of the file on disk. */
  diskPath: string;
  text: string;
  from?: FormatId;
  repository?: RepositoryAccess;
  repoDir?: string;
}

export type InputResult = { ok: true; input: ResolvedInput } | { ok: false; diagnostic: Diagnostic };

const fail = (code: DiagnosticCode, message: string, hint?: string): InputResult => ({
  ok: false,
  diagnostic: catalogued(code, message, { hint }),
});

/** The input operand that means standard input. */
export const stdinOperand = '-';

/**
 * Turns a CLI `<input>` (a config file, a repository directory, or `-` for standard input) into
 * text to translate. For a directory, finds the configuration at its conventional path; several
 * formats need `--from`. Standard input is named `stdinFilename` in diagnostics (and format
 * detection), `<stdin>` without it.
 */
export function resolveInput(inputPath: string, from?: FormatId, stdinFilename?: string): InputResult {
  if (inputPath === stdinOperand) {
    const file = stdinFilename ?? '<stdin>';
    const read = readStdin(file);
    if (!read.ok) return fail(read.code, read.message);
    return { ok: true, input: { file, diskPath: file, text: read.text, ...(from ? { from } : {}) } };
  }
  let isDirectory: boolean;
  try {
    isDirectory = statSync(inputPath).isDirectory();
  } catch (error) {
    return fail('input-unreadable', `cannot read ${inputPath}: ${describeError(error)}`);
  }
  if (!isDirectory) {
    // A file given on its own is still refused when it is a symlink out of its repository.
    const read = readTextInside(repositoryRootOf(inputPath), inputPath);
    if (!read.ok) return fail(read.code, read.message);
    return { ok: true, input: { file: inputPath, diskPath: inputPath, text: read.text, ...(from ? { from } : {}) } };
  }
  const found = findConfigs(inputPath).filter((config) => !from || config.format === from);
  if (found.length === 0) {
    return fail(
      'input-not-found',
      `no CI configuration found in ${inputPath}${from ? ` for format ${from}` : ''}`,
      'ciport looks for circle.yml, .circleci/config.yml and .gitlab-ci.yml.',
    );
  }
  if (found.length > 1) {
    return fail(
      'input-ambiguous',
      `${inputPath} holds several configurations (${found.map((c) => c.path).join(', ')})`,
      `Choose one with --from ${found.map((c) => c.format).join(' or --from ')}.`,
    );
  }
  const config = found[0]!;
  const diskPath = join(inputPath, config.path);
  const read = readTextInside(inputPath, diskPath);
  if (!read.ok) return fail(read.code, read.message);
  let repository: RepositoryAccess;
  try {
    repository = openRepository(inputPath);
  } catch (error) {
    return fail('input-unreadable', `cannot open ${inputPath}: ${describeError(error)}`);
  }
  return { ok: true, input: { file: config.path, diskPath, text: read.text, from: config.format, repository, repoDir: inputPath } };
}

/** The translate() request for a resolved input: its file, text, format and repository. */
export function translationRequest(
  input: ResolvedInput,
  to: FormatId,
  options: { parse?: ParseOptions | undefined; emit?: EmitOptions | undefined },
): TranslateRequest {
  return {
    file: input.file,
    text: input.text,
    to,
    ...(input.from ? { from: input.from } : {}),
    ...(options.parse ? { parse: options.parse } : {}),
    ...(options.emit ? { emit: options.emit } : {}),
    ...(input.repository ? { repository: input.repository } : {}),
  };
}
