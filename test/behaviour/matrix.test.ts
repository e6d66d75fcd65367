/**
 * The comparison where one side writes as several jobs what the other runs as one matrix job, and
 * where one side has a job that does nothing at all (CircleCI 1.0's `build` with only deployments).
 */
import { describe, expect, it } from 'vitest';
import type { FormatId } from '../../src/ir/types.js';
import { readPipeline } from '../../src/translate.js';
import { compareConfigurations } from '../../src/verify.js';

function side(file: string, text: string, format: FormatId) {
  const read = readPipeline({ file, text, from: format });
  if (!read.pipeline) throw new Error(`${file} did not read`);
  return { pipeline: read.pipeline, format };
}

const gitlab = (text: string) => side('.gitlab-ci.yml', text, 'gitlab');
const circle = (text: string) => side('.circleci/config.yml', text, 'circleci2');

/** Which jobs run and what they wait for, per matrix combination. */
const graphKinds = new Set(['job-created', 'job-start', 'job-gate', 'matrix', 'variable']);
const graph = (a: ReturnType<typeof side>, b: ReturnType<typeof side>) =>
  compareConfigurations(a, b)
    .filter((d) => graphKinds.has(d.kind))
    .map((d) => `${d.kind}: ${d.message}`);

const matrixJob = gitlab(`test:
  image: python:$PYTHON
  parallel:
    matrix:
      - PYTHON: ["3.11", "3.12"]
  script: [tox]
report:
  stage: deploy
  needs: [test]
  script: [./report]
`);

const cellJob = (python: string, value = python) => `  test-${python.replace('.', '-')}:
    docker: [{image: "python:${python}"}]
    environment: {PYTHON: "${value}"}
    steps: [checkout, {run: tox}]
`;

const cells = (...jobs: string[]) => `version: 2.1
jobs:
${jobs.join('')}  report:
    docker: [{image: "node:20"}]
    steps: [checkout, {run: ./report}]
workflows:
  main:
    jobs:
${jobs.map((_, i) => `      - test-3-1${i + 1}: {filters: {tags: {only: /.*/}}}\n`).join('')}      - report:
          requires: [${jobs.map((_, i) => `test-3-1${i + 1}`).join(', ')}]
          filters: {tags: {only: /.*/}}
`;

describe('a matrix job against the jobs written for its combinations', () => {
  const expanded = circle(cells(cellJob('3.11'), cellJob('3.12')));

  it('pairs each combination with the matrix job, in both directions', () => {
    expect(graph(matrixJob, expanded)).toEqual([]);
    expect(graph(expanded, matrixJob)).toEqual([]);
  });

  it('pairs the jobs a CircleCI matrix expands to with a GitLab parallel:matrix job', () => {
    const circleMatrix = circle(`version: 2.1
jobs:
  test:
    parameters: {python: {type: string}}
    docker: [{image: "python:<< parameters.python >>"}]
    environment: {PYTHON: << parameters.python >>}
    steps: [checkout, {run: tox}]
  report:
    docker: [{image: "node:20"}]
    steps: [checkout, {run: ./report}]
workflows:
  main:
    jobs:
      - test: {matrix: {parameters: {python: ["3.11", "3.12"]}}, filters: {tags: {only: /.*/}}}
      - report: {requires: [test], filters: {tags: {only: /.*/}}}
`);
    expect(graph(circleMatrix, matrixJob)).toEqual([]);
    expect(graph(matrixJob, circleMatrix)).toEqual([]);
  });

  it('compares each combination with the matrix job given that combination’s variables', () => {
    const wrong = circle(cells(cellJob('3.11'), cellJob('3.12', '3.11')));
    expect(graph(matrixJob, wrong)).toEqual(['variable: job test: variable PYTHON reads "3.12" in the original and "3.11" in the translation']);
  });

  it('says when a combination has no job on the other side', () => {
    const one = circle(cells(cellJob('3.11')));
    expect(graph(matrixJob, one)).toEqual(['matrix: job test runs as 2 jobs in the original and 1 in the translation, and the translation has none for PYTHON=3.12']);
    expect(graph(one, matrixJob)).toEqual(['matrix: job test runs as 1 job in the original and 2 in the translation, and the original has none for PYTHON=3.12']);
  });

  it('compares the combinations of two matrix jobs', () => {
    const wider = gitlab(`test:
  image: python:$PYTHON
  parallel:
    matrix:
      - PYTHON: ["3.11", "3.12", "3.13"]
  script: [tox]
report:
  stage: deploy
  needs: [test]
  script: [./report]
`);
    expect(graph(matrixJob, matrixJob)).toEqual([]);
    expect(graph(matrixJob, wider)).toEqual(['matrix: job test runs as 2 jobs in the original and 3 in the translation, and the original has none for PYTHON=3.13']);
  });
});

describe('a job of one side only that does nothing', () => {
  const deploy = gitlab('deploy:\n  script: [./deploy]\n  only: [main]\n');

  it('is not a difference: CircleCI 1.0 always has a build, here with only a deployment', () => {
    // With every phase overridden empty, as ciport writes it: 1.0 infers no commands.
    const deploymentOnly = side('circle.yml', 'dependencies:\n  override: []\ndatabase:\n  override: []\ntest:\n  override: []\ndeployment:\n  production:\n    branch: main\n    commands: [./deploy]\n', 'circleci1');
    expect(graph(deploy, deploymentOnly)).toEqual([]);
    expect(graph(deploymentOnly, deploy)).toEqual([]);
  });

  it('is one when it starts a service or runs a command', () => {
    const withService = circle(`version: 2.1
jobs:
  build:
    docker: [{image: "node:20"}, {image: "postgres:16"}]
    steps: [checkout]
  deploy:
    docker: [{image: "node:20"}]
    steps: [checkout, {run: ./deploy}]
workflows:
  main:
    jobs:
      - build
      - deploy: {requires: [build], filters: {branches: {only: [main]}}}
`);
    const differences = graph(deploy, withService);
    expect(differences).toContain('job-created: job build runs, which the original does not have');
    expect(differences).toContain('job-start: job deploy now waits for build');
  });
});
