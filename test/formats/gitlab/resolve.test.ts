import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSink } from '../../../src/diagnostics/sink.js';
import { SourceSet } from '../../../src/diagnostics/source-map.js';
import { parseGitlab } from '../../../src/formats/gitlab/parse.js';
import { openRepository } from '../../../src/io/repository.js';
import { codes, job, node, plain, read } from './helpers.js';
import { removeTempDirs, tempDir, writeTree } from '../../commands/helpers.js';

const repo = (files: Record<string, string>): string => writeTree(tempDir('ciport-gitlab-'), files);
afterAll(removeTempDirs);

const script = (pipelineJob: ReturnType<typeof job>) =>
  pipelineJob.steps.filter((s) => s.kind === 'run').map((s) => (s.kind === 'run' ? s.command : ''));

describe('include', () => {
  it('merges local files in order, the includer winning, with globs and nested includes', () => {
    const root = repo({
      'ci/a.yml': 'include: ci/nested/c.yml\na:\n  script: [echo a]\n  variables: {X: from-a, Y: a}\n',
      'ci/b-1.yml': 'b:\n  script: [echo b]\n',
      'ci/nested/c.yml': 'c:\n  script: [echo c]\n',
    });
    const main = 'include:\n  - local: /ci/a.yml\n  - local: ci/b-*.yml\na:\n  variables: {X: main}\n';
    const { pipeline, diagnostics } = read(main, openRepository(root));
    expect(pipeline.jobs.map((j) => j.id).sort()).toEqual(['a', 'b', 'c']);
    expect(plain(job(pipeline, 'a').environment)).toEqual([
      { name: 'X', value: 'main', expand: true },
      { name: 'Y', value: 'a', expand: true },
    ]);
    expect(codes(diagnostics)).not.toContain('unknown-key');
  });

  it('expands wildcard paths as GitLab documents them: **/ is one or more folders, ** also the folder itself', () => {
    const root = repo({
      'ci/top.yml': 'top:\n  script: [echo top]\n',
      'ci/sub/deep.yml': 'deep:\n  script: [echo deep]\n',
      'ci/sub/x/deeper.yml': 'deeper:\n  script: [echo deeper]\n',
      'ci/[a].yml': 'literal:\n  script: [echo literal]\n',
    });
    const ids = (include: string) => read(`include: '${include}'\n`, openRepository(root)).pipeline.jobs.map((j) => j.id).sort();
    expect(ids('ci/**/*.yml')).toEqual(['deep', 'deeper']);
    expect(ids('ci/**.yml')).toEqual(['deep', 'deeper', 'literal', 'top']);
    expect(ids('ci/*.yml')).toEqual(['literal', 'top']);
    // `[` and `?` are file-name characters, not wildcards.
    expect(ids('ci/[a].yml')).toEqual(['literal']);
  });

  it('gives the jobs of a file included by rules the include\'s condition, in front of their own rules', () => {
    const root = repo({
      'ci/deploy.yml': 'variables: {X: "1"}\ndeploy:\n  script: [deploy]\n  rules:\n    - if: $CI_COMMIT_TAG\n      when: never\n    - when: manual\n',
      'ci/lint.yml': 'lint:\n  script: [lint]\n',
      'ci/off.yml': 'off:\n  script: [off]\n',
    });
    const main = `include:
  - local: ci/deploy.yml
    rules:
      - if: $CI_COMMIT_BRANCH == "main"
  - local: ci/lint.yml
    rules:
      - if: $CI_PIPELINE_SOURCE == "schedule"
        when: never
      - if: $CI_MERGE_REQUEST_IID
  - local: ci/off.yml
    rules:
      - when: never
always:
  script: [true]
`;
    const { pipeline, diagnostics } = read(main, openRepository(root));
    const onMain = { kind: 'ref', ref: 'branch', match: { kind: 'exact', value: 'main' } };
    const deploy = plain(node(pipeline, 'deploy').rules);
    expect(deploy).toEqual([
      { condition: { kind: 'and', all: [onMain, { kind: 'ref', ref: 'tag' }] }, when: 'never' },
      { condition: onMain, when: 'manual' },
    ]);
    // Only the earlier `never` rule is negated; the job has no rules of its own, so it keeps the
    // default `only: [branches, tags]` too (and, included only for merge requests, never runs).
    expect(plain(node(pipeline, 'lint').rules)).toEqual([
      {
        condition: {
          kind: 'and',
          all: [{ kind: 'not', condition: { kind: 'source', source: 'schedule' } }, { kind: 'var', name: 'CI_MERGE_REQUEST_IID', op: 'truthy' }],
        },
        defaultEventsOnly: true,
      },
    ]);
    // A file no rule includes: its jobs are never added.
    expect(node(pipeline, 'off').rules).toEqual([]);
    expect(node(pipeline, 'always').rules).toBeUndefined();
    // Its global variables cannot follow the rules: said once, at the include's rules, as a warning.
    const globals = diagnostics.filter((d) => d.message.includes('only its jobs follow the rules'));
    expect(globals.map((d) => [d.severity, d.origin?.file])).toEqual([['warning', '.gitlab-ci.yml']]);
    expect(codes(diagnostics)).not.toContain('unknown-key');
  });

  it('never leaves the repository: .. and symlinks are refused', () => {
    const outside = repo({ 'secret.yml': 'stolen:\n  script: [cat /etc/passwd]\n' });
    const root = repo({});
    symlinkSync(join(outside, 'secret.yml'), join(root, 'link.yml'));
    const { pipeline, diagnostics } = read(`include:\n  - local: ../${outside.split('/').pop()}/secret.yml\n  - local: link.yml\n  - ../../etc/passwd\nok:\n  script: [true]\n`, openRepository(root));
    expect(pipeline.jobs.map((j) => j.id)).toEqual(['ok']);
    // Each of the three is refused, located at its include; the symlink as a file of the machine
    // (issue 18), which makes the whole translation fatal.
    const outsideDiagnostics = diagnostics.filter((d) => d.code === 'gitlab-include-outside' || d.code === 'input-outside-repository');
    expect(outsideDiagnostics.map((d) => d.code)).toEqual(['gitlab-include-outside', 'input-outside-repository', 'gitlab-include-outside']);
    expect(outsideDiagnostics.map((d) => d.message).filter((m) => m.includes('link.yml'))).toEqual(['include "link.yml" is a symlink that leads outside the repository; ciport does not follow it']);
    expect(outsideDiagnostics.every((d) => d.origin !== undefined)).toBe(true);
  });

  it('keeps project, remote, template and component includes as references', () => {
    const { pipeline, diagnostics } = read(
      'include:\n  - project: group/ci\n    file: /base.yml\n  - remote: https://example.com/ci.yml\n  - template: Auto-DevOps.gitlab-ci.yml\n  - component: $CI_SERVER_FQDN/g/p/c@1.0\njob:\n  script: [true]\n',
    );
    expect(pipeline.extensions?.find((e) => e.key === 'include')?.value).toHaveLength(4);
    expect(codes(diagnostics).filter((c) => c === 'gitlab-include-external')).toHaveLength(4);
  });

  it('reads project includes from local copies in includeDir', () => {
    const copies = repo({ 'group/ci/templates/base.yml': '.base:\n  image: alpine\nlint:\n  extends: .base\n  script: [lint]\n' });
    const sink = createSink();
    const pipeline = parseGitlab(
      { file: '.gitlab-ci.yml', text: 'include:\n  - project: group/ci\n    file: templates/base.yml\njob:\n  extends: .base\n  script: [x]\n' },
      { sink, sources: new SourceSet(), options: { includeDir: copies } },
    )!;
    expect(pipeline.jobs.map((j) => j.id)).toEqual(['lint', 'job']);
    expect(pipeline.extensions).toBeUndefined();
    expect(job(pipeline, 'job').executor).toMatchObject({ image: { name: 'alpine' } });
    expect(codes([...sink.diagnostics])).toEqual([]);
  });

  it('diagnoses local includes of a lone file and keeps them', () => {
    const { pipeline, diagnostics } = read('include: ci/x.yml\njob:\n  script: [true]\n');
    expect(codes(diagnostics)).toContain('gitlab-include-unresolved');
    expect(pipeline.extensions?.find((e) => e.key === 'include')?.value).toEqual(['ci/x.yml']);
  });

  it('reports keys of included files that are not understood, in that file', () => {
    const root = repo({ 'ci/a.yml': 'a:\n  script: [true]\n  scirpt: typo\n' });
    const { diagnostics } = read('include: ci/a.yml\n', openRepository(root));
    const unknown = diagnostics.find((d) => d.code === 'unknown-key');
    expect(unknown?.origin?.file).toBe('ci/a.yml');
  });
});

describe('extends', () => {
  it('deep-merges several levels and parents: maps merge, lists and scalars replace', () => {
    const { pipeline, diagnostics } = read(`
.base:
  image: alpine
  variables: {A: base, B: base}
  script: [echo base]
  tags: [a]
.mid:
  extends: .base
  variables: {B: mid}
.other:
  tags: [b]
job:
  extends: [.mid, .other]
  variables: {C: job}
`);
    const j = job(pipeline, 'job');
    expect(plain(j.environment)?.map((v) => `${v.name}=${v.value}`)).toEqual(['A=base', 'B=mid', 'C=job']);
    expect(j.runnerTags).toEqual(['b']);
    expect(script(j)).toEqual(['echo base']);
    expect(codes(diagnostics)).toEqual([]);
  });

  it('diagnoses cycles and missing parents without failing', () => {
    const { pipeline, diagnostics } = read('a:\n  extends: b\n  script: [a]\nb:\n  extends: a\n  script: [b]\nc:\n  extends: .nope\n  script: [c]\n');
    expect(pipeline.jobs).toHaveLength(3);
    expect(codes(diagnostics)).toContain('gitlab-extends-cycle');
    expect(codes(diagnostics)).toContain('gitlab-extends-missing');
  });

  it('lets null drop an inherited value', () => {
    const { pipeline } = read('.t:\n  image: ruby\n  script: [x]\njob:\n  extends: .t\n  image: null\n');
    expect(job(pipeline, 'job').executor).toBeUndefined();
  });
});

describe('!reference', () => {
  it('resolves nested references, after extends', () => {
    const { pipeline, diagnostics } = read(`
.a:
  script: [one, two]
.b:
  extends: .a
  after_script: [!reference [.a, script], three]
job:
  script:
    - !reference [.b, after_script]
    - four
`);
    expect(script(job(pipeline, 'job'))).toEqual(['one', 'two', 'three', 'four']);
    expect(codes(diagnostics)).toEqual([]);
  });

  it('resolves a template reference before the extends merge, so a referenced variable map merges with the job\'s own', () => {
    const { pipeline, diagnostics } = read(`
.vars:
  variables: {A: "1"}
.tmpl:
  variables: !reference [.vars, variables]
job:
  extends: .tmpl
  variables: {B: "2"}
  script: [true]
`);
    expect(job(pipeline, 'job').environment?.map((v) => `${v.name}=${v.value}`)).toEqual(['A=1', 'B=2']);
    expect(codes(diagnostics)).toEqual([]);
  });

  it('picks a list item by its index, also from a key inherited through extends', () => {
    const { pipeline, diagnostics } = read(`
.setup:
  script: [first, second]
.child:
  extends: .setup
job:
  script:
    - !reference [.setup, script, 0]
    - !reference [.child, script, 1]
`);
    expect(script(job(pipeline, 'job'))).toEqual(['first', 'second']);
    expect(codes(diagnostics)).toEqual([]);
    const missing = read('.setup:\n  script: [first]\njob:\n  script: [!reference [.setup, script, 3]]\n');
    expect(codes(missing.diagnostics)).toContain('gitlab-reference-missing');
  });

  it('reports cycles and missing targets', () => {
    const { diagnostics } = read('.a:\n  script: [!reference [.b, script]]\n.b:\n  script: [!reference [.a, script]]\njob:\n  script: [!reference [.a, script], !reference [.zz, script]]\n');
    expect(codes(diagnostics)).toContain('gitlab-reference-cycle');
    expect(codes(diagnostics)).toContain('gitlab-reference-missing');
  });
});

describe('anchors, defaults and hidden jobs', () => {
  it('applies merge keys, default:, inherit and flattens nested scripts', () => {
    const { pipeline, diagnostics } = read(`
.common: &common
  image: node:20
  before_script: &setup [npm ci]
default:
  tags: [shared]
  retry: 2
job:
  <<: *common
  inherit:
    default: [tags]
  script:
    - *setup
    - npm test
`);
    const j = job(pipeline, 'job');
    expect(j.runnerTags).toEqual(['shared']);
    expect(j.retry).toBeUndefined();
    expect(script(j)).toEqual(['npm ci', 'npm ci', 'npm test']);
    expect(pipeline.jobs.map((x) => x.id)).toEqual(['job']);
    expect(codes(diagnostics)).toEqual([]);
  });

  it('reads deprecated globals as defaults with a deprecated-syntax note', () => {
    const { pipeline, diagnostics } = read('image: ruby:3\nservices: [postgres:16]\njob:\n  script: [rake]\n');
    const j = job(pipeline, 'job');
    expect(j.executor).toMatchObject({ kind: 'docker', image: { name: 'ruby:3' } });
    expect(j.services?.map((s) => s.name)).toEqual(['postgres:16']);
    expect(codes(diagnostics).filter((c) => c === 'deprecated-syntax')).toHaveLength(2);
  });
});
