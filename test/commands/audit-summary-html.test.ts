/**
 * summary.html as a browser lays it out, at a desktop and a phone width, with names far longer than
 * a table column: nothing wider than the page, nothing clipped, every chart labelled. Skipped (by
 * name) without Chromium on PATH; .ci/run installs it.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { auditRunRecord } from '../../src/commands/audit/run-record.js';
import { summarizeAudit, type RepoSummary } from '../../src/report/summary-data.js';
import { renderSummaryHtml } from '../../src/report/summary-html.js';
import { findChromium, layoutAt } from '../support/chromium.js';
import { removeTempDirs, tempDir } from './helpers.js';

afterAll(removeTempDirs);

const long = (word: string, times: number) => Array.from({ length: times }, () => word).join('');
const longName = `platform-${long('settlement-reconciliation-', 6)}service`;
const longJob = long('deploy_to_production_', 5);

function repo(name: string, status: RepoSummary['status'], extra: Partial<RepoSummary> = {}): RepoSummary {
  return {
    name,
    safeName: name.slice(0, 80),
    kind: 'checkout',
    status,
    source: { path: '.circleci/config.yml', format: 'circleci2' },
    files: [`repos/${name.slice(0, 80)}/.gitlab-ci.yml`, `repos/${name.slice(0, 80)}/MIGRATION.md`, `repos/${name.slice(0, 80)}/diagnostics.json`],
    counts: { error: 0, warning: 2, manual: 2, info: 0 },
    jobs: 4,
    steps: { known: 10, unknown: 1, unsupported: 2 },
    findings: [{ code: 'unsupported-feature', severity: 'warning', message: `job "${longJob}" extracts a coverage figure from its log; GitLab has no such setting` }],
    manualTasks: [
      { code: 'manual-runner', severity: 'manual', message: `job "${longJob}" runs Docker in Docker: its runner must be privileged and share /certs/client`, kind: 'job "…" runs Docker in Docker: its runner must be privileged and share /certs/client' },
      { code: 'manual-context', severity: 'manual', message: `context "${long('organisation-wide-credentials-', 4)}" (used by ${longJob}): create its variables`, kind: `context "${long('organisation-wide-credentials-', 4)}" (used by …): create its variables` },
    ],
    ...extra,
  };
}

function page(): string {
  const run = auditRunRecord({ input: `/srv/mirrors/${long('very-long-folder-name/', 6)}org`, out: '/tmp/x', to: 'gitlab', jobs: 8, timeoutMs: 60_000, shard: '3/16', toolVersion: '0.1.0' }, new Date(0));
  const summary = summarizeAudit(
    'gitlab',
    [
      repo(longName, 'partial'),
      repo('api', 'success', { counts: { error: 0, warning: 0, manual: 0, info: 0 }, findings: [], manualTasks: [] }),
      repo(`${longName}-mirror`, 'not-converted', { reason: `several configurations (${long('nested/folder/', 8)}.circleci/config.yml, circle.yml); choose one with --from`, jobs: undefined, steps: undefined }),
      repo('on-gitlab', 'on-target', { reason: 'its only configuration (.gitlab-ci.yml) is in the target format, gitlab', files: [] }),
      repo('docs', 'unsupported', { source: undefined, reason: 'no CI configuration at a conventional path', files: [] }),
    ],
    '3/16',
    run,
  );
  return renderSummaryHtml(summary);
}

describe('summary.html in headless Chromium', () => {
  const browser = findChromium();
  const dir = process.env.CIPORT_SCREENSHOT_DIR ?? tempDir('ciport-html-');
  mkdirSync(dir, { recursive: true });

  for (const width of [1280, 390]) {
    it(`fits ${width} px: no sideways scrolling, nothing clipped, every chart labelled (screenshot)`, (context) => {
      if (!browser) {
        context.skip('no chromium on PATH: the HTML page is checked as text only');
        return;
      }
      const screenshot = join(dir, `summary-${width}.png`);
      const layout = layoutAt(browser, page(), width, tempDir('ciport-html-page-'), screenshot);
      expect(layout.clientWidth).toBe(width);
      expect(layout.scrollWidth, `wider than the page: ${layout.wide.slice(0, 5).join(', ')}`).toBeLessThanOrEqual(layout.clientWidth);
      expect(layout.wide).toEqual([]);
      expect(layout.clipped).toEqual([]);
      // Pipelines, steps, manual tasks by kind, problems: each an SVG or a figure, each labelled.
      expect(layout.charts).toBeGreaterThanOrEqual(4);
      expect(layout.unlabelledCharts).toEqual([]);
      const png = readFileSync(screenshot);
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(png.length).toBeGreaterThan(10_000);
    });
  }

  it('notices a page wider than the phone (the check can fail)', (context) => {
    if (!browser) {
      context.skip('no chromium on PATH: the HTML page is checked as text only');
      return;
    }
    const wide = page().replace('</body>', '<div style="width:800px">a fixed-width block</div></body>');
    const layout = layoutAt(browser, wide, 390, tempDir('ciport-html-page-'), join(dir, 'wide-390.png'));
    expect(layout.scrollWidth).toBeGreaterThan(layout.clientWidth);
    const unlabelled = page().replace(/ aria-label="Pipelines by status"/, '').replace('<figcaption>Pipelines by status</figcaption>', '');
    expect(layoutAt(browser, unlabelled, 1280, tempDir('ciport-html-page-'), join(dir, 'unlabelled.png')).unlabelledCharts).toEqual(['figure.chart', 'svg']);
  });
});
