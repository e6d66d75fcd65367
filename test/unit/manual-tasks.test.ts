import { describe, expect, it } from 'vitest';
import type { FormatId } from '../../src/ir/types.js';
import { translate } from '../../src/translate.js';

const fileOf: Record<FormatId, string> = { circleci1: 'circle.yml', circleci2: '.circleci/config.yml', gitlab: '.gitlab-ci.yml' };

function tasks(from: FormatId, to: FormatId, text: string, code: string) {
  const result = translate({ file: fileOf[from], text, from, to, behaviour: false });
  expect(result.output).not.toBeNull();
  return result.diagnostics.filter((d) => d.code === code);
}

const circleci2 = [
  'version: 2.1',
  'jobs:',
  '  build:',
  '    docker: [{ image: cimg/base:2024.01 }]',
  '    environment: { DEFINED_HERE: x }',
  '    steps:',
  '      - run: docker login -u "$DOCKER_USER" --password-stdin <<< "$DOCKER_PASS"',
  '      - run: echo $HOME $CIRCLE_SHA1 $DEFINED_HERE ${OPTIONAL:-none}',
  '      - run: export FROM_SCRIPT=1; echo "$FROM_SCRIPT"; for ITEM in a b; do echo $ITEM; done',
  "      - run: ls -l | awk '{print $NF}'",
  '  test:',
  '    docker: [{ image: cimg/base:2024.01 }]',
  '    steps:',
  '      - run: codecov -t ${CODECOV_TOKEN} && echo $DOCKER_PASS && curl -u $CIRCLE_TOKEN https://circleci.com',
  'workflows:',
  '  main:',
  '    jobs: [build, test]',
  '',
].join('\n');

describe('variables the commands read but the configuration does not set', () => {
  it('CircleCI 2.x → GitLab: one task per variable, naming its jobs, none for predefined, defined or optional ones', () => {
    const found = tasks('circleci2', 'gitlab', circleci2, 'manual-secret');
    const named = found.map((d) => /create the variable (\w+) /.exec(d.message)?.[1]).filter(Boolean);
    expect(named.sort()).toEqual(['CIRCLE_TOKEN', 'CODECOV_TOKEN', 'DOCKER_PASS', 'DOCKER_USER']);
    const pass = found.find((d) => d.message.includes('DOCKER_PASS'))!;
    expect(pass.message).toContain('as a CI/CD variable of the GitLab project or group');
    expect(pass.message).toContain('used by 2 jobs "build", "test"');
    expect(pass.hint).toContain('https://docs.gitlab.com/ci/variables/');
    expect(pass.origin).toBeDefined();
  });

  it('GitLab → CircleCI 2.x: GitLab predefined variables CircleCI gives, global, job and matrix variables are not tasks', () => {
    const text = [
      'variables: { GLOBAL: g }',
      'deploy:',
      '  variables: { LOCAL: l }',
      '  parallel:',
      '    matrix:',
      '      - REGION: [eu, us]',
      '  script:',
      '    - echo $CI_COMMIT_SHA $CI_JOB_TOKEN $GITLAB_USER_LOGIN $GLOBAL $LOCAL $REGION',
      '    - ./deploy --key "$DEPLOY_KEY"',
      '',
    ].join('\n');
    const found = tasks('gitlab', 'circleci2', text, 'manual-secret');
    // CI_JOB_TOKEN is GitLab's own credential, which CircleCI cannot give: a task of its own.
    expect(found.map((d) => d.message)).toEqual([
      'create the variable CI_JOB_TOKEN in the CircleCI project settings or a context: used by job "deploy", set by GitLab itself in every job',
      'create the variable DEPLOY_KEY in the CircleCI project settings or a context: used by job "deploy", set nowhere in the configuration',
    ]);
  });

  it('CircleCI 1.0 → GitLab: 1.0 predefined variables are not tasks', () => {
    const text = 'test:\n  override:\n    - cp out.xml $CIRCLE_TEST_REPORTS && npm publish --token $NPM_TOKEN\n';
    const found = tasks('circleci1', 'gitlab', text, 'manual-secret').filter((d) => d.message.startsWith('create the variable'));
    expect(found.map((d) => /create the variable (\w+) /.exec(d.message)?.[1])).toEqual(['NPM_TOKEN']);
  });

  it('CircleCI 2.x → 1.0: the project settings stay where they are, so no task', () => {
    expect(tasks('circleci2', 'circleci1', circleci2, 'manual-secret').filter((d) => d.message.startsWith('create the variable'))).toEqual([]);
  });
});

describe('schedule and runner tasks', () => {
  const text = [
    'version: 2.1',
    'jobs:',
    '  mac:',
    '    macos: { xcode: 15.0.0 }',
    '    steps: [checkout]',
    'workflows:',
    '  nightly:',
    '    triggers:',
    '      - schedule:',
    '          cron: "0 3 * * *"',
    '          filters: { branches: { only: [release] } }',
    '    jobs: [mac]',
    '',
  ].join('\n');

  it('the schedule task names the cron and the branch', () => {
    const [schedule] = tasks('circleci2', 'gitlab', text, 'manual-schedule');
    expect(schedule?.message).toBe('create a pipeline schedule with cron "0 3 * * *" on branch "release" for workflow "nightly"');
  });

  it('the runner task gives the tags: that select the runner', () => {
    const [runner] = tasks('circleci2', 'gitlab', text, 'manual-runner');
    expect(runner?.message).toContain('add it to the job as tags: [macos-xcode-15]');
    expect(runner?.hint).toContain('https://docs.gitlab.com/ci/yaml/#tags');
  });
});

describe('variables when part of the configuration was not read', () => {
  it('says an include not read may set the variable', () => {
    const text = "include:\n  - remote: 'https://example.com/ci.yml'\ndeploy:\n  script: [./deploy --key \"$DEPLOY_KEY\"]\n";
    const [task] = tasks('gitlab', 'circleci2', text, 'manual-secret');
    expect(task?.message).toContain('set nowhere in the files read (an include not read may set it)');
  });
});
