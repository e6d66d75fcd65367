import type { Node } from 'yaml';
import type { DiagnosticSink } from '../../diagnostics/types.js';
import type { Comments, Notification, Parameter } from '../../ir/types.js';
import type { OrbRule } from '../../rules/types.js';
import type { YamlReader } from '../../yaml/view.js';

/**
 * Shared state of one CircleCI 2.x read: the definitions the 2.1 expansion passes look up. Plain
 * records; the sink is the only side channel.
 */
export interface ReadContext {
  /** The reader of the configuration file itself (its ledger is what `reportUnconsumedKeys` checks). */
  reader: YamlReader;
  sink: DiagnosticSink;
  /** `2` for 2.0 (and the 2.0 beta), `2.1` otherwise. */
  version: '2' | '2.1';
  commands: Map<string, Definition>;
  executors: Map<string, Definition>;
  jobs: Map<string, Definition>;
  /** Registry orbs that are neither inline nor found in `orbDir`: alias → `namespace/orb@version`. */
  tableOrbs: Map<string, string>;
  /** Orb elements of the user's `--rules` file, looked up before the built-in table. */
  userOrbs?: Readonly<Record<string, OrbRule>>;
  pipelineParameters: Map<string, Parameter>;
  /** Definitions that were expanded at least once (the rest are accounted for as unused). */
  used: Set<Definition>;
  /** 2.0-era `notify: webhooks` found anywhere (kept for reporting, spec §1 `experimental.notify`). */
  notifications: Notification[];
}

/** A command, executor or job definition with its declared parameters. */
export interface Definition {
  name: string;
  /** The reader of the file the definition lives in (an orb file has its own). */
  reader: YamlReader;
  node: Node;
  parameters: Map<string, ParameterSpec>;
  /** The orb alias when the definition comes from an orb; names inside resolve against it first. */
  orb?: string;
  /** Comments written above the definition's key. */
  comments?: Comments;
}

export type ParameterType = 'string' | 'boolean' | 'integer' | 'enum' | 'executor' | 'steps' | 'env_var_name';

export interface ParameterSpec {
  name: string;
  type: ParameterType;
  /** The default's node; `undefined` makes the parameter required (§9). */
  defaultNode?: Node | null;
  hasDefault: boolean;
  enum?: string[];
  description?: string;
}

/**
 * A parameter value bound at an invocation. Scalars are evaluated where they were written;
 * `steps` and `executor` values stay nodes with the scope they were written in (lexical scoping, §7).
 */
export type Bound =
  /** `pipelineParameter`: the value is `<< pipeline.parameters.x >>`, known only when a pipeline starts. */
  | { kind: 'value'; value: string | number | boolean; pipelineParameter?: string }
  | { kind: 'node'; node: Node | null; scope: Scope; reader: YamlReader };

export interface Scope {
  parameters: Map<string, Bound>;
  /** The orb the element being read belongs to (its sibling names resolve without the prefix). */
  orb?: string;
  /** `<< matrix.x >>` values of the workflow entry being expanded. */
  matrix?: Map<string, string>;
  /** Invocation depth, to stop runaway recursion of commands calling commands. */
  depth: number;
  /** Whether pipeline parameters are visible (they are not inside orbs, §8). */
  pipelineVisible: boolean;
}

export const emptyScope: Scope = { parameters: new Map(), depth: 0, pipelineVisible: true };

/** Where a node is read: its reader plus the scope its `<< >>` references resolve in. */
export interface At {
  reader: YamlReader;
  scope: Scope;
  /** Key path for origins. */
  path: Array<string | number>;
}
