import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emit, job, plain, read } from './helpers.js';

describe('circleci2 reader: orbs', () => {
  it('expands inline orbs like local definitions', () => {
    const { pipeline, codes } = read(`version: 2.1
orbs:
  my:
    executors:
      e: {docker: [{image: cimg/base:2024.01}]}
    commands:
      hi:
        parameters: {who: {type: string, default: you}}
        steps: [{run: "echo << parameters.who >>"}]
      twice: {steps: [hi, hi]}
    jobs:
      j: {executor: e, steps: [twice]}
workflows:
  ci: {jobs: [my/j]}
`);
    expect(pipeline.jobs.map((j) => j.id)).toEqual(['my-j']);
    expect(pipeline.workflows[0]!.nodes[0]).toMatchObject({ id: 'my/j', job: 'my-j' });
    expect(plain(job(pipeline, 'my-j').steps)).toEqual([
      { kind: 'run', command: 'echo you' },
      { kind: 'run', command: 'echo you' },
    ]);
    expect(codes).not.toContain('unknown-key');
  });

  it('expands registry orbs from orbDir exactly', () => {
    const dir = mkdtempSync(join(tmpdir(), 'orbs-'));
    mkdirSync(join(dir, 'acme'));
    writeFileSync(
      join(dir, 'acme', 'tools.yml'),
      'version: 2.1\ncommands:\n  lint:\n    parameters: {strict: {type: boolean, default: false}}\n    steps:\n      - run: acme-lint --strict=<< parameters.strict >>\n',
    );
    const { pipeline, codes } = read(
      `version: 2.1
orbs:
  t: acme/tools@1.2.3
jobs:
  build:
    docker: [{image: cimg/base:2024.01}]
    steps: [{t/lint: {strict: true}}]
workflows:
  ci: {jobs: [build]}
`,
      { orbDir: dir },
    );
    expect(plain(job(pipeline, 'build').steps)).toEqual([{ kind: 'run', command: 'acme-lint --strict=true' }]);
    expect(pipeline.extensions).toBeUndefined();
    expect(codes).not.toContain('circleci2-unknown-orb');
  });

  it('expands popular registry orbs from the built-in table, with a note', () => {
    const { pipeline, codes } = read(`version: 2.1
orbs:
  node: circleci/node@5
  docker: circleci/docker@2.5.0
jobs:
  build:
    executor: node/default
    steps: [checkout, {node/install-packages: {pkg-manager: yarn}}]
workflows:
  ci:
    jobs:
      - build
      - docker/publish: {image: acme/app, tag: v1}
`);
    expect(job(pipeline, 'build').executor).toEqual({ kind: 'docker', image: { name: 'cimg/node:lts' } });
    expect((job(pipeline, 'build').steps[1] as { command: string }).command).toContain('yarn install');
    const publish = job(pipeline, 'docker-publish');
    expect(publish.steps.map((s) => s.kind)).toEqual(['checkout', 'docker-daemon', 'run', 'run', 'run']);
    expect((publish.steps[4] as { command: string }).command).toBe('docker push docker.io/acme/app:v1');
    expect(codes.filter((c) => c === 'circleci2-orb-table')).toHaveLength(3);
  });

  it('carries unknown orb elements as placeholders, names them, and writes them back', () => {
    const { pipeline, diagnostics } = read(`version: 2.1
orbs:
  x: someone/thing@1.0.0
jobs:
  build:
    docker: [{image: cimg/base:2024.01}]
    steps: [{x/do: {level: 2}}]
workflows:
  ci:
    jobs: [build, {x/job: {flag: true, requires: [build]}}]
`);
    const messages = diagnostics.filter((d) => d.code === 'circleci2-unknown-orb').map((d) => d.message);
    expect(messages).toHaveLength(2);
    expect(messages[0]).toContain('x/do');
    expect(messages[0]).toContain('someone/thing');
    const out = emit(pipeline).doc;
    expect(out.orbs).toEqual({ x: 'someone/thing@1.0.0' });
    expect(out.jobs.build.steps[0]).toEqual({ 'x/do': { level: 2 } });
    expect(out.workflows.ci.jobs[1]).toEqual({ 'x/job': { flag: true, requires: ['build'] } });
  });

  it('keeps an orb command that assumes a role with the OIDC token as written, with what it obtains', () => {
    const { pipeline, codes } = read(`version: 2.1
orbs:
  aws-cli: circleci/aws-cli@4.1
jobs:
  deploy:
    docker: [{image: cimg/base:2024.01}]
    steps:
      - aws-cli/setup: {role_arn: "arn:aws:iam::1:role/ci", region: us-west-2}
      - aws-cli/setup: {region: AWS_REGION}
workflows:
  ci: {jobs: [deploy]}
`);
    const [assume, ...expanded] = job(pipeline, 'deploy').steps;
    expect(assume).toMatchObject({
      kind: 'unmapped',
      name: 'aws-cli/setup',
      value: { role_arn: 'arn:aws:iam::1:role/ci', region: 'us-west-2' },
      credentials: { obtains: 'assumes the AWS role "arn:aws:iam::1:role/ci" with the job\'s CircleCI OIDC token' },
    });
    expect((assume as { credentials: { hints: Record<string, string> } }).credentials.hints.gitlab).toContain('id_tokens');
    // Without a role the keys come from the project's variables: the table's steps, the name read through.
    expect(expanded.map((s) => (s as { command: string }).command).at(-1)).toBe('aws configure set region "${AWS_REGION}" --profile default');
    expect(codes).not.toContain('circleci2-orb-argument');
    // CircleCI 2.1 output runs the orb itself.
    expect(emit(pipeline).doc.jobs.deploy.steps[0]).toEqual({ 'aws-cli/setup': { role_arn: 'arn:aws:iam::1:role/ci', region: 'us-west-2' } });
  });

  it('names each argument the table steps never read, at the argument', () => {
    const text = `version: 2.1
orbs:
  node: circleci/node@5
jobs:
  build:
    docker: [{image: cimg/base:2024.01}]
    steps:
      - node/install-packages:
          pkg-manager: yarn
          override-ci-command: yarn install --immutable
workflows:
  ci: {jobs: [build]}
`;
    const unread = read(text).diagnostics.filter((d) => d.code === 'circleci2-orb-argument');
    expect(unread.map((d) => [d.message, text.slice(d.origin?.range[0])])).toEqual([
      [
        '"node/install-packages" (circleci/node): the argument "override-ci-command" is not one the built-in orb table\'s steps read; what it changes is not translated',
        expect.stringMatching(/^override-ci-command: yarn/),
      ],
    ]);
  });

  it("reads an older orb version's name for a parameter as that parameter", () => {
    const text = (args: string) => `version: 2.1
orbs:
  docker: circleci/docker@0.5.10
workflows:
  ci:
    jobs:
      - docker/hadolint:${args}
`;
    const lint = (args: string) => {
      const { pipeline, diagnostics } = read(text(args));
      const command = plain(job(pipeline, 'docker-hadolint').steps).flatMap((s) => (s.kind === 'run' ? [s.command] : []))[0]!;
      return { command, unread: diagnostics.filter((d) => d.code === 'circleci2-orb-argument').length };
    };
    const older = lint('\n          dockerfile: ubuntu/Dockerfile\n          ignore-rules: DL3008,SC2143');
    expect(older.command).toContain('echo "ubuntu/Dockerfile"');
    expect(older.command).toContain('echo "DL3008,SC2143"');
    expect(older.unread).toBe(0);
    // The current name wins over the older one; without either, the default.
    expect(lint('\n          dockerfiles: a/Dockerfile:b/Dockerfile\n          dockerfile: old').command).toContain('echo "a/Dockerfile:b/Dockerfile"');
    expect(lint(' {}').command).toContain('echo "Dockerfile"');
  });
});
