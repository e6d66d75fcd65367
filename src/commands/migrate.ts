import type { DiagnosticCode } from '../diagnostics/catalog.js';
import { catalogued } from '../diagnostics/report.js';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { maskSecretsInText } from '../diagnostics/secrets.js';
import type { SourceSet } from '../diagnostics/source-map.js';
import type { Diagnostic } from '../diagnostics/types.js';
import { describeError } from '../io/read-text.js';
import { writeFileAtomic } from '../io/write-atomic.js';
import { plural } from '../report/locations.js';
import { runGit } from './git.js';
import { planMigration, type MigrationPlan, type PlanOptions } from './migration-plan.js';
import { diagnosticCounts, diagnosticsJson, diagnosticsText, reportExitCode, type ReportFormat, type ReportOptions } from './report-options.js';
import { reportRoot } from './report-root.js';
import type { CommandResult } from './result.js';

export interface MigrateOptions extends PlanOptions, ReportOptions {
  dryRun?: boolean;
  force?: boolean;
  removeSource?: boolean;
  /** Commit the result on this new branch (the directory must be in a git repository). */
  branch?: string;
  format?: ReportFormat;
}

/** What one migrate run did (or, under --dry-run, would do), before it is printed. */
interface Outcome {
  exitCode: 0 | 1 | 2;
  /** `wrote …`, `removed …`, `committed …` lines. */
  done: string[];
  /** The translation's diagnostics, then any refusal or failure that stopped the run. */
  diagnostics: Diagnostic[];
  sources: SourceSet;
  dryRun?: string;
  /** Under --dry-run: the files that would be written (text masked, as printed). */
  planned?: Array<{ path: string; action: 'create' | 'overwrite'; text: string }>;
}

/**
 * `ciport migrate`: translate a repository's configuration in place — the target file at its
 * conventional path plus MIGRATION.md — safely: nothing is overwritten without --force, nothing is
 * written when the translation is fatal, and --dry-run only prints.
 */
export function runMigrate(options: MigrateOptions): CommandResult {
  // Diagnostics are named from the repository root, as in diff; MIGRATION.md, written in the
  // repository's folder, keeps naming files from there.
  const root = reportRoot(options.dir);
  const report = root.ok ? { ...options, shownPath: root.shown } : options;
  return render(migrate(options), report);
}

function migrate(options: MigrateOptions): Outcome {
  const outcome = planMigration(options);
  if (!outcome.ok) return { exitCode: 2, done: [], diagnostics: outcome.diagnostics, sources: outcome.sources };
  const { plan } = outcome;
  const translated = plan.result.diagnostics;
  const sources = plan.result.sources;
  const done: string[] = [];
  const refuse = (...problems: Diagnostic[]): Outcome => ({ exitCode: 2, done, diagnostics: [...translated, ...problems], sources });
  const refusals = [...findConflicts(plan, options), ...(options.branch ? checkBranch(plan.dir, options.branch) : [])];
  if (refusals.length) return refuse(...refusals);

  const exitCode = reportExitCode(translated, options);
  const removesSource = Boolean(options.removeSource) && plan.source.path !== plan.target.path;
  if (options.dryRun) return { exitCode, done, diagnostics: [...translated], sources, dryRun: describeDryRun(plan, removesSource, options.branch), planned: plannedFiles(plan) };

  if (options.branch) {
    const switched = runGit(plan.dir, ['checkout', '-q', '-b', options.branch]);
    if (!switched.ok) return refuse(gitFailure(`cannot create branch ${options.branch}: ${switched.message}`));
  }
  for (const file of [plan.target, plan.notes]) {
    try {
      writeFileAtomic(file.diskPath, file.text);
      done.push(`wrote ${shown(plan, file.path)}`);
    } catch (error) {
      return refuse(catalogued('output-unwritable', `cannot write ${file.diskPath}: ${describeError(error)}`));
    }
  }
  if (removesSource) {
    try {
      rmSync(plan.source.diskPath);
      done.push(`removed ${shown(plan, plan.source.path)}`);
    } catch (error) {
      return refuse(catalogued('output-unwritable', `cannot remove ${plan.source.diskPath}: ${describeError(error)}`));
    }
  }
  if (options.branch) {
    const committed = commitMigration(plan, options.branch, removesSource);
    if (!committed.ok) return refuse(committed.diagnostic);
    done.push(committed.line);
  }
  return { exitCode, done, diagnostics: [...translated], sources };
}

/** Text: what was done on stdout, diagnostics and the summary line on stderr; or one JSON object. */
function render(outcome: Outcome, options: MigrateOptions): CommandResult {
  if (options.format === 'json') {
    const body = {
      dryRun: Boolean(options.dryRun),
      done: outcome.done,
      ...(outcome.planned ? { planned: outcome.planned } : {}),
      counts: diagnosticCounts(outcome.diagnostics),
      diagnostics: diagnosticsJson(outcome.diagnostics, outcome.sources, options),
    };
    return { exitCode: outcome.exitCode, stdout: `${JSON.stringify(body, null, 2)}\n`, stderr: '' };
  }
  return {
    exitCode: outcome.exitCode,
    stdout: outcome.dryRun ?? lines(outcome.done),
    stderr: diagnosticsText(outcome.diagnostics, outcome.sources, options),
  };
}

function lines(list: readonly string[]): string {
  return list.length ? `${list.join('\n')}\n` : '';
}

/** A path as the user would type it from where they ran ciport. */
function shown(plan: MigrationPlan, path: string): string {
  return join(plan.dir, path);
}

function findConflicts(plan: MigrationPlan, options: MigrateOptions): Diagnostic[] {
  if (options.force) return [];
  return [plan.target, plan.notes]
    .filter((file) => file.previous !== undefined)
    .map((file) => catalogued('output-exists', `${shown(plan, file.path)} already exists; nothing was written`, { hint: 'Pass --force to overwrite it, or move it away first.' }));
}

function gitFailure(message: string, code: DiagnosticCode = 'git-failed'): Diagnostic {
  return catalogued(code, message);
}

/** Everything that would stop the commit, checked before any file is written. */
function checkBranch(dir: string, branch: string): Diagnostic[] {
  const inside = runGit(dir, ['rev-parse', '--is-inside-work-tree']);
  if (!inside.ok || inside.stdout.trim() !== 'true') {
    const why = inside.ok ? 'it is not a work tree' : inside.message.split('\n')[0];
    return [gitFailure(`${dir} is not in a git repository (${why}); --branch needs one`, 'git-not-repository')];
  }
  const valid = runGit(dir, ['check-ref-format', '--branch', branch]);
  if (!valid.ok || branch.startsWith('-')) return [gitFailure(`"${branch}" is not a valid branch name`)];
  const exists = runGit(dir, ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`]);
  if (exists.ok) {
    return [catalogued('git-branch-exists', `branch ${branch} already exists`, { hint: 'Choose another name with --branch.' })];
  }
  // On an unborn branch (no commit yet) there is no HEAD to compare the index with.
  const hasHead = runGit(dir, ['rev-parse', '--verify', '--quiet', 'HEAD']).ok;
  const staged = runGit(dir, hasHead ? ['diff', '--cached', '--name-only'] : ['ls-files', '--cached']);
  if (!staged.ok) return [gitFailure(`cannot read the git index: ${staged.message}`)];
  const stagedFiles = staged.stdout.split('\n').filter(Boolean);
  if (stagedFiles.length) {
    return [
      catalogued('git-staged-changes', `the index has staged changes (${stagedFiles.slice(0, 5).join(', ')}${stagedFiles.length > 5 ? ', …' : ''}); the migration commit would include them`, {
        hint: 'Commit or unstage them first (git restore --staged <file>).',
      }),
    ];
  }
  return [];
}

function commitMigration(plan: MigrationPlan, branch: string, removedSource: boolean): { ok: true; line: string } | { ok: false; diagnostic: Diagnostic } {
  const paths = [plan.target.path, plan.notes.path, ...(removedSource ? [plan.source.path] : [])];
  // `add -A` on a deleted path stages its removal; `--` keeps paths from being read as options.
  const added = runGit(plan.dir, ['add', '-A', '--', ...paths]);
  if (!added.ok) return { ok: false, diagnostic: gitFailure(`git add failed: ${added.message}`) };
  const committed = runGit(plan.dir, ['commit', '-q', '-m', commitMessage(plan, removedSource)]);
  if (!committed.ok) return { ok: false, diagnostic: gitFailure(`git commit failed on branch ${branch}: ${committed.message}`) };
  const head = runGit(plan.dir, ['rev-parse', '--short', 'HEAD']);
  return { ok: true, line: `committed ${head.ok ? head.stdout.trim() : 'the migration'} on new branch ${branch}` };
}

export function commitMessage(plan: MigrationPlan, removedSource: boolean): string {
  const { pipeline } = plan.result;
  const count = (severity: string) => plan.records.filter((r) => r.severity === severity).length;
  const body = [
    `Translated by ciport from ${plan.source.path} (${plan.source.format}).`,
    pipeline ? `${plural(pipeline.jobs.length, 'job')}, ${plural(pipeline.workflows.length, 'workflow')}.` : '',
    `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${plural(count('manual'), 'manual task')}: see ${plan.notes.path}.`,
    removedSource ? `Removes ${plan.source.path}.` : `Keeps ${plan.source.path}.`,
  ].filter(Boolean);
  return `Migrate CI from ${plan.source.format} to ${plan.target.format}\n\n${body.join('\n')}\n`;
}

function plannedFiles(plan: MigrationPlan): NonNullable<Outcome['planned']> {
  return [plan.target, plan.notes].map((file) => ({
    path: shown(plan, file.path),
    action: file.previous === undefined ? 'create' : 'overwrite',
    text: maskSecretsInText(file.text),
  }));
}

function describeDryRun(plan: MigrationPlan, removesSource: boolean, branch: string | undefined): string {
  const out: string[] = ['dry run: nothing was written', ''];
  for (const file of [plan.target, plan.notes]) {
    const verb = file.previous === undefined ? 'create' : 'overwrite';
    out.push(`--- would ${verb} ${shown(plan, file.path)} (${plural(file.text.split('\n').length - 1, 'line')})`);
    // Printed, not written: mask what looks like a credential.
    out.push(maskSecretsInText(file.text).replace(/\n$/, ''), '');
  }
  if (removesSource) out.push(`--- would remove ${shown(plan, plan.source.path)}`);
  if (branch) out.push(`--- would commit on new branch ${branch}`);
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}
