/**
 * What a pipeline *does*, as plain data: for each event, which jobs run, which wait for a person,
 * what each waits for; for each job, its shell sessions, environment, image, services, Docker
 * engine and files. No format ids appear here: each format states its own semantics through a
 * `FormatSemantics` record kept in its folder, and the model is computed from the IR with it.
 */
import type { Origin } from '../ir/types.js';

/** Something that starts a pipeline. Branch names are concrete so filters can be evaluated. */
export interface PipelineEvent {
  /** Stable id shown in reports: `default-branch`, `branch:feature/x`, `tag:v1.2.3`, … */
  id: string;
  kind: 'push' | 'tag' | 'merge_request' | 'schedule' | 'web';
  /** The branch a push, schedule or start ran on (or the source branch of a merge request). */
  branch?: string;
  tag?: string;
  /** Whether `branch` is the repository's default branch. */
  defaultBranch: boolean;
  /** Pipeline parameter values set by whoever started the pipeline (absent: defaults). */
  parameters?: Record<string, string>;
}

/** Three-valued truth: conditions on changed files or opaque expressions are not decidable offline. */
export type Truth = true | false | 'unknown';

/** How a job starts once its pipeline exists. */
export type Gate =
  /** Runs by itself. */
  | 'automatic'
  /** Waits for a person, and what comes after it does not wait (GitLab `when: manual` job default). */
  | 'manual-optional'
  /** Waits for a person, and holds back what comes after it (approval jobs, blocking manual jobs). */
  | 'manual-blocking'
  /** Runs after a delay. */
  | 'delayed';

export type UpstreamStatus = 'success' | 'failed';

export interface Dependency {
  /** The key of the upstream job run. */
  job: string;
  /** Upstream outcomes that let this job start. */
  statuses: UpstreamStatus[];
}

/** What one job run does for one event. */
export interface JobDecision {
  /** `runs`: created in the pipeline; `maybe`: depends on something undecidable offline. */
  created: Truth;
  gate: Gate;
  /** When the job starts relative to what it depends on. */
  when: 'on_success' | 'on_failure' | 'always';
  dependencies: Dependency[];
  /** Its failure does not fail the pipeline or hold back dependants. */
  allowFailure: boolean;
  origin?: Origin;
}

export interface EventOutcome {
  event: PipelineEvent;
  /** Whether a pipeline is created at all (workflow rules, branch lists). */
  created: Truth;
  jobs: Record<string, JobDecision>;
}

/** How a value reaches a command. */
export type Expansion =
  /** Taken as written. */
  | 'literal'
  /** `$VAR` references expanded by the CI system from CI variables only, before the job starts. */
  | 'ci'
  /** Exported in the shell, so `$VAR` references expand from the job's run-time environment. */
  | 'shell';

export interface EnvironmentValue {
  value: string;
  expansion: Expansion;
  origin?: Origin;
  /** Exported by an earlier step through the file the shells source (CircleCI's `$BASH_ENV`). */
  fromFile?: boolean;
}

/** Commands that share one shell process, with when they run and what their failure means. */
export interface ShellSession {
  /** The command texts of the session, in order (each a script line or a step's body). */
  commands: string[];
  when: 'on_success' | 'on_failure' | 'always';
  /** Started in the background; the job does not wait for it. */
  background: boolean;
  /** Its failure fails the job. */
  failsJob: boolean;
  /** Later sessions still run after this one fails (CircleCI 1.0 test commands). */
  continueOnFailure: boolean;
  /** Directory the session starts in, relative to the checkout (`.` is the checkout itself). */
  directory: string;
  /** Shell program and flags, when the source says (`bash -eo pipefail`). */
  shell?: string;
  environment: Record<string, EnvironmentValue>;
  origin?: Origin;
}

export type DockerEngine = 'none' | 'local' | 'remote' | 'dind-tls' | 'dind' | 'socket';

export interface ServiceModel {
  /** The image without its tag. */
  image: string;
  tag?: string;
  /** Host names the job reaches it at. */
  hosts: string[];
  origin?: Origin;
}

export interface CacheModel {
  /** The key template, with run-time parts as `{branch}`, `{checksum:file}`, … */
  key: string;
  /** Whether a later run can overwrite what an earlier one saved under the same key. */
  mutable: boolean;
  paths: string[];
  origin?: Origin;
}

/** What a job is, independent of the event. */
export interface JobModel {
  key: string;
  /** The job definition's name in its source. */
  name: string;
  image?: string;
  /** `docker`, `machine`, `macos`, `windows`. */
  executor?: string;
  services: ServiceModel[];
  engine: DockerEngine;
  engineVersion?: string;
  /** Where the job asks for its engine (the step or executor), for locating differences. */
  engineOrigin?: Origin;
  checkout: boolean;
  sessions: ShellSession[];
  caches: CacheModel[];
  /** Paths the job publishes for later jobs (workspace or artifacts). */
  publishes: string[];
  /** Whether the job receives files earlier jobs published. */
  receives: boolean;
  /** The paths it receives (relative to its directory), as the jobs it receives them from published them. */
  received?: string[];
  parallelism?: number;
  /**
   * The jobs a matrix makes of this one, one per combination of values (exclusions left out);
   * absent for a job that runs once. The other side may write each combination as a job.
   */
  matrix?: MatrixCell[];
  /** Where the matrix is written, for locating differences in its combinations. */
  matrixOrigin?: Origin;
  origin?: Origin;
}

/** One combination of a matrix: its values in the order the matrix names them, as variables. */
export interface MatrixCell {
  values: string[];
  variables: Record<string, string>;
}

export interface PipelineBehaviour {
  jobs: Record<string, JobModel>;
  events: EventOutcome[];
}

/** One way in which two pipelines behave differently. */
export interface BehaviourDifference {
  /** Stable kind, e.g. `job-created`, `session-boundary`; used for grouping and known-failure lists. */
  kind: string;
  /** The event the difference shows under; absent for differences inside a job. */
  event?: string;
  /** The job key in the first pipeline (or the second, when only there). */
  job?: string;
  message: string;
  /** Where it is in the first configuration and in the second. */
  before?: Origin;
  after?: Origin;
}

/** Which jobs run for one event, before and after: `deploy (manual)`, `lint (maybe)`. */
export interface EventRuns {
  event: string;
  before: string[];
  after: string[];
}
