import type { DiagnosticSink } from '../diagnostics/types.js';
import type { SourceSet } from '../diagnostics/source-map.js';
import type { FormatId, Pipeline } from '../ir/types.js';
import type { RuleSet } from '../rules/types.js';
import type { FormatSemantics } from '../behaviour/semantics.js';

/** Read-only, sandboxed access to the repository a configuration came from. */
export interface RepositoryAccess {
  /** Reads a file by repository-relative path; `undefined` when missing, unreadable or outside the repository. */
  readFile(relativePath: string): string | undefined;
  /** Repository-relative paths matching a glob (`*`, `**`), sorted; never outside the repository. */
  glob(pattern: string): string[];
  /** Whether a repository-relative path exists. */
  exists(relativePath: string): boolean;
  /**
   * Whether the path is a symlink ciport refuses to follow: in a checkout, one whose real path
   * leaves the repository; in a bare repository, any symlink object. `readFile` and `exists` treat
   * such a path as absent; readers use this to say why.
   */
  refusedSymlink?(relativePath: string): boolean;
}

export interface ParseOptions {
  /** Directory of orb sources (`<namespace>/<orb>.yml`) for CircleCI registry orbs. */
  orbDir?: string;
  /** Directory of local copies of GitLab project includes (`<project>/<file>`). */
  includeDir?: string;
  /** User mapping rules (`--rules`), applied before the built-in tables of mappings/. */
  rules?: RuleSet;
}

export interface ParseContext {
  sink: DiagnosticSink;
  /** Every file read is added here so diagnostics can be printed with positions. */
  sources: SourceSet;
  /** Present when the input is a repository (enables includes, inference). */
  repository?: RepositoryAccess;
  options: ParseOptions;
}

export interface ParseInput {
  /** The configuration's path as shown in diagnostics (repository-relative when in a repository). */
  file: string;
  text: string;
}

export interface EmitOptions {
  /** Target dialect: `2.0` or `2.1` for CircleCI 2.x. */
  version?: string;
  /** How GitLab output provides Docker: a dind service (default) or host socket binding. */
  dockerMode?: 'dind' | 'socket';
  /** How predefined variables of the source are carried: a variables shim (default) or rewritten in place. */
  variableMode?: 'shim' | 'rewrite';
  /** CircleCI 2.1: write shared executors and step runs once as `executors`/`commands` (default true). */
  factor?: boolean;
  /** What a step with no translation becomes: a command that fails the job (default) or one that only says so and passes. */
  placeholders?: 'fail' | 'pass';
}

export interface EmitContext {
  sink: DiagnosticSink;
  options: EmitOptions;
}

/** What each format folder exports as its `format` record. */
export interface FormatModule {
  id: FormatId;
  title: string;
  /** Conventional repository-relative paths of the configuration file, most specific first. */
  fileNames: readonly string[];
  /** Target dialects the emitter writes (`['2.1', '2.0']`); the first is the default. */
  versions?: readonly string[];
  /**
   * How likely `text` (at `file`) is this format: 0 (no) to 1 (certain). Decided by file name and
   * content (`version:` separates CircleCI 1.0 from 2.x).
   */
  detect(file: string, text: string): number;
  /** Reads the configuration into the IR; `undefined` when nothing usable could be read. */
  parse(input: ParseInput, context: ParseContext): Pipeline | undefined;
  /** Writes the IR as this format's YAML text. */
  emit(pipeline: Pipeline, context: EmitContext): string;
  /** How this format's pipelines behave, for the behaviour model (`src/behaviour/`). */
  semantics: FormatSemantics;
}
