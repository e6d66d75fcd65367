/** Version 2.0 has no workflow `when`: a ref condition goes into the jobs' filters, anything else waits for a person. */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { translate } from '../../../src/translate.js';

const jobs = `jobs:
  build:
    docker: [{ image: cimg/base:stable }]
    steps: [checkout, { run: make }]
  deploy:
    docker: [{ image: cimg/base:stable }]
    steps: [checkout, { run: ./deploy.sh }]
`;

function to20(text: string) {
  const result = translate({ file: '.circleci/config.yml', text, from: 'circleci2', to: 'circleci2', emit: { version: '2.0' } });
  return { result, workflows: parse(result.output!).workflows };
}

describe('workflow conditions in CircleCI 2.0 output', () => {
  it('a condition on the branch becomes each job’s branch filter', () => {
    const { result, workflows } = to20(`version: 2.1\n${jobs}workflows:\n  main:\n    when: { equal: [main, << pipeline.git.branch >>] }\n    jobs: [build, { deploy: { requires: [build] } }]\n`);
    expect(workflows.main.jobs[0]).toEqual({ build: { filters: { branches: { only: 'main' } } } });
    expect(result.behaviour?.unnamed).toEqual([]);
  });

  it('a condition on a pipeline parameter makes the workflow wait for approval, said once', () => {
    const text = `version: 2.1\nparameters:\n  release: { type: boolean, default: false }\n${jobs}workflows:\n  main:\n    when: << pipeline.parameters.release >>\n    jobs: [build, { deploy: { requires: [build] } }]\n`;
    const { result, workflows } = to20(text);
    expect(workflows.main.jobs.slice(0, 2)).toEqual([{ 'approve-main': { type: 'approval' } }, { build: { requires: ['approve-main'] } }]);
    const said = result.diagnostics.filter((d) => d.message.includes('wait for approval "approve-main"'));
    expect(said).toHaveLength(1);
    expect(said[0]!.severity).toBe('warning');
    expect(result.behaviour?.unnamed).toEqual([]);
  });
});

describe('GitLab workflow:rules CircleCI cannot test', () => {
  it('hold the workflow for approval instead of running it always', () => {
    const text = 'workflow:\n  rules:\n    - if: $DEPLOY_ENABLED == "yes"\nbuild:\n  script: [make]\n';
    const result = translate({ file: '.gitlab-ci.yml', text, from: 'gitlab', to: 'circleci2' });
    const workflow = parse(result.output!).workflows.workflow;
    expect(workflow.jobs.map((j: Record<string, unknown>) => Object.keys(j)[0])).toEqual(['approve-workflow', 'build']);
    expect(result.diagnostics.find((d) => d.message.includes('approve-workflow'))).toMatchObject({ severity: 'warning', origin: { file: '.gitlab-ci.yml', range: [text.indexOf('if:'), expect.any(Number)] } });
    expect(result.behaviour?.unnamed).toEqual([]);
  });
});
