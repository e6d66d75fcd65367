/** The `ciport diff` comment examples of docs/workflows.md are real CLI output (`npm run docs`) and kept current. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { beginMarker, endMarker, exampleConfig, generatedWorkflowsDoc, replaceBetween, workflowsDocPath } from './tools/workflows-doc.js';

describe('docs/workflows.md diff comment examples', () => {
  it('match what npm run docs generates', () => {
    const current = readFileSync(workflowsDocPath, 'utf8');
    const generated = generatedWorkflowsDoc(current);
    expect(generated, 'docs/workflows.md lacks the diff-comment markers or the example configuration').toBeDefined();
    expect(current, 'docs/workflows.md diff comment examples are stale: run npm run docs').toBe(generated);
    // The cut example shows the note it is there for.
    expect(current).toContain('> **The diff is cut short**');
  }, 60_000);

  it('would notice a stale or missing section', () => {
    const doc = `x\n${beginMarker('diff-comment')}\nbody\n${endMarker('diff-comment')}\n`;
    expect(replaceBetween(doc, 'diff-comment', 'body')).toBe(doc);
    expect(replaceBetween(doc, 'diff-comment', 'new body')).not.toBe(doc);
    expect(replaceBetween('no markers\n', 'diff-comment', 'body')).toBeUndefined();
    expect(exampleConfig('no example here')).toBeUndefined();
  });
});
