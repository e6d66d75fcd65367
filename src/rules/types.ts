/**
 * Mapping rules as plain data: the built-in tables of mappings/ and a user's `--rules` file share
 * this shape, so one matcher serves both. Plain JSON (no classes, no functions) because the rules
 * travel to audit worker threads inside ParseOptions.
 */

/** Where a rule was written: a user rules file (with its position) or a built-in table. */
export interface RuleSource {
  file: string;
  /** 1-based; absent for built-in tables (their positions are not kept in the generated module). */
  line?: number;
  column?: number;
}

/** One orb command, job or executor as plain steps (the mappings/orbs.yml element shape). */
export interface OrbElementRule {
  parameters?: Record<string, string | number | boolean>;
  /** An argument name an older orb version used → the parameter it fills (`dockerfile` → `dockerfiles`). */
  aliases?: Record<string, string>;
  steps?: ReadonlyArray<Record<string, unknown>>;
  image?: string;
  machine?: string;
  windows?: string;
  /** A command that obtains credentials the target cannot obtain the same way (OIDC role assumption). */
  credentials?: CredentialsRule;
  /** Set on user rules: where the element was written. */
  source?: RuleSource;
}

/**
 * Credentials an orb command obtains for the job, such as an AWS role assumed with CircleCI's OIDC
 * token. With `parameters`, only an invocation giving one of them a value obtains them.
 */
export interface CredentialsRule {
  parameters?: string[];
  /** What it obtains, as a phrase after the command's name; `<< parameters.x >>` is filled in. */
  obtains: string;
  /** Per target format id: how a person obtains the same credentials there. */
  hints?: Record<string, string>;
}

export interface OrbRule {
  url?: string;
  commands?: Record<string, OrbElementRule>;
  jobs?: Record<string, OrbElementRule>;
  executors?: Record<string, OrbElementRule>;
}

/** An image rewrite: `from` is a name, `name:tag`/`name@digest`, or a glob with `*`. */
export interface ImageRule {
  from: string;
  to: string;
  source: RuleSource;
}

/** CircleCI resource_class → GitLab runner tags (used when writing GitLab). */
export interface ResourceClassRule {
  resourceClass: string;
  tags: string[];
  source: RuleSource;
}

/** A GitLab runner tag → CircleCI resource_class (used when writing CircleCI 2.x). */
export interface RunnerTagRule {
  tag: string;
  resourceClass: string;
  source: RuleSource;
}

/** Every table a rules file can hold; lists are in file order (the first match wins). */
export interface RuleSet {
  orbs: Record<string, OrbRule>;
  images: ImageRule[];
  resourceClasses: ResourceClassRule[];
  runnerTags: RunnerTagRule[];
}

export const emptyRuleSet = (): RuleSet => ({ orbs: {}, images: [], resourceClasses: [], runnerTags: [] });

/** `file:line` of a rule, for messages. */
export function describeSource(source: RuleSource): string {
  return source.line ? `${source.file}:${source.line}` : source.file;
}
