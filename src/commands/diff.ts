import { catalogued } from '../diagnostics/report.js';
import { toRecords } from '../diagnostics/print.js';
import { SourceSet } from '../diagnostics/source-map.js';
import { describeError } from '../io/read-text.js';
import { writeFileAtomic } from '../io/write-atomic.js';
import { renderCodeQuality } from '../report/codequality.js';
import { renderComment, type CommentFit } from '../report/markdown.js';
import { renderSarif } from '../report/sarif.js';
import { colorizeDiff, unifiedDiff } from '../report/unified-diff.js';
import { planMigration, targetPaths, type PlanOptions } from './migration-plan.js';
import { diagnosticCounts, diagnosticsJson, diagnosticsText, rebaseRecords, reportExitCode, type ReportOptions } from './report-options.js';
import { reportRoot } from './report-root.js';
import type { CommandResult } from './result.js';

/** `text` is the unified diff, the name every reporting command shares. */
export const diffFormats = ['unified', 'text', 'json', 'markdown', 'sarif', 'codequality'] as const;
export type DiffFormat = (typeof diffFormats)[number];

export interface DiffOptions extends PlanOptions, ReportOptions {
  format?: DiffFormat;
  /** Exit 1 when the generated file differs from the committed one. */
  check?: boolean;
  /** ANSI colours in the unified diff (`color` colours the diagnostics); the CLI decides both. */
  colorPatch?: boolean;
  toolVersion?: string;
  /** Name files from here (--root); the git top level of `dir` by default. */
  root?: string;
  /**
   * Write the report here (atomically) instead of stdout. The markdown comment goes to the file
   * whole, and to stdout within `maxCommentChars`: the file is the artifact the comment points to.
   */
  output?: string;
  /** Markdown: the longest comment to print (see report/comment-limits.ts); no limit without it. */
  maxCommentChars?: number;
  /** Markdown: where CI publishes the `output` file, linked from a shortened comment. */
  outputUrl?: string;
}

/**
 * `ciport diff`: what `migrate` would write to the target file, against what is there now, as a
 * unified diff, a pull/merge request comment, SARIF or GitLab Code Quality JSON.
 */
export function runDiff(diffOptions: DiffOptions): CommandResult {
  const root = reportRoot(diffOptions.dir, diffOptions.root);
  if (!root.ok) return { exitCode: 2, stdout: '', stderr: `ciport: ${root.message}\n` };
  // Every path in the report is named from the repository root (see report-root.ts).
  const { shown, inDir } = root;
  const options: DiffOptions = { ...diffOptions, shownPath: shown };
  const format = options.format ?? 'unified';
  const outcome = planMigration(options);
  const target = { path: inDir(targetPaths(options.to).target), format: options.to };

  if (!outcome.ok) {
    const records = rebaseRecords(toRecords(outcome.diagnostics, outcome.sources), options);
    const text = diagnosticsText(outcome.diagnostics, outcome.sources, options);
    const sourcePath = outcome.source ? inDir(outcome.source) : undefined;
    const source = sourcePath && outcome.from ? { path: sourcePath, format: outcome.from } : undefined;
    const defaultFile = sourcePath ? { defaultFile: sourcePath } : {};
    if (format === 'markdown') {
      const input = { source, target, patch: '', targetExists: false, records, fatal: true };
      return deliver(options, { exitCode: 2, report: renderComment(input), stdout: renderComment(input, commentFit(options)), stderr: text });
    }
    if (format === 'sarif') return deliver(options, { exitCode: 2, report: renderSarif(records, { ...defaultFile, ...version(options) }), stderr: text });
    if (format === 'codequality') return deliver(options, { exitCode: 2, report: renderCodeQuality(records, { ...defaultFile, fatal: true }), stderr: text });
    if (format === 'json') {
      const body = { source: sourcePath ?? null, target: target.path, differs: null, patch: null, counts: diagnosticCounts(outcome.diagnostics), diagnostics: diagnosticsJson(outcome.diagnostics, outcome.sources, options) };
      return deliver(options, { exitCode: 2, report: `${JSON.stringify(body, null, 2)}\n`, stderr: '' });
    }
    return { exitCode: 2, stdout: '', stderr: text };
  }

  const { plan } = outcome;
  const sourcePath = inDir(plan.source.path);
  const records = rebaseRecords(plan.records, options);
  const patch = unifiedDiff({ path: target.path, before: plan.target.previous, after: plan.target.text });
  const differs = patch !== '';
  const exitCode = reportExitCode(plan.result.diagnostics, options) || (options.check && differs) ? 1 : 0;
  const text = diagnosticsText(plan.result.diagnostics, plan.result.sources, options);
  const checkNote = options.check && differs ? `ciport: ${target.path} differs from the translation of ${sourcePath}\n` : '';
  switch (format) {
    case 'markdown': {
      const input = {
        source: { path: sourcePath, format: plan.source.format },
        target,
        patch,
        targetExists: plan.target.previous !== undefined,
        jobs: plan.result.pipeline?.jobs.length,
        workflows: plan.result.pipeline?.workflows.length,
        records,
        runs: plan.result.behaviour?.runs,
      };
      return deliver(options, { exitCode, report: renderComment(input), stdout: renderComment(input, commentFit(options)), stderr: checkNote });
    }
    case 'sarif':
      return deliver(options, { exitCode, report: renderSarif(records, { defaultFile: sourcePath, ...version(options) }), stderr: checkNote });
    case 'codequality':
      return deliver(options, { exitCode, report: renderCodeQuality(records, { defaultFile: sourcePath }), stderr: checkNote });
    case 'json': {
      const body = {
        source: sourcePath,
        target: target.path,
        differs,
        patch,
        counts: diagnosticCounts(plan.result.diagnostics),
        diagnostics: diagnosticsJson(plan.result.diagnostics, plan.result.sources, options),
      };
      return deliver(options, { exitCode, report: `${JSON.stringify(body, null, 2)}\n`, stderr: checkNote });
    }
    default: {
      const upToDate = differs ? '' : `ciport: ${target.path} is up to date\n`;
      return deliver(options, { exitCode, report: patch, stdout: options.colorPatch ? colorizeDiff(patch) : patch, stderr: text + upToDate + checkNote });
    }
  }
}

interface Report {
  exitCode: CommandResult['exitCode'];
  /** The whole report, as `--output` writes it. */
  report: string;
  /** What stdout shows without `--output`, when it is not the whole report (a coloured or shortened one). */
  stdout?: string;
  stderr: string;
}

/**
 * The report to stdout, or with `--output` to the file (even for a fatal translation: CI keeps it
 * as an artifact). The markdown comment is the exception: stdout still gets the comment to post,
 * within its limit, and the file the whole of it.
 */
function deliver(options: DiffOptions, result: Report): CommandResult {
  const stdout = result.stdout ?? result.report;
  if (!options.output) return { exitCode: result.exitCode, stdout, stderr: result.stderr };
  try {
    writeFileAtomic(options.output, result.report);
  } catch (error) {
    const diagnostic = catalogued('output-unwritable', `cannot write ${options.output}: ${describeError(error)}`);
    return { exitCode: 2, stdout: '', stderr: result.stderr + diagnosticsText([diagnostic], new SourceSet(), options) };
  }
  return { exitCode: result.exitCode, stdout: options.format === 'markdown' ? stdout : '', stderr: result.stderr };
}

function commentFit(options: DiffOptions): CommentFit | undefined {
  if (options.maxCommentChars === undefined) return undefined;
  return { maxChars: options.maxCommentChars, fullFile: options.output, fullUrl: options.outputUrl };
}

function version(options: DiffOptions): { toolVersion?: string } {
  return options.toolVersion ? { toolVersion: options.toolVersion } : {};
}
