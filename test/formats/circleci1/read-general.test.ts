import { describe, expect, it } from 'vitest';
import { job, plain, read } from './helpers.js';

describe('circleci1 reader: general, experimental, notify', () => {
  it('turns branches.ignore and only into pipeline rules', () => {
    const { pipeline } = read('general:\n  branches:\n    ignore: [gh-pages, /wip-.*/]\n');
    expect(plain(pipeline.rules)).toEqual([
      {
        condition: {
          kind: 'or',
          any: [
            { kind: 'ref', ref: 'branch', match: { kind: 'exact', value: 'gh-pages' } },
            { kind: 'ref', ref: 'branch', match: { kind: 'regex', source: 'wip-.*', fullMatch: true } },
          ],
        },
        when: 'never',
      },
      { condition: { kind: 'ref', ref: 'branch' } },
    ]);
    const only = read('general:\n  branches:\n    only: [main]\n').pipeline;
    expect(plain(only.rules)).toEqual([{ condition: { kind: 'ref', ref: 'branch', match: { kind: 'exact', value: 'main' } } }]);
  });

  it('reads build_dir and artifacts', () => {
    const { pipeline } = read('general:\n  build_dir: app\n  artifacts:\n    - tmp/screenshots\n');
    expect(job(pipeline).workingDirectory).toBe('app');
    expect(plain(job(pipeline).steps.at(-1))).toEqual({ kind: 'artifacts', paths: ['tmp/screenshots'], when: 'always' });
  });

  it('reads chat branch filters and webhooks as notifications', () => {
    const { pipeline, codes } = read('experimental:\n  notify:\n    branches:\n      only: [main]\n      ignore: [/tmp-.*/]\nnotify:\n  webhooks:\n    - url: https://example.com/hook\n');
    expect(plain(pipeline.notifications)).toEqual([
      {
        kind: 'chat-branches',
        condition: {
          kind: 'and',
          all: [
            { kind: 'ref', ref: 'branch', match: { kind: 'exact', value: 'main' } },
            { kind: 'not', condition: { kind: 'ref', ref: 'branch', match: { kind: 'regex', source: 'tmp-.*', fullMatch: true } } },
          ],
        },
      },
      { kind: 'webhook', url: 'https://example.com/hook' },
    ]);
    expect(codes).not.toContain('unknown-key');
  });

  it('reports a webhook without url', () => {
    expect(read('notify:\n  webhooks:\n    - https://example.com\n').codes).toContain('wrong-type');
  });
});
