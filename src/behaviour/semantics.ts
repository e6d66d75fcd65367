/**
 * What each format states about its own behaviour, for the model. Every format folder exports
 * one record (`src/formats/<id>/semantics.ts`); the model reads only these and the IR, so it holds
 * no knowledge of any one format.
 */
import type { Service } from '../ir/types.js';
import type { DockerEngine, Expansion, PipelineEvent } from './types.js';

export interface FormatSemantics {
  /**
   * Groups of run-step phases whose consecutive steps share one shell process (GitLab runs
   * `before_script` and `script` as one). Steps of any other phase, or without one, get their own.
   */
  sharedShellPhases: readonly (readonly string[])[];
  /** Phases whose failure cannot fail the job (GitLab `after_script`). */
  statusIgnoredPhases: readonly string[];
  /** The shell a run step gets when neither it nor its job names one. */
  defaultShell: string;
  /** The shell instead when the job's image has no bash (CircleCI falls back to `/bin/sh -eo pipefail`). */
  shellWithoutBash?: string;
  /** The job's directory when it names none, as a path (`~/project`, `$CI_PROJECT_DIR`). */
  defaultWorkingDirectory: string;
  /** Event kinds this CI system starts pipelines for at all. */
  events: readonly PipelineEvent['kind'][];
  /**
   * For an event kind this system starts no pipelines for: how it does that work instead, citing
   * the vendor's page (the hint of a diagnostic naming the jobs a translation no longer runs for it).
   */
  absentEvents?: Partial<Record<PipelineEvent['kind'], string>>;
  /** Event kinds that run a job no rule speaks about (GitLab leaves merge requests out). */
  unconditionalEvents: readonly PipelineEvent['kind'][];
  /** The CI variables an event sets, by name (for `$CI_COMMIT_BRANCH == "main"` and the like). */
  eventVariables(event: PipelineEvent): Record<string, string>;
  /** Host names a job reaches a service at. */
  serviceHosts(service: Service): string[];
  /** Whether services answer on the job's own `localhost` (CircleCI secondary containers). */
  servicesOnLocalhost: boolean;
  /**
   * Variables a writer adds as plumbing with no meaning of their own for the job's commands
   * (Docker client settings that follow the engine), ignored when only one side has them.
   */
  plumbingVariables: readonly string[];
  /** How a variable the IR marks `expand: true` expands: from CI variables, or in the shell at run time. */
  expandedVariables: Expansion;
  /** Predefined variable name → its meaning (one row of mappings/variables.yml), to compare across formats. */
  predefined: ReadonlyMap<string, string>;
  /**
   * Shell expressions a writer's shim computes another format's predefined value with → this
   * format's variable of the same meaning (`$(printf '%s' "$CIRCLE_WORKING_DIRECTORY" | sed "s|^~|$HOME|")` →
   * CIRCLE_WORKING_DIRECTORY): a variable set to one stands for that variable.
   */
  computedAliases?: ReadonlyMap<string, string>;
  /** Whether a job's artifacts are handed to later jobs (GitLab), or only kept for people (CircleCI). */
  artifactsReachLaterJobs: boolean;
  /** Whether a cache saved under an existing key replaces it (GitLab) or is skipped (CircleCI). */
  cacheKeysMutable: boolean;
  /**
   * A variable naming a file the shell of every later step sources first (CircleCI's `BASH_ENV`):
   * `echo "export NAME=value" >> "$BASH_ENV"` sets NAME for the steps after it. Only bash reads
   * it: in a job whose shell is not bash the exports reach no later step.
   */
  sourcedEnvironmentFile?: string;
  /**
   * Lines a writer adds that stand for nothing the source ran: the filler a job that runs nothing
   * needs (GitLab `script:`), the install of a Docker client the source's executor came with.
   */
  fillerCommands?: readonly string[];
  /**
   * A variable holding the job's result in late sessions: `if [ "$CI_JOB_STATUS" = "failed" ];
   * then … fi` there runs its body only after a failure.
   */
  jobStatus?: { variable: string; failed: string };
  /** The Docker engine an executor kind comes with before any step asks (a CircleCI machine has one). */
  executorEngines?: Readonly<Record<string, DockerEngine>>;
  /**
   * Whether a schedule declared on a workflow fires that workflow alone: in a file that declares
   * one, the schedule event runs no workflow without a schedule of its own.
   */
  declaredSchedulesRunOnlyTheirWorkflow?: boolean;
}
