/**
 * Said once (issue 16): the same loss in many jobs is one diagnostic that lists the jobs, and
 * nothing else is merged.
 */
import { describe, expect, it } from 'vitest';
import { groupByJob } from '../../src/diagnostics/group-by-job.js';
import { toRecord } from '../../src/diagnostics/print.js';
import { SourceSet } from '../../src/diagnostics/source-map.js';
import type { Diagnostic } from '../../src/diagnostics/types.js';
import { renderSarif } from '../../src/report/sarif.js';
import { translate } from '../../src/translate.js';
import { checkTranslation } from '../../src/verify.js';

const at = (start: number) => ({ file: '.circleci/config.yml', range: [start, start + 5] as [number, number] });

/** What the behaviour comparison reports for job `job`: `job x no longer runs …` at `start`. */
function lost(job: string, start = 10, command = './merge.sh'): Diagnostic {
  return { code: 'behaviour-difference', severity: 'warning', message: `job ${job} no longer runs \`${command}\``, origin: at(start), job };
}

/** What a writer reports: `job "x": …`. */
function writer(job: string, start = 40): Diagnostic {
  return { code: 'approximate-translation', severity: 'info', message: `job "${job}": resource_class "xlarge" has no GitLab key`, origin: at(start), job };
}

describe('groupByJob', () => {
  it('says the same message at the same place for different jobs once, naming the jobs', () => {
    const grouped = groupByJob([lost('lint'), lost('unit'), lost('docs')]);
    expect(grouped).toHaveLength(1);
    expect(grouped[0]).toMatchObject({
      code: 'behaviour-difference',
      severity: 'warning',
      message: 'each of 3 jobs (lint, unit, docs) no longer runs `./merge.sh`',
      origin: at(10),
      jobs: ['lint', 'unit', 'docs'],
    });
    expect(grouped[0]!.job).toBeUndefined();
  });

  it('keeps a writer message shape: quoted names, then what was said after the colon', () => {
    expect(groupByJob([writer('a'), writer('b')]).map((d) => d.message)).toEqual(['in 2 jobs ("a", "b"): resource_class "xlarge" has no GitLab key']);
    const possessive = (job: string): Diagnostic => ({ ...lost(job), message: `job ${job}'s cache is written once per key in the original, not in the translation` });
    expect(groupByJob([possessive('a'), possessive('b')])[0]!.message).toBe("in 2 jobs (a, b): each job's cache is written once per key in the original, not in the translation");
  });

  it('shows the first three names and the count, and keeps the complete list as data', () => {
    const names = Array.from({ length: 16 }, (_, i) => `job-${i}`);
    const [grouped] = groupByJob(names.map((name) => lost(name)));
    expect(grouped!.message).toBe('each of 16 jobs (job-0, job-1, job-2, … and 13 more) no longer runs `./merge.sh`');
    expect(grouped!.jobs).toEqual(names);
    // Four names are shown whole rather than "… and 1 more".
    expect(groupByJob(names.slice(0, 4).map((name) => lost(name)))[0]!.message).toBe('each of 4 jobs (job-0, job-1, job-2, job-3) no longer runs `./merge.sh`');
  });

  it('keeps diagnostics at different places apart', () => {
    const grouped = groupByJob([lost('lint', 10), lost('unit', 20)]);
    expect(grouped.map((d) => d.message)).toEqual(['job lint no longer runs `./merge.sh`', 'job unit no longer runs `./merge.sh`']);
  });

  it('keeps messages that differ in more than the job name apart, and never changes a severity', () => {
    expect(groupByJob([lost('lint', 10, './a.sh'), lost('unit', 10, './b.sh')])).toHaveLength(2);
    const asError: Diagnostic = { ...lost('unit'), severity: 'error' };
    const grouped = groupByJob([lost('lint'), asError]);
    expect(grouped.map((d) => d.severity)).toEqual(['warning', 'error']);
    expect(groupByJob([lost('lint'), { ...lost('unit'), hint: 'another hint' }])).toHaveLength(2);
  });

  it('needs the job as data: a message without it, or one whose name only starts the same, is not grouped', () => {
    const untagged: Diagnostic = { ...lost('lint') };
    delete untagged.job;
    expect(groupByJob([untagged, lost('unit')])).toHaveLength(2);
    // `job lint-extra …` is not about job `lint`.
    const other: Diagnostic = { ...lost('lint-extra'), job: 'lint' };
    expect(groupByJob([lost('unit'), other])).toHaveLength(2);
  });

  it('says a diagnostic repeated at the same place once, adding the related places only the repeat had', () => {
    const repeat: Diagnostic = { code: 'unsupported-feature', severity: 'warning', message: 'the cache-save step of "build" is left out', origin: at(70) };
    const withRelated: Diagnostic = { ...repeat, related: [{ message: 'used by workflow "nightly"', origin: at(90) }] };
    const grouped = groupByJob([repeat, lost('lint'), withRelated, repeat]);
    expect(grouped).toEqual([{ ...repeat, related: withRelated.related }, lost('lint')]);
    // The same text elsewhere, or at another severity, is another diagnostic.
    expect(groupByJob([repeat, { ...repeat, origin: at(80) }, { ...repeat, severity: 'info' }])).toHaveLength(3);
  });

  it('keeps the order: each group where its first member was, everything else untouched', () => {
    const other: Diagnostic = { code: 'unsupported-feature', severity: 'warning', message: 'something else', origin: at(5) };
    const grouped = groupByJob([lost('a', 10), other, writer('a'), lost('b', 10), writer('b'), lost('c', 30)]);
    expect(grouped.map((d) => d.message)).toEqual([
      'each of 2 jobs (a, b) no longer runs `./merge.sh`',
      'something else',
      'in 2 jobs ("a", "b"): resource_class "xlarge" has no GitLab key',
      'job c no longer runs `./merge.sh`',
    ]);
    expect(grouped[1]).toBe(other);
  });

  it('keeps every related place: a shared one once, one of a single job labelled with it', () => {
    const shared = { message: 'executor', origin: at(70) };
    const withPlace = (job: string, start: number): Diagnostic => ({ ...lost(job), related: [shared, { message: 'in .gitlab-ci.yml', origin: { file: '.gitlab-ci.yml', range: [start, start + 3] } }] });
    const [grouped] = groupByJob([withPlace('a', 1), withPlace('b', 9)]);
    expect(grouped!.related).toEqual([
      shared,
      { message: 'in .gitlab-ci.yml (job a)', origin: { file: '.gitlab-ci.yml', range: [1, 4] } },
      { message: 'in .gitlab-ci.yml (job b)', origin: { file: '.gitlab-ci.yml', range: [9, 12] } },
    ]);
  });

  it('gives JSON and SARIF the whole job list, and masks secrets in the grouped text', () => {
    const leak = (job: string): Diagnostic => lost(job, 10, 'docker login -p hunter2-value');
    const [grouped] = groupByJob([leak('a'), leak('b'), leak('c'), leak('d'), leak('e')]);
    const sources = new SourceSet();
    const record = toRecord(grouped!, sources);
    expect(record.message.startsWith('each of 5 jobs (a, b, c, … and 2 more) no longer runs `docker login -p ****')).toBe(true);
    expect(record.message).not.toContain('hunter2');
    expect(record.jobs).toEqual(['a', 'b', 'c', 'd', 'e']);
    const sarif = JSON.parse(renderSarif([record])) as { runs: Array<{ results: Array<{ properties?: { jobs?: string[] }; message: { text: string } }> }> };
    expect(sarif.runs[0]!.results[0]!.properties?.jobs).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(sarif.runs[0]!.results[0]!.message.text).not.toContain('hunter2');
  });
});

const threeJobs = `version: 2.1
orbs:
  acme: acme/tools@1.0
common: &common
  docker:
    - image: cimg/python:3.12
  steps:
    - checkout
    - run:
        name: merge base
        command: ./merge.sh
    - acme/publish
    - run: make test
jobs:
  lint:
    <<: *common
  unit:
    <<: *common
  docs:
    <<: *common
workflows:
  main:
    jobs: [lint, unit, docs]
`;

describe('translate() says a loss shared by three jobs once', () => {
  const file = '.circleci/config.yml';
  const result = translate({ file, text: threeJobs, from: 'circleci2', to: 'gitlab' });
  // The anchored steps are one place in the file: the orb step (line 12).
  const orbStep = threeJobs.indexOf('    - acme/publish');

  it('reports each loss at the shared step once, with all three jobs', () => {
    // The placeholder's own `exit 1` is no step's shell change: no child-shell note there.
    const atStep = result.diagnostics.filter((d) => d.origin && d.origin.range[0] >= orbStep && d.origin.range[0] < orbStep + 30);
    expect(atStep.map((d) => [d.code, d.severity, d.message, d.jobs])).toEqual([
      ['circleci2-unknown-orb', 'warning', 'orb command "acme/publish" (acme/tools) is not in --orb-dir or the orb table; what it runs is unknown', undefined],
      ['unmapped-step', 'manual', 'in 3 jobs ("lint", "unit", "docs"): step "acme/publish" (circleci2) has no GitLab translation; a placeholder that fails the job marks its place', ['lint', 'unit', 'docs']],
    ]);
  });

  it('still counts the grouped warnings as naming the differences at their places', () => {
    const check = checkTranslation({ pipeline: result.pipeline!, format: 'circleci2' }, result.output!, 'gitlab', result.diagnostics);
    expect(check).toBeDefined();
    expect(check!.differences.length).toBeGreaterThan(0);
    expect(check!.unnamed).toEqual([]);
  });
});
