import { describe, expect, it } from 'vitest';
import { formatCacheKey, parseCacheKey } from '../../../src/formats/circleci2/cache-key.js';

describe('circleci2 cache key templates', () => {
  it('parses every documented template', () => {
    expect(parseCacheKey('v1-{{ checksum "a.lock" }}-{{ .Branch }}-{{ .Revision }}-{{ .BuildNum }}-{{ epoch }}-{{ arch }}-{{ .Environment.X }}-{{ .CheckoutKey }}').parts).toEqual([
      { kind: 'literal', value: 'v1-' },
      { kind: 'checksum', files: ['a.lock'] },
      { kind: 'literal', value: '-' },
      { kind: 'branch' },
      { kind: 'literal', value: '-' },
      { kind: 'revision' },
      { kind: 'literal', value: '-' },
      { kind: 'build-number' },
      { kind: 'literal', value: '-' },
      { kind: 'epoch' },
      { kind: 'literal', value: '-' },
      { kind: 'arch' },
      { kind: 'literal', value: '-' },
      { kind: 'env', name: 'X' },
      { kind: 'literal', value: '-' },
      { kind: 'checkout-key' },
    ]);
  });

  it('keeps unknown templates as literal text and round-trips', () => {
    const text = 'k-{{ .Unknown }}-{{checksum "b"}}';
    const key = parseCacheKey(text);
    expect(key.parts[0]).toEqual({ kind: 'literal', value: 'k-{{ .Unknown }}-' });
    expect(formatCacheKey(key).text).toBe('k-{{ .Unknown }}-{{ checksum "b" }}');
    expect(formatCacheKey(parseCacheKey(formatCacheKey(key).text))).toEqual(formatCacheKey(key));
  });
});
