/**
 * GitLab's optional manual jobs (job-level `when: manual`, allow_failure true) do not hold later
 * stages back; a job that needs one waits for it (issue 14). CircleCI approvals block what requires
 * them, so only written needs may require the job behind one.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { translate, type TranslateResult } from '../../../src/translate.js';

function toCircleci(text: string, version?: string): { result: TranslateResult; requires: Record<string, unknown> } {
  const result = translate({ file: '.gitlab-ci.yml', text, from: 'gitlab', to: 'circleci2', ...(version ? { emit: { version } } : {}) });
  const doc = parse(result.output ?? '');
  const requires: Record<string, unknown> = {};
  for (const entry of doc.workflows.workflow.jobs) {
    const [name, options] = typeof entry === 'string' ? [entry, {}] : Object.entries(entry)[0]!;
    requires[name] = (options as { requires?: unknown }).requires ?? [];
  }
  return { result, requires };
}

const stages = (review: string) => `stages: [build, review, deploy]
build:
  stage: build
  script: make
review:
  stage: review
${review}
  script: ./review
deploy:
  stage: deploy
  script: ./deploy
after-review:
  stage: deploy
  needs: [review]
  script: ./after
`;

describe('optional manual jobs in CircleCI 2.x output', () => {
  it('lets later stages pass over a job-level manual job, keeping their order and the jobs that need it', () => {
    for (const version of ['2.1', '2.0']) {
      const { result, requires } = toCircleci(stages('  when: manual'), version);
      expect(requires).toEqual({
        build: [],
        'approve-review': ['build'],
        review: ['approve-review'],
        deploy: ['build'],
        'after-review': ['review'],
      });
      expect(result.diagnostics.filter((d) => d.code === 'semantic-difference').map((d) => d.message)).toEqual([
        'manual job "review" waits for approval "approve-review"; later jobs do not wait for it (what needs it does), but the workflow stays on hold until the approval is given or the workflow is cancelled, where GitLab passes the pipeline without it',
      ]);
      // The one behaviour difference left (the workflow on hold) is the warning's.
      expect(result.behaviour?.unnamed).toEqual([]);
    }
  });

  it('treats rules: when: manual with allow_failure: true the same way', () => {
    const { requires } = toCircleci(stages('  rules:\n    - if: $CI_COMMIT_BRANCH == "main"\n      when: manual\n      allow_failure: true'));
    expect(requires.deploy).toEqual(['build']);
  });

  it('keeps later stages waiting for a blocking manual job (rules: when: manual defaults allow_failure to false)', () => {
    for (const review of ['  rules:\n    - when: manual', '  when: manual\n  allow_failure: false']) {
      const { result, requires } = toCircleci(stages(review));
      expect(requires.deploy).toEqual(['build', 'review']);
      expect(result.diagnostics.some((d) => d.code === 'semantic-difference' && d.message.includes('later jobs do not wait'))).toBe(false);
      expect(result.behaviour?.unnamed).toEqual([]);
    }
  });

  it('keeps later stages waiting for a job that some rule starts by itself', () => {
    const { requires } = toCircleci(stages('  rules:\n    - if: $CI_COMMIT_BRANCH == "main"\n    - when: manual\n      allow_failure: true'));
    expect(requires.deploy).toEqual(['build', 'review']);
  });

  it('passes over several optional manual stages in a row to what came before them', () => {
    const text = `stages: [build, check, review, deploy]
build: {stage: build, script: make}
check: {stage: check, when: manual, script: ./check}
review: {stage: review, when: manual, script: ./review}
deploy: {stage: deploy, script: ./deploy}
`;
    const { result, requires } = toCircleci(text);
    expect(requires).toMatchObject({ 'approve-check': ['build'], 'approve-review': ['build'], deploy: ['build'] });
    expect(result.behaviour?.unnamed).toEqual([]);
  });
});

describe('optional manual jobs in CircleCI 1.0 output', () => {
  const toCircle1 = (text: string) => translate({ file: '.gitlab-ci.yml', text, from: 'gitlab', to: 'circleci1' });

  it('leaves out the manual job but keeps what follows it only through stage order', () => {
    const r = toCircle1(stages('  when: manual'));
    expect(r.output).toContain('./deploy');
    expect(r.output).not.toContain('./review');
    expect(r.output).not.toContain('./after');
  });

  it('leaves out what follows a blocking manual job, which GitLab holds back', () => {
    const r = toCircle1(stages('  rules:\n    - when: manual'));
    expect(r.output).toContain('make');
    expect(r.output).not.toContain('./deploy');
    expect(r.diagnostics.map((d) => d.message)).toContain(
      'CircleCI 1.0 has no jobs that wait for a person; "review" is left out rather than run on every push, and so is what waits for it ("deploy" and "after-review")',
    );
  });
});
