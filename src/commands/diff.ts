import { toRecords } from '../diagnostics/print.js';
import { renderCodeQuality } from '../report/codequality.js';
import { renderComment } from '../report/markdown.js';
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
    if (format === 'markdown') return { exitCode: 2, stdout: renderComment({ source, target, patch: '', targetExists: false, records, fatal: true }), stderr: text };
    if (format === 'sarif') return { exitCode: 2, stdout: renderSarif(records, { ...defaultFile, ...version(options) }), stderr: text };
    if (format === 'codequality') return { exitCode: 2, stdout: renderCodeQuality(records, { ...defaultFile, fatal: true }), stderr: text };
    if (format === 'json') {
      const body = { source: sourcePath ?? null, target: target.path, differs: null, patch: null, counts: diagnosticCounts(outcome.diagnostics), diagnostics: diagnosticsJson(outcome.diagnostics, outcome.sources, options) };
      return { exitCode: 2, stdout: `${JSON.stringify(body, null, 2)}\n`, stderr: '' };
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
    case 'markdown':
      return {
        exitCode,
        stdout: renderComment({
          source: { path: sourcePath, format: plan.source.format },
          target,
          patch,
          targetExists: plan.target.previous !== undefined,
          jobs: plan.result.pipeline?.jobs.length,
          workflows: plan.result.pipeline?.workflows.length,
          records,
          runs: plan.result.behaviour?.runs,
        }),
        stderr: checkNote,
      };
    case 'sarif':
      return { exitCode, stdout: renderSarif(records, { defaultFile: sourcePath, ...version(options) }), stderr: checkNote };
    case 'codequality':
      return { exitCode, stdout: renderCodeQuality(records, { defaultFile: sourcePath }), stderr: checkNote };
    case 'json': {
      const body = {
        source: sourcePath,
        target: target.path,
        differs,
        patch,
        counts: diagnosticCounts(plan.result.diagnostics),
        diagnostics: diagnosticsJson(plan.result.diagnostics, plan.result.sources, options),
      };
      return { exitCode, stdout: `${JSON.stringify(body, null, 2)}\n`, stderr: checkNote };
    }
    default: {
      const upToDate = differs ? '' : `ciport: ${target.path} is up to date\n`;
      return { exitCode, stdout: options.colorPatch ? colorizeDiff(patch) : patch, stderr: text + upToDate + checkNote };
    }
  }
}

function version(options: DiffOptions): { toolVersion?: string } {
  return options.toolVersion ? { toolVersion: options.toolVersion } : {};
}
