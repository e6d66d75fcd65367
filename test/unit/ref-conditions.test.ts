import { describe, expect, it } from 'vitest';
import { refDisjunction } from '../../src/ir/ref-conditions.js';
import { conjoin } from '../../src/ir/upstream-conditions.js';
import type { Condition } from '../../src/ir/types.js';

const branch = (value?: string): Condition => ({ kind: 'ref', ref: 'branch', ...(value ? { match: { kind: 'exact', value } } : {}) });
const tag = (source?: string): Condition => ({ kind: 'ref', ref: 'tag', ...(source ? { match: { kind: 'regex', source, fullMatch: true } } : {}) });
const and = (...all: Condition[]): Condition => ({ kind: 'and', all });
const or = (...any: Condition[]): Condition => ({ kind: 'or', any });
const not = (condition: Condition): Condition => ({ kind: 'not', condition });

describe('refDisjunction', () => {
  it('keeps "any branch" and a job that runs always as branches only (no tags)', () => {
    expect(refDisjunction(and(branch(), { kind: 'literal', value: true }))).toEqual(branch());
  });

  it('distributes a workflow condition over a job condition, dropping what no ref satisfies', () => {
    // (any branch or tag v*) and (branch main or tag v*): a branch is never a tag.
    const got = refDisjunction(and(or(branch(), tag('v.*')), or(branch('main'), tag('v.*'))));
    expect(got).toEqual(or(branch('main'), tag('v.*')));
  });

  it('reads "not this tag" as true on branches', () => {
    expect(refDisjunction(and(branch('main'), not(tag('v.*'))))).toEqual(branch('main'));
  });

  it('splits a condition of negations into its branch and tag halves', () => {
    expect(refDisjunction(not(or(branch('main'), tag('v.*'))))).toEqual(or(and(branch(), not(branch('main'))), and(tag(), not(tag('v.*')))));
  });

  it('is false for two different exact branch names', () => {
    expect(refDisjunction(and(branch('a'), branch('b')))).toEqual({ kind: 'literal', value: false });
  });

  it('is false for a ref and its own negation', () => {
    expect(refDisjunction(and(branch('main'), not(branch('main'))))).toEqual({ kind: 'literal', value: false });
    expect(refDisjunction(and(tag('v.*'), not(tag('v.*'))))).toEqual({ kind: 'literal', value: false });
    // Another name is no contradiction.
    expect(refDisjunction(and(branch('main'), not(branch('dev'))))).toEqual(and(branch('main'), not(branch('dev'))));
  });

  it('gives up on conditions about anything but refs', () => {
    expect(refDisjunction(and(branch(), { kind: 'source', source: 'schedule' }))).toBeUndefined();
  });
});

describe('conjoin', () => {
  it('drops "on a branch" beside a test of which branch, and keeps it beside anything else', () => {
    const schedule: Condition = { kind: 'source', source: 'schedule' };
    expect(conjoin(and(schedule, branch('main')), branch())).toEqual(and(schedule, branch('main')));
    expect(conjoin(or(branch('main'), branch('release')), branch())).toEqual(or(branch('main'), branch('release')));
    // A tag test or a mixed disjunction does not say the ref is a branch.
    expect(conjoin(tag('v.*'), branch())).toEqual(and(tag('v.*'), branch()));
    expect(conjoin(or(branch('main'), tag('v.*')), branch())).toEqual(and(or(branch('main'), tag('v.*')), branch()));
    expect(conjoin(schedule, branch())).toEqual(and(schedule, branch()));
  });
});
