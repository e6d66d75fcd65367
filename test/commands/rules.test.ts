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

  it('prints the same as JSON', () => {
    const run = ciport(['rules', '--format', 'json']);
    expect(run.code).toBe(0);
    const matrix = JSON.parse(run.stdout);
    expect(matrix.formats.map((f: { id: string }) => f.id)).toEqual(formatIds);
    const listed = Object.values(matrix.diagnostics as Record<string, Array<{ code: string }>>).flat().map((d) => d.code);
    expect(listed.sort()).toEqual(Object.keys(catalog).sort());
    expect(matrix.diagnostics.manual.map((d: { code: string }) => d.code)).toContain('manual-secret');
  });
});
