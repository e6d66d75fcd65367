/**
 * An orb job ciport does not know becomes a placeholder that fails the job. Every target says so
 * once, at the workflow line that calls the job, and the behaviour check counts that as naming
 * the change (no second, unlocated warning about the orb-job carrier).
 */
import { describe, expect, it } from 'vitest';
import { translate } from '../../../src/translate.js';

const config = `version: 2.1
orbs:
  tools: acme/tools@1.0
workflows:
  main:
    jobs:
      - tools/publish:
          channel: stable
`;

describe('an unknown orb job', () => {
  for (const to of ['gitlab', 'circleci1'] as const) {
    it(`is said once, at its workflow line, in ${to} output`, () => {
      const result = translate({ file: '.circleci/config.yml', text: config, from: 'circleci2', to });
      const placeholder = result.diagnostics.filter((d) => d.code === 'unmapped-step');
      expect(placeholder).toHaveLength(1);
      expect(placeholder[0]!.origin?.range[0]).toBe(config.indexOf('- tools/publish') + 2);
      expect(result.diagnostics.filter((d) => /orb-job/.test(d.message))).toEqual([]);
      // The placeholder itself is named; 1.0 output has one job called build, which the model
      // sees as another job (a known difference of every 1.0 translation).
      expect((result.behaviour?.unnamed ?? []).filter((d) => d.kind !== 'job-created')).toEqual([]);
      expect(result.output).toMatch(/ciport: the circleci2 step \\?"tools\/publish\\?" was not translated; replace this (line|command)' >&2; exit 1/);
    });
  }

  it('is written back as the orb job in CircleCI output', () => {
    const result = translate({ file: '.circleci/config.yml', text: config, from: 'circleci2', to: 'circleci2' });
    expect(result.output).toContain('tools/publish:');
    expect(result.output).toContain('channel: stable');
  });
});
