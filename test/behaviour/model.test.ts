/** The behaviour model and its comparison, on small configurations of each format, both directions. */
import { describe, expect, it } from 'vitest';
import { shellStateChange } from '../../src/behaviour/shell-state.js';
import { readPipeline, translate } from '../../src/translate.js';
import type { FormatId } from '../../src/ir/types.js';
import { compareConfigurations } from '../../src/verify.js';

function side(file: string, text: string, format: FormatId) {
  const read = readPipeline({ file, text, from: format });
  if (!read.pipeline) throw new Error(`${file} did not read`);
  return { pipeline: read.pipeline, format };
}

const kinds = (a: ReturnType<typeof side>, b: ReturnType<typeof side>) => compareConfigurations(a, b).map((d) => d.kind).sort();

const circle = (jobs: string, workflow: string) => `version: 2.1
jobs:
${jobs}
workflows:
  main:
    jobs:
${workflow}
`;

describe('shell state', () => {
  it.each([
    ['exit 0', 'exit'],
    ['nc -z localhost 5432 && exit 0', 'exit'],
    ['cd sub', 'cd'],
    ['export A=1', 'export'],
    ['A=1', 'assignment'],
    ['set -x', 'set'],
    ["trap 'rm -f x' EXIT", 'trap'],
    ['f() { echo hi; }', 'function'],
    ['source ./env.sh', 'source'],
    // Two groups, not one: the first `)` closes the first.
    ['(cd a) && cd b', 'cd'],
    // A quoted or case-pattern `)` closes no group.
    ['(echo ")"); cd b', 'cd'],
  ])('%s changes the shell (%s)', (text, what) => {
    expect(shellStateChange(text)?.what).toBe(what);
  });

  it.each([
    'make test',
    'A=1 make test',
    '(cd sub && make)',
    'echo "$(cd x; pwd)"',
    'npm ci',
    "(echo ')'; cd sub)",
    '(r=$1; case "$r" in \'\'|*[!A-Z]*) ;; *) eval "r=\\${$r}" ;; esac; echo "$r")',
  ])('%s does not', (text) => {
    expect(shellStateChange(text)).toBeUndefined();
  });
});

describe('behaviour comparison', () => {
  it('attaching a workspace no earlier job wrote receives nothing', () => {
    const source = side('.circleci/config.yml', circle('  a:\n    docker: [{image: node:20}]\n    steps: [{attach_workspace: {at: /tmp/ws}}, {run: make}]', '      - a'), 'circleci2');
    const output = side('.gitlab-ci.yml', 'a:\n  image: node:20\n  script: [make]\n', 'gitlab');
    expect(compareConfigurations(source, output).filter((d) => d.kind === 'files')).toEqual([]);
  });

  it('a job joined into the one 1.0 build is still what a deployment waits for', () => {
    const source = side(
      '.circleci/config.yml',
      circle(
        ['  lint:', '    docker: [{image: node:20}]', '    steps: [checkout, {run: npm run lint}, {run: npm run format}]', '  test:', '    docker: [{image: node:20}]', '    steps: [checkout, {run: npm test}, {run: npm run e2e}]', '  deploy:', '    docker: [{image: node:20}]', '    steps: [checkout, {run: ./deploy.sh}]'].join('\n'),
        ['      - lint', '      - test', '      - deploy:', '          requires: [lint, test]', '          filters: {branches: {only: main}}'].join('\n'),
      ),
      'circleci2',
    );
    // 1.0: lint and test run in the build, deploy after it for main.
    const output = side('circle.yml', ['test:', '  override:', '    - npm run lint', '    - npm run format', '    - npm test', '    - npm run e2e', 'deployment:', '  deploy:', '    branch: main', '    commands:', '      - ./deploy.sh', ''].join('\n'), 'circleci1');
    const kinds = compareConfigurations(source, output).map((d) => `${d.kind} ${d.message}`);
    expect(kinds.filter((k) => k.startsWith('job-start'))).toEqual([]);
  });

  it('a configuration agrees with itself, in every format', () => {
    const gitlab = side('.gitlab-ci.yml', 'build:\n  script: [make]\n  only: [main]\ndeploy:\n  stage: deploy\n  script: [./deploy]\n  when: manual\n', 'gitlab');
    expect(compareConfigurations(gitlab, gitlab)).toEqual([]);
    const c2 = side('.circleci/config.yml', circle('  a:\n    docker: [{image: node:20}]\n    steps: [checkout, {run: make}]', '      - a'), 'circleci2');
    expect(compareConfigurations(c2, c2)).toEqual([]);
  });

  it('sees a job that runs on more branches', () => {
    const a = side('.gitlab-ci.yml', 'deploy:\n  script: [./deploy]\n  only: [main]\n', 'gitlab');
    const b = side('.gitlab-ci.yml', 'deploy:\n  script: [./deploy]\n', 'gitlab');
    const differences = compareConfigurations(a, b);
    expect(differences.map((d) => d.kind)).toEqual(['job-created']);
    expect(differences[0]!.event).toContain('other-branch');
    expect(differences[0]!.event).not.toContain('default-branch');
  });

  it('a CircleCI file that declares a scheduled workflow runs that workflow alone on the schedule', () => {
    const jobs = '  build:\n    docker: [{image: node:20}]\n    steps: [checkout, {run: make}]';
    const scheduled = `version: 2.1\njobs:\n${jobs}\nworkflows:\n  push:\n    jobs: [build]\n  nightly:\n    triggers: [{schedule: {cron: "0 3 * * *", filters: {branches: {only: [main]}}}}]\n    jobs: [build]\n`;
    const circle = side('.circleci/config.yml', scheduled, 'circleci2');
    const gitlab = side(
      '.gitlab-ci.yml',
      'push:build:\n  script: [make]\n  rules: [{if: \'$CI_PIPELINE_SOURCE != "schedule"\'}]\nnightly:build:\n  script: [make]\n  rules: [{if: \'$CI_PIPELINE_SOURCE == "schedule"\'}]\n',
      'gitlab',
    );
    const onSchedule = (differences: ReturnType<typeof compareConfigurations>) => differences.filter((d) => d.kind === 'job-created' && d.event?.split(', ').includes('schedule'));
    expect(onSchedule(compareConfigurations(circle, gitlab))).toEqual([]);
    // Without a declared schedule, a schedule trigger set up in the UI runs every workflow.
    const unscheduled = side('.circleci/config.yml', `version: 2.1\njobs:\n${jobs}\nworkflows:\n  push:\n    jobs: [build]\n`, 'circleci2');
    const everywhere = side('.gitlab-ci.yml', 'build:\n  script: [make]\n', 'gitlab');
    expect(onSchedule(compareConfigurations(unscheduled, everywhere))).toEqual([]);
    const notOnSchedule = side('.gitlab-ci.yml', 'build:\n  script: [make]\n  rules: [{if: \'$CI_PIPELINE_SOURCE != "schedule"\'}]\n', 'gitlab');
    expect(onSchedule(compareConfigurations(unscheduled, notOnSchedule)).map((d) => d.message)).toEqual(['job build no longer runs']);
  });

  it('a schedule fires on the branches its trigger filter allows; GitLab output keeps the filter', () => {
    const jobs = '  build:\n    docker: [{image: node:20}]\n    steps: [checkout, {run: make}]';
    const scheduled = `version: 2.1\njobs:\n${jobs}\nworkflows:\n  nightly:\n    triggers: [{schedule: {cron: "0 3 * * *", filters: {branches: {only: [main, release]}}}}]\n    jobs: [build]\n`;
    const circle = side('.circleci/config.yml', scheduled, 'circleci2');
    const otherBranch = (differences: ReturnType<typeof compareConfigurations>) => differences.filter((d) => d.event?.split(', ').includes('schedule-other-branch')).map((d) => d.message);
    // A GitLab rule that tests only the source runs the job for a schedule on any branch.
    const anyBranch = side('.gitlab-ci.yml', 'build:\n  script: [make]\n  rules: [{if: \'$CI_PIPELINE_SOURCE == "schedule"\'}]\n', 'gitlab');
    expect(otherBranch(compareConfigurations(circle, anyBranch))).toEqual(['job build now runs']);
    // What ciport writes keeps the branches, so nothing differs.
    const written = translate({ file: '.circleci/config.yml', text: scheduled, from: 'circleci2', to: 'gitlab' });
    expect(written.output).toContain('$CI_PIPELINE_SOURCE == "schedule" && ($CI_COMMIT_BRANCH == "main" || $CI_COMMIT_BRANCH == "release")');
    expect(otherBranch(compareConfigurations(circle, side('.gitlab-ci.yml', written.output!, 'gitlab')))).toEqual([]);
    expect(written.diagnostics.filter((d) => d.code === 'behaviour-difference')).toEqual([]);
  });

  it('sees a changed regex and a changed pipeline source', () => {
    const a = side('.gitlab-ci.yml', 'x:\n  script: [make]\n  rules: [{if: \'$CI_COMMIT_BRANCH =~ /^release/\'}]\n', 'gitlab');
    const b = side('.gitlab-ci.yml', 'x:\n  script: [make]\n  rules: [{if: \'$CI_COMMIT_BRANCH =~ /^hotfix/\'}]\n', 'gitlab');
    expect(kinds(a, b)).toContain('job-created');
    const s = side('.gitlab-ci.yml', 'x:\n  script: [make]\n  rules: [{if: \'$CI_PIPELINE_SOURCE == "schedule"\'}]\n', 'gitlab');
    const w = side('.gitlab-ci.yml', 'x:\n  script: [make]\n  rules: [{if: \'$CI_PIPELINE_SOURCE == "web"\'}]\n', 'gitlab');
    expect(compareConfigurations(s, w).map((d) => d.event).join(' ')).toMatch(/schedule.*manual-start|manual-start.*schedule/);
  });

  it('CircleCI steps joined into one GitLab shell: an exit in the first step reaches the second', () => {
    const a = side('.circleci/config.yml', circle('  a:\n    docker: [{image: node:20}]\n    steps: [{run: "probe && exit 0"}, {run: make test}]', '      - a'), 'circleci2');
    const joined = side('.gitlab-ci.yml', 'a:\n  image: node:20\n  variables: {GIT_STRATEGY: none}\n  rules: [{if: $CI_COMMIT_BRANCH}]\n  script: ["probe && exit 0", make test]\n', 'gitlab');
    expect(kinds(a, joined)).toEqual(['session-joined']);
    // and back: lines that shared a shell split into steps
    expect(kinds(joined, a)).toEqual(['session-split']);
    // lines that share no state may be joined or split freely
    const plain = side('.circleci/config.yml', circle('  a:\n    docker: [{image: node:20}]\n    steps: [{run: npm ci}, {run: make test}]', '      - a'), 'circleci2');
    const plainJoined = side('.gitlab-ci.yml', 'a:\n  image: node:20\n  variables: {GIT_STRATEGY: none}\n  rules: [{if: $CI_COMMIT_BRANCH}]\n  script: [npm ci, make test]\n', 'gitlab');
    expect(compareConfigurations(plain, plainJoined)).toEqual([]);
    expect(compareConfigurations(plainJoined, plain)).toEqual([]);
  });

  it('a when: always step that becomes after_script can no longer fail the job', () => {
    const a = side('.circleci/config.yml', circle('  a:\n    docker: [{image: node:20}]\n    steps: [{run: make}, {run: {command: "! grep ERROR log", when: always}}]', '      - a'), 'circleci2');
    const b = side('.gitlab-ci.yml', 'a:\n  image: node:20\n  variables: {GIT_STRATEGY: none}\n  rules: [{if: $CI_COMMIT_BRANCH}]\n  script: [make]\n  after_script: ["! grep ERROR log"]\n', 'gitlab');
    expect(kinds(a, b)).toEqual(['command-status']);
  });

  it('requires on a failed job is not the same as needs on success, and matches when: on_failure', () => {
    const jobs = '  a:\n    docker: [{image: node:20}]\n    steps: [{run: make}]\n  n:\n    docker: [{image: node:20}]\n    steps: [{run: ./notify}]';
    const a = side('.circleci/config.yml', circle(jobs, '      - a\n      - n: {requires: [{a: failed}]}'), 'circleci2');
    const onSuccess = side('.gitlab-ci.yml', 'a:\n  stage: build\n  image: node:20\n  variables: {GIT_STRATEGY: none}\n  rules: [{if: $CI_COMMIT_BRANCH}]\n  script: [make]\nn:\n  stage: test\n  image: node:20\n  variables: {GIT_STRATEGY: none}\n  rules: [{if: $CI_COMMIT_BRANCH}]\n  script: [./notify]\n', 'gitlab');
    expect(kinds(a, onSuccess)).toEqual(['job-start']);
    const onFailure = side('.gitlab-ci.yml', 'a:\n  stage: build\n  image: node:20\n  variables: {GIT_STRATEGY: none}\n  rules: [{if: $CI_COMMIT_BRANCH}]\n  script: [make]\nn:\n  stage: test\n  image: node:20\n  variables: {GIT_STRATEGY: none}\n  rules: [{if: $CI_COMMIT_BRANCH}]\n  script: [./notify]\n  when: on_failure\n', 'gitlab');
    expect(compareConfigurations(a, onFailure)).toEqual([]);
  });

  it('an approval and a blocking manual job wait for a person alike; an automatic job does not', () => {
    const jobs = '  build:\n    docker: [{image: node:20}]\n    steps: [{run: make}]\n  deploy:\n    docker: [{image: node:20}]\n    steps: [{run: ./deploy}]';
    const a = side('.circleci/config.yml', circle(jobs, '      - build\n      - hold: {type: approval, requires: [build]}\n      - deploy: {requires: [hold]}'), 'circleci2');
    const gl = (extra: string) =>
      side('.gitlab-ci.yml', `build:\n  stage: build\n  image: node:20\n  variables: {GIT_STRATEGY: none}\n  rules: [{if: $CI_COMMIT_BRANCH}]\n  script: [make]\ndeploy:\n  stage: test\n  image: node:20\n  variables: {GIT_STRATEGY: none}\n  only: [branches]\n  script: [./deploy]\n${extra}`, 'gitlab');
    expect(compareConfigurations(a, gl('  when: manual\n  allow_failure: false\n'))).toEqual([]);
    expect(kinds(a, gl(''))).toEqual(['job-gate']);
    // job-level when: manual does not block: it is another gate
    expect(kinds(a, gl('  when: manual\n'))).toEqual(['job-gate']);
  });

  it('stage order passes over an absent upstream; a written requirement does not', () => {
    const gitlab = side('.gitlab-ci.yml', 'build:\n  stage: build\n  script: [make]\n  only: [main]\ntest:\n  stage: test\n  script: [make test]\n', 'gitlab');
    const circleDeps = side(
      '.circleci/config.yml',
      circle('  build:\n    docker: [{image: node:20}]\n    steps: [checkout, {run: make}]\n  test:\n    docker: [{image: node:20}]\n    steps: [checkout, {run: make test}]', '      - build: {filters: {branches: {only: main}}}\n      - test: {requires: [build]}'),
      'circleci2',
    );
    const differences = compareConfigurations(gitlab, circleDeps);
    const testNoLongerRuns = differences.find((d) => d.kind === 'job-created' && d.job === 'test');
    expect(testNoLongerRuns?.event).toContain('other-branch');
  });

  it('sees a lost service, a lost Docker engine and a lost variable', () => {
    const a = side('.gitlab-ci.yml', 'a:\n  image: node:20\n  services: [postgres:15, docker:24-dind]\n  variables: {MODE: fast}\n  script: [make]\n', 'gitlab');
    const b = side('.gitlab-ci.yml', 'a:\n  image: node:20\n  script: [make]\n', 'gitlab');
    expect(kinds(a, b)).toEqual(['docker-engine', 'service', 'variable']);
  });

  it('localhost reaches a CircleCI service but not a GitLab one', () => {
    const a = side('.circleci/config.yml', circle('  a:\n    docker: [{image: node:20}, {image: "redis:7"}]\n    steps: [{run: redis-cli -h localhost ping}]', '      - a'), 'circleci2');
    const atLocalhost = side('.gitlab-ci.yml', 'a:\n  image: node:20\n  services: ["redis:7"]\n  variables: {GIT_STRATEGY: none}\n  rules: [{if: $CI_COMMIT_BRANCH}]\n  script: [redis-cli -h localhost ping]\n', 'gitlab');
    const atService = side('.gitlab-ci.yml', 'a:\n  image: node:20\n  services: ["redis:7"]\n  variables: {GIT_STRATEGY: none}\n  rules: [{if: $CI_COMMIT_BRANCH}]\n  script: [redis-cli -h redis ping]\n', 'gitlab');
    expect(kinds(a, atLocalhost)).toEqual(['command-changed']);
    expect(compareConfigurations(a, atService)).toEqual([]);
  });

  it('a URL naming its service by scheme and host is the same URL at the other host: the scheme is not a host', () => {
    // `postgres://` is a scheme even where the GitLab service is reached at the host `postgres`.
    const circleDb = (url: string) => side('.circleci/config.yml', circle(`  a:\n    docker: [{image: node:20, environment: {DATABASE_URL: "${url}"}}, {image: "postgres:16"}]\n    steps: [{run: make}]`, '      - a'), 'circleci2');
    const gitlabDb = (url: string) => side('.gitlab-ci.yml', `a:\n  image: node:20\n  services: ["postgres:16"]\n  variables: {GIT_STRATEGY: none, DATABASE_URL: "${url}"}\n  rules: [{if: $CI_COMMIT_BRANCH}]\n  script: [make]\n`, 'gitlab');
    expect(compareConfigurations(circleDb('postgres://app@localhost:5432/db'), gitlabDb('postgres://app@postgres:5432/db'))).toEqual([]);
    // Left at localhost in GitLab, it no longer reaches the database.
    expect(kinds(circleDb('postgres://app@localhost:5432/db'), gitlabDb('postgres://app@localhost:5432/db'))).toEqual(['variable']);
  });

  it('a GitLab rule whose condition always holds is a rule without if, for every event', () => {
    const gitlab = (job: string) => side('.gitlab-ci.yml', `a:\n  script: [make]\n${job}`, 'gitlab');
    const differences = (x: string, y: string) => compareConfigurations(gitlab(x), gitlab(y)).map((d) => `${d.kind} ${d.event ?? ''}`);
    // Every pipeline sets CI_COMMIT_REF_NAME before rules run.
    expect(differences('  rules: [{if: $CI_COMMIT_REF_NAME}]\n', '  rules: [{when: on_success}]\n')).toEqual([]);
    expect(differences('  rules: [{if: $CI_COMMIT_SHA == null}]\n', '  rules: [{when: never}]\n')).toEqual([]);
    expect(differences('  rules: [{if: $CI_COMMIT_REF_NAME}]\n', '  rules: [{if: $DEPLOY}]\n').length).toBeGreaterThan(0);
  });

  it('a bare rules entry opens merge request pipelines; a job-level when and a job without rules do not', () => {
    const gitlab = (job: string) => side('.gitlab-ci.yml', `a:\n  script: [make]\n${job}`, 'gitlab');
    const differences = (x: string, y: string) => compareConfigurations(gitlab(x), gitlab(y)).map((d) => `${d.kind} ${d.event ?? ''}`);
    expect(differences('  rules: [{when: always}]\n', '  when: always\n')).toEqual(['job-created merge-request']);
    expect(differences('  when: always\n', '')).toEqual([]);
    expect(differences('  rules: [{if: $CI_PIPELINE_SOURCE != "merge_request_event", when: always}]\n', '  when: always\n')).toEqual([]);
    expect(differences('  except: [main]\n', '  rules: [{if: $CI_COMMIT_BRANCH == "main", when: never}, {when: on_success}]\n')).toEqual(['job-created merge-request']);
  });

  it('never prints the value of a secret-looking variable', () => {
    const a = side('.gitlab-ci.yml', 'a:\n  variables: {API_TOKEN: abc123secretvalue}\n  script: [make]\n', 'gitlab');
    const b = side('.gitlab-ci.yml', 'a:\n  variables: {API_TOKEN: other456secretvalue}\n  script: [make]\n', 'gitlab');
    const [difference] = compareConfigurations(a, b);
    expect(difference?.kind).toBe('variable');
    expect(difference?.message).not.toMatch(/abc123|other456/);
  });
});

describe('files from earlier jobs', () => {
  const workspaceJobs = `  deps:
    docker: [{ image: cimg/node:20.0 }]
    steps:
      - checkout
      - run: npm ci
      - persist_to_workspace: { root: ., paths: [node_modules] }
  build:
    docker: [{ image: cimg/node:20.0 }]
    steps:
      - attach_workspace: { at: . }
      - run: npm run build
      - persist_to_workspace: { root: ., paths: [dist] }
  test:
    docker: [{ image: cimg/node:20.0 }]
    steps:
      - attach_workspace: { at: ~/project }
      - run: npm test`;
  const workflow = `      - deps
      - build: { requires: [deps] }
      - test: { requires: [build] }`;
  const gitlab = (testNeeds: string) => `stages: [a, b, c]
deps:
  stage: a
  script: [npm ci]
  artifacts: { paths: [node_modules] }
build:
  stage: b
  needs: [deps]
  script: [npm run build]
  artifacts: { paths: [dist] }
test:
  stage: c
  needs: ${testNeeds}
  script: [npm test]
`;
  const messages = (a: ReturnType<typeof side>, b: ReturnType<typeof side>) => compareConfigurations(a, b).filter((d) => d.kind === 'files').map((d) => d.message);

  it('a CircleCI job gets every workspace layer before it; GitLab needs hand over only the needed jobs’ artifacts', () => {
    const circleci = side('.circleci/config.yml', circle(workspaceJobs, workflow), 'circleci2');
    expect(messages(circleci, side('.gitlab-ci.yml', gitlab('[build]'), 'gitlab'))).toEqual(['job test no longer receives `node_modules` from earlier jobs']);
    expect(messages(circleci, side('.gitlab-ci.yml', gitlab('[build, deps]'), 'gitlab'))).toEqual([]);
  });

  it('the GitLab writer needs every earlier job that persisted to the workspace', async () => {
    const { translate } = await import('../../src/translate.js');
    // A lint job beside build makes stage order differ from what test requires, so needs are written.
    const lint = `\n  lint:\n    docker: [{ image: cimg/node:20.0 }]\n    steps: [checkout, { run: npm run lint }]`;
    const result = translate({ file: '.circleci/config.yml', text: circle(workspaceJobs + lint, `${workflow}\n      - lint: { requires: [deps] }`), from: 'circleci2', to: 'gitlab' });
    expect(result.behaviour?.differences.filter((d) => d.kind === 'files')).toEqual([]);
    expect(result.output).toMatch(/test:[\s\S]*needs:\n {4}- build\n {4}- deps\n/);
  });
});

describe('Docker engines', () => {
  const dind = (script: string) => `build:
  image: docker:27
  services: [docker:27-dind]
  variables: { DOCKER_HOST: tcp://docker:2375, DOCKER_TLS_CERTDIR: "" }
  script:
    - ${script}
`;
  const machine = (script: string) => circle(`  build:\n    machine: { image: ubuntu-2204:current }\n    steps:\n      - checkout\n      - run: ${script}`, '      - build');
  const engineKinds = (script: string) => kinds(side('.gitlab-ci.yml', dind(script), 'gitlab'), side('.circleci/config.yml', machine(script), 'circleci2')).filter((k) => k === 'docker-engine');

  it('a machine engine in place of dind is no difference for commands that do not name the dind host', () => {
    expect(engineKinds('docker build -t app .')).toEqual([]);
  });

  it('is one when a command reaches the dind engine by its host name', () => {
    expect(engineKinds('curl http://docker:8080/health')).toEqual(['docker-engine']);
  });
});

describe('a CircleCI job whose required job is filtered out does not run', () => {
  const text = circle(
    `  deploy:\n    docker: [{ image: cimg/base:stable }]\n    steps: [{ run: ./deploy.sh }]\n  smoke:\n    docker: [{ image: cimg/base:stable }]\n    steps: [{ run: ./smoke.sh }]`,
    `      - deploy: { filters: { branches: { only: [main] } } }\n      - smoke: { requires: [deploy] }`,
  );

  it('the GitLab job requires what its upstream required, so it never runs without it', async () => {
    const { translate } = await import('../../src/translate.js');
    const result = translate({ file: '.circleci/config.yml', text, from: 'circleci2', to: 'gitlab' });
    expect(result.output).toMatch(/smoke:\n(?: {2}.*\n)*? {2}rules:\n {4}- if: \$CI_COMMIT_BRANCH == "main"\n/);
    expect(result.output).not.toContain('optional: true');
    expect(result.behaviour?.differences).toEqual([]);
  });
});

describe('an engine that came with the executor', () => {
  const machineJob = (script: string) => circle(`  build:\n    machine: { image: ubuntu-2204:current }\n    steps:\n      - checkout\n      - run: ${script}`, '      - build');
  const gitlabJob = (script: string) => `build:\n  image: ubuntu:22.04\n  script:\n    - ${script}\n`;
  const engineKinds = (script: string) => kinds(side('.circleci/config.yml', machineJob(script), 'circleci2'), side('.gitlab-ci.yml', gitlabJob(script), 'gitlab')).filter((k) => k === 'docker-engine');

  it('is not missed when no command calls Docker', () => {
    expect(engineKinds('make test')).toEqual([]);
  });

  it('is missed when a command does', () => {
    expect(engineKinds('docker build -t app .')).toEqual(['docker-engine']);
  });
});

describe('variables a CI system expands and ones a shell expands', () => {
  const gitlab = (value: string) => `build:\n  variables:\n    OUT: "${value}"\n  script:\n    - echo "$OUT"\n`;
  const circle1 = (value: string) => `machine:\n  environment:\n    OUT: ${value}\ntest:\n  override:\n    - echo "$OUT"\n`;
  const variableKinds = (g: string, c: string) => kinds(side('.gitlab-ci.yml', gitlab(g), 'gitlab'), side('circle.yml', circle1(c), 'circleci1')).filter((k) => k === 'variable');

  it('read a CI variable alike', () => {
    expect(variableKinds('$DEPLOY_HOST/app', '$DEPLOY_HOST/app')).toEqual([]);
  });

  it('differ on what only the shell and the image set', () => {
    expect(variableKinds('$HOME/app', '$HOME/app')).toEqual(['variable']);
  });
});

describe('a service host in a variable', () => {
  const circleci = circle(`  build:\n    docker: [{ image: cimg/php:8.2 }, { image: cimg/mysql:8.0 }]\n    environment: { DB_CONNECTION: mysql, DB_HOST: 127.0.0.1 }\n    steps: [checkout, { run: php artisan migrate }]`, '      - build');

  it('becomes the GitLab service hostname, which reaches the same service', async () => {
    const { translate } = await import('../../src/translate.js');
    const result = translate({ file: '.circleci/config.yml', text: circleci, from: 'circleci2', to: 'gitlab' });
    expect(result.output).toContain('DB_HOST: mysql');
    expect(result.output).toContain('alias: mysql');
    expect(result.diagnostics.map((d) => d.code)).not.toContain('gitlab-service-localhost');
    expect(result.behaviour?.differences).toEqual([]);
  });

  it('is a difference when the translation names no service there', () => {
    const gitlab = side('.gitlab-ci.yml', 'build:\n  image: php:8.2\n  services: [{ name: mysql:8.0, alias: mysql }]\n  variables: { DB_CONNECTION: mysql, DB_HOST: 127.0.0.1 }\n  script: [php artisan migrate]\n', 'gitlab');
    expect(kinds(side('.circleci/config.yml', circleci, 'circleci2'), gitlab)).toContain('variable');
  });
});
