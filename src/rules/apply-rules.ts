import type { DiagnosticSink } from '../diagnostics/types.js';
import type { FormatId, Pipeline } from '../ir/types.js';
import { builtinRules } from './builtin-rules.js';
import { rewriteImages } from './rewrite-images.js';
import { rewriteRunners } from './rewrite-runners.js';
import type { RuleSet } from './types.js';

/** User rules first, then the built-in tables: the first match wins, so a user rule overrides. */
export function mergedRules(user: RuleSet | undefined): RuleSet {
  if (!user) return builtinRules;
  return {
    orbs: mergeOrbs(builtinRules.orbs, user.orbs),
    images: [...user.images, ...builtinRules.images],
    resourceClasses: [...user.resourceClasses, ...builtinRules.resourceClasses],
    runnerTags: [...user.runnerTags, ...builtinRules.runnerTags],
  };
}

/** The IR passes of the image and runner tables, between reading and writing `to`. */
export function applyRules(pipeline: Pipeline, to: FormatId, user: RuleSet | undefined, sink: DiagnosticSink): void {
  const rules = mergedRules(user);
  rewriteImages(pipeline, rules.images, sink);
  rewriteRunners(pipeline, to, rules, sink);
}

/** Per element: a user rule for one command of a built-in orb keeps the orb's other elements. */
function mergeOrbs(builtin: RuleSet['orbs'], user: RuleSet['orbs']): RuleSet['orbs'] {
  const merged: RuleSet['orbs'] = { ...builtin };
  for (const [name, orb] of Object.entries(user)) {
    const base = builtin[name] ?? {};
    merged[name] = {
      ...base,
      ...orb,
      commands: { ...base.commands, ...orb.commands },
      jobs: { ...base.jobs, ...orb.jobs },
      executors: { ...base.executors, ...orb.executors },
    };
  }
  return merged;
}
