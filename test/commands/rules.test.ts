/** `ciport rules`: the support matrix. */
import { describe, expect, it } from 'vitest';
import { catalog } from '../../src/diagnostics/catalog.js';
import { formatIds, formats } from '../../src/formats/registry.js';
import { ciport } from './helpers.js';

describe('ciport rules', () => {
  it('prints formats with file names and versions, and the catalog by severity', () => {
    const run = ciport(['rules']);
    expect(run.code).toBe(0);
    for (const id of formatIds) expect(run.stdout).toContain(`files: ${formats[id].fileNames.join(', ')}`);
    expect(run.stdout).toContain('versions: 2.1, 2.0');
    expect(run.stdout).toMatch(/\nManual tasks \(\d+\)\n/);
    for (const code of Object.keys(catalog)) expect(run.stdout).toContain(code);
  });

  it('lists the mapping tables of mappings/: orbs with their elements, 1.0 languages, Docker versions, variables, runner tags', () => {
    const run = ciport(['rules']);
    expect(run.stdout).toMatch(/\n {2}circleci\/node\n {4}commands: +install-packages, install, install-yarn\n {4}jobs: +test\n/);
    expect(run.stdout).toMatch(/languages: ruby → ruby, node → node/);
    expect(run.stdout).toMatch(/setup_remote_docker supported: +default, edge/);
    expect(run.stdout).toMatch(/\n {2}gitlab +CI_COMMIT_BRANCH, CI_COMMIT_TAG, CI_COMMIT_SHA/);
    expect(run.stdout).toMatch(/saas-linux-medium-amd64 → large +mappings\/runners\.yml/);
    expect(run.stdout).toMatch(/Images \(.*\)\n\n {2}none\n/);
  });

  it('prints the same as JSON', () => {
    const run = ciport(['rules', '--format', 'json']);
    expect(run.code).toBe(0);
    const matrix = JSON.parse(run.stdout);
    expect(matrix.formats.map((f: { id: string }) => f.id)).toEqual(formatIds);
    const listed = Object.values(matrix.diagnostics as Record<string, Array<{ code: string }>>).flat().map((d) => d.code);
    expect(listed.sort()).toEqual(Object.keys(catalog).sort());
    expect(matrix.diagnostics.manual.map((d: { code: string }) => d.code)).toContain('manual-secret');
    expect(matrix.tables.orbs.find((o: { orb: string }) => o.orb === 'circleci/docker').executors).toEqual([
      { name: 'docker', source: 'mappings/orbs.yml' },
      { name: 'machine', source: 'mappings/orbs.yml' },
    ]);
    expect(matrix.tables.runnerTags).toContainEqual({ tag: 'saas-linux-small-amd64', resourceClass: 'medium', source: 'mappings/runners.yml' });
    expect(matrix.tables.variables.circleci2).toContain('CIRCLE_SHA1');
  });
});
