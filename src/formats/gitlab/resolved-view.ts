import type { JsonValue } from '../../ir/types.js';
import type { ParseContext, ParseInput } from '../types.js';
import { get, toJson } from './merged.js';
import { collectDefaults, effectiveEntries } from './resolve-defaults.js';
import { globalKeys } from './resolve-extends.js';
import { resolveDocument } from './resolve.js';

/**
 * A configuration as GitLab sees it once resolved, as plain data: the global keywords and every
 * visible job with the `default:` keys it inherits. This is what the reader converts, before any
 * conversion choice; tests compare it with other resolvers (gitlab-ci-local `--preview`).
 */
export interface ResolvedView {
  stages?: JsonValue;
  variables?: JsonValue;
  workflow?: JsonValue;
  /** Visible jobs (hidden `.name` jobs are templates only), in file order. */
  jobs: Record<string, Record<string, JsonValue>>;
  /** Per job, the keys it took from `default:` (or a deprecated global) rather than set itself. */
  inherited: Record<string, string[]>;
}

export function resolveView(input: ParseInput, context: ParseContext): ResolvedView | undefined {
  const resolved = resolveDocument(input, context);
  if (!resolved) return undefined;
  const { root } = resolved;
  const defaults = collectDefaults(root);
  const view: ResolvedView = { jobs: {}, inherited: {} };
  // `types` is the old spelling of `stages` (gitlab-ci.md §1).
  const stages = get(root, 'stages') ?? get(root, 'types');
  if (stages) view.stages = toJson(stages);
  const variables = get(root, 'variables');
  if (variables) view.variables = toJson(variables);
  const workflow = get(root, 'workflow');
  if (workflow) view.workflow = toJson(workflow);
  const ctx = { sink: context.sink };
  for (const entry of root.entries) {
    if (globalKeys.has(entry.key) || entry.key.startsWith('.') || entry.value.kind !== 'map') continue;
    const job: Record<string, JsonValue> = {};
    const inherited: string[] = [];
    for (const [key, e] of effectiveEntries(ctx, entry.value, defaults, entry.key)) {
      job[key] = toJson(e.value);
      if (defaults.get(key) === e) inherited.push(key);
    }
    view.jobs[entry.key] = job;
    if (inherited.length) view.inherited[entry.key] = inherited;
  }
  return view;
}
