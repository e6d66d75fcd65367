/**
 * Rewrites the README's support matrix section from mappings/, and the `ciport diff` comment
 * examples of docs/workflows.md from the CLI (`npm run docs`). `--check` exits 1 when either is
 * stale; test/readme.test.ts and test/docs-workflows.test.ts make the same checks.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { supportMatrix } from '../../src/rules/support-matrix.js';
import { renderSupportMatrixMarkdown, replaceSection } from './support-matrix-markdown.js';
import { generatedAuditDocs } from './audit-doc.js';
import { generatedWorkflowsDoc, workflowsDocPath } from './workflows-doc.js';

export const readmePath = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'README.md');

/** The README as the generator would write it; `undefined` when the markers are missing. */
export function generatedReadme(current: string): string | undefined {
  return replaceSection(current, renderSupportMatrixMarkdown(supportMatrix()));
}

function main(): void {
  const current = readFileSync(readmePath, 'utf8');
  const next = generatedReadme(current);
  if (next === undefined) {
    console.error('README.md has no support matrix markers');
    process.exit(1);
  }
  if (process.argv.includes('--check')) {
    if (next !== current) {
      console.error('README.md support matrix is stale: run npm run docs');
      process.exit(1);
    }
    return;
  }
  if (next !== current) writeFileSync(readmePath, next);
  console.log(next === current ? 'README.md is up to date' : 'README.md support matrix regenerated');
  regenerateWorkflowsDoc();
  regenerateAuditExamples();
}

/** The `ciport audit` summary shown in the README and docs/workflows.md (test/tools/audit-doc.ts). */
function regenerateAuditExamples(): void {
  const pages = { 'README.md': readmePath, 'docs/workflows.md': workflowsDocPath };
  const current = { 'README.md': readFileSync(readmePath, 'utf8'), 'docs/workflows.md': readFileSync(workflowsDocPath, 'utf8') };
  const next = generatedAuditDocs(current['README.md'], current['docs/workflows.md']);
  for (const [name, text] of [['README.md', next.readme], ['docs/workflows.md', next.workflows]] as const) {
    if (text === undefined) {
      console.error(`${name} lacks the audit example markers`);
      process.exit(1);
    }
    if (process.argv.includes('--check')) {
      if (text !== current[name]) {
        console.error(`${name} audit example is stale: run npm run docs`);
        process.exit(1);
      }
      continue;
    }
    if (text !== current[name]) writeFileSync(pages[name], text);
    console.log(text === current[name] ? `${name} audit example is up to date` : `${name} audit example regenerated`);
  }
}

function regenerateWorkflowsDoc(): void {
  const current = readFileSync(workflowsDocPath, 'utf8');
  const next = generatedWorkflowsDoc(current);
  if (next === undefined) {
    console.error('docs/workflows.md lacks the diff-comment markers or the example configuration');
    process.exit(1);
  }
  if (process.argv.includes('--check')) {
    if (next !== current) {
      console.error('docs/workflows.md diff comment examples are stale: run npm run docs');
      process.exit(1);
    }
    return;
  }
  if (next !== current) writeFileSync(workflowsDocPath, next);
  console.log(next === current ? 'docs/workflows.md is up to date' : 'docs/workflows.md diff comment examples regenerated');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
