import { report, reportOnce } from '../../diagnostics/report.js';
import type { DiagnosticSink } from '../../diagnostics/types.js';
import type { Job, RunStep, Variable } from '../../ir/types.js';
import { shellStateChange } from '../../behaviour/shell-state.js';

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
  const main = steps.filter((s) => !s.when || s.when === 'on_success');
  const late = steps.filter((s) => s.when === 'always' || s.when === 'on_failure');
  let reportedShell = false;
  let reportedChildShell = false;
  let reportedTimeout = false;
  let continueGroup = false;
  main.forEach((step, index) => {
    const isLast = index === main.length - 1;
    const comments: string[] = [...(step.comments?.before ?? [])];
    if (step.name && step.name !== step.command.split('\n')[0]) comments.push(step.name);
    let text = step.command;
    // A step that changes its shell (exit, cd, export, set, trap, …) changed only its own in
    // CircleCI; in the one GitLab shell it would reach every later line, so it gets a child shell.
    const leaks = !isLast && !step.background && shellStateChange(step.command) !== undefined;
    if (leaks) {
      text = inChildShell(text);
      if (!reportedChildShell) {
        reportOnce(sink, 'gitlab-shell-merged', `job "${job.id}": steps that change their shell (exit, cd, export, set, …) run in a child shell "( … )", so later steps do not see the change, as in CircleCI`, {
          job: job.id,
          origin: step.origin,
        });
        reportedChildShell = true;
      }
    }
    if (step.background) text = isMultiline(text) ? `(\n${text}\n) &` : `${text} &`;
    if (step.continueOnFailure) {
      text = leaks ? `${text} || CIPORT_RC=1` : isMultiline(text) ? `{\n${text}\n} || CIPORT_RC=1` : `${text} || CIPORT_RC=1`;
      continueGroup = true;
    } else if (continueGroup) {
      out.script.push({ text: 'test "${CIPORT_RC:-0}" -eq 0', comments: ['CircleCI 1.0 ran every test command, then failed the build'] });
      continueGroup = false;
    }
    if (step.workingDirectory) {
      out.script.push({ text: `cd ${mapDirectory(step.workingDirectory, job.workingDirectory)}` });
    }
    const item: ScriptItem = { text };
    if (comments.length) item.comments = comments;
    out.script.push(item);
    if (/\bBASH_ENV\b/.test(step.command)) out.script.push({ text: '. "$BASH_ENV"' });
    const moved = step.workingDirectory !== undefined || (!step.background && !leaks && changesDirectory.test(step.command));
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
      reportOnce(sink, 'approximate-translation', `no_output_timeout ${step.noOutputTimeout} has no GitLab equivalent; only the job timeout applies`, {
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
    // after_script runs in a new shell after success or failure (gitlab-ci.md §4 `after_script`).
    const text = step.when === 'on_failure' ? `if [ "$CI_JOB_STATUS" = "failed" ]; then\n${step.command}\nfi` : step.command;
    const item: ScriptItem = { text };
    if (step.name) item.comments = [step.name];
    out.after.push(item);
    if (step.when === 'always') {
      // Fail closed is not possible here: say that a gate no longer gates.
      report(sink, 'semantic-difference', `job "${job.id}": this \`when: always\` step runs in after_script, in a new shell, and its failure no longer fails the job`, {
        origin: step.origin,
        hint: 'If the step is a check, move it into script and remember an earlier failure (`|| rc=$?`).',
      });
    }
  }
  if (late.length && main.indexOf(late[0]!) < 0 && steps.indexOf(late[0]!) < steps.length - late.length) {
    reportOnce(sink, 'approximate-translation', `job "${job.id}": steps that run always or on failure move to after_script, after every other step`, {
      job: job.id,
      origin: late[0]!.origin,
    });
  }
  return out;
}
