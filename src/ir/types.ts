/**
 * The neutral pipeline model every format reads into and writes from.
 *
 * Plain data only: interfaces and unions discriminated on `kind`, JSON-serialisable, comparable with
 * `toEqual`. It names capabilities, not keywords (one `docker-daemon` step stands for
 * `machine: services: [docker]`, `setup_docker_engine`, `setup_remote_docker` and a `docker:dind`
 * service). What the source did not say stays `undefined`; emitters never invent defaults silently.
 */

export type FormatId = 'circleci1' | 'circleci2' | 'gitlab';

/** Where a node came from: file, byte offsets into that file, and the key path inside the document. */
export interface Origin {
  file: string;
  /** [start, end) character offsets into the file text. */
  range: [number, number];
  path?: Array<string | number>;
}

/** Comments written next to a node in the source, carried so any emitter can write them back. */
export interface Comments {
  /** Whole-line comments above the node, without the leading `#`. */
  before?: string[];
  /** A comment on the same line, after the value. */
  trailing?: string;
}

export interface Located {
  origin?: Origin;
  comments?: Comments;
}

// ---------------------------------------------------------------------------------------------
// Pipeline
// ---------------------------------------------------------------------------------------------

export interface Pipeline extends Located {
  /** The format the pipeline was read from; informs emitters about source-specific semantics. */
  source?: FormatId;
  /** Pipeline-wide variables (GitLab global `variables`, 1.0 `machine.environment`). */
  variables?: Variable[];
  /** Inputs a user may set when starting a pipeline (CircleCI pipeline parameters, GitLab form variables). */
  parameters?: Parameter[];
  /** Job definitions in source order. A job may be used by several workflow nodes. */
  jobs: Job[];
  /** The job graphs. GitLab and 1.0 sources produce exactly one. */
  workflows: Workflow[];
  /** Conditions under which a pipeline is created at all (GitLab `workflow:rules`, 1.0 `general.branches`). */
  rules?: Rule[];
  /** GitLab stage names as written, kept so a GitLab round trip keeps its stages. */
  stages?: string[];
  /** Pipeline display name (GitLab `workflow:name`). */
  name?: string;
  /** Things the target must be told about outside YAML (webhooks, notifications), kept for reporting. */
  notifications?: Notification[];
  /** Format-specific settings with no neutral meaning, carried for same-format round trips. */
  extensions?: Extension[];
}

export interface Notification extends Located {
  kind: 'webhook' | 'chat-branches';
  url?: string;
  condition?: Condition;
}

/** A setting only one format knows, carried verbatim so a same-format round trip keeps it. */
export interface Extension extends Located {
  format: FormatId;
  key: string;
  value: JsonValue;
  /**
   * Kept only so that a writer of the same format writes it back: what it stands for is in the IR
   * too (an orb job's placeholder step), whose translation or loss is reported there, so other
   * writers pass it over without a second word.
   */
  roundTripOnly?: true;
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface Variable extends Located {
  name: string;
  value: string;
  /**
   * Whether `$VAR` references inside the value are expanded by the CI system. CircleCI 2.x values
   * are literal (false); GitLab and CircleCI 1.0 expand (true).
   */
  expand?: boolean;
  description?: string;
  options?: string[];
  /** The value looks like a credential; printers mask it and emitters raise a manual task. */
  secret?: boolean;
}

export interface Parameter extends Located {
  name: string;
  type: 'string' | 'boolean' | 'integer' | 'enum';
  default?: string | number | boolean;
  enum?: string[];
  description?: string;
}

// ---------------------------------------------------------------------------------------------
// Workflows: the job graph
// ---------------------------------------------------------------------------------------------

export interface Workflow extends Located {
  /** Workflow name; GitLab and 1.0 sources use `undefined` (one implicit pipeline). */
  name?: string;
  /** What starts the workflow besides a push (schedules). */
  triggers?: Trigger[];
  /** When the workflow runs at all (CircleCI workflow `when`/`unless`). */
  condition?: Condition;
  nodes: WorkflowNode[];
}

export type Trigger = ScheduleTrigger;

export interface ScheduleTrigger extends Located {
  kind: 'schedule';
  cron: string;
  condition?: Condition;
}

/** One vertex of the job graph: an invocation of a job (or an approval gate) with its scheduling. */
export interface WorkflowNode extends Located {
  /** Unique within the workflow; what `requires` / `needs` point at. */
  id: string;
  /** The job definition this node runs; absent for approval gates. */
  job?: string;
  /** A manual approval gate (CircleCI `type: approval`) that blocks what requires it. */
  approval?: boolean;
  requires?: Requirement[];
  /**
   * Ordered rules; the first whose condition holds decides. `undefined` means the node always
   * runs as part of its workflow.
   */
  rules?: Rule[];
  /** Named secret groups the node needs (CircleCI contexts). */
  contexts?: string[];
  /** GitLab stage the job was placed in, kept for round trips; emitters may derive it from the graph. */
  stage?: string;
  /** Cross-product expansion (CircleCI `matrix`, GitLab `parallel: matrix`) when not expanded. */
  matrix?: Matrix;
}

export interface Requirement extends Located {
  node: string;
  /** Statuses of the upstream node that satisfy the edge; `undefined` means success. */
  statuses?: Array<'success' | 'failed' | 'canceled' | 'unauthorized' | 'not_run' | 'terminal'>;
  /** Whether the downstream job receives the upstream job's files (GitLab `needs:artifacts`). */
  artifacts?: boolean;
  /** The edge may point at a node that is not created (GitLab `needs:optional`). */
  optional?: boolean;
  /**
   * `stage`: the edge comes from stage order, not from a written dependency. An upstream that is
   * not created is then passed over, and one that waits for a person (optional manual job) does
   * not hold this job back (GitLab stages); a written edge to an upstream that is not created
   * keeps the job from running.
   */
  order?: 'stage';
}

export interface Matrix extends Located {
  /** Each entry is one combination set: variable → values (GitLab allows several sets). */
  sets: Array<Record<string, string[]>>;
  exclude?: Array<Record<string, string>>;
  alias?: string;
}

export type When = 'on_success' | 'on_failure' | 'always' | 'manual' | 'delayed' | 'never';

export interface Rule extends Located {
  /** `undefined` means the rule always matches. */
  condition?: Condition;
  when?: When;
  startIn?: string;
  allowFailure?: boolean;
  variables?: Variable[];
  /** GitLab `rules:needs`: the job's requirements when this rule decides, replacing its own. */
  needs?: Requirement[];
  /** GitLab `rules:interruptible`: the job's `interruptible` when this rule decides. */
  interruptible?: boolean;
  /**
   * The rule holds only for the events a job without rules runs for: GitLab's job-level `when`
   * and `except` without `only` keep the default `only: [branches, tags]`, which never opens a
   * merge request pipeline, where a bare `rules:` entry does.
   */
  defaultEventsOnly?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Conditions: a small boolean AST shared by filters, rules and `when`
// ---------------------------------------------------------------------------------------------

export type Condition =
  | { kind: 'literal'; value: boolean }
  /** The pipeline runs for a branch (or tag) whose name matches; no matcher means any. */
  | { kind: 'ref'; ref: 'branch' | 'tag'; match?: Matcher }
  /**
   * The pipeline runs for the repository's default branch, whatever its name (GitLab
   * `$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH`, CircleCI `pipeline.git.branch.is_default`).
   */
  | { kind: 'default-branch' }
  | { kind: 'source'; source: PipelineSource }
  /** A comparison on a CI variable (runtime) or a pipeline parameter (`scope: 'parameter'`). */
  | {
      kind: 'var';
      name: string;
      scope?: 'variable' | 'parameter';
      op: 'defined' | 'undefined' | 'equals' | 'not-equals' | 'matches' | 'not-matches' | 'truthy';
      value?: string;
      pattern?: Pattern;
    }
  | { kind: 'changes'; paths: string[]; compareTo?: string }
  | { kind: 'exists'; paths: string[] }
  /** The repository belongs to this owner (1.0 `deployment.owner`). */
  | { kind: 'owner'; owner: string }
  | { kind: 'and'; all: Condition[] }
  | { kind: 'or'; any: Condition[] }
  | { kind: 'not'; condition: Condition }
  /** An expression no rule understood, kept as written with the format it came from. */
  | { kind: 'opaque'; format: FormatId; text: string };

export type PipelineSource =
  | 'push'
  | 'tag'
  | 'schedule'
  | 'api'
  | 'web'
  | 'merge_request'
  | 'trigger'
  | 'parent_pipeline'
  | 'external'
  | 'chat';

export type Matcher = { kind: 'exact'; value: string } | ({ kind: 'regex' } & Pattern);

export interface Pattern {
  /** The regex source without delimiters. */
  source: string;
  flags?: string;
  /**
   * True when the pattern must match the whole name (CircleCI filters, 1.0 branch regexes),
   * false when it may match anywhere (GitLab `=~`).
   */
  fullMatch: boolean;
}

// ---------------------------------------------------------------------------------------------
// Jobs
// ---------------------------------------------------------------------------------------------

export interface Job extends Located {
  id: string;
  description?: string;
  executor?: Executor;
  services?: Service[];
  steps: Step[];
  environment?: Variable[];
  workingDirectory?: string;
  shell?: string;
  resourceClass?: string;
  /** Runner tags (GitLab `tags`): the runner must have all of them. */
  runnerTags?: string[];
  parallelism?: number;
  matrix?: Matrix;
  /** Wall-clock limit, as a duration string (`1h 30m`). */
  timeout?: string;
  retry?: Retry;
  allowFailure?: boolean | { exitCodes: number[] };
  /** A deployment target (GitLab `environment`). */
  deployment?: Deployment;
  /** Serialises runs across pipelines (GitLab `resource_group`, CircleCI `serial-group`). */
  concurrencyGroup?: string;
  /** Can be cancelled by a newer pipeline (GitLab `interruptible`). */
  interruptible?: boolean;
  /** Regex extracting a coverage figure from the log (GitLab `coverage`). */
  coverage?: string;
  /** Starts another pipeline instead of running steps (GitLab `trigger`). */
  trigger?: PipelineTrigger;
  /** Credentials injected from outside YAML (GitLab `secrets`, `id_tokens`), for manual tasks. */
  secrets?: SecretRef[];
  /** Format-specific job settings with no neutral meaning. */
  extensions?: Extension[];
  /**
   * Where a setting was written when that is not the job's own first key (a template's `tags:`, an
   * executor's `resource_class`): what a diagnostic about the setting points at, so the same loss
   * in every job that inherits it is said once, at the key.
   */
  settingOrigins?: SettingOrigins;
}

/** The job settings a reader locates one by one (plain values that carry no origin of their own). */
export type JobSetting =
  | 'parallelism'
  | 'runnerTags'
  | 'retry'
  | 'timeout'
  | 'allowFailure'
  | 'interruptible'
  | 'coverage'
  | 'resourceClass'
  | 'workingDirectory'
  | 'shell'
  | 'concurrencyGroup';

export type SettingOrigins = Partial<Record<JobSetting, Origin>>;

export interface Retry {
  max: number;
  when?: string[];
  exitCodes?: number[];
}

export interface Deployment extends Located {
  name: string;
  url?: string;
  action?: 'start' | 'prepare' | 'stop' | 'verify' | 'access';
  onStop?: string;
  autoStopIn?: string;
  tier?: string;
}

export interface PipelineTrigger extends Located {
  kind: 'project' | 'child';
  project?: string;
  branch?: string;
  include?: JsonValue;
  strategy?: 'depend' | 'mirror';
  forward?: JsonValue;
}

export interface SecretRef extends Located {
  name: string;
  provider: string;
  description?: string;
}

export type Executor =
  | ({ kind: 'docker'; image: Image } & Located)
  | ({ kind: 'machine'; image?: string; layerCaching?: boolean } & Located)
  | ({ kind: 'macos'; xcode: string } & Located)
  | ({ kind: 'windows'; image?: string } & Located);

export interface Image extends Located {
  name: string;
  entrypoint?: string[];
  command?: string[];
  user?: string;
  environment?: Variable[];
  auth?: ImageAuth;
  pullPolicy?: string[];
  platform?: string;
}

export type ImageAuth =
  | { kind: 'basic'; username: string; password: string }
  | { kind: 'aws'; accessKeyId?: string; secretAccessKey?: string; oidcRoleArn?: string }
  | { kind: 'gcp'; serviceAccount?: string; workloadIdentityPool?: string; workloadIdentityProvider?: string };

export interface Service extends Image {
  /** Host name the job reaches the service by (CircleCI `name`, GitLab `alias`). */
  alias?: string;
}

// ---------------------------------------------------------------------------------------------
// Steps
// ---------------------------------------------------------------------------------------------

export type Step =
  | CheckoutStep
  | RunStep
  | DockerDaemonStep
  | CacheRestoreStep
  | CacheSaveStep
  | ArtifactsStep
  | TestResultsStep
  | WorkspacePersistStep
  | WorkspaceAttachStep
  | SshKeysStep
  | ConditionalStep
  | UnmappedStep;

export type StepWhen = 'on_success' | 'on_failure' | 'always';

export interface CheckoutStep extends Located {
  kind: 'checkout';
  path?: string;
  method?: 'blobless' | 'full' | 'shallow';
  /** Commits to fetch with `method: shallow` (CircleCI requires a positive depth there). */
  depth?: number;
}

export interface RunStep extends Located {
  kind: 'run';
  command: string;
  name?: string;
  shell?: string;
  environment?: Variable[];
  background?: boolean;
  workingDirectory?: string;
  /** Fails the step after this long without output (duration string: `10m`, `600s`). */
  noOutputTimeout?: string;
  when?: StepWhen;
  /**
   * The step's place in its source's phase structure: GitLab `before_script`/`script`/
   * `after_script`, or a CircleCI 1.0 phase name (`dependencies`, `test`, …).
   */
  phase?: string;
  /** CircleCI 1.0 `test` semantics: later commands still run after this one fails. */
  continueOnFailure?: boolean;
  /** 1.0 `parallel: true`: runs on every parallel node, not only node 0. */
  allNodes?: boolean;
  /** 1.0 `files:` globs split across parallel nodes and appended to the command. */
  splitFiles?: string[];
  /** CircleCI 2.0 `deploy` step semantics: node 0 only, after all nodes succeeded. */
  deploy?: boolean;
  maxAutoReruns?: number;
  /** Provenance for commands a format inferred rather than wrote (1.0 inference). */
  inferred?: boolean;
}

/** The job needs a Docker engine. */
export interface DockerDaemonStep extends Located {
  kind: 'docker-daemon';
  /**
   * How the source provided it: `local` (1.0 machine service, machine executor), `remote`
   * (CircleCI `setup_remote_docker` / beta `setup_docker_engine`), `dind` (GitLab service),
   * `socket` (host socket binding).
   */
  engine: 'local' | 'remote' | 'dind' | 'socket';
  version?: string;
  /**
   * The engine's image as the source named it, when that is not the plain `docker:<version>-dind`
   * (a mirror registry, a `docker.io/library/` prefix, a rootless variant), so GitLab output keeps it.
   */
  image?: string;
  layerCaching?: boolean;
  tls?: boolean;
  /** Daemon address as the job sees it (GitLab `DOCKER_HOST`). */
  host?: string;
  certDir?: string;
  storageDriver?: string;
  /** Extra daemon arguments (GitLab service `command`, e.g. a registry mirror). */
  daemonArgs?: string[];
  /** The 2.0-beta `setup_docker_engine` spelling and its options, kept for diagnostics. */
  beta?: { reusable?: boolean; exclusive?: boolean };
}

export type CacheKeyPart =
  | { kind: 'literal'; value: string }
  | { kind: 'checksum'; files: string[] }
  | { kind: 'branch' }
  | { kind: 'revision' }
  | { kind: 'build-number' }
  | { kind: 'epoch' }
  | { kind: 'arch' }
  | { kind: 'checkout-key' }
  | { kind: 'job' }
  | { kind: 'env'; name: string };

export interface CacheKey {
  parts: CacheKeyPart[];
}

export interface CacheRestoreStep extends Located {
  kind: 'cache-restore';
  /** Tried in order; CircleCI matches each as a prefix, GitLab the first exactly then fallbacks. */
  keys: CacheKey[];
  /** GitLab declares paths on restore too. */
  paths?: string[];
  name?: string;
}

export interface CacheSaveStep extends Located {
  kind: 'cache-save';
  key: CacheKey;
  paths: string[];
  /**
   * A save under a key that exists replaces what was saved (GitLab, CircleCI 1.0); absent, the
   * first save of a key is kept (CircleCI 2.x). Stated by the reader of the source format.
   */
  overwrites?: boolean;
  name?: string;
  when?: StepWhen;
  untracked?: boolean;
}

export interface ArtifactsStep extends Located {
  kind: 'artifacts';
  paths: string[];
  exclude?: string[];
  destination?: string;
  name?: string;
  when?: StepWhen;
  expireIn?: string;
  untracked?: boolean;
}

export interface TestResultsStep extends Located {
  kind: 'test-results';
  path: string;
  format?: 'junit' | string;
}

export interface WorkspacePersistStep extends Located {
  kind: 'workspace-persist';
  root: string;
  paths: string[];
}

export interface WorkspaceAttachStep extends Located {
  kind: 'workspace-attach';
  at: string;
}

export interface SshKeysStep extends Located {
  kind: 'ssh-keys';
  fingerprints?: string[];
}

/** Steps that run only when a condition holds (CircleCI 2.1 `when`/`unless` left unresolved). */
export interface ConditionalStep extends Located {
  kind: 'conditional';
  condition: Condition;
  steps: Step[];
}

/** Something no rule understood, carried so a same-format emitter can write it back verbatim. */
export interface UnmappedStep extends Located {
  kind: 'unmapped';
  format: FormatId;
  /** What the source called it, e.g. `slack/notify` or `install_signing_bundle`. */
  name: string;
  value: JsonValue;
  /**
   * Credentials the step obtains that no other target obtains the same way (an AWS role assumed
   * with CircleCI's OIDC token): a person must set them up; `hints` by target format id.
   */
  credentials?: { obtains: string; hints?: Partial<Record<FormatId, string>> };
}
