import { describe, expect, it } from 'vitest';
import { formatIds } from '../../../src/formats/registry.js';
import { translate } from '../../../src/translate.js';
import { codes, node, plain, read, write } from './helpers.js';

const text = [
  'stages: [build, test, deploy]',
  'build: {stage: build, script: [make]}',
  'test: {stage: test, script: [make test]}',
  'deploy:',
  '  stage: deploy',
  '  needs: [build]',
  '  interruptible: true',
  '  rules:',
  '    - if: $CI_COMMIT_TAG',
  '      needs: [build, {job: test, artifacts: false}]',
  '      interruptible: false',
  '    - when: manual',
  '  script: [./deploy]',
  '',
].join('\n');

describe('rules:needs and rules:interruptible', () => {
  it('are read into the rule', () => {
    const { pipeline, diagnostics } = read(text);
    const rules = plain(node(pipeline, 'deploy').rules);
    expect(rules?.[0]).toMatchObject({ needs: [{ node: 'build' }, { node: 'test', artifacts: false }], interruptible: false });
    expect(rules?.[1]).not.toHaveProperty('needs');
    expect(codes(diagnostics)).not.toContain('unsupported-feature');
  });

  it('are written back for GitLab', () => {
    const out = write(read(text).pipeline).text;
    expect(out).toContain('    - if: $CI_COMMIT_TAG\n      needs:\n        - build\n        - job: test\n          artifacts: false\n      interruptible: false\n');
    expect(plain(node(read(out).pipeline, 'deploy').rules)).toEqual(plain(node(read(text).pipeline, 'deploy').rules));
  });

  it('are diagnosed for CircleCI targets, at the rule', () => {
    for (const to of formatIds.filter((id) => id !== 'gitlab')) {
      const result = translate({ file: '.gitlab-ci.yml', text, from: 'gitlab', to });
      const lost = result.diagnostics.filter((d) => d.message.startsWith('the rules of "deploy" change'));
      expect(lost.map((d) => d.code), to).toEqual(['unsupported-feature', 'unsupported-feature']);
      expect(lost[0]!.origin?.range[0]).toBe(text.indexOf('- if: $CI_COMMIT_TAG') + 2);
    }
    expect(translate({ file: '.gitlab-ci.yml', text, from: 'gitlab', to: 'gitlab' }).diagnostics.some((d) => d.message.startsWith('the rules of "deploy" change'))).toBe(false);
  });

  it('stay unsupported in workflow:rules, where GitLab has no such keys', () => {
    const { diagnostics } = read('workflow:\n  rules:\n    - if: $CI_COMMIT_TAG\n      needs: [x]\njob:\n  script: [x]\n');
    expect(codes(diagnostics)).toContain('unsupported-feature');
  });
});
