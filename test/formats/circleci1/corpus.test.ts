import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { normalize } from '../../../src/ir/normalize.js';
import { describeWithShared, hasShared, sharedPath } from '../../support/shared.js';
import { read, write } from './helpers.js';
import { createSink } from '../../../src/diagnostics/sink.js';
import { SourceSet } from '../../../src/diagnostics/source-map.js';
import { parseCircleci1 } from '../../../src/formats/circleci1/parse.js';

const dir = sharedPath('corpus', 'circleci1');
const files = hasShared() ? readdirSync(dir).filter((f) => f.endsWith('.yml')).sort() : [];


describeWithShared('circleci1 corpus', () => {
  it.each(files)('%s reads without crash or unknown key and writes back re-readably', (name) => {
    const text = readFileSync(join(dir, name), 'utf8');
    const sink = createSink();
    const pipeline = parseCircleci1({ file: 'circle.yml', text }, { sink, sources: new SourceSet(), options: {} });
    expect(sink.diagnostics.filter((d) => d.code === 'unknown-key' || d.code === 'internal-error')).toEqual([]);
    if (!pipeline) {
      // Only a file that is not valid YAML may give nothing.
      expect(sink.diagnostics.some((d) => d.code === 'yaml-syntax')).toBe(true);
      return;
    }
    const written = write(pipeline);
    const again = read(written.text);
    expect(again.diagnostics.filter((d) => d.severity === 'error' || d.code === 'unknown-key')).toEqual([]);
    expect(normalize(again.pipeline)).toEqual(normalize(pipeline));
    expect(write(again.pipeline).text).toBe(written.text);
  });
});
