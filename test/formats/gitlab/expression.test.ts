import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCondition, parseExpression } from '../../../src/formats/gitlab/expression.js';
import { conditionText } from '../../../src/formats/gitlab/emit-condition.js';
import { describeWithShared, sharedPath } from '../../support/shared.js';

describe('GitLab expression parser', () => {
  it('binds && tighter than || and honours parentheses', () => {
    const flat = parseExpression('$A || $B && $C');
    expect(flat.ok && flat.expression.type).toBe('or');
    const grouped = parseExpression('($A || $B) && $C');
    expect(grouped.ok && grouped.expression.type).toBe('and');
  });

  it('reads $VAR, ${VAR}, quoted strings, null and regex literals with flags', () => {
    const parsed = parseExpression(`\${X} == 'a b' && $Y != null && $Z =~ /^re\\/x$/i`);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok || parsed.expression.type !== 'and') throw new Error('expected and');
    expect(parsed.expression.all[0]).toEqual({ type: 'compare', op: '==', left: { type: 'variable', name: 'X' }, right: { type: 'string', value: 'a b' } });
    expect(parsed.expression.all[2]).toMatchObject({ op: '=~', right: { type: 'regex', source: '^re\\/x$', flags: 'i' } });
  });

  it('maps predefined variables to ref and source conditions', () => {
    expect(parseCondition('$CI_COMMIT_BRANCH == "main"').condition).toEqual({ kind: 'ref', ref: 'branch', match: { kind: 'exact', value: 'main' } });
    expect(parseCondition('$CI_COMMIT_TAG').condition).toEqual({ kind: 'ref', ref: 'tag' });
    expect(parseCondition('$CI_COMMIT_TAG =~ /^v/').condition).toEqual({
      kind: 'ref',
      ref: 'tag',
      match: { kind: 'regex', source: '^v', fullMatch: false },
    });
    expect(parseCondition('$CI_PIPELINE_SOURCE == "schedule"').condition).toEqual({ kind: 'source', source: 'schedule' });
    expect(parseCondition('$CI_PIPELINE_SOURCE == "merge_request_event"').condition).toEqual({ kind: 'source', source: 'merge_request' });
    expect(parseCondition('$CI_COMMIT_BRANCH != "main"').condition).toEqual({
      kind: 'not',
      condition: { kind: 'ref', ref: 'branch', match: { kind: 'exact', value: 'main' } },
    });
    expect(parseCondition('$CI_COMMIT_TAG == null').condition).toEqual({ kind: 'not', condition: { kind: 'ref', ref: 'tag' } });
  });

  it('reads a comparison with the default branch as the neutral default-branch condition, and writes it back', () => {
    expect(parseCondition('$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH').condition).toEqual({ kind: 'default-branch' });
    expect(parseCondition('$CI_DEFAULT_BRANCH == $CI_COMMIT_REF_NAME').condition).toEqual({ kind: 'default-branch' });
    expect(parseCondition('$CI_COMMIT_BRANCH != $CI_DEFAULT_BRANCH').condition).toEqual({ kind: 'not', condition: { kind: 'default-branch' } });
    expect(conditionText({ kind: 'default-branch' }).expression).toBe('$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH');
    expect(conditionText({ kind: 'not', condition: { kind: 'default-branch' } }).expression).toBe('$CI_COMMIT_BRANCH != $CI_DEFAULT_BRANCH');
    // Any other variable on the right stays a variable comparison.
    expect(parseCondition('$CI_COMMIT_BRANCH == $RELEASE_BRANCH').condition).toEqual({ kind: 'var', name: 'CI_COMMIT_BRANCH', op: 'equals', value: '$RELEASE_BRANCH' });
  });

  it('knows the variables every pipeline sets before rules run: alone always true, null never', () => {
    expect(parseCondition('$CI_COMMIT_REF_NAME').condition).toEqual({ kind: 'literal', value: true });
    expect(parseCondition('$CI_COMMIT_SHA == null').condition).toEqual({ kind: 'literal', value: false });
    expect(parseCondition('$CI_PROJECT_PATH != null').condition).toEqual({ kind: 'literal', value: true });
    // A comparison of its value still tests it; a job-only or user variable is not known to be set.
    expect(parseCondition('$CI_PROJECT_PATH == "acme/app"').condition).toEqual({ kind: 'var', name: 'CI_PROJECT_PATH', op: 'equals', value: 'acme/app' });
    expect(parseCondition('$CI_JOB_ID').condition).toEqual({ kind: 'var', name: 'CI_JOB_ID', op: 'truthy' });
  });

  it('reads other variables as var conditions', () => {
    expect(parseCondition('$DEPLOY == "true"').condition).toEqual({ kind: 'var', name: 'DEPLOY', op: 'equals', value: 'true' });
    expect(parseCondition('$DEPLOY').condition).toEqual({ kind: 'var', name: 'DEPLOY', op: 'truthy' });
    expect(parseCondition('$X !~ /a/').condition).toEqual({ kind: 'var', name: 'X', op: 'not-matches', pattern: { source: 'a', fullMatch: false } });
    expect(parseCondition('$NAME =~ $PATTERN').condition).toEqual({ kind: 'var', name: 'NAME', op: 'matches', value: '$PATTERN' });
  });

  it('turns unparseable text into an opaque condition with a reason', () => {
    for (const text of ['$A ==', '($A', '"x" == "y"', '$A === "b"', '']) {
      const result = parseCondition(text);
      expect(result.condition).toEqual({ kind: 'opaque', format: 'gitlab', text });
      expect(result.error).toBeTruthy();
    }
  });

  it('writes conditions back to the same IR', () => {
    for (const text of [
      '$CI_COMMIT_BRANCH == "main"',
      '$CI_COMMIT_TAG =~ /^v\\d+$/',
      '($CI_PIPELINE_SOURCE == "web" || $FORCE) && $CI_COMMIT_BRANCH != "dev"',
      '$CI_COMMIT_TAG == null',
      '$X == "a \\"quoted\\" b"',
      '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH',
    ]) {
      const first = parseCondition(text).condition;
      const again = parseCondition(conditionText(first).expression!).condition;
      expect(again).toEqual(first);
    }
  });

  it('anchors full-match patterns when writing', () => {
    const text = conditionText({ kind: 'ref', ref: 'branch', match: { kind: 'regex', source: 'release/.*', fullMatch: true } });
    expect(text.expression).toBe('$CI_COMMIT_BRANCH =~ /^release\\/.*$/');
  });
});

/** Every `if:` in rules and every only/except `variables:` entry of the corpus. */
function corpusExpressions(): string[] {
  const dir = sharedPath('corpus', 'gitlab');
  const out: string[] = [];
  for (const file of readdirSync(dir)) {
    const lines = readFileSync(join(dir, file), 'utf8').split('\n');
    let inVariables = -1;
    for (const line of lines) {
      const ifMatch = /^\s*-?\s*if:\s*(.+?)\s*$/.exec(line);
      if (ifMatch && !ifMatch[1]!.startsWith('#')) out.push(unquote(ifMatch[1]!));
      const indent = line.search(/\S/);
      if (/^\s*variables:\s*$/.test(line)) inVariables = indent;
      else if (inVariables >= 0 && indent > inVariables && /^\s*-\s*\$/.test(line)) out.push(unquote(line.replace(/^\s*-\s*/, '')));
      else if (inVariables >= 0 && indent <= inVariables && line.trim()) inVariables = -1;
    }
  }
  return out;
}

function unquote(text: string): string {
  const t = text.replace(/\s+#.*$/, '');
  if ((t.startsWith("'") && t.endsWith("'")) || (t.startsWith('"') && t.endsWith('"'))) {
    return t.startsWith("'") ? t.slice(1, -1).replace(/''/g, "'") : JSON.parse(t);
  }
  return t;
}

describeWithShared('GitLab expressions of the corpus', () => {
  it('each parses or yields a clear reason', () => {
    const expressions = corpusExpressions().filter((e) => !e.startsWith('!reference') && !e.startsWith('*'));
    expect(expressions.length).toBeGreaterThan(100);
    let parsed = 0;
    const opaque: string[] = [];
    for (const text of expressions) {
      const result = parseCondition(text.trim());
      if (result.error) {
        expect(result.condition.kind).toBe('opaque');
        expect(result.error.length).toBeGreaterThan(5);
        opaque.push(`${text} → ${result.error}`);
      } else parsed++;
    }
    // Opaque ones are GitLab inputs interpolation (`$[[ inputs.x ]]`) compared as strings.
    expect(opaque.every((o) => o.includes('$[[') || o.includes('"') || o.includes("'")), opaque.join('\n')).toBe(true);
    expect(parsed / expressions.length).toBeGreaterThan(0.95);
  });
});
