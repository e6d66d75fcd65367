/** GitLab job statuses (`when: on_failure`, `when: always`, `allow_failure`) as CircleCI `requires` statuses. */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { translate } from '../../../src/translate.js';

function toCircleci(gitlab: string) {
  const result = translate({ file: '.gitlab-ci.yml', text: gitlab, from: 'gitlab', to: 'circleci2' });
  const doc = parse(result.output!) as { workflows: { workflow: { jobs: Array<Record<string, { requires?: unknown[]; type?: string }>> } } };
  const requires = Object.fromEntries(doc.workflows.workflow.jobs.map((entry) => Object.entries(entry)[0]!).map(([name, options]) => [name, options.requires]));
  return { requires, result };
}

const stages = 'stages: [build, test, report]\ndefault:\n  image: alpine:3.20\n';

describe('GitLab job statuses in CircleCI requires', () => {
  it('an on_failure job with one job that can fail requires it to fail, and any end of an allowed failure', () => {
    const { requires, result } = toCircleci(`${stages}a:\n  stage: build\n  script: [make]\nb:\n  stage: test\n  script: [make b]\n  allow_failure: true\nnotify:\n  stage: report\n  script: [./notify]\n  when: on_failure\n`);
    expect(requires.notify).toEqual([{ a: 'failed' }, { b: 'terminal' }]);
    expect(result.behaviour?.unnamed).toEqual([]);
  });

  it('an always job requires every earlier job to end, whatever its end', () => {
    const { requires } = toCircleci(`${stages}a:\n  stage: build\n  script: [make]\nb:\n  stage: test\n  script: [make b]\nclean:\n  stage: report\n  script: [./clean]\n  when: always\n`);
    expect(requires.clean).toEqual([{ a: 'terminal' }, { b: 'terminal' }]);
  });

  it('what needs an allowed failure goes on after it fails', () => {
    const { requires, result } = toCircleci(`${stages}a:\n  stage: build\n  script: [make]\n  allow_failure: true\nb:\n  stage: test\n  script: [make b]\n  needs: [a]\n`);
    expect(requires.b).toEqual([{ a: ['success', 'failed', 'canceled'] }]);
    expect(result.behaviour?.unnamed).toEqual([]);
  });

  it('an on_failure job after several jobs that can fail waits for a person once they have ended (CircleCI cannot say "any")', () => {
    const { requires, result } = toCircleci(`${stages}a:\n  stage: build\n  script: [make]\nb:\n  stage: test\n  script: [make b]\nnotify:\n  stage: report\n  script: [./notify]\n  when: on_failure\n`);
    expect(requires.notify).toEqual(['approve-notify']);
    expect(requires['approve-notify']).toEqual([{ a: 'terminal' }, { b: 'terminal' }]);
    const warning = result.diagnostics.find((d) => d.code === 'semantic-difference' && d.message.includes('any of'));
    expect(warning?.message).toContain('job "notify" runs in GitLab when any of "a" and "b" fails');
  });

  it('version 2.0, which requires success only, says so once for every such edge', () => {
    const gitlab = `${stages}a:\n  stage: build\n  script: [make]\nb:\n  stage: test\n  script: [make b]\nclean:\n  stage: report\n  script: [./clean]\n  when: always\nlog:\n  stage: report\n  script: [./log]\n  when: always\n`;
    const result = translate({ file: '.gitlab-ci.yml', text: gitlab, from: 'gitlab', to: 'circleci2', emit: { version: '2.0' } });
    const lost = result.diagnostics.filter((d) => d.message.startsWith('version 2.0 requires success'));
    expect(lost).toHaveLength(1);
    expect(lost[0]!.message).toContain('"clean" runs after "a" ends with any status');
    // Its other edges stand at the same job; the next job’s edges are listed at that job.
    expect(lost[0]!.related?.map((r) => r.message)).toEqual(['"log" runs after "a" ends with any status', '"log" runs after "b" ends with any status']);
  });
});

