/**
 * Diagnostics people trust (issue 16): each class of false diagnostic found on real files, run
 * through translate() for every target, asserts the false message is gone and the true case of the
 * same check still reports.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/types.js';
import type { FormatId } from '../../src/ir/types.js';
import { openRepository } from '../../src/io/repository.js';
import { translate } from '../../src/translate.js';

const targets: Array<{ to: FormatId; version?: string }> = [{ to: 'gitlab' }, { to: 'circleci2', version: '2.1' }, { to: 'circleci2', version: '2.0' }, { to: 'circleci1' }];

/** The diagnostics of translating `file` (with any other repository files) to every target. */
function diagnostics(from: FormatId, file: string, files: Record<string, string>): Diagnostic[] {
  const root = mkdtempSync(join(tmpdir(), 'ciport-false-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return targets.flatMap(({ to, version }) =>
    translate({ file, text: files[file]!, from, to, repository: openRepository(root), ...(version ? { emit: { version } } : {}) }).diagnostics,
  );
}

const messages = (found: Diagnostic[]) => found.map((d) => `${d.code}: ${d.message}`);
const circleci2 = (text: string) => diagnostics('circleci2', '.circleci/config.yml', { '.circleci/config.yml': text });

describe('no false diagnostics', () => {
  it('accepts environment list items with dots in the name; a name with a space is still wrong', () => {
    const found = messages(
      circleci2(`version: 2.1
jobs:
  build:
    docker:
      - image: cimg/base:2024.01
    environment:
      - spring.profiles.active=test
      - BAD NAME=x
    steps:
      - run: echo hi
workflows:
  main:
    jobs: [build]
`),
    );
    const wrong = found.filter((m) => m.includes('must be NAME=value'));
    expect(wrong).toHaveLength(targets.length);
    expect(found.filter((m) => m.includes('spring.profiles.active') && m.startsWith('wrong-type'))).toEqual([]);
  });

  it('does not say a job lacks a script when it extends a parent that may give it one', () => {
    const files = {
      '.gitlab-ci.yml': `include:
  - local: ci/base.yml
  - template: Jobs/Build.gitlab-ci.yml
.mid:
  extends: .included
from-include:
  extends: .mid
from-template:
  extends: .from-template
overridden:
  variables: { X: "1" }
`,
      'ci/base.yml': `.included:
  script: [echo included]
overridden:
  script: [echo overridden]
`,
    };
    const found = messages(diagnostics('gitlab', '.gitlab-ci.yml', files));
    expect(found.filter((m) => m.startsWith('missing-key'))).toEqual([]);
    // The missing parent is said once, by the extends check.
    expect(found.filter((m) => m.includes('extends ".from-template", which is not defined'))).toHaveLength(targets.length);
  });

  it('still says a job without script is rejected, and only "in the files read" when an include was not read', () => {
    const alone = messages(diagnostics('gitlab', '.gitlab-ci.yml', { '.gitlab-ci.yml': 'build:\n  image: alpine\n' }));
    expect(alone.filter((m) => m.startsWith('missing-key'))).toEqual(Array(targets.length).fill('missing-key: job "build" has no script; GitLab rejects a job without script or trigger'));
    const partial = messages(diagnostics('gitlab', '.gitlab-ci.yml', { '.gitlab-ci.yml': 'include:\n  - template: Jobs/Build.gitlab-ci.yml\nbuild:\n  image: alpine\n' }));
    // Not the error: an include that was not read may give the job its script (a warning of its own code).
    expect(partial.filter((m) => m.startsWith('missing-key'))).toEqual([]);
    expect(partial.filter((m) => m.startsWith('gitlab-script-unknown'))).toEqual(
      Array(targets.length).fill('gitlab-script-unknown: job "build" has no script in the files read; GitLab rejects it unless an include that was not read gives it one'),
    );
  });

  it('says nothing of 1.0 parallel commands in a file without parallelism; a files: list is still a loss', () => {
    const plain = messages(
      diagnostics('circleci1', 'circle.yml', { 'circle.yml': 'dependencies:\n  override:\n    - bundle install\ntest:\n  override:\n    - bundle exec rake test\n' }),
    );
    expect(plain.filter((m) => m.includes('parallel'))).toEqual([]);
    const split = messages(
      diagnostics('circleci1', 'circle.yml', { 'circle.yml': 'test:\n  override:\n    - bundle exec rspec:\n        parallel: true\n        files:\n          - spec/**/*_spec.rb\n' }),
    );
    expect(split).toContain('semantic-difference: job "build": the files a 1.0 command lists under files: are no longer appended to it');
    expect(split.filter((m) => m.includes('runs once per GitLab parallel job'))).toEqual([]);
  });

  it('says a repeated 1.0 section is repeated, not unknown; an unknown key in the section that wins still is', () => {
    const found = messages(
      diagnostics('circleci1', 'circle.yml', {
        'circle.yml': 'general:\n  branches:\n    ignore: [gh-pages]\ntest:\n  override:\n    - make test\ngeneral:\n  artifacts: [out]\n  colour: red\n',
      }),
    );
    expect(found.filter((m) => m.startsWith('unknown-key'))).toEqual(Array(targets.length).fill('unknown-key: key "general.colour" is not understood and is not translated'));
    expect(found.filter((m) => m.startsWith('yaml-duplicate-key'))).toHaveLength(targets.length);
  });

  describe('executors passed to orb jobs as their executor argument are used', () => {
    const config = (orb: string, job: string) => `version: 2.1
orbs:
  ${orb}
executors:
  my-exec:
    docker:
      - image: cimg/node:20.1
  lonely:
    docker:
      - image: cimg/base:2024.01
workflows:
  main:
    jobs:
      - ${job}:
          executor: my-exec
`;
    const unused = (found: Diagnostic[]) => messages(found).filter((m) => m.startsWith('circleci2-unused-definition'));

    it('by a job of the orb table, which then runs in that executor', () => {
      const text = config('node: circleci/node@5.1.0', 'node/test');
      expect(unused(circleci2(text))).toEqual(Array(targets.length).fill('circleci2-unused-definition: executor "lonely" is never used; it is not translated'));
      const gitlab = translate({ file: '.circleci/config.yml', text, from: 'circleci2', to: 'gitlab' });
      expect(gitlab.output).toContain('image: cimg/node:20.1');
    });

    it('by an orb job carried as a placeholder, whose CircleCI output still defines it', () => {
      const text = config('acme: acme/tools@1.0.0', 'acme/test');
      expect(unused(circleci2(text))).toEqual(Array(targets.length).fill('circleci2-unused-definition: executor "lonely" is never used; it is not translated'));
      const circleci = translate({ file: '.circleci/config.yml', text, from: 'circleci2', to: 'circleci2' });
      expect(circleci.output).toMatch(/executors:\n {2}my-exec:\n {4}docker:\n {6}- image: cimg\/node:20\.1/);
    });
  });

  it('does not call allow_failure: false or interruptible: false lost in 1.0; true still is', () => {
    const gitlab = (value: boolean) => `a:\n  script: [echo a]\n  allow_failure: ${value}\n  interruptible: ${value}\n`;
    const lost = (found: Diagnostic[]) => messages(found).filter((m) => /has no (allow_failure|interruptible)/.test(m));
    expect(lost(diagnostics('gitlab', '.gitlab-ci.yml', { '.gitlab-ci.yml': gitlab(false) }))).toEqual([]);
    expect(lost(diagnostics('gitlab', '.gitlab-ci.yml', { '.gitlab-ci.yml': gitlab(true) }))).toEqual([
      'unsupported-feature: CircleCI 1.0 has no allow_failure; left out for "a"',
      'unsupported-feature: CircleCI 1.0 has no interruptible; left out for "a"',
    ]);
  });

  describe('1.0 deployments selected by tag', () => {
    const config = (first: string, second: string) => `version: 2.1
jobs:
  test:
    docker: [{image: cimg/base:2024.01}]
    steps: [checkout, {run: make test}]
  deploy-a:
    docker: [{image: cimg/base:2024.01}]
    steps: [{run: ./deploy a}]
  deploy-b:
    docker: [{image: cimg/base:2024.01}]
    steps: [{run: ./deploy b}]
workflows:
  main:
    jobs:
      - test:
          filters: { tags: { only: /.*/ } }
      - deploy-a:
          requires: [test]
          filters: { tags: { only: '${first}' }, branches: { ignore: /.*/ } }
      - deploy-b:
          requires: [test]
          filters: { tags: { only: '${second}' }, branches: { ignore: /.*/ } }
`;
    const toCircleci1 = (text: string) => messages(translate({ file: '.circleci/config.yml', text, from: 'circleci2', to: 'circleci1' }).diagnostics);

    it('keep the tag builds they match, and disjoint patterns do not overlap', () => {
      const found = toCircleci1(config('/^v1\\..*/', '/^v2\\..*/'));
      expect(found.filter((m) => m.includes('no longer runs for tags') || m.includes('first matching deployment'))).toEqual([]);
      expect(found).toContain('semantic-difference: CircleCI 1.0 builds a pushed tag only when a deployment has a matching `tag`; "test" runs only for tags /^v1\\..*/, /^v2\\..*/, which a deployment matches');
    });

    it('a deployment for every tag keeps all of them; overlapping patterns are still reported', () => {
      const found = toCircleci1(config('/.*/', '/^v1.*/'));
      expect(found.filter((m) => m.includes('builds a pushed tag only'))).toEqual([]);
      expect(found).toContain('semantic-difference: 1.0 runs only the first matching deployment: "deploy-b" does not run for refs "deploy-a" also matches');
      expect(toCircleci1(config('/^v.*/', '/^v1.*/'))).toContain('semantic-difference: 1.0 runs only the first matching deployment: "deploy-b" does not run for refs "deploy-a" also matches');
    });
  });

  it('announces no placeholder the target does not write: an unknown orb command, a files: split', () => {
    const text = `version: 2.1
orbs:
  acme: acme/deployer@1.4.2
jobs:
  deploy:
    docker: [{image: cimg/base:2024.01}]
    steps:
      - acme/ship: { target: production }
workflows:
  release:
    jobs: [deploy]
`;
    const found = messages(circleci2(text));
    expect(found.filter((m) => m.includes('carried as a placeholder'))).toEqual([]);
    expect(found.filter((m) => m.startsWith('circleci2-unknown-orb'))).toEqual(
      Array(targets.length).fill('circleci2-unknown-orb: orb command "acme/ship" (acme/deployer) is not in --orb-dir or the orb table; what it runs is unknown'),
    );
    // A split that is announced is written.
    const split = translate({ file: 'circle.yml', text: 'test:\n  override:\n    - bundle exec rspec:\n        parallel: true\n        files: [spec/a_spec.rb]\n', from: 'circleci1', to: 'circleci2' });
    expect(messages(split.diagnostics)).toContain('approximate-translation: files split across parallel nodes are listed with `circleci tests split`');
    expect(split.output).toContain('bundle exec rspec $(circleci tests glob "spec/a_spec.rb" | circleci tests split)');
  });

  it('does not say a 1.0 service becomes an image where the target then drops it', () => {
    const text = "machine:\n  services: [docker, postgresql]\ntest:\n  override:\n    - docker run -v $PWD:/src alpine ls /src\n";
    const found = messages(translate({ file: 'circle.yml', text, from: 'circleci1', to: 'circleci2' }).diagnostics);
    expect(found).toContain('unsupported-feature: job "build" has service containers, which only docker executors run; start them with docker in a step');
    expect(found.filter((m) => m.includes('becomes the service image'))).toEqual([]);
    expect(found).toContain('approximate-translation: 1.0 ran postgresql on the build machine; it is read as the service image postgres:9.5');
  });

  it('does not call a user variable (CIRCLE_TOKEN, GITLAB_TOKEN) predefined; a predefined one still is', () => {
    const unavailable = (found: Diagnostic[]) => messages(found).filter((m) => m.includes('is predefined in the source'));
    const circle = unavailable(circleci2(`version: 2.1
jobs:
  build:
    docker: [{image: cimg/base:2024.01}]
    steps:
      - run: 'curl -H "Circle-Token: $CIRCLE_TOKEN" https://circleci.com/api/v2/me; echo $CIRCLE_PROJECT_ID'
workflows:
  main:
    jobs: [build]
`));
    expect(circle).toEqual(['circleci1-variable-unavailable: $CIRCLE_PROJECT_ID is predefined in the source but not in CircleCI 1.0; it is left as written']);
    const gitlab = unavailable(diagnostics('gitlab', '.gitlab-ci.yml', { '.gitlab-ci.yml': 'build:\n  script: [echo $GITLAB_TOKEN $CI_RUNNER_ID]\n' }));
    expect(gitlab.filter((m) => m.includes('GITLAB_TOKEN'))).toEqual([]);
    expect(gitlab.filter((m) => m.includes('$CI_RUNNER_ID'))).toHaveLength(3);
  });
});
