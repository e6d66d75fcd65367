/**
 * The commands of one shell session as the shell runs them, rather than as they are spelt. Some
 * lines only steer the session: `cd dir` moves the lines after it, and the "run them all, fail at
 * the end" form `cmd || FAILED=1` … `test "${FAILED:-0}" -eq 0` lets later lines run after `cmd`
 * fails yet still fails the job. Read here with the shell word reader, they become a directory
 * and a status on the commands they steer, so two spellings of one behaviour compare equal.
 */
import { splitCommands, type SimpleCommand } from '../docker/shell-words.js';
import { isSubshell } from './shell-state.js';
import type { ShellSession } from './types.js';

export interface SessionLine {
  /** The command text as written (one line of it). */
  text: string;
  /** Directory the line runs in, relative to the checkout. */
  directory: string;
  /** Its failure can fail the job. */
  failsJob: boolean;
  /** Later lines still run after it fails. */
  continueOnFailure: boolean;
  /** The whole command the line belongs to (what shell-state checks read). */
  command: string;
  /** A line that is only `cd <dir>` came just before it, so no earlier `cd` reaches it. */
  afterCd: boolean;
  /** Lines of one `( … )` command share a number: a child shell whose changes die with it. */
  subshell?: number;
  /** When the line runs: the session's, or only after a failure inside a job-status guard. */
  when: ShellSession['when'];
  /** Started in the background: the session's, or a command ending in `&`. */
  background: boolean;
}

export interface SessionContext {
  /** Spellings of the checkout directory in `cd` (`$CI_PROJECT_DIR`, `~/project`), by meaning. */
  isCheckoutDirectory(word: string): boolean;
  /** The variable that holds the job's result in late sessions, and its value after a failure. */
  jobStatus?: { variable: string; failed: string } | undefined;
}

/** Every line of the session, in order, with the directory and status the shell gives it. */
export function sessionLines(session: ShellSession, context: SessionContext): SessionLine[] {
  const recorded = recordedFailures(session.commands);
  const out: SessionLine[] = [];
  let directory = session.directory;
  let afterCd = false;
  let subshells = 0;
  for (const command of session.commands) {
    const target = isSubshell(command) ? undefined : cdTarget(command);
    if (target !== undefined) {
      directory = directoryAfterCd(directory, target, context);
      afterCd = true;
      continue;
    }
    if (recorded.gates.has(command)) continue;
    const steered = recorded.commands.get(command);
    let body = steered?.body ?? command;
    const tracked = steered?.when !== undefined;
    const background = backgrounded(body);
    if (background !== undefined) body = background;
    const guarded = failureGuarded(body, context.jobStatus);
    if (guarded !== undefined) body = guarded;
    const subshell = tracked || isSubshell(body) ? ++subshells : undefined;
    if (subshell !== undefined && !tracked) body = body.trim().slice(1, -1).trim();
    const ignored = statusIgnored(body);
    if (ignored !== undefined) body = ignored;
    // Inside a command, a line that is only `cd` moves the lines after it too, up to the end of
    // a child shell.
    const outside = directory;
    const lines = body.split('\n');
    for (const raw of lines) {
      const inner = cdTarget(raw);
      if (inner !== undefined) {
        directory = directoryAfterCd(directory, inner, context);
        afterCd = true;
        continue;
      }
      // A line of a multi-line command that ends in `&` starts in the background as its own
      // command would (a GitLab script line joined into one CircleCI step).
      const lineBackground = lines.length > 1 ? backgrounded(raw) : undefined;
      // Likewise `cmd || true` on a line of its own cannot fail the job.
      const lineIgnored = lines.length > 1 && lineBackground === undefined ? statusIgnored(raw) : undefined;
      out.push({
        text: lineBackground ?? lineIgnored ?? raw,
        directory,
        failsJob: session.failsJob && ignored === undefined && lineIgnored === undefined && (steered ? steered.gated : true),
        // A tracked step stops the steps that run on success as a failed step does: by its guard.
        continueOnFailure: steered ? !tracked || steered.continues === true : session.continueOnFailure,
        command: body,
        afterCd,
        ...(subshell !== undefined ? { subshell } : {}),
        when: steered?.when ?? (guarded !== undefined ? 'on_failure' : session.when),
        background: session.background || background !== undefined || lineBackground !== undefined,
      });
      afterCd = false;
    }
    if (subshell !== undefined) directory = outside;
  }
  return out;
}

interface RecordedFailures {
  /**
   * Command text → the command it runs, and whether a later gate fails the job for it; `when`
   * for a tracked step (a child shell run while nothing failed, after a failure, or always).
   */
  commands: Map<string, { body: string; gated: boolean; when?: ShellSession['when']; continues?: boolean }>;
  /** The gate lines themselves (`test "${FAILED:-0}" -eq 0`), which run nothing of the job's. */
  gates: Set<string>;
}

const recordSuffix = /\s*\|\|\s*([A-Za-z_][A-Za-z0-9_]*)=1\s*$/;

/** `cmd || NAME=1` lines and the `test "${NAME:-0}" -eq 0` lines that fail the job for them. */
function recordedFailures(commands: readonly string[]): RecordedFailures {
  const pending = new Map<string, string[]>();
  const result: RecordedFailures = { commands: new Map(), gates: new Set() };
  for (const command of commands) {
    const recorded: { body: string; variable: string; when?: ShellSession['when']; continues?: boolean } | undefined = trackedStepOf(command) ?? recordingOf(command);
    // `test "${A:-0}" -eq 0 || B=1` hands A's failures on to B, whose gate then fails the job.
    const handedOn = recorded && !recorded.when ? gateVariable(recorded.body) : undefined;
    if (recorded && handedOn && pending.has(handedOn)) {
      result.gates.add(command);
      const steered = pending.get(handedOn)!;
      pending.delete(handedOn);
      (pending.get(recorded.variable) ?? pending.set(recorded.variable, []).get(recorded.variable)!).push(...steered);
      continue;
    }
    if (recorded) {
      (pending.get(recorded.variable) ?? pending.set(recorded.variable, []).get(recorded.variable)!).push(command);
      result.commands.set(command, { body: recorded.body, gated: false, ...(recorded.when ? { when: recorded.when } : {}), ...(recorded.continues ? { continues: true } : {}) });
      continue;
    }
    const gated = gateVariable(command);
    if (gated && pending.has(gated)) {
      result.gates.add(command);
      for (const steered of pending.get(gated)!) result.commands.get(steered)!.gated = true;
      pending.delete(gated);
    }
  }
  return result;
}

/** `cmd || NAME=1` (or `{ …lines… } || NAME=1`): the command, and the variable that records its failure. */
function recordingOf(command: string): { body: string; variable: string } | undefined {
  const match = recordSuffix.exec(command);
  if (!match) return undefined;
  let body = command.slice(0, match.index).trim();
  const top = splitCommands(body).filter((c) => c.depth === 0);
  // The suffix must belong to the last top-level command, not sit inside a quoted string.
  if (!top.length || top.at(-1)!.end > body.length) return undefined;
  // A `{ … }` group shares the shell; a `( … )` one is kept whole, to be read as a child shell.
  if (body.startsWith('{') && body.endsWith('}')) body = body.slice(1, -1).trim();
  return { body, variable: match[1]! };
}

/**
 * A step run in a child shell with `set -e` of its own, its failure recorded in NAME and the
 * caller's errexit off around it (errexit is ignored on the left of `||`):
 * `set +e; [if [ "${NAME:-0}" -eq|-ne 0 ]; then ](⏎set -e⏎…⏎); [ $? -eq 0 ] || NAME=1;[ fi;] set -e`.
 * `-eq` runs it while nothing failed, `-ne` only after a failure, no guard always.
 */
const trackedForm = /^set \+e; (?:if \[ "\$\{([A-Za-z_][A-Za-z0-9_]*):-0\}" -(eq|ne) 0 \]; then )?\(\nset -e\n([\s\S]*)\n\); \[ \$\? -eq 0 \] \|\| ([A-Za-z_][A-Za-z0-9_]*)=1;( fi;)? set -e$/;

function trackedStepOf(command: string): { body: string; variable: string; when: ShellSession['when']; continues: boolean } | undefined {
  if (!command.startsWith('set +e; ')) return undefined;
  const match = trackedForm.exec(command);
  if (!match) return undefined;
  const [, guardVariable, op, body, variable, fi] = match;
  if ((guardVariable !== undefined) !== (fi !== undefined)) return undefined;
  // Recorded apart from the guard's variable, a failure lets the later steps run (CircleCI 1.0 test commands).
  return { body: body!, variable: variable!, when: op === undefined ? 'always' : op === 'eq' ? 'on_success' : 'on_failure', continues: guardVariable !== undefined && guardVariable !== variable };
}

/** `test "${NAME:-0}" -eq 0` or `[ "$NAME" … ]`: the job fails here when NAME recorded a failure. */
function gateVariable(command: string): string | undefined {
  // Cheap test first: the shell reader runs only on lines that can be a gate.
  if (!/^\s*(?:test|\[)\s/.test(command)) return undefined;
  const only = singleCommand(command);
  if (!only) return undefined;
  const [program, value, op, zero] = only.argv;
  if ((program !== 'test' && program !== '[') || op !== '-eq' || zero !== '0') return undefined;
  return /^\$\{?([A-Za-z_][A-Za-z0-9_]*)(?::-0)?\}?$/.exec(value ?? '')?.[1];
}

/** The directory of a line that is nothing but `cd <dir>`. */
function cdTarget(command: string): string | undefined {
  if (!/^\s*cd\s/.test(command)) return undefined;
  const only = singleCommand(command);
  if (!only || only.argv[0] !== 'cd' || only.argv.length !== 2 || only.wrappers.length) return undefined;
  const target = only.argv[1]!;
  return target === '-' ? undefined : target;
}

/** `cmd || true` (or `{ … } || true`): the command, whose failure is then ignored. */
function statusIgnored(command: string): string | undefined {
  // `|| true || true` ignores it as much as one `|| true` does.
  const match = /(?:\s*\|\|\s*(?:true|:))+\s*$/.exec(command);
  if (!match) return undefined;
  const body = command.slice(0, match.index).trim();
  const top = splitCommands(body).filter((c) => c.depth === 0);
  if (!top.length || top.some((c) => c.terminator === '||' || c.terminator === '&&')) return undefined;
  return body.startsWith('{') && body.endsWith('}') ? body.slice(1, -1).trim() : body;
}

/** `cmd &` or `( … ) &`: the command started in the background, without its `&`. */
function backgrounded(command: string): string | undefined {
  const trimmed = command.trimEnd();
  if (!trimmed.endsWith('&') || trimmed.endsWith('&&')) return undefined;
  const top = splitCommands(trimmed).filter((c) => c.depth === 0);
  if (top.at(-1)?.terminator !== '&') return undefined;
  const body = trimmed.slice(0, -1).trimEnd();
  return isSubshell(body) ? body.trim().slice(1, -1).trim() : body;
}

/** The body of `if [ "$STATUS" = "failed" ]; then … fi`, which runs only after the job failed. */
function failureGuarded(command: string, status: SessionContext['jobStatus']): string | undefined {
  if (!status || !command.trimStart().startsWith('if')) return undefined;
  const lines = command.split('\n');
  if (lines.length < 3 || lines.at(-1)!.trim() !== 'fi') return undefined;
  const head = splitCommands(lines[0]!.replace(/;\s*then\s*$/, ''));
  const [program, value, op, expected, close] = head[0]?.argv ?? [];
  if (head.length !== 1 || !/;\s*then\s*$/.test(lines[0]!) || (program !== '[' && program !== 'test')) return undefined;
  if (op !== '=' || expected !== status.failed || (program === '[' && close !== ']')) return undefined;
  if (value !== `$${status.variable}` && value !== `\${${status.variable}}`) return undefined;
  return lines.slice(1, -1).join('\n');
}

function singleCommand(command: string): SimpleCommand | undefined {
  if (command.includes('\n')) return undefined;
  const commands = splitCommands(command);
  return commands.length === 1 && commands[0]!.depth === 0 && commands[0]!.redirects.length === 0 ? commands[0] : undefined;
}

/** Where `cd target` leads from `directory`, relative to the checkout where it lies inside it. */
function directoryAfterCd(directory: string, target: string, context: SessionContext): string {
  if (context.isCheckoutDirectory(target)) return '.';
  const slash = target.indexOf('/');
  if (slash > 0 && context.isCheckoutDirectory(target.slice(0, slash))) return joinDirectory('.', target.slice(slash + 1));
  return joinDirectory(directory, target);
}

function joinDirectory(base: string, target: string): string {
  const path = target.replace(/\/+$/, '') || '/';
  if (path.startsWith('/') || path.startsWith('~') || path.startsWith('$')) return path;
  const parts = base === '.' ? [] : base.split('/');
  for (const segment of path.split('/')) {
    if (segment === '.' || segment === '') continue;
    if (segment === '..' && parts.length && parts.at(-1) !== '..') parts.pop();
    else parts.push(segment);
  }
  return parts.length ? parts.join('/') : '.';
}
