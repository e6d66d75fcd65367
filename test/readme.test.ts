/** The README's support matrix is generated from mappings/ (`npm run docs`) and kept current. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { supportMatrix } from '../src/rules/support-matrix.js';
import { runCli } from './support/run-cli.js';
import { generatedReadme, readmePath } from './tools/generate-readme.js';
import { beginMarker, endMarker, renderSupportMatrixMarkdown, replaceSection } from './tools/support-matrix-markdown.js';

describe('README support matrix', () => {
  it('matches what npm run docs generates', () => {
    const current = readFileSync(readmePath, 'utf8');
    const generated = generatedReadme(current);
    expect(generated, 'README.md lacks the rules:begin/rules:end markers').toBeDefined();
    expect(current, 'README.md support matrix is stale: run npm run docs').toBe(generated);
  });

  it('would notice a stale section', () => {
    const section = renderSupportMatrixMarkdown(supportMatrix());
    const readme = `# x\n\n${beginMarker}\n${section}\n${endMarker}\n`;
    expect(replaceSection(readme, section)).toBe(readme);
    const stale = readme.replace('`circleci/node`', '`circleci/nodejs`');
    expect(replaceSection(stale, section)).not.toBe(stale);
    expect(replaceSection('# no markers\n', section)).toBeUndefined();
  });

  it('names every orb, every diagnostic code and the built-in runner tags', () => {
    const matrix = supportMatrix();
    const section = renderSupportMatrixMarkdown(matrix);
    for (const orb of matrix.tables.orbs) expect(section).toContain(`\`${orb.orb}\``);
    for (const entries of Object.values(matrix.diagnostics)) for (const e of entries) expect(section).toContain(`\`${e.code}\``);
    expect(section).toContain('`saas-linux-medium-amd64` → large');
    expect(section.split('\n').length).toBeLessThan(60);
  });
});

describe('README related-places example', () => {
  it('is the real output of ciport convert on the configuration shown', () => {
    const readme = readFileSync(readmePath, 'utf8');
    const start = readme.indexOf('<!-- related-example:');
    expect(start, 'README.md lacks the related-example marker').toBeGreaterThan(0);
    // The two fenced blocks after the marker, indented as list content.
    const blocks = [...readme.slice(start).matchAll(/^ {2}```(?:yaml|text)\n([\s\S]*?)^ {2}```$/gm)].slice(0, 2).map((m) => m[1]!.replace(/^ {2}/gm, ''));
    expect(blocks).toHaveLength(2);
    const [config, expected] = blocks as [string, string];
    const run = runCli(['convert', '-', '--stdin-filename', '.circleci/config.yml', '--to', 'gitlab', '--no-color'], { input: config });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toBe(expected);
  });
});
