/**
 * Fail closed: where a target cannot say when a job runs, the job waits for a person or is left
 * out, never runs more often than in the source, and a diagnostic says so (issues 14 and 20).
 */
import { describe, expect, it } from 'vitest';
import { translate, type TranslateResult } from '../../src/translate.js';
import type { FormatId } from '../../src/ir/types.js';

function run(text: string, from: FormatId, to: FormatId, version?: string): TranslateResult {
  const file = from === 'gitlab' ? '.gitlab-ci.yml' : from === 'circleci2' ? '.circleci/config.yml' : 'circle.yml';
  return translate({ file, text, from, to, ...(version ? { emit: { version } } : {}) });
}
const messages = (r: TranslateResult, code: string) => r.diagnostics.filter((d) => d.code === code).map((d) => `${d.severity}: ${d.message}`);

const mergeRequestOnly = `lint:
  script: [make lint]
  rules:
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
test:
  script: [make test]
`;

describe('CircleCI 1.0 output', () => {
  it('leaves out a job whose rules 1.0 cannot test, instead of running it on every push', () => {
    const r = run(mergeRequestOnly, 'gitlab', 'circleci1');
    expect(r.output).toContain('make test');
    expect(r.output).not.toContain('make lint');
    expect(messages(r, 'unsupported-feature')).toContain('warning: CircleCI 1.0 runs the whole build on every push and cannot test the rules of "lint"; it is left out rather than run on every push');
  });

  it('leaves out the jobs of a scheduled workflow, as a manual task naming the schedule', () => {
    const text = `version: 2.1
jobs:
  nightly: {docker: [{image: cimg/base:stable}], steps: [{run: ./nightly.sh}]}
  build: {docker: [{image: cimg/base:stable}], steps: [{run: make}]}
workflows:
  push: {jobs: [build]}
  nightly:
    triggers: [{schedule: {cron: "0 3 * * *", filters: {branches: {only: [main]}}}}]
    jobs: [nightly]
`;
    const r = run(text, 'circleci2', 'circleci1');
    expect(r.output).toContain('make');
    expect(r.output).not.toContain('nightly.sh');
    expect(messages(r, 'manual-schedule')).toEqual([
      expect.stringMatching(/^manual: CircleCI 1\.0 has no scheduled builds; workflow "nightly" runs only on its schedule \("0 3 \* \* \*"\), so its jobs \("nightly"\) are left out/),
    ]);
  });

  it('decides a workflow condition on pipeline parameters by their defaults, which 1.0 cannot change', () => {
    const text = (on: boolean) => `version: 2.1
parameters:
  run-extra: {type: boolean, default: ${on}}
jobs:
  extra: {docker: [{image: cimg/base:stable}], steps: [{run: ./extra.sh}]}
workflows:
  extra:
    when: << pipeline.parameters.run-extra >>
    jobs: [extra]
`;
    expect(run(text(true), 'circleci2', 'circleci1').output).toContain('./extra.sh');
    const off = run(text(false), 'circleci2', 'circleci1');
    expect(off.output).not.toContain('./extra.sh');
    expect(messages(off, 'approximate-translation').some((m) => m.includes('does not run with the default pipeline parameters'))).toBe(true);
  });

  it('leaves out a job that runs only after a failure, and one no rule adds', () => {
    const r = run('build:\n  script: [make]\nnotify:\n  when: on_failure\n  script: [./notify.sh]\nold:\n  rules: []\n  script: [./old.sh]\n', 'gitlab', 'circleci1');
    expect(r.output).toContain('make');
    expect(r.output).not.toContain('notify.sh');
    expect(r.output).not.toContain('old.sh');
    expect(messages(r, 'manual-job').some((m) => m.includes('"notify" runs only after a failure, so it is left out'))).toBe(true);
  });
});

describe('CircleCI 2.x output', () => {
  it('holds a job whose rules CircleCI cannot test behind an approval, named with what requires it', () => {
    const r = run(`${mergeRequestOnly}report:\n  needs: [lint]\n  script: [./report.sh]\n`, 'gitlab', 'circleci2');
    expect(r.output).toMatch(/- approve-lint:\n\s+type: approval/);
    expect(r.output).toMatch(/- lint:\n\s+requires:\n\s+- approve-lint/);
    const held = r.diagnostics.find((d) => d.message.startsWith('job "lint": its rules depend on') && d.message.includes('it waits for an approval job instead of running on every branch'));
    expect(held?.severity).toBe('warning');
    expect(held?.hint).toMatch(/approve-<job>/);
    expect(held?.related?.map((x) => x.message)).toEqual(['"report" waits for "lint"']);
  });

  it('gives a job filtered to some branches no tag filter for a later job that runs on tags: it never ran for a tag', () => {
    const text = `stages: [prepare, build]
image-prep:
  stage: prepare
  script: [./prepare.sh]
  only: ['/\\Aimage-prep\\/.*/']
build:
  stage: build
  script: [make]
`;
    const r = run(text, 'gitlab', 'circleci2');
    const entry = r.output!.slice(r.output!.indexOf('      - image-prep:'), r.output!.indexOf('      - build:'));
    expect(entry).toMatch(/branches:\n\s+only: \/image-prep\\\/\.\*/);
    expect(entry).not.toMatch(/tags:/);
    // The model reads RE2's \A as the start of the name, as GitLab does: nothing runs more often.
    expect((r.behaviour?.differences ?? []).filter((d) => / now runs/.test(d.message))).toEqual([]);
    expect(r.behaviour?.unnamed ?? []).toEqual([]);
  });

  it('writes the default branch as pipeline.git.branch.is_default, in 2.1 only', () => {
    const text = 'deploy:\n  script: [./deploy.sh]\n  rules:\n    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH\n';
    expect(run(text, 'gitlab', 'circleci2').output).toMatch(/filters: pipeline\.git\.branch\.is_default/);
    // 2.0 has no expression filters: the job waits for a person rather than run on every branch.
    expect(run(text, 'gitlab', 'circleci2', '2.0').output).toMatch(/- approve-deploy:\n\s+type: approval/);
  });

  it('holds a delayed job behind an approval instead of starting it at once', () => {
    const r = run('build:\n  script: [make]\ncleanup:\n  when: delayed\n  start_in: 30 minutes\n  script: [./cleanup.sh]\n', 'gitlab', 'circleci2');
    expect(r.output).toMatch(/- cleanup:\n\s+requires:\n\s+- approve-cleanup/);
    expect(messages(r, 'semantic-difference')).toEqual(['warning: CircleCI cannot delay a job; "cleanup", started 30 minutes after its stage in the source, waits for approval "approve-cleanup" instead']);
    expect(r.behaviour?.unnamed ?? []).toEqual([]);
  });

  it('2.0: leaves out a job that runs when another fails, and what requires it', () => {
    const text = `version: 2.1
jobs:
  test: {docker: [{image: cimg/base:stable}], steps: [{run: make test}]}
  notify: {docker: [{image: cimg/base:stable}], steps: [{run: ./notify.sh}]}
  archive: {docker: [{image: cimg/base:stable}], steps: [{run: ./archive.sh}]}
workflows:
  main:
    jobs:
      - test
      - notify: {requires: [{test: failed}]}
      - archive: {requires: [notify]}
`;
    const r = run(text, 'circleci2', 'circleci2', '2.0');
    const workflows = r.output!.slice(r.output!.indexOf('workflows:'));
    expect(workflows).toContain('- test');
    expect(workflows).not.toMatch(/notify|archive/);
    expect(messages(r, 'unsupported-feature')).toContain('warning: "notify" runs when "test" ends with failed; version 2.0 requires success, so it is left out, and so is what requires it ("archive")');
    // 2.1 says statuses: nothing is left out.
    expect(run(text, 'circleci2', 'circleci2', '2.1').output).toMatch(/- notify:\n\s+requires:\n\s+- test: failed/);
  });

  it('leaves out a job no rule adds, with the requirements on it', () => {
    const r = run('stages: [build, test]\nold:\n  stage: build\n  rules: []\n  script: [./old.sh]\ntest:\n  stage: test\n  script: [make test]\n', 'gitlab', 'circleci2');
    expect(r.output).not.toContain('old.sh');
    expect(r.output).not.toMatch(/requires:\n\s+- old/);
    expect(messages(r, 'approximate-translation')).toContain('info: "old" never runs (none of its rules adds it); it is left out');
  });
});
