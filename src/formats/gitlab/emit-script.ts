import { report, reportOnce } from '../../diagnostics/report.js';
import type { DiagnosticSink } from '../../diagnostics/types.js';
import type { Job, RunStep, Variable } from '../../ir/types.js';
import { shellStateChange } from '../../behaviour/shell-state.js';
import { isPlaceholderCommand } from '../placeholder.js';

/** One `script` item with the comments written above it. */
export interface ScriptItem {
  text: string;
  comments?: string[];
}

export interface ScriptSections {
  before: ScriptItem[];
  script: ScriptItem[];
  after: ScriptItem[];
  /** Step-level environment lifted to the job (the step scope is lost). */
  variables: Variable[];
  /** Highest `max_auto_reruns` of a step, for `retry`. */
  retry?: number;
}

/** A `cd` the shell keeps for later lines (not one inside a `( … )` subshell). */
const changesDirectory = /(^|\n|;|&&|\|\||\bthen|\bdo|\belse)\s*(cd|pushd)(\s|$)/;

/** Job working directory (CircleCI default `~/project`) → where GitLab cloned: `$CI_PROJECT_DIR`. */
export function mapDirectory(dir: string, jobDir: string | undefined): string {
  const roots = ['~/project', '/root/project', '$CIRCLE_WORKING_DIRECTORY', '${CIRCLE_WORKING_DIRECTORY}'];
  if (jobDir) roots.unshift(jobDir.replace(/\/$/, ''));
  for (const root of roots) {
    if (dir === root || dir === `${root}/`) return '"$CI_PROJECT_DIR"';
    if (dir.startsWith(`${root}/`)) return `"$CI_PROJECT_DIR"/${quoteWord(dir.slice(root.length + 1))}`;
  }
  if (dir.startsWith('~/')) return `~/${quoteWord(dir.slice(2))}`;
  return quoteWord(dir);
}

function quoteWord(word: string): string {
  return /^[\w./@%+=:,-]+$/.test(word) ? word : `"${word.replace(/(["\\`])/g, '\\$1')}"`;
}

const isMultiline = (text: string) => text.includes('\n');

/** `( … )`: the command in a child shell; on lines of their own when a line could end in a comment. */
function inChildShell(text: string): string {
  return isMultiline(text) || text.includes('#') ? `(\n${text}\n)` : `(${text})`;
}

/**
 * Run steps → `before_script` / `script` / `after_script` items.
 *
 * A GitLab source keeps its phases, one item per step, so a round trip writes the same lines.
 * Other sources ran each step in its own shell; GitLab runs the whole script in one
 * (notes/semantics.md "Shells and failure"). So a step that changes directory is followed by
 * `cd "$CI_PROJECT_DIR"`, a step's `working_directory` becomes a `cd` before it, `$BASH_ENV` is
 * emulated (created, and sourced after each step that writes it, as CircleCI sources it before
 * each step), `when: always`/`on_fail` steps go to `after_script`, and 1.0 test commands that must
 * all run are chained with `|| CIPORT_RC=1` and a final check.
 */
export function emitScript(job: Job, steps: RunStep[], fromGitlab: boolean, sink: DiagnosticSink): ScriptSections {
  const out: ScriptSections = { before: [], script: [], after: [], variables: [] };
  if (fromGitlab) {
    for (const step of steps) {
      const item: ScriptItem = { text: step.command };
      if (step.comments?.before) item.comments = step.comments.before;
      if (step.phase === 'before_script') out.before.push(item);
      else if (step.phase === 'after_script' || (step.phase === undefined && step.when === 'always')) out.after.push(item);
      else out.script.push(item);
    }
    return out;
  }

  const usesBashEnv = steps.some((s) => /\bBASH_ENV\b/.test(s.command));
  if (usesBashEnv) {
    out.script.push({
      text: 'export BASH_ENV="${BASH_ENV:-$CI_PROJECT_DIR/.ciport_bash_env}"; touch "$BASH_ENV"',
      comments: ['CircleCI sources $BASH_ENV before every step; ciport emulates it'],
    });
  }
  // Up to its last `when: always`/`on_fail` step the job records failures instead of stopping at
  // one, as CircleCI does; only trailing on_fail steps can go to after_script unchanged.
  const trackedUntil = lastTrackedStep(steps);
  const late = steps.filter((s, i) => i > trackedUntil && (s.when === 'always' || s.when === 'on_failure'));
  const main = steps.filter((s, i) => i > trackedUntil && !late.includes(s));
  let reportedShell = false;
  let reportedChildShell = false;
  let reportedTimeout = false;
  let continueGroup = false;
  steps.forEach((step, index) => {
    const tracked = index <= trackedUntil;
    if (!tracked && !main.includes(step)) return;
    const isLast = !tracked && step === main.at(-1);
    const comments: string[] = [...(step.comments?.before ?? [])];
    if (step.name && step.name !== step.command.split('\n')[0]) comments.push(step.name);
    let text = step.command;
    // A step that changes its shell (exit, cd, export, set, trap, …) changed only its own in
    // CircleCI; in the one GitLab shell it would reach every later line, so it gets a child shell.
    const leaks = !tracked && !isLast && !step.background && shellStateChange(step.command) !== undefined;
    if (leaks) {
      text = inChildShell(text);
      if (!reportedChildShell && !isPlaceholderCommand(step.command)) {
        reportOnce(sink, 'gitlab-shell-merged', `job "${job.id}": steps that change their shell (exit, cd, export, set, …) run in a child shell "( … )", so later steps do not see the change, as in CircleCI`, {
          job: job.id,
          origin: step.origin,
        });
        reportedChildShell = true;
      }
    }
    if (tracked && !step.background) {
      const directory = step.workingDirectory ? `cd ${mapDirectory(step.workingDirectory, job.workingDirectory)}\n` : '';
      // A 1.0 test command records its failure apart, so the commands after it still run.
      text = trackedStep(`${directory}${step.command}`, step.when ?? 'on_success', step.continueOnFailure ? 'CIPORT_RC' : failureVariable);
    } else if (step.background) text = startsInBackground(text) ? text : isMultiline(text) ? `(\n${text}\n) &` : `${text} &`;
    if (step.continueOnFailure && tracked) continueGroup = true;
    else if (continueGroup && tracked) {
      out.script.push({ text: `test "\${CIPORT_RC:-0}" -eq 0 || ${failureVariable}=1`, comments: ['CircleCI 1.0 ran every test command, then failed the build'] });
      continueGroup = false;
    } else if (step.continueOnFailure) {
      text = leaks ? `${text} || CIPORT_RC=1` : isMultiline(text) ? `{\n${text}\n} || CIPORT_RC=1` : `${text} || CIPORT_RC=1`;
      continueGroup = true;
    } else if (continueGroup) {
      out.script.push({ text: 'test "${CIPORT_RC:-0}" -eq 0', comments: ['CircleCI 1.0 ran every test command, then failed the build'] });
      continueGroup = false;
    }
    if (step.workingDirectory && !tracked) {
      out.script.push({ text: `cd ${mapDirectory(step.workingDirectory, job.workingDirectory)}` });
    }
    const item: ScriptItem = { text };
    if (comments.length) item.comments = comments;
    out.script.push(item);
    if (/\bBASH_ENV\b/.test(step.command)) out.script.push({ text: '. "$BASH_ENV"' });
    if (index === trackedUntil) {
      out.script.push({ text: `test "\${${failureVariable}:-0}" -eq 0`, comments: ['CircleCI fails the job after a failed step, once the steps that run after a failure have run'] });
      reportOnce(sink, 'gitlab-shell-merged', `job "${job.id}": steps up to the last \`when: always\`/\`on_fail\` one each run in a child shell that records a failure, so those steps still run after a failed one and the job fails at the end, as in CircleCI`, {
        job: job.id,
        origin: steps.find((s) => s.when === 'always' || s.when === 'on_failure')?.origin ?? step.origin,
      });
    }
    const moved = !tracked && (step.workingDirectory !== undefined || (!step.background && !leaks && changesDirectory.test(step.command)));
    if (moved && !isLast) {
      out.script.push({ text: 'cd "$CI_PROJECT_DIR"' });
      if (!reportedShell && !reportedChildShell) {
        report(sink, 'gitlab-shell-merged', `job "${job.id}": a step changes directory; later steps start again in $CI_PROJECT_DIR as they did in CircleCI`, {
          origin: step.origin,
        });
        reportedShell = true;
      }
    }
    if (step.shell && !/^\/bin\/(ba)?sh\b|^bash\b/.test(step.shell)) {
      reportOnce(sink, 'approximate-translation', `step shell "${step.shell}" is not kept; GitLab runs the script in the image's shell`, {
        origin: step.origin,
        hint: 'Call the interpreter in the command instead.',
      });
    }
    if (step.noOutputTimeout && !reportedTimeout) {
      reportOnce(sink, 'semantic-difference', `no_output_timeout ${step.noOutputTimeout} has no GitLab equivalent; only the job timeout applies`, {
        origin: step.origin,
      });
      reportedTimeout = true;
    }
    // `parallel` only matters with several containers (1.0 sets the number outside the file), so
    // without parallelism only a `files:` list is lost: 1.0 appended the matching files to the command.
    if ((job.parallelism ?? 1) > 1 && (step.allNodes || step.splitFiles)) {
      report(sink, 'semantic-difference', `job "${job.id}": a 1.0 parallel command runs once per GitLab parallel job; file splitting is not translated`, {
        origin: step.origin,
      });
    } else if (step.splitFiles?.length) {
      report(sink, 'semantic-difference', `job "${job.id}": the files a 1.0 command lists under files: are no longer appended to it`, {
        origin: step.origin,
      });
    }
    if (step.maxAutoReruns !== undefined) out.retry = Math.max(out.retry ?? 0, step.maxAutoReruns);
    for (const variable of step.environment ?? []) {
      const clash = [...(job.environment ?? []), ...out.variables].find((v) => v.name === variable.name && v.value !== variable.value);
      if (clash) {
        report(sink, 'semantic-difference', `step variable ${variable.name} differs from another value in job "${job.id}"; GitLab has job-level variables only`, {
          origin: variable.origin ?? step.origin,
        });
        continue;
      }
      if (!out.variables.some((v) => v.name === variable.name)) out.variables.push(variable);
    }
  });
  if (continueGroup) out.script.push({ text: 'test "${CIPORT_RC:-0}" -eq 0', comments: ['CircleCI 1.0 ran every test command, then failed the build'] });

  for (const step of late) {
    // Only trailing on_fail steps get here: after_script runs in a new shell after the script,
    // and its status is ignored, which is moot once the job has failed
    // (https://docs.gitlab.com/ci/yaml/#after_script).
    const text = step.when === 'on_failure' ? `if [ "$CI_JOB_STATUS" = "failed" ]; then\n${step.command}\nfi` : step.command;
    const item: ScriptItem = { text };
    if (step.name) item.comments = [step.name];
    out.after.push(item);
  }
  return out;
}

/** Records a step's failure, for the steps that run after one (CircleCI `when: always`/`on_fail`). */
const failureVariable = 'CIPORT_FAILED';

/**
 * Index of the last step that must run under failure tracking: the last `when: always` step, or
 * the last `on_fail` step that has other steps after it. -1 when after_script is exact.
 */
function lastTrackedStep(steps: readonly RunStep[]): number {
  let last = -1;
  steps.forEach((step, i) => {
    if (step.when === 'always') last = i;
    else if (step.when === 'on_failure' && steps.slice(i + 1).some((s) => s.when !== 'on_failure')) last = i;
  });
  return last;
}

/**
 * A step that records its failure instead of ending the script: a child shell, as CircleCI gives
 * each step one, with `set -e` of its own. The runner's `set -e` is off around it, since errexit
 * is ignored inside anything on the left of `||` (bash manual, "The Set Builtin"). On-success
 * steps run while nothing failed, on_fail steps only after a failure, always steps in any case.
 */
function trackedStep(command: string, when: NonNullable<RunStep['when']>, recordInto: string): string {
  const flag = `"\${${failureVariable}:-0}"`;
  const guard = when === 'always' ? '' : `if [ ${flag} -${when === 'on_failure' ? 'ne' : 'eq'} 0 ]; then `;
  return `set +e; ${guard}(\nset -e\n${command.replace(/\n+$/, '')}\n); [ $? -eq 0 ] || ${recordInto}=1;${guard ? ' fi;' : ''} set -e`;
}

/** A one-line command that already ends in a single `&` (`./daemon &` with `background: true`). */
function startsInBackground(text: string): boolean {
  return !isMultiline(text) && /(?:^|[^&])&\s*$/.test(text);
}
