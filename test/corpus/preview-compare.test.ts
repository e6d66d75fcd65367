/**
 * The resolution comparison's own logic, on hand-made previews (no gitlab-ci-local needed):
 * canonical forms, job-by-job differences, classification, and the checks that keep the list of
 * explanations honest (unexplained, stale and unmatched categories fail).
 */
import { describe, expect, it } from 'vitest';
import { classify, loadCategories, matchers } from './preview-classify.js';
import { canonical, compareViews, ourView, parsePreview } from './preview-compare.js';
import { comparePreviews, previewFailed } from './preview-run.js';

const categories = loadCategories();

describe('canonical forms', () => {
  it('spells the same meaning once', () => {
    expect(canonical('script', 'make')).toEqual(canonical('script', ['make']));
    expect(canonical('script', [['a', 'b'], 'c'])).toEqual(['a', 'b', 'c']);
    expect(canonical('image', 'node:20')).toEqual(canonical('image', { name: 'node:20' }));
    expect(canonical('services', ['pg', { name: 'redis', alias: 'r' }])).toEqual([{ name: 'pg' }, { name: 'redis', alias: 'r' }]);
    expect(canonical('needs', ['a'])).toEqual(canonical('needs', [{ job: 'a', artifacts: true, optional: false }]));
    expect(canonical('cache', { paths: ['x'] })).toEqual(canonical('cache', [{ paths: ['x'], policy: 'pull-push', when: 'on_success' }]));
    expect(canonical('variables', { N: 1 })).toEqual({ N: '1' });
    expect(canonical('parallel', { matrix: [{ A: 'x' }] })).toEqual({ matrix: [{ A: ['x'] }] });
    expect(canonical('trigger', { include: 'ci/child.yml' })).toEqual({ include: [{ local: 'ci/child.yml' }] });
  });

  it('keeps differences in meaning', () => {
    expect(canonical('image', 'node:20')).not.toEqual(canonical('image', 'node:22'));
    expect(canonical('needs', ['a'])).not.toEqual(canonical('needs', [{ job: 'a', optional: true }]));
    expect(canonical('cache', { paths: ['x'], policy: 'pull' })).not.toEqual(canonical('cache', { paths: ['x'] }));
  });
});

describe('parsePreview', () => {
  it('reads the last document after warnings and resolves js-yaml aliases', () => {
    const stdout = ' WARN  something\n---\nstages:\n  - .pre\n  - .post\na:\n  script: &ref_0\n    - x\nb:\n  script: *ref_0\n';
    const v = parsePreview(stdout);
    expect(Object.keys(v.jobs)).toEqual(['a', 'b']);
    expect(v.jobs.b!.script).toEqual(['x']);
    expect(v.stages).toEqual(['.pre', '.post']);
  });
});

describe('comparison and classification', () => {
  const config = 'default:\n  tags: [linux]\n  image: node:20\njob:\n  script: make\n';
  const gcl = '---\nstages: [.pre, build, test, deploy, .post]\njob:\n  script: [make]\n  image: {name: node:20}\n';

  it('compares job by job and explains each difference', () => {
    const ours = ourView(config)!;
    const theirs = parsePreview(gcl);
    const result = compareViews('x', ours, theirs);
    expect(result.jobs).toBe(1);
    expect(result.differences.map((d) => `${d.job ?? ''}.${d.field}`).sort()).toEqual(['.stages', 'job.tags']);
    expect(result.differences.map((d) => classify(d, { ours, theirs }, categories)).sort()).toEqual(['gcl-default-keywords', 'gcl-implicit-stages']);
  });

  it('fails on an unexplained difference and names it', () => {
    const report = comparePreviews([{ name: 'x', text: config }], [{ ok: true, preview: gcl.replace('[make]', '[make all]') }]);
    expect(report.unexplained).toEqual([expect.objectContaining({ job: 'job', field: 'script', ours: ['make'], theirs: ['make all'] })]);
    expect(previewFailed(report)).toBe(true);
  });

  it('a job on one side only is a difference', () => {
    const report = comparePreviews([{ name: 'x', text: config }], [{ ok: true, preview: `${gcl}extra:\n  script: [x]\n` }]);
    expect(report.unexplained).toEqual([expect.objectContaining({ job: 'extra', field: '(job)', ours: undefined })]);
  });

  it('reports categories that explain nothing (stale) and files the oracle refused', () => {
    const report = comparePreviews([{ name: 'x', text: config }, { name: 'y', text: 'a: b' }], [{ ok: true, preview: gcl }, { ok: false, message: 'refused' }]);
    expect(report.unexplained).toEqual([]);
    expect(report.skipped).toEqual([{ name: 'y', reason: 'refused' }]);
    expect(report.stale).toContain('gcl-cache-keys');
    expect(report.stale).not.toContain('gcl-default-keywords');
    expect(previewFailed(report)).toBe(true);
  });

  it('every category has a matcher, a reason and a reference, and every matcher a category', () => {
    expect(categories.map((c) => c.id).sort()).toEqual(Object.keys(matchers).sort());
    for (const c of categories) {
      expect(c.why.length, c.id).toBeGreaterThan(40);
      expect(c.reference.length, c.id).toBeGreaterThan(10);
      expect(['equivalent', 'gitlab-ci-local', 'ciport']).toContain(c.verdict);
    }
  });
});
