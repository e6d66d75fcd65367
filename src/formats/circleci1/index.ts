import { baseName, topLevelKeys, topLevelVersion } from '../detect-util.js';
import type { FormatModule } from '../types.js';
import { semantics } from './semantics.js';
import { emitCircleci1 } from './emit.js';
import { parseCircleci1 } from './parse.js';

const sections = ['machine', 'checkout', 'dependencies', 'database', 'compile', 'test', 'deployment', 'general'];

export const format: FormatModule = {
  id: 'circleci1',
  title: 'CircleCI 1.0 (circle.yml)',
  fileNames: ['circle.yml'],
  detect(file, text) {
    if (topLevelVersion(text)) return 0;
    const keys = topLevelKeys(text);
    const hasSections = sections.some((section) => keys.has(section));
    const named = /(^|[/_~])circle\.yml$/.test(baseName(file));
    if (named) return hasSections || keys.size === 0 ? 0.95 : 0.6;
    return hasSections && !keys.has('jobs') && !keys.has('stages') ? 0.5 : 0;
  },
  parse: parseCircleci1,
  emit: emitCircleci1,
  semantics,
};
