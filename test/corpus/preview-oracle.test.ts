/**
 * ciport's GitLab resolution against the real gitlab-ci-local --preview on a few golden inputs
 * chosen for resolution (the corpus run, `npm run test:corpus`, compares every corpus file and
 * every golden input). gitlab-ci-local is a dev dependency; the test says so and skips only when
 * it is missing or CIPORT_SKIP_ORACLE=1.
 */
import { describe, expect, it } from 'vitest';
import { hasGitlabCiLocal } from '../support/gitlab-ci-local.js';
import { comparePreviews, formatPreviewReport, goldenSubjects, previewSubjects } from './preview-run.js';

const skip = !hasGitlabCiLocal() ? 'gitlab-ci-local is not installed (npm ci installs it)' : process.env.CIPORT_SKIP_ORACLE === '1' ? 'CIPORT_SKIP_ORACLE=1' : undefined;
if (skip) console.warn(`preview-oracle: skipped: ${skip}`);

const chosen = ['resolution-mix', 'default-inherit', 'include-local', 'reference', 'variables-expand-false', 'inputs'];

describe.skipIf(skip !== undefined)('resolution compared with gitlab-ci-local --preview', () => {
  it('explains every difference on golden inputs chosen for resolution', async () => {
    const subjects = goldenSubjects().filter((s) => chosen.some((name) => s.name.endsWith(`/${name}`)));
    expect(subjects).toHaveLength(chosen.length);
    const report = comparePreviews(subjects, await previewSubjects(subjects));
    expect(report.skipped, formatPreviewReport(report)).toEqual([]);
    expect(report.unexplained, formatPreviewReport(report)).toEqual([]);
    expect(report.jobs).toBeGreaterThanOrEqual(10);
    // What these inputs are known to show: gitlab-ci-local drops default: tags/retry/…, keeps
    // four cache keys, flattens variable objects, applies no interpolation function.
    expect(report.perCategory['gcl-default-keywords']).toBeGreaterThan(0);
    expect(report.perCategory['gcl-cache-keys']).toBeGreaterThan(0);
    expect(report.perCategory['gcl-cache-without-paths']).toBeGreaterThan(0);
    expect(report.perCategory['gcl-variable-objects']).toBeGreaterThan(0);
    expect(report.perCategory['gcl-interpolation-functions']).toBeGreaterThan(0);
  });
});
