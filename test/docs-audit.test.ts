/** The `ciport audit` summary shown in the README and docs/workflows.md is real CLI output (`npm run docs`) and kept current. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { auditBegin, auditEnd, auditExample, generatedAuditDocs, replaceAuditSection } from './tools/audit-doc.js';
import { readmePath } from './tools/generate-readme.js';
import { workflowsDocPath } from './tools/workflows-doc.js';

describe('the audit example in the README and docs/workflows.md', () => {
  it('matches what npm run docs generates', () => {
    const readme = readFileSync(readmePath, 'utf8');
    const workflows = readFileSync(workflowsDocPath, 'utf8');
    const example = auditExample();
    const generated = generatedAuditDocs(readme, workflows, example);
    expect(generated.readme, 'README.md lacks the audit-summary markers').toBeDefined();
    expect(generated.workflows, 'docs/workflows.md lacks the audit-example markers').toBeDefined();
    expect(readme, 'README.md audit example is stale: run npm run docs').toBe(generated.readme);
    expect(workflows, 'docs/workflows.md audit example is stale: run npm run docs').toBe(generated.workflows);
    // The example organisation shows every status, the run record and the CSV.
    for (const status of ['already on target', 'successful', 'partially successful', 'converted with errors', 'not converted', 'unsupported']) {
      expect(example.transcript).toMatch(new RegExp(`[1-9] ${status}[,\\n]`));
    }
    expect(example.summaryMarkdown).toContain('| Options | `ciport audit examples/audit-org --to gitlab --timeout 60` |');
    expect(example.summaryMarkdown).toContain('| Date | 2025-12-02T00:00:00.000Z |');
    expect(example.summaryMarkdown).toContain('## Manual tasks by kind');
    expect(example.summaryCsv.split('\n')[0]).toBe('Repository,Kind,Status,Reason,Source file,Source format,Jobs,Known steps,Unknown steps,Unsupported steps,Errors,Warnings,Manual tasks,Notes');
  }, 120_000);

  it('would notice a stale or missing section', () => {
    const doc = `x\n${auditBegin('audit-example')}\nbody\n${auditEnd('audit-example')}\n`;
    expect(replaceAuditSection(doc, 'audit-example', 'body')).toBe(doc);
    expect(replaceAuditSection(doc, 'audit-example', 'new body')).not.toBe(doc);
    expect(replaceAuditSection('no markers\n', 'audit-example', 'body')).toBeUndefined();
  });
});
