import { topLevelKeys, topLevelVersion } from '../detect-util.js';
import type { FormatModule } from '../types.js';
import { semantics } from './semantics.js';
import { emitCircleci2 } from './emit.js';
import { parseCircleci2 } from './parse.js';

export const format: FormatModule = {
  id: 'circleci2',
  title: 'CircleCI 2.x (.circleci/config.yml)',
  fileNames: ['.circleci/config.yml', '.circleci/config.yaml'],
  versions: ['2.1', '2.0'],
  detect(file, text) {
    const version = topLevelVersion(text);
    const versioned = version !== undefined && /^2(\.[01])?$/.test(version);
    const named = /\.circleci[/_~]+config\.ya?ml$/.test(file.replace(/\\/g, '/'));
    if (versioned) return named ? 1 : 0.9;
    if (named) return topLevelKeys(text).has('jobs') ? 0.7 : 0.4;
    return 0;
  },
  parse: parseCircleci2,
  emit: emitCircleci2,
  semantics,
};
