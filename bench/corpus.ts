/** The benchmark inputs: the shared corpus (../shared/corpus), or the bundled example without it. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatIds, formats, isFormatId } from '../src/formats/registry.js';
import type { FormatId } from '../src/ir/types.js';
import { hasShared, sharedDir } from '../test/support/shared.js';

export interface Sample {
  format: FormatId;
  /** Corpus-relative path (or the example's path). */
  name: string;
  text: string;
}

export const root = join(import.meta.dirname, '..');

export function corpusDir(): string | undefined {
  return hasShared() ? join(sharedDir(), 'corpus') : undefined;
}

/** Every corpus file named by MANIFEST.tsv with its format, in manifest order. */
export function loadCorpus(): Sample[] {
  const dir = corpusDir();
  if (!dir) return exampleSamples();
  const lines = readFileSync(join(dir, 'MANIFEST.tsv'), 'utf8').split('\n').slice(1);
  const samples: Sample[] = [];
  for (const line of lines) {
    const [file, format] = line.split('\t');
    if (file && format && isFormatId(format)) samples.push({ format, name: file, text: readFileSync(join(dir, file), 'utf8') });
  }
  return samples;
}

/** A fresh clone without ../shared still benchmarks, on the bundled example. */
function exampleSamples(): Sample[] {
  const samples: Sample[] = [];
  for (const format of formatIds) {
    for (const name of formats[format].fileNames) {
      const path = join(root, 'examples', 'node-service', name);
      if (existsSync(path)) samples.push({ format, name: `examples/node-service/${name}`, text: readFileSync(path, 'utf8') });
    }
  }
  return samples;
}
