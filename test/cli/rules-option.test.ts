/** `--rules <file>` end to end through the real CLI: convert, migrate, diff, audit and `ciport rules`. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ciport, removeTempDirs, tempDir, writeTree } from '../commands/helpers.js';

afterAll(removeTempDirs);


const rulesText = [
  'orbs:', //                                                   1
  '  acme/deploy:', //                                          2
  '    commands:', //                                           3
  '      release:', //                                          4
  '        parameters: { environment: staging }', //            5
  '        steps:', //                                          6
  '          - { kind: run, name: Release, command: ./release.sh << parameters.environment >> }',
  '  circleci/node:', //                                        8
  '    commands:', //                                           9
  '      install-packages:', //                                 10
  '        steps:', //                                          11
  '          - { kind: run, command: make node-deps }', //      12
  'images:', //                                                 13
  '  postgres: registry.acme.example/mirror/postgres', //       14
  "  'cimg/*': registry.acme.example/cimg/*", //                15
  'resource-classes:', //                                       16
  '  large: [linux, 4cpu]', //                                  17
  'runner-tags:', //                                            18
  '  4cpu: large', //                                           19
  '  saas-linux-medium-amd64: xlarge', //                       20
  '',
].join('\n');

const circleConfig = `version: 2.1
orbs:
  deploy: acme/deploy@1.4
  node: circleci/node@5
jobs:
  test:
    docker:
      - image: cimg/python:3.12
      - image: postgres:16
    resource_class: large
    steps:
      - checkout
      - node/install-packages
      - node/install-yarn
      - deploy/release:
          environment: production
workflows:
  main:
    jobs: [test]
`;

const gitlabConfig = `build:
  image: cimg/node:20.11
  tags: [4cpu, docker]
  script: [make]
hosted:
  image: alpine:3.20
  tags: [saas-linux-medium-amd64]
  script: [make]
builtin:
  image: alpine:3.20
  tags: [saas-linux-small-amd64]
  script: [make]
`;

function repo(files: Record<string, string>): { dir: string; rules: string } {
  const dir = writeTree(tempDir(), files);
  const rules = join(writeTree(tempDir(), { 'rules.yml': rulesText }), 'rules.yml');
  return { dir, rules };
}

describe('--rules', () => {
  it('convert to GitLab: internal orb steps, image rewrites, resource_class → tags, user orb rule over the built-in one', () => {
    const { dir, rules } = repo({ '.circleci/config.yml': circleConfig });
    const run = ciport(['convert', dir, '--to', 'gitlab', '--rules', rules]);
    expect(run.code, run.stderr).toBe(0);
    const out = run.stdout;
    expect(out).toContain('- ./release.sh production');
    expect(out).toContain('image: registry.acme.example/cimg/python:3.12');
    expect(out).toContain('registry.acme.example/mirror/postgres:16');
    expect(out).toMatch(/tags:\n\s+- linux\n\s+- 4cpu/);
    expect(out).not.toContain('cimg/python:3.12\n'.replace(/^/, 'image: '));
    // The user's install-packages replaces the built-in one; install-yarn still comes from the table.
    expect(out).toContain('- make node-deps');
    expect(out).not.toContain('npm ci');
    expect(out).toContain('npm install --global yarn');
    expect(run.stderr).toContain(`"deploy/release" (acme/deploy) is expanded from the rule at ${rules}:4 [user-rule]`);
    expect(run.stderr).toContain(`"node/install-packages" (circleci/node) is expanded from the rule at ${rules}:10 [user-rule]`);
    expect(run.stderr).toContain('"node/install-yarn" (circleci/node) is expanded from the built-in orb table [circleci2-orb-table]');
    expect(run.stderr).toContain(`(rule "postgres" at ${rules}:14) [user-rule]`);
    expect(run.stderr).toContain(`resource_class "large" selects runners tagged linux, 4cpu (rule at ${rules}:17) [user-rule]`);
    expect(run.stderr).not.toContain('has no GitLab key');
  });

  it('without --rules the internal orb stays a placeholder and the resource class a warning', () => {
    const { dir } = repo({ '.circleci/config.yml': circleConfig });
    const run = ciport(['convert', dir, '--to', 'gitlab']);
    expect(run.stdout).not.toContain('./release.sh');
    expect(run.stderr).toContain('[circleci2-unknown-orb]');
    expect(run.stdout).toContain('image: cimg/python:3.12');
  });

  it('convert to CircleCI: runner tags → resource_class, user rule over the built-in tag table', () => {
    const { dir, rules } = repo({ '.gitlab-ci.yml': gitlabConfig });
    const run = ciport(['convert', dir, '--to', 'circleci2', '--rules', rules]);
    expect(run.code, run.stderr).toBeLessThan(2);
    const jobs = run.stdout.split(/\n {2}(?=\w+:\n)/);
    const job = (name: string) => jobs.find((text) => text.startsWith(`${name}:`)) ?? '';
    expect(job('build')).toContain('resource_class: large');
    expect(job('build')).toContain('image: registry.acme.example/cimg/node:20.11');
    expect(job('hosted')).toContain('resource_class: xlarge');
    expect(job('builtin')).toContain('resource_class: medium');
    expect(run.stderr).toContain(`runner tag 4cpu becomes resource_class "large" (rule at ${rules}:19) [user-rule]`);
    expect(run.stderr).toContain('runner tag saas-linux-small-amd64 becomes resource_class "medium" (rule at mappings/runners.yml) [builtin-rule]');
    // The tag no rule maps is still a manual choice.
    expect(run.stderr).toMatch(/job "build" selected runners by tags \(docker\).*\[manual-runner\]/);
  });

  const invalid: Array<[string, string, RegExp]> = [
    ['wrong type', 'images:\n  postgres: [a]\n', /rules\.yml:2:13: error: images\.postgres: must be a string, not a list \[rules-invalid\]/],
    ['unknown key', 'image:\n  postgres: x\n', /rules\.yml:1:1: error: the rules file: unknown key "image"; expected orbs, images, resource-classes, runner-tags \[rules-invalid\]/],
    ['bad YAML', 'images:\n  postgres: [a\n', /rules\.yml:\d+:\d+: error: .* \[yaml-syntax\]/],
  ];
  for (const [what, text, expected] of invalid) {
    it(`refuses a rules file with ${what}: exit 2, file:line:col, nothing written`, () => {
      const dir = writeTree(tempDir(), { '.circleci/config.yml': circleConfig, 'rules.yml': text });
      const rules = join(dir, 'rules.yml');
      const out = join(dir, 'out.yml');
      const convert = ciport(['convert', dir, '--to', 'gitlab', '--rules', rules, '-o', out]);
      expect(convert.code).toBe(2);
      expect(convert.stderr).toMatch(expected);
      expect(convert.stderr).not.toMatch(/\n\s+at /);
      expect(convert.stdout).toBe('');
      expect(existsSync(out)).toBe(false);
      const migrate = ciport(['migrate', dir, '--to', 'gitlab', '--rules', rules]);
      expect(migrate.code).toBe(2);
      expect(migrate.stderr).toMatch(expected);
      expect(readdirSync(dir).sort()).toEqual(['.circleci', 'rules.yml']);
    });
  }

  it('convert --json reports a refused rules file as JSON with output null', () => {
    const dir = writeTree(tempDir(), { '.circleci/config.yml': circleConfig, 'rules.yml': 'images: 3\n' });
    const run = ciport(['convert', dir, '--to', 'gitlab', '--json', '--rules', join(dir, 'rules.yml')]);
    expect(run.code).toBe(2);
    const body = JSON.parse(run.stdout);
    expect(body.output).toBeNull();
    expect(body.diagnostics).toEqual([
      expect.objectContaining({ code: 'rules-invalid', file: join(dir, 'rules.yml'), line: 1, column: 9, message: 'images: must be a map, not an integer' }),
    ]);
  });

  it('migrate and diff apply the rules', () => {
    const { dir, rules } = repo({ '.circleci/config.yml': circleConfig });
    const diff = ciport(['diff', dir, '--to', 'gitlab', '--rules', rules]);
    expect(diff.stdout).toContain('+    - ./release.sh production');
    const migrate = ciport(['migrate', dir, '--to', 'gitlab', '--rules', rules]);
    expect(migrate.code, migrate.stderr).toBe(0);
    expect(readFileSync(join(dir, '.gitlab-ci.yml'), 'utf8')).toContain('registry.acme.example/mirror/postgres:16');
    expect(ciport(['diff', dir, '--to', 'gitlab', '--check', '--rules', rules]).code).toBe(0);
    expect(ciport(['diff', dir, '--to', 'gitlab', '--check']).code).toBe(1);
  });

  it('audit passes the rules to its workers', () => {
    const org = tempDir();
    writeTree(join(org, 'service'), { '.circleci/config.yml': circleConfig });
    const rules = join(writeTree(tempDir(), { 'rules.yml': rulesText }), 'rules.yml');
    const out = join(tempDir(), 'out');
    const run = ciport(['audit', org, '--to', 'gitlab', '--out', out, '--jobs', '1', '--rules', rules]);
    expect(run.code, run.stderr).toBeLessThan(2);
    expect(readFileSync(join(out, 'repos/service/.gitlab-ci.yml'), 'utf8')).toContain('./release.sh production');
    expect(ciport(['audit', org, '--to', 'gitlab', '--out', join(tempDir(), 'o'), '--rules', join(org, 'nope.yml')]).code).toBe(2);
  });

  it('ciport rules --rules shows the user rules merged over the built-in tables', () => {
    const rules = join(writeTree(tempDir(), { 'rules.yml': rulesText }), 'rules.yml');
    const text = ciport(['rules', '--rules', rules]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('  acme/deploy\n    commands:  release (');
    expect(text.stdout).toContain(`install-packages (${rules}:10), install, install-yarn`);
    expect(text.stdout).toMatch(/postgres +→ registry\.acme\.example\/mirror\/postgres +\S+rules\.yml:14/);
    const json = JSON.parse(ciport(['rules', '--format', 'json', '--rules', rules]).stdout);
    expect(json.tables.runnerTags.slice(0, 2)).toEqual([
      { tag: '4cpu', resourceClass: 'large', source: `${rules}:19` },
      { tag: 'saas-linux-medium-amd64', resourceClass: 'xlarge', source: `${rules}:20` },
    ]);
    expect(json.tables.runnerTags).toContainEqual({ tag: 'saas-linux-medium-amd64', resourceClass: 'large', source: 'mappings/runners.yml' });
    const refused = ciport(['rules', '--rules', join(tempDir(), 'missing.yml')]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('cannot read the rules file');
  });
});
