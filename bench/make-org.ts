/** Generates an organisation of N repositories, each one corpus file at its conventional path. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { formats } from '../src/formats/registry.js';
import type { Sample } from './corpus.js';

/** Repository i holds corpus file i mod corpus size; names sort in generation order. */
export function makeOrganisation(dir: string, count: number, corpus: readonly Sample[]): void {
  const width = String(count).length;
  for (let i = 0; i < count; i++) {
    const sample = corpus[i % corpus.length]!;
    const path = join(dir, `repo-${String(i).padStart(width, '0')}`, formats[sample.format].fileNames[0]!);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, sample.text);
  }
}
