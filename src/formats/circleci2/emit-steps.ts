import { shellStateChange } from '../../behaviour/shell-state.js';
import { report, reportOnce } from '../../diagnostics/report.js';
import { placeholderCommand, placeholderWritten, type PlaceholderMode } from '../placeholder.js';
import type { DiagnosticSink } from '../../diagnostics/types.js';
import { chooseRemoteDockerVersion } from '../../docker/versions.js';
import type { Comments, Job, RunStep, Step, Variable } from '../../ir/types.js';
import { formatCacheKey } from './cache-key.js';
import type { VariableMapper } from './emit-variables.js';
import { conditionToLogic, newNotes } from './emit-conditions.js';

export type Yaml = string | number | boolean | null | Yaml[] | { [key: string]: Yaml };

export interface StepOutput {
  value: Yaml;
  comments?: Comments;
}

export interface StepContext {
  sink: DiagnosticSink;
  version: '2.0' | '2.1';
  job: Job;
  /** `${name}` references to these pipeline parameters are written back as `<< pipeline.parameters.name >>`. */
  parameters: Set<string>;
  /** Orb aliases that unmapped CircleCI steps refer to (the writer keeps those orbs). */
  usedOrbs: Set<string>;
  /** Carries the source's predefined variables (shim or rewrite). */
  variables: VariableMapper;
  /** What a step with no translation becomes (`--placeholders`; fail when absent). */
  placeholders?: PlaceholderMode;
}

const stepWhen = { on_success: 'on_success', always: 'always', on_failure: 'on_fail' } as const;

/** IR steps as CircleCI 2.x steps (spec §4). */
export function emitSteps(steps: readonly Step[], ctx: StepContext): StepOutput[] {
  const out: StepOutput[] = [];
  for (const step of mergeShellPhases(steps)) out.push(...emitStep(step, ctx));
  return out;
}

function withComments(value: Yaml, step: Step): StepOutput {
  return step.comments ? { value, comments: step.comments } : { value };
}

export function writeParameters(text: string, ctx: StepContext): string {
  if (ctx.version !== '2.1' || ctx.parameters.size === 0) return text;
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (whole, name: string) =>
    ctx.parameters.has(name) ? `<< pipeline.parameters.${name} >>` : whole,
  );
}

export function environmentMap(variables: readonly Variable[], ctx: StepContext): { [key: string]: Yaml } {
  const out: { [key: string]: Yaml } = {};
  for (const v of variables) out[v.name] = writeParameters(v.value, ctx);
  return out;
}

function emitStep(step: Step, ctx: StepContext): StepOutput[] {
  switch (step.kind) {
    case 'checkout': {
      const options: { [key: string]: Yaml } = {};
      if (step.path !== undefined) options.path = step.path;
      if (step.method !== undefined && ctx.version === '2.1') options.method = step.method;
      if (step.depth !== undefined && ctx.version === '2.1') options.depth = step.depth;
      return [withComments(Object.keys(options).length ? { checkout: options } : 'checkout', step)];
    }
    case 'run':
      return [withComments(emitRun(step, ctx), step)];
    case 'docker-daemon': {
      if (ctx.job.executor?.kind === 'machine' || ctx.job.executor?.kind === 'windows' || ctx.job.executor?.kind === 'macos') {
        // Docker is available directly on machine executors; setup_remote_docker is not used there (spec §4.4).
        return [];
      }
      const options: { [key: string]: Yaml } = {};
      if (step.version !== undefined) {
        const choice = chooseRemoteDockerVersion(step.version);
        if (choice.replaced || choice.approximate) {
          report(ctx.sink, choice.replaced ? 'docker-version-replaced' : 'docker-version-nearest', `setup_remote_docker version "${step.version}" is written as "${choice.value}"${choice.reason ? `: ${choice.reason}` : ''}`, {
            origin: step.origin,
          });
        }
        options.version = choice.value;
      }
      if (step.layerCaching) options.docker_layer_caching = true;
      if (step.engine !== 'remote') {
        // A different kind of engine is a change of behaviour (what mounts, where ports publish), not a detail.
        reportOnce(ctx.sink, 'semantic-difference', `a ${step.engine} Docker engine becomes setup_remote_docker (a separate engine; no bind mounts into it)`, {
          origin: step.origin,
        });
      }
      return [withComments(Object.keys(options).length ? { setup_remote_docker: options } : 'setup_remote_docker', step)];
    }
    case 'cache-restore': {
      const keys = step.keys.map((key) => cacheKeyText(key, step, ctx));
      const options: { [key: string]: Yaml } = {};
      if (step.name !== undefined) options.name = step.name;
      if (keys.length === 1) options.key = keys[0]!;
      else options.keys = keys;
      return [withComments({ restore_cache: options }, step)];
    }
    case 'cache-save': {
      const options: { [key: string]: Yaml } = {};
      if (step.name !== undefined) options.name = step.name;
      options.key = cacheKeyText(step.key, step, ctx);
      if (step.overwrites && !step.key.parts.some((p) => p.kind === 'epoch' || p.kind === 'revision' || p.kind === 'build-number')) {
        // CircleCI keeps the first save of a key (https://circleci.com/docs/caching/); a key made
        // new by every run, restored by its prefix, keeps the source's "saved after every run".
        options.key = `${options.key as string}-{{ epoch }}`;
        reportOnce(ctx.sink, 'approximate-translation', 'the cache is saved under a new key each run (-{{ epoch }}) and restored by prefix, as the source saved it again after every run', {
          origin: step.origin,
        });
      }
      options.paths = [...step.paths];
      if (step.when && step.when !== 'on_success') options.when = stepWhen[step.when];
      if (step.untracked) report(ctx.sink, 'unsupported-feature', 'caching untracked files has no CircleCI counterpart; list the paths', { origin: step.origin });
      return [withComments({ save_cache: options }, step)];
    }
    case 'artifacts': {
      if (step.exclude?.length || step.expireIn || step.untracked) {
        reportOnce(ctx.sink, 'unsupported-feature', 'artifact exclude/expire_in/untracked have no CircleCI counterpart; artifacts keep the project retention', {
          origin: step.origin,
        });
      }
      return step.paths.map((path, i) => {
        const options: { [key: string]: Yaml } = { path };
        if (step.destination !== undefined && step.paths.length === 1) options.destination = step.destination;
        return i === 0 ? withComments({ store_artifacts: options }, step) : { value: { store_artifacts: options } };
      });
    }
    case 'test-results':
      return [withComments({ store_test_results: { path: step.path } }, step)];
    case 'workspace-persist':
      return [withComments({ persist_to_workspace: { root: step.root, paths: [...step.paths] } }, step)];
    case 'workspace-attach':
      return [withComments({ attach_workspace: { at: step.at } }, step)];
    case 'ssh-keys':
      return [withComments(step.fingerprints ? { add_ssh_keys: { fingerprints: [...step.fingerprints] } } : 'add_ssh_keys', step)];
    case 'conditional':
      return emitConditional(step, ctx);
    case 'unmapped': {
      if (step.format === 'circleci2') {
        const slash = step.name.indexOf('/');
        if (slash > 0) ctx.usedOrbs.add(step.name.slice(0, slash));
        return [withComments(step.value === null ? step.name : { [step.name]: step.value as Yaml }, step)];
      }
      reportOnce(ctx.sink, 'unmapped-step', `"${step.name}" (${step.format}) has no CircleCI counterpart; ${placeholderWritten(ctx.placeholders, 'step', 'job', 'a placeholder step that fails the job is written')}`, {
        origin: step.origin,
        hint: 'Replace the placeholder step with the commands the step ran.',
      });
      // Fail closed unless asked: a placeholder that passed would let the job succeed without the step's work.
      return [withComments({ run: { name: `TODO: ${step.name}`, command: placeholderCommand(step.format, step.name, 'step', ctx.placeholders) } }, step)];
    }
  }
  return [];
}

function cacheKeyText(key: Parameters<typeof formatCacheKey>[0], step: Step, ctx: StepContext): string {
  const { text, unsupported } = formatCacheKey(key);
  if (unsupported.length) {
    reportOnce(ctx.sink, 'approximate-translation', `cache key part ${unsupported.join(', ')} is written with a CircleCI template of the same value`, { origin: step.origin });
  }
  return text;
}

function emitRun(step: RunStep, ctx: StepContext): Yaml {
  const command = writeParameters(ctx.variables.map(step.command, step.origin), ctx);
  const options: { [key: string]: Yaml } = {};
  if (step.name !== undefined) options.name = step.name;
  options.command = command;
  if (step.shell !== undefined) options.shell = step.shell;
  if (step.environment?.length) {
    options.environment = environmentMap(
      step.environment.map((v) => ({ ...v, value: ctx.variables.map(v.value, v.origin ?? step.origin) })),
      ctx,
    );
  }
  if (step.background) options.background = true;
  if (step.workingDirectory !== undefined) options.working_directory = step.workingDirectory;
  if (step.noOutputTimeout !== undefined) options.no_output_timeout = step.noOutputTimeout;
  if (step.when && step.when !== 'on_success') options.when = stepWhen[step.when];
  if (step.maxAutoReruns !== undefined) {
    if (ctx.version === '2.1') options.max_auto_reruns = Math.min(5, Math.max(1, step.maxAutoReruns));
    else report(ctx.sink, 'unsupported-feature', '"max_auto_reruns" is not available in a version 2.0 config; dropped', { origin: step.origin });
  }
  if (step.continueOnFailure) {
    report(ctx.sink, 'semantic-difference', 'a command that let later commands run after it failed now stops the job; wrap it to keep going', { origin: step.origin });
  }
  if (step.splitFiles?.length) {
    report(ctx.sink, 'approximate-translation', 'files split across parallel nodes are listed with `circleci tests split`', { origin: step.origin });
    options.command = `${command} $(circleci tests glob ${step.splitFiles.map((f) => `"${f}"`).join(' ')} | circleci tests split)`;
  }
  // `deploy` is deprecated but still accepted; it keeps its node-0-after-all-nodes meaning (spec §4.6).
  if (step.deploy === true) return { deploy: options };
  const keys = Object.keys(options);
  // The command as finally written (a files: split rewrites it above).
  if (keys.length === 1) return { run: options.command };
  return { run: options };
}

function emitConditional(step: Extract<Step, { kind: 'conditional' }>, ctx: StepContext): StepOutput[] {
  const notes = newNotes();
  const logic = ctx.version === '2.1' ? conditionToLogic(step.condition, notes) : undefined;
  const inner = emitSteps(step.steps, ctx);
  if (logic === undefined) {
    report(
      ctx.sink,
      'semantic-difference',
      ctx.version === '2.1'
        ? `a conditional step depends on ${notes.unsupported.join(', ') || 'a run-time value'}; its steps are written unconditionally`
        : 'a version 2.0 config has no "when" steps; the steps are written unconditionally',
      { origin: step.origin },
    );
    return inner;
  }
  return [withComments({ when: { condition: logic, steps: inner.map((s) => s.value) } }, step)];
}

/**
 * GitLab `before_script` + `script` run in one shell: when a later line depends on an earlier one
 * (exports, `cd`, functions, sourced files) they stay one `run` (notes/semantics.md, Shells);
 * `after_script` becomes `when: always`.
 */
export function mergeShellPhases(steps: readonly Step[]): Step[] {
  const out: Step[] = [];
  let group: RunStep[] = [];
  const flush = () => {
    if (group.length > 1 && group.slice(0, -1).some((s) => setsShellState(s.command))) {
      const first = group[0]!;
      const merged: RunStep = { ...first, command: group.map((s) => s.command).join('\n') };
      delete merged.name;
      out.push(merged);
    } else out.push(...group);
    group = [];
  };
  for (const step of steps) {
    if (step.kind === 'run' && (step.phase === 'before_script' || step.phase === 'script') && !step.environment && !step.workingDirectory) {
      group.push(step);
      continue;
    }
    flush();
    // after_script runs whatever happened, and its failure does not fail the job
    // (https://docs.gitlab.com/ci/yaml/#after_script): an always-step whose status is ignored.
    if (step.kind === 'run' && step.phase === 'after_script' && (step.when === undefined || step.when === 'always')) out.push({ ...step, when: 'always', command: ignoringStatus(step.command) });
    else out.push(step);
  }
  flush();
  return out;
}

function ignoringStatus(command: string): string {
  // A line that already ignores its status (`rm -f key || true`) is kept as written.
  if (!command.includes('\n') && /\|\|\s*(?:true|:)\s*$/.test(command)) return command;
  return command.includes('\n') ? `{\n${command}\n} || true` : `${command} || true`;
}

/** Read with the shell word reader: `make && cd build` changes the shell as much as `cd build`. */
function setsShellState(command: string): boolean {
  return shellStateChange(command) !== undefined;
}
