/**
 * Configurations GitLab refuses: every target gets a located warning (a code has one severity), and
 * a GitLab -> GitLab translation also one refused-by-target error pointing at it, so it fails as
 * GitLab's lint would; other targets translate and go on.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { catalog } from '../../../src/diagnostics/catalog.js';
import { openRepository } from '../../../src/io/repository.js';
import type { FormatId, Origin } from '../../../src/ir/types.js';
import { translate } from '../../../src/translate.js';
import { runCli } from '../../support/run-cli.js';
import { removeTempDirs, tempDir, writeTree } from '../../commands/helpers.js';

const repo = (files: Record<string, string>): string => writeTree(tempDir('ciport-refusals-'), files);
afterAll(removeTempDirs);

interface Found {
  severity: string;
  at: string;
  message: string;
}

/**
 * Translates GitLab YAML to `to` and returns each diagnostic of `code` as severity, file:line:col and
 * message, and the places the refused-by-target error names (its own and its related places).
 */
function refusals(text: string, code: string, to: FormatId, files?: Record<string, string>): { found: Found[]; refusedAt: string[]; output: string | null } {
  const file = '.gitlab-ci.yml';
  const repository = files ? openRepository(repo({ [file]: text, ...files })) : undefined;
  const result = translate({ file, text, from: 'gitlab', to, behaviour: false, ...(repository ? { repository } : {}) });
  const found = result.diagnostics
    .filter((d) => d.code === code)
    .map((d) => {
      const position = d.origin ? result.sources.position(d.origin.file, d.origin.range[0]) : undefined;
      return { severity: d.severity, at: position ? `${d.origin!.file}:${position.line}:${position.column}` : '?', message: d.message };
    });
  const at = (origin: Origin | undefined): string => {
    const position = origin ? result.sources.position(origin.file, origin.range[0]) : undefined;
    return position ? `${origin!.file}:${position.line}:${position.column}` : '?';
  };
  const refusal = result.diagnostics.filter((d) => d.code === 'refused-by-target');
  expect(refusal.length, 'one refused-by-target error at most').toBeLessThanOrEqual(1);
  if (refusal[0]) expect(refusal[0].severity).toBe('error');
  const refusedAt = refusal.flatMap((d) => [at(d.origin), ...(d.related ?? []).map((r) => at(r.origin))]);
  return { found, refusedAt, output: result.output };
}

/** The same input: a warning at `at` for every target; for GitLab also the refusal error naming `at`. */
function expectRefused(text: string, code: string, at: string, message: RegExp, files?: Record<string, string>): void {
  const gitlab = refusals(text, code, 'gitlab', files);
  expect(gitlab.found.map((f) => [f.severity, f.at])).toEqual([['warning', at]]);
  expect(gitlab.found[0]!.message).toMatch(message);
  expect(gitlab.refusedAt).toContain(at);
  for (const to of ['circleci2', 'circleci1'] as const) {
    const other = refusals(text, code, to, files);
    expect(other.found.map((f) => [f.severity, f.at]), to).toEqual([['warning', at]]);
    expect(other.refusedAt, to).toEqual([]);
    expect(other.output, to).not.toBeNull();
  }
}

describe('configurations GitLab refuses', () => {
  it('marks every refusal code in the catalog as a warning refused by GitLab', () => {
    const refused = Object.entries(catalog).filter(([, info]) => (info as { refusedBy?: string }).refusedBy === 'gitlab');
    expect(refused.map(([code]) => code).sort()).toEqual([
      'gitlab-cache-key-characters',
      'gitlab-cache-key-files',
      'gitlab-cache-paths-type',
      'gitlab-dependency-not-needed',
      'gitlab-dependency-undefined',
      'gitlab-include-limit',
      'gitlab-include-missing',
      'gitlab-needs-null',
      'gitlab-script-nesting',
      'gitlab-stage-undefined',
      'gitlab-stages-type',
      'gitlab-when-never-job',
    ]);
    for (const [, info] of refused) expect(info.severity).toBe('warning');
  });

  it('cache:key:files with no file', () => {
    expectRefused('job:\n  script: [make]\n  cache:\n    key:\n      files: []\n    paths: [vendor]\n', 'gitlab-cache-key-files', '.gitlab-ci.yml:5:7', /lists no file; GitLab accepts a list of one or two files/);
  });

  it('cache:key:files with three files, in a list of caches', () => {
    expectRefused(
      'job:\n  script: [make]\n  cache:\n    - key:\n        files: [a.lock, b.lock, c.lock]\n      paths: [vendor]\n',
      'gitlab-cache-key-files',
      '.gitlab-ci.yml:5:9',
      /"job\.cache\[0\]\.key\.files" lists 3 files/,
    );
  });

  it('accepts cache:key:files with one or two files', () => {
    const ok = refusals('job:\n  script: [make]\n  cache:\n    key:\n      files: [a.lock, b.lock]\n    paths: [vendor]\n', 'gitlab-cache-key-files', 'gitlab');
    expect(ok.found).toEqual([]);
  });

  it('a cache key with "/" or only dots; other characters pass', () => {
    expectRefused('job:\n  script: [make]\n  cache:\n    key: maven/repo\n    paths: [.m2]\n', 'gitlab-cache-key-characters', '.gitlab-ci.yml:4:5', /"job\.cache\.key" is "maven\/repo"; GitLab accepts no "\/"/);
    expectRefused('job:\n  script: [make]\n  cache:\n    key: ".."\n    paths: [.m2]\n', 'gitlab-cache-key-characters', '.gitlab-ci.yml:4:5', /a key of dots only/);
    expect(refusals('job:\n  script: [make]\n  cache:\n    key: m2-$CI_COMMIT_REF_SLUG.v2_x\n    paths: [.m2]\n', 'gitlab-cache-key-characters', 'gitlab').found).toEqual([]);
  });

  it('cache:paths as a string, in default:', () => {
    expectRefused('default:\n  cache:\n    paths: vendor\njob:\n  script: [make]\n', 'gitlab-cache-paths-type', '.gitlab-ci.yml:3:5', /"default\.cache\.paths" is a string/);
  });

  it('dependencies naming a job that does not exist', () => {
    expectRefused(
      'build:\n  stage: build\n  script: [make]\ntest:\n  script: [make test]\n  dependencies: [build, biuld]\n',
      'gitlab-dependency-undefined',
      '.gitlab-ci.yml:6:25',
      /dependencies names "biuld", which is not a job/,
    );
  });

  it('a dependency outside the job\'s needs', () => {
    expectRefused(
      'stages: [build, test]\na:\n  stage: build\n  script: [a]\nb:\n  stage: build\n  script: [b]\nt:\n  stage: test\n  script: [t]\n  needs: [a]\n  dependencies: [a, b]\n',
      'gitlab-dependency-not-needed',
      '.gitlab-ci.yml:12:21',
      /dependency "b" is not one of its needs/,
    );
  });

  it('no dependency check against an empty needs, or one the needs list', () => {
    const text = 'stages: [build, test]\na:\n  stage: build\n  script: [a]\nt:\n  stage: test\n  script: [t]\n  needs: [{job: a, artifacts: true}]\n  dependencies: [a]\nu:\n  stage: test\n  script: [u]\n  needs: []\n  dependencies: [a]\n';
    expect(refusals(text, 'gitlab-dependency-not-needed', 'gitlab').found).toEqual([]);
    expect(refusals(text, 'gitlab-dependency-undefined', 'gitlab').found).toEqual([]);
  });

  it('job-level when: never', () => {
    expectRefused('job:\n  script: [make]\n  when: never\n', 'gitlab-when-never-job', '.gitlab-ci.yml:3:3', /sets when: never; GitLab allows it only in rules/);
  });

  it('accepts when: never in rules', () => {
    expect(refusals('job:\n  script: [make]\n  rules:\n    - if: $X\n      when: never\n    - when: on_success\n', 'gitlab-when-never-job', 'gitlab').found).toEqual([]);
  });

  it('stages given as a string', () => {
    expectRefused('stages: build\njob:\n  stage: build\n  script: [make]\n', 'gitlab-stages-type', '.gitlab-ci.yml:1:1', /"stages" is a string/);
  });

  it('a stage that stages does not list', () => {
    expectRefused('stages: [build, test]\njob:\n  stage: deploy\n  script: [make]\n', 'gitlab-stage-undefined', '.gitlab-ci.yml:2:1', /stage "deploy", which "stages" does not list \(GitLab knows \.pre, build, test, \.post\)/);
  });

  it('without stages, the default stages .pre, build, test, deploy and .post', () => {
    const text = 'a: {stage: .pre, script: [a]}\nb: {stage: deploy, script: [b]}\nc: {stage: .post, script: [c]}\nd: {stage: lint, script: [d]}\n';
    // Without stages: the file is most often a fragment another file includes: a warning for every
    // target, under a code GitLab does not count as its refusal.
    for (const to of ['gitlab', 'circleci2'] as const) {
      const { found, refusedAt } = refusals(text, 'gitlab-stage-unlisted', to);
      expect(found.map((f) => [f.severity, f.at]), to).toEqual([['warning', '.gitlab-ci.yml:4:1']]);
      expect(found[0]!.message).toMatch(/stage "lint".*GitLab knows \.pre, build, test, deploy, \.post/);
      expect(refusedAt, to).toEqual([]);
    }
    expectRefused(`stages: [build, deploy]\n${text}`, 'gitlab-stage-undefined', '.gitlab-ci.yml:5:1', /stage "lint".*GitLab knows \.pre, build, deploy, \.post/);
  });

  it('script nesting past 10 levels', () => {
    const nested = (depth: number): string => (depth === 1 ? '[echo]' : `[echo, ${nested(depth - 1)}]`);
    expectRefused(`job:\n  script: ${nested(11)}\n`, 'gitlab-script-nesting', '.gitlab-ci.yml:2:3', /"job\.script" nests lists 11 levels deep; GitLab accepts at most 10/);
    expect(refusals(`job:\n  script: ${nested(10)}\n`, 'gitlab-script-nesting', 'gitlab').found).toEqual([]);
  });

  it('after_script nesting past 10 levels through anchors', () => {
    const anchors = Array.from({ length: 11 }, (_, i) => (i === 0 ? '.l0: &l0 [echo 0]' : `.l${i}: &l${i} [*l${i - 1}]`)).join('\n');
    expectRefused(`${anchors}\njob:\n  script: [make]\n  after_script: *l10\n`, 'gitlab-script-nesting', '.gitlab-ci.yml:14:3', /"job\.after_script" nests lists 11 levels deep/);
  });

  it('needs: [~]', () => {
    expectRefused('build:\n  stage: build\n  script: [make]\ntest:\n  script: [make test]\n  needs: [build, ~]\n', 'gitlab-needs-null', '.gitlab-ci.yml:6:18', /needs holds an empty entry/);
  });

  it('a missing local include (an exact path)', () => {
    expectRefused('include:\n  - local: ci/missing.yml\njob:\n  script: [make]\n', 'gitlab-include-missing', '.gitlab-ci.yml:2:12', /include "ci\/missing\.yml" names a file the repository does not hold/, {});
  });

  it('a wildcard that matches nothing stays an unresolved include, not a refusal', () => {
    const { found } = refusals('include:\n  - local: ci/*.yml\njob:\n  script: [make]\n', 'gitlab-include-missing', 'gitlab', {});
    expect(found).toEqual([]);
  });

  it('more than 150 includes, nested and repeated ones counted as GitLab counts them', () => {
    // 1 (a.yml) + 2 x 75 (b.yml, included twice, itself and 74 nested files) = 151.
    const files: Record<string, string> = {
      'a.yml': 'a:\n  script: [a]\n',
      'b.yml': `include:\n${Array.from({ length: 74 }, (_, i) => `  - local: n${i}.yml\n`).join('')}`,
    };
    for (let i = 0; i < 74; i++) files[`n${i}.yml`] = `n${i}:\n  script: [n]\n`;
    const text = 'include:\n  - local: a.yml\n  - local: b.yml\n  - local: b.yml\njob:\n  script: [make]\n';
    expectRefused(text, 'gitlab-include-limit', '.gitlab-ci.yml:4:12', /more than 150 includes/, files);
    const fewer = 'include:\n  - local: b.yml\n  - local: b.yml\njob:\n  script: [make]\n';
    expect(refusals(fewer, 'gitlab-include-limit', 'gitlab', files).found).toEqual([]);
  });

  it('counts includes that are not fetched', () => {
    const text = `include:\n${Array.from({ length: 151 }, (_, i) => `  - template: T${i}.gitlab-ci.yml\n`).join('')}job:\n  script: [make]\n`;
    expectRefused(text, 'gitlab-include-limit', '.gitlab-ci.yml:152:5', /"T150\.gitlab-ci\.yml" and later ones/);
  });
});

describe('ciport explain', () => {
  it('says which codes GitLab refuses', () => {
    expect(runCli(['explain', 'gitlab-needs-null']).stdout).toContain('GitLab refuses such a configuration: translating it to GitLab fails with a refused-by-target error; other targets go on.');
    expect(runCli(['explain', 'gitlab-include-unresolved']).stdout).not.toContain('GitLab refuses');
  });
});
