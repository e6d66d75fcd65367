/** Each diagnostic code's vendor documentation page: in the table, in `ciport explain`, in SARIF's helpUri. */
import { describe, expect, it } from 'vitest';
import { catalog } from '../src/diagnostics/catalog.js';
import { catalogDocs } from '../src/diagnostics/catalog-docs.js';
import { renderSarif } from '../src/report/sarif.js';
import { runCli } from './support/run-cli.js';

const vendorHosts = ['circleci.com', 'docs.gitlab.com', 'docs.docker.com', 'yaml.org'];

describe('catalog documentation links', () => {
  it('lists every catalog code, and only those', () => {
    expect(Object.keys(catalogDocs).sort()).toEqual(Object.keys(catalog).sort());
  });

  it('links only https pages of the vendors', () => {
    for (const [code, url] of Object.entries(catalogDocs)) {
      if (url === null) continue;
      const parsed = new URL(url);
      expect(parsed.protocol, code).toBe('https:');
      expect(vendorHosts, `${code}: ${url}`).toContain(parsed.hostname);
    }
  });

  it('gives a page for every CircleCI 2.x, GitLab and manual-task code that is about the vendor', () => {
    const vendorCodes = Object.keys(catalog).filter((code) => /^(circleci2|gitlab|manual)-/.test(code) && code !== 'manual-setting');
    expect(vendorCodes.length).toBeGreaterThan(30);
    const missing = vendorCodes.filter((code) => !catalogDocs[code as keyof typeof catalogDocs]);
    expect(missing).toEqual([]);
  });

  it('SARIF rules carry the page as helpUri, and no helpUri where there is none', () => {
    const rules = JSON.parse(renderSarif([])).runs[0].tool.driver.rules as Array<{ id: string; helpUri?: string }>;
    const byId = new Map(rules.map((rule) => [rule.id, rule]));
    expect(byId.get('gitlab-parallel-index')?.helpUri).toBe('https://docs.gitlab.com/ci/yaml/#parallel');
    expect(byId.get('circleci2-setup-config')?.helpUri).toBe('https://circleci.com/docs/guides/orchestrate/dynamic-config/');
    expect(byId.get('input-unreadable')).not.toHaveProperty('helpUri');
    for (const rule of rules) expect(rule.helpUri ?? null, rule.id).toBe(catalogDocs[rule.id as keyof typeof catalogDocs]);
  });

  it('ciport explain prints the page', () => {
    const run = runCli(['explain', 'gitlab-service-localhost']);
    expect(run.status).toBe(0);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('Documentation: https://docs.gitlab.com/ci/services/#accessing-the-services');
    expect(runCli(['explain', 'input-unreadable']).stdout).not.toContain('Documentation:');
  });
});
