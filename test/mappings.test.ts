/** The generated rule modules match mappings/*.yml (run `npm run generate` after editing a table). */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateAll } from './tools/generate-mappings.js';

describe('mappings', () => {
  const outputs = generateAll();
  it('has tables', () => {
    expect(outputs.size).toBeGreaterThan(0);
  });
  for (const [path, text] of outputs) {
    it(`${path.split('/').pop()} is up to date`, () => {
      expect(existsSync(path), `${path} missing: run npm run generate`).toBe(true);
      expect(readFileSync(path, 'utf8')).toBe(text);
    });
  }
});
