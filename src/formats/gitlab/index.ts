import { topLevelKeys, topLevelVersion } from '../detect-util.js';
import type { FormatModule } from '../types.js';
import { semantics } from './semantics.js';
import { emitGitlab } from './emit.js';
import { parseGitlab } from './parse.js';

export const format: FormatModule = {
  id: 'gitlab',
  title: 'GitLab CI (.gitlab-ci.yml)',
  fileNames: ['.gitlab-ci.yml', '.gitlab-ci.yaml'],
  detect(file, text) {
    const named = /\.gitlab-ci\.ya?ml$/.test(file);
    if (named) return 0.95;
    if (topLevelVersion(text)) return 0;
    const keys = topLevelKeys(text);
    if (keys.has('stages') || keys.has('include') || keys.has('workflow')) return 0.7;
    return /^\s+script\s*:/m.test(text) ? 0.4 : 0;
  },
  parse: parseGitlab,
  emit: emitGitlab,
  semantics,
};
