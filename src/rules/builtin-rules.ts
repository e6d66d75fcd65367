import { images } from './generated/images.generated.js';
import { orbs } from './generated/orbs.generated.js';
import { runners } from './generated/runners.generated.js';
import type { OrbRule, RuleSet } from './types.js';

/** The built-in tables of mappings/ as a RuleSet, the shape user rules have too. */
export const builtinRules: RuleSet = {
  orbs: orbs.orbs as unknown as Record<string, OrbRule>,
  images: Object.entries(images.images as Record<string, string>).map(([from, to]) => ({ from, to, source: { file: 'mappings/images.yml' } })),
  resourceClasses: Object.entries(runners['resource-classes'] as Record<string, readonly string[]>).map(([resourceClass, tags]) => ({
    resourceClass,
    tags: [...tags],
    source: { file: 'mappings/runners.yml' },
  })),
  runnerTags: Object.entries(runners['runner-tags'] as Record<string, string>).map(([tag, resourceClass]) => ({
    tag,
    resourceClass,
    source: { file: 'mappings/runners.yml' },
  })),
};
