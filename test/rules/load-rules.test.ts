/** Loading a --rules file: schema problems located at file:line:col; a valid file becomes a RuleSet. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { toRecords } from '../../src/diagnostics/print.js';
import { loadRulesFile } from '../../src/rules/load-rules.js';

const dir = mkdtempSync(join(tmpdir(), 'ciport-rules-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function load(text: string) {
  const path = join(dir, `rules-${Math.random().toString(36).slice(2)}.yml`);
  writeFileSync(path, text);
  const result = loadRulesFile(path);
  const problems = result.ok ? [] : toRecords(result.diagnostics, result.sources).map((r) => `${r.line}:${r.column} ${r.code} ${r.message}`);
  return { path, result, problems };
}

describe('loadRulesFile', () => {
  it('reads every table with the position of each rule', () => {
    const { path, result } = load(
      [
        'orbs:',
        '  acme/deploy:',
        '    url: https://example.com/orbs/deploy',
        '    commands:',
        '      release:',
        '        parameters: { env: staging, retries: 2 }',
        '        steps:',
        '          - { kind: run, command: ./release.sh << parameters.env >> }',
        'images:',
        '  postgres: mirror/postgres',
        "  'registry.internal/*': mirror/*",
        'resource-classes:',
        '  large: [linux, 4cpu]',
        'runner-tags:',
        '  4cpu: large',
        '',
      ].join('\n'),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { rules } = result;
    expect(rules.orbs['acme/deploy']!.url).toBe('https://example.com/orbs/deploy');
    expect(rules.orbs['acme/deploy']!.commands!.release).toEqual({
      parameters: { env: 'staging', retries: 2 },
      steps: [{ kind: 'run', command: './release.sh << parameters.env >>' }],
      source: { file: path, line: 5, column: 7 },
    });
    expect(rules.images).toEqual([
      { from: 'postgres', to: 'mirror/postgres', source: { file: path, line: 10, column: 3 } },
      { from: 'registry.internal/*', to: 'mirror/*', source: { file: path, line: 11, column: 3 } },
    ]);
    expect(rules.resourceClasses).toEqual([{ resourceClass: 'large', tags: ['linux', '4cpu'], source: { file: path, line: 13, column: 3 } }]);
    expect(rules.runnerTags).toEqual([{ tag: '4cpu', resourceClass: 'large', source: { file: path, line: 15, column: 3 } }]);
  });

  it('accepts an empty map', () => {
    expect(load('{}\n').result).toMatchObject({ ok: true, rules: { orbs: {}, images: [], resourceClasses: [], runnerTags: [] } });
  });

  it('names an unknown top-level key at its position, with the keys it expected', () => {
    expect(load('images: {}\nresource-class:\n  large: [x]\n').problems).toEqual([
      '2:1 rules-invalid the rules file: unknown key "resource-class"; expected orbs, images, resource-classes, runner-tags',
    ]);
  });

  it('names a value of the wrong type at the value', () => {
    expect(load('images:\n  postgres: [a, b]\n').problems).toEqual(['2:13 rules-invalid images.postgres: must be a string, not a list']);
    expect(load('resource-classes:\n  large: linux\n').problems).toEqual(['2:10 rules-invalid resource-classes.large: must be a list, not a string']);
    expect(load('resource-classes:\n  large: []\n').problems).toEqual(['2:10 rules-invalid resource-classes.large: must list at least 1 item(s)']);
    expect(load('- images\n').problems).toEqual(['1:1 rules-invalid the rules file: must be a map, not a list']);
    expect(load('images:\n').problems).toEqual(['1:1 rules-invalid images: must be a map, not empty']);
  });

  it('checks orb names and steps', () => {
    const { problems } = load(
      ['orbs:', '  acme/deploy@1:', '    commands:', '      go:', '        steps:', '          - { kind: run }', '          - { kind: shell, command: x }', '        script: x', ''].join('\n'),
    );
    expect(problems).toEqual([
      '2:3 rules-invalid orbs name: "acme/deploy@1" is not "namespace/orb" (without @version)',
      '6:13 rules-invalid orbs.acme/deploy@1.commands.go.steps[0]: missing key "command"',
      '7:21 rules-invalid orbs.acme/deploy@1.commands.go.steps[1].kind: must be one of run, checkout, docker-daemon (found "shell")',
      '8:9 rules-invalid orbs.acme/deploy@1.commands.go: unknown key "script"; expected description, parameters, aliases, steps, image, machine, windows, credentials',
    ]);
  });

  it('refuses names with spaces and replacements with more * than the pattern', () => {
    expect(load('runner-tags:\n  gpu big: large\n').problems).toEqual(['2:3 rules-invalid runner-tags name: "gpu big" is not one word (no spaces)']);
    expect(load("images:\n  'x/*': 'y/*/*'\n").problems).toEqual(['2:10 rules-invalid images.x/*: the replacement "y/*/*" has more * than the pattern']);
  });

  it('fails on YAML syntax errors and on repeated keys (a warning, with an error that the file is not used)', () => {
    expect(load('images:\n  a: [b\n').problems[0]).toMatch(/^\d+:\d+ yaml-syntax /);
    const repeated = load('images:\n  a: b\n  a: c\n');
    expect(repeated.result.ok).toBe(false);
    if (!repeated.result.ok) {
      expect(repeated.result.diagnostics.map((d) => [d.code, d.severity])).toEqual([
        ['yaml-duplicate-key', 'warning'],
        ['rules-invalid', 'error'],
      ]);
      expect(repeated.result.diagnostics[1]!.origin).toEqual(repeated.result.diagnostics[0]!.origin);
    }
  });

  it('reports a missing file without a position', () => {
    const result = loadRulesFile(join(dir, 'missing.yml'));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.diagnostics[0]).toMatchObject({ code: 'input-unreadable', message: expect.stringContaining('cannot read the rules file') });
  });
});
