import { describe, expect, it } from 'vitest';
import { check } from '../../src/ir/check.js';
import { downstreamOf, indexGraph, topologicalLevels, upstreamOf } from '../../src/ir/graph.js';
import { normalize } from '../../src/ir/normalize.js';
import { matchesName, toFullMatchPattern, toSearchPattern } from '../../src/ir/pattern.js';
import type { Extension, Pipeline, Rule, When, WorkflowNode } from '../../src/ir/types.js';

const node = (id: string, ...requires: string[]): WorkflowNode => ({ id, job: id, requires: requires.map((r) => ({ node: r })) });
const pipeline = (...nodes: WorkflowNode[]): Pipeline => ({
  jobs: nodes.map((n) => ({ id: n.id, steps: [] })),
  workflows: [{ name: 'main', nodes }],
});

describe('check', () => {
  it('accepts a sound graph', () => {
    expect(check(pipeline(node('a'), node('b', 'a'), node('c', 'a', 'b')))).toEqual([]);
  });

  it('finds dangling requirements, unknown jobs, duplicates and cycles', () => {
    const p = pipeline(node('a', 'c'), node('b', 'a'), node('c', 'b'), node('d', 'nope'));
    p.workflows[0]!.nodes.push({ id: 'e', job: 'undefined-job' }, { id: 'a', job: 'a' });
    p.jobs.push({ id: 'b', steps: [] });
    const codes = check(p).map((x) => x.code).sort();
    expect(codes).toEqual(['graph-cycle', 'graph-dangling-requirement', 'graph-duplicate-id', 'graph-duplicate-id', 'graph-unknown-job']);
    expect(check(p).find((x) => x.code === 'graph-cycle')!.message).toContain('a → c → b → a');
  });

  it('allows optional requirements to point at nothing', () => {
    const p = pipeline(node('a'));
    p.workflows[0]!.nodes[0]!.requires = [{ node: 'gone', optional: true }];
    expect(check(p)).toEqual([]);
  });
});

describe('graph', () => {
  it('levels nodes topologically', () => {
    const w = pipeline(node('deploy', 'test', 'lint'), node('lint'), node('build'), node('test', 'build')).workflows[0]!;
    expect(topologicalLevels(w).map((level) => level.map((n) => n.id))).toEqual([['lint', 'build'], ['test'], ['deploy']]);
    expect([...upstreamOf(indexGraph(w), 'deploy')].sort()).toEqual(['build', 'lint', 'test']);
    expect(downstreamOf(indexGraph(w), 'build').map((n) => n.id)).toEqual(['test']);
  });
});

describe('normalize', () => {
  it('ignores origins, comments, stages and order of unordered collections', () => {
    const a: Pipeline = {
      source: 'gitlab',
      variables: [{ name: 'B', value: '2', expand: true }, { name: 'A', value: '1', origin: { file: 'f', range: [0, 1] } }],
      jobs: [{ id: 'x', steps: [{ kind: 'run', command: 'make', comments: { before: ['hi'] } }] }],
      workflows: [{ nodes: [{ id: 'x', job: 'x', stage: 'test' }] }],
    };
    const b: Pipeline = {
      source: 'circleci2',
      variables: [{ name: 'A', value: '1' }, { name: 'B', value: '2', expand: false }],
      jobs: [{ id: 'x', steps: [{ kind: 'run', command: 'make' }] }],
      workflows: [{ nodes: [{ id: 'x', job: 'x' }] }],
    };
    expect(normalize(a)).toEqual(normalize(b));
  });

  it('keeps differences that change behaviour', () => {
    const base = (expand: boolean): Pipeline => ({ variables: [{ name: 'P', value: '$HOME/bin', expand }], jobs: [], workflows: [] });
    expect(normalize(base(true))).not.toEqual(normalize(base(false)));
  });

  // One node gated by a rule; each variant changes one thing a reader or writer could lose.
  const gated = (rule: Rule, extension?: Extension): Pipeline => ({
    source: 'gitlab',
    stages: ['test'],
    jobs: [{ id: 'x', steps: [{ kind: 'run', command: 'make' }], ...(extension ? { extensions: [extension] } : {}) }],
    workflows: [{ nodes: [{ id: 'x', job: 'x', stage: 'test', rules: [rule] }] }],
  });
  const onBranch = (source: string): Rule => ({ condition: { kind: 'ref', ref: 'branch', match: { kind: 'regex', source, fullMatch: false } }, when: 'on_success' });

  it('sees a changed pipeline-source condition', () => {
    const a = gated({ condition: { kind: 'source', source: 'schedule' } });
    const b = gated({ condition: { kind: 'source', source: 'push' } });
    expect(normalize(a)).not.toEqual(normalize(b));
  });

  it('sees a changed regex', () => {
    expect(normalize(gated(onBranch('^release/')))).not.toEqual(normalize(gated(onBranch('^main$'))));
    expect(normalize(gated(onBranch('^release/')))).toEqual(normalize(gated(onBranch('^release/'))));
  });

  it('sees a changed when', () => {
    const rule = (when: When): Rule => ({ ...onBranch('^main$'), when });
    expect(normalize(gated(rule('manual')))).not.toEqual(normalize(gated(rule('on_success'))));
  });

  it('keeps what extension values say, even under presentation key names', () => {
    const extension = (stage: string): Extension => ({ format: 'gitlab', key: 'pages', value: { stage, source: stage, origin: stage } });
    const rule = onBranch('^main$');
    expect(normalize(gated(rule, extension('deploy')))).not.toEqual(normalize(gated(rule, extension('build'))));
  });

  it('drops the format id, the stage list and node stages only where they live', () => {
    const rule = onBranch('^main$');
    const a = gated(rule);
    const b: Pipeline = { ...gated(rule), source: 'circleci2', stages: ['build', 'test'] };
    b.workflows[0]!.nodes[0]!.stage = 'build';
    expect(normalize(a)).toEqual(normalize(b));
  });
});

describe('regex anchoring', () => {
  it('anchors whole-name patterns for anywhere matching', () => {
    expect(toSearchPattern({ source: 'release-.*', fullMatch: true })).toBe('^release-.*$');
    expect(toSearchPattern({ source: 'a|b', fullMatch: true })).toBe('^(?:a|b)$');
    expect(toSearchPattern({ source: '^v\\d+$', fullMatch: true })).toBe('^v\\d+$');
    expect(toSearchPattern({ source: 'feat', fullMatch: false })).toBe('feat');
  });

  it('widens anywhere patterns to whole-name patterns without changing what they match', () => {
    const cases = [
      { source: 'feat', names: ['feat', 'my-feature', 'x'] },
      { source: '^release/', names: ['release/1', 'pre-release/1'] },
      { source: '-rc$', names: ['1.0-rc', '1.0-rc1'] },
      { source: '^main$', names: ['main', 'mainline'] },
    ];
    for (const { source, names } of cases) {
      const original = { source, fullMatch: false };
      const converted = toFullMatchPattern(original);
      expect(converted.exact).toBe(true);
      for (const name of names) expect(matchesName({ source: converted.source, fullMatch: true }, name), `${source} ${name}`).toBe(matchesName(original, name));
    }
  });

  it('says when an alternation with anchors cannot be widened exactly', () => {
    expect(toFullMatchPattern({ source: '^a|b', fullMatch: false }).exact).toBe(false);
  });
});
