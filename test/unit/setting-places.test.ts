/**
 * Right place, said once (issue 16): a diagnostic about a job setting points at the key that set it,
 * and where that key is a template's (GitLab `extends`, an anchor, a CircleCI executor) the loss in
 * every job that inherits it is one diagnostic at that key naming the jobs.
 */
import { describe, expect, it } from 'vitest';
import { toRecord } from '../../src/diagnostics/print.js';
import type { Diagnostic } from '../../src/diagnostics/types.js';
import type { FormatId } from '../../src/ir/types.js';
import { translate } from '../../src/translate.js';
import { formats } from '../../src/formats/registry.js';

function run(text: string, from: FormatId, to: FormatId) {
  const file = formats[from].fileNames[0]!;
  const result = translate({ file, text, from, to });
  const place = (d: Diagnostic) => toRecord(d, result.sources);
  return { result, find: (code: string, pattern: RegExp) => result.diagnostics.filter((d) => d.code === code && pattern.test(d.message)).map(place) };
}

/** 1-based line of the first line of `text` that contains `needle`. */
function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(needle));
  expect(index, needle).toBeGreaterThanOrEqual(0);
  return index + 1;
}

describe('diagnostics about a job setting point at its key', () => {
  const circle = `version: 2.1
executors:
  big:
    docker:
      - image: cimg/node:20.11
    resource_class: large
jobs:
  test:
    executor: big
    parallelism: 4
    steps:
      - checkout
      - save_cache:
          key: deps-{{ checksum "package-lock.json" }}
          paths: [~/.npm]
      - run: npm test
  lint:
    executor: big
    steps:
      - checkout
      - run: npm run lint
workflows:
  main:
    jobs: [test, lint]
`;

  it('CircleCI 2.x → GitLab: parallelism at parallelism, a cache path at its save_cache, an executor resource_class once for the jobs using it', () => {
    const { find } = run(circle, 'circleci2', 'gitlab');
    expect(find('gitlab-parallel-index', /parallelism 4/).map((r) => r.line)).toEqual([lineOf(circle, 'parallelism: 4')]);
    expect(find('semantic-difference', /~\/\.npm is outside/).map((r) => r.line)).toEqual([lineOf(circle, '- save_cache:')]);
    const sizes = find('approximate-translation', /resource_class "large"/);
    expect(sizes).toHaveLength(1);
    expect(sizes[0]).toMatchObject({ line: lineOf(circle, 'resource_class: large'), jobs: ['test', 'lint'] });
  });

  const gitlab = `.runner:
  tags: [gitlab-org]
  retry: 2
  interruptible: true
  only:
    - main
unit:
  extends: .runner
  script: make unit
lint:
  extends: .runner
  script: make lint
docs:
  extends: .runner
  timeout: 1h
  script: make docs
`;

  it('GitLab → CircleCI 2.x: settings from a template are said once, at the template key, naming every job', () => {
    const { find } = run(gitlab, 'gitlab', 'circleci2');
    const runners = find('manual-runner', /gitlab-org/);
    expect(runners).toHaveLength(1);
    expect(runners[0]).toMatchObject({ line: lineOf(gitlab, 'tags: [gitlab-org]'), jobs: ['unit', 'lint', 'docs'] });
    expect(find('semantic-difference', /retries up to 2 times/)).toMatchObject([{ line: lineOf(gitlab, 'retry: 2'), jobs: ['unit', 'lint', 'docs'] }]);
    expect(find('manual-setting', /interruptible/)).toMatchObject([{ line: lineOf(gitlab, 'interruptible: true') }]);
    expect(find('deprecated-syntax', /only\/except/)).toMatchObject([{ line: lineOf(gitlab, 'only:'), jobs: ['unit', 'lint', 'docs'] }]);
    // A job's own key is its own diagnostic, at that key.
    expect(find('unsupported-feature', /time limit/)).toMatchObject([{ line: lineOf(gitlab, 'timeout: 1h') }]);
  });

  it('GitLab → CircleCI 2.x: rules CircleCI cannot test, shared by a template, are one warning at the rules', () => {
    const text = `.changes:
  rules:
    - changes: [docs/**/*]
site:
  extends: .changes
  script: make site
linkcheck:
  extends: .changes
  script: make linkcheck
`;
    const { find } = run(text, 'gitlab', 'circleci2');
    const held = find('unsupported-feature', /its rules depend on/);
    expect(held).toHaveLength(1);
    expect(held[0]).toMatchObject({ line: lineOf(text, '- changes:'), jobs: ['site', 'linkcheck'] });
    expect(held[0]!.hint).toMatch(/approve-<job>/);
  });
});
