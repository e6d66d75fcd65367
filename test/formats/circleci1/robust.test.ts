import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { createSink } from '../../../src/diagnostics/sink.js';
import { SourceSet } from '../../../src/diagnostics/source-map.js';
import { parseCircleci1 } from '../../../src/formats/circleci1/parse.js';
import { read, write } from './helpers.js';

const scalar = fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.boolean(), fc.constant(null), fc.constant('/x.*/'));
const value = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(fc.constantFrom('pre', 'override', 'post', 'branch', 'tag', 'version', 'timeout', 'pwd', 'parallel', 'files', 'environment', 'commands', 'only', 'ignore', 'url', 'x'), tie('node'), { maxKeys: 3 })),
})).node;
const config = fc.dictionary(
  fc.constantFrom('machine', 'checkout', 'dependencies', 'database', 'compile', 'test', 'deployment', 'general', 'experimental', 'notify', 'other'),
  value,
  { maxKeys: 5 },
);

describe('circleci1 reader and writer on arbitrary input', () => {
  it('never throw, and write what they read back without errors', () => {
    fc.assert(
      fc.property(config, (doc) => {
        const text = stringify(doc);
        const sink = createSink();
        const pipeline = parseCircleci1({ file: 'circle.yml', text }, { sink, sources: new SourceSet(), options: {} });
        if (!pipeline) return;
        const written = write(pipeline);
        const again = read(written.text);
        expect(again.diagnostics.filter((d) => d.severity === 'error' || d.code === 'unknown-key')).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
