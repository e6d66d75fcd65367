import { describe, expect, it } from 'vitest';
import { codes, job, node, plain, read, write } from './helpers.js';

describe('jobs and the graph', () => {
  it('makes jobs without needs require every job of earlier stages', () => {
    const { pipeline } = read(`
stages: [build, test, deploy]
a: {stage: build, script: [a]}
b: {stage: build, script: [b]}
t: {script: [t]}
d: {stage: deploy, script: [d], needs: [{job: t, artifacts: false, optional: true}]}
e: {stage: deploy, script: [e], dependencies: [a]}
`);
    expect(pipeline.stages).toEqual(['build', 'test', 'deploy']);
    expect(plain(node(pipeline, 't'))).toMatchObject({ stage: 'test', requires: [{ node: 'a' }, { node: 'b' }] });
    expect(plain(node(pipeline, 'd').requires)).toEqual([{ node: 't', artifacts: false, optional: true }]);
    expect(plain(node(pipeline, 'e').requires)).toEqual([
      { node: 'a', artifacts: true, order: 'stage' },
      { node: 'b', artifacts: false, order: 'stage' },
      { node: 't', artifacts: false, order: 'stage' },
    ]);
    expect(node(pipeline, 'a').requires).toBeUndefined();
  });

  it('keeps written needs that list the earlier stages through a GitLab round trip', () => {
    // Written needs and stage order differ when an upstream is not created: a written need keeps
    // the job from running, stage order passes over it.
    const { pipeline } = read('stages: [build, test]\nb:\n  stage: build\n  script: [b]\n  rules: [{if: $X}]\nt:\n  stage: test\n  script: [t]\n  needs: [b]\nu:\n  stage: test\n  script: [u]\n');
    expect(plain(node(pipeline, 't').requires)).toEqual([{ node: 'b' }]);
    expect(plain(node(pipeline, 'u').requires)).toEqual([{ node: 'b', order: 'stage' }]);
    const text = write(pipeline).text;
    const again = read(text).pipeline;
    expect(plain(node(again, 't').requires)).toEqual([{ node: 'b' }]);
    expect(plain(node(again, 'u').requires)).toEqual([{ node: 'b', order: 'stage' }]);
  });

  it('reads scripts as one run step per line with their phase', () => {
    const { pipeline } = read('job:\n  before_script: [a]\n  script: [b, [c, d]]\n  after_script: e\n');
    expect(plain(job(pipeline, 'job').steps)).toEqual([
      { kind: 'checkout' },
      { kind: 'run', command: 'a', phase: 'before_script' },
      { kind: 'run', command: 'b', phase: 'script' },
      { kind: 'run', command: 'c', phase: 'script' },
      { kind: 'run', command: 'd', phase: 'script' },
      { kind: 'run', command: 'e', phase: 'after_script', when: 'always' },
    ]);
  });

  it('reads image, services, variables and job settings', () => {
    const { pipeline, diagnostics } = read(`
job:
  image: {name: "ruby:3", entrypoint: [""], pull_policy: if-not-present, docker: {user: app, platform: linux/arm64}}
  services:
    - postgres:16
    - {name: redis:7, alias: cache, command: [redis-server, --save, ""], variables: {A: "1"}}
  variables:
    API_TOKEN: abc123
    PLAIN: {value: "$X", expand: false}
  script: [rake]
  allow_failure: {exit_codes: [3, 4]}
  retry: {max: 2, when: script_failure, exit_codes: 137}
  timeout: 30m
  tags: [docker]
  resource_group: prod
  interruptible: true
  coverage: /(\\d+)%/
  release: {tag_name: v1, description: x}
  id_tokens: {TOKEN: {aud: https://x}}
`);
    const j = plain(job(pipeline, 'job'));
    expect(j.executor).toEqual({
      kind: 'docker',
      image: { name: 'ruby:3', entrypoint: [''], pullPolicy: ['if-not-present'], user: 'app', platform: 'linux/arm64' },
    });
    expect(j.services).toEqual([
      { name: 'postgres:16' },
      { name: 'redis:7', alias: 'cache', command: ['redis-server', '--save', ''], environment: [{ name: 'A', value: '1', expand: true }] },
    ]);
    expect(j.environment).toEqual([
      { name: 'API_TOKEN', value: 'abc123', expand: true, secret: true },
      { name: 'PLAIN', value: '$X', expand: false },
    ]);
    expect(j).toMatchObject({
      allowFailure: { exitCodes: [3, 4] },
      retry: { max: 2, when: ['script_failure'], exitCodes: [137] },
      timeout: '30m',
      runnerTags: ['docker'],
      concurrencyGroup: 'prod',
      interruptible: true,
      coverage: '/(\\d+)%/',
    });
    expect(j.extensions?.map((e) => e.key)).toEqual(['release', 'id_tokens']);
    expect(codes(diagnostics)).toEqual([]);
  });

  it('reports unknown keys with their path, and wrong types', () => {
    const { diagnostics } = read('job:\n  script: [x]\n  scirpt: [y]\n  tags: {a: 1}\n');
    expect(diagnostics.map((d) => `${d.code}:${d.message}`)).toEqual([
      'unknown-key:key "job.scirpt" is not understood and is not translated',
      'wrong-type:"job.tags" is a mapping; expected a string or a list of strings. It is not translated',
    ]);
  });
});

describe('rules, only/except, when', () => {
  it('reads rules with if, changes, exists, when, allow_failure, variables', () => {
    const { pipeline } = read(`
job:
  script: [x]
  rules:
    - if: $CI_COMMIT_BRANCH == "main"
      changes: {paths: [src/**], compare_to: refs/heads/main}
      variables: {MODE: full}
    - exists: [Dockerfile]
      when: manual
      allow_failure: true
    - when: never
`);
    expect(plain(node(pipeline, 'job').rules)).toEqual([
      {
        condition: {
          kind: 'and',
          all: [
            { kind: 'ref', ref: 'branch', match: { kind: 'exact', value: 'main' } },
            { kind: 'changes', paths: ['src/**'], compareTo: 'refs/heads/main' },
          ],
        },
        variables: [{ name: 'MODE', value: 'full', expand: true }],
      },
      { condition: { kind: 'exists', paths: ['Dockerfile'] }, when: 'manual', allowFailure: true },
      { when: 'never' },
    ]);
  });

  it('turns only/except into rules: except first as never', () => {
    const { pipeline, diagnostics } = read('job:\n  script: [x]\n  only: [main, /^rel-/, tags]\n  except: {variables: [$SKIP]}\n  when: manual\n');
    expect(plain(node(pipeline, 'job').rules)).toEqual([
      { condition: { kind: 'var', name: 'SKIP', op: 'truthy' }, when: 'never' },
      {
        condition: {
          kind: 'or',
          any: [
            { kind: 'ref', ref: 'branch', match: { kind: 'exact', value: 'main' } },
            { kind: 'ref', ref: 'branch', match: { kind: 'regex', source: '^rel-', fullMatch: false } },
            { kind: 'ref', ref: 'tag' },
          ],
        },
        when: 'manual',
        allowFailure: true,
      },
    ]);
    expect(codes(diagnostics)).toEqual(['deprecated-syntax']);
  });

  it('states only/except ref regexes in RE2, so a round trip through rules:if keeps them', () => {
    // gitlab-runner's own .gitlab-ci.yml writes `only: [/\Av[0-9]+\Z/]`; RE2 (rules:if) has only `\z`.
    const text = 'job:\n  script: [x]\n  only:\n    - /\\Av[0-9]+\\Z/\n    - /a\\\\Z/\n';
    const { pipeline } = read(text);
    const first = plain(node(pipeline, 'job').rules);
    expect(first).toEqual([
      {
        condition: {
          kind: 'or',
          any: [
            { kind: 'ref', ref: 'branch', match: { kind: 'regex', source: '\\Av[0-9]+\\z', fullMatch: false } },
            // An escaped backslash followed by Z is a literal `Z`, not the anchor.
            { kind: 'ref', ref: 'branch', match: { kind: 'regex', source: 'a\\\\Z', fullMatch: false } },
          ],
        },
      },
    ]);
    const again = read(write(pipeline).text).pipeline;
    expect(plain(node(again, 'job').rules)).toEqual(first);
  });

  it('keeps job-level when: manual allow_failure default apart from rules', () => {
    const { pipeline } = read('a:\n  script: [x]\n  when: manual\nb:\n  script: [x]\n  when: delayed\n  start_in: 5m\n');
    expect(plain(node(pipeline, 'a').rules)).toEqual([{ when: 'manual', allowFailure: true, defaultEventsOnly: true }]);
    expect(plain(node(pipeline, 'b').rules)).toEqual([{ when: 'delayed', startIn: '5m', defaultEventsOnly: true }]);
  });

  it('tells rules that keep out of merge request pipelines from bare rules entries, which do not', () => {
    const { pipeline } = read(
      [
        'workflow:',
        '  rules:',
        '    - if: $CI_PIPELINE_SOURCE != "merge_request_event" && $X',
        'bare:',
        '  script: [x]',
        '  rules:',
        '    - when: always',
        'excepted:',
        '  script: [x]',
        '  except: [main]',
        'only:',
        '  script: [x]',
        '  only: [main]',
        'spelled:',
        '  script: [x]',
        '  rules:',
        '    - if: $X == "1" && $CI_PIPELINE_SOURCE != "merge_request_event"',
        '      when: manual',
        '',
      ].join('\n'),
    );
    expect(plain(node(pipeline, 'bare').rules)).toEqual([{ when: 'always' }]);
    // `except` alone keeps the default `only: [branches, tags]`; `only` says itself where the job runs.
    expect(plain(node(pipeline, 'excepted').rules)?.at(-1)).toEqual({ defaultEventsOnly: true });
    expect(plain(node(pipeline, 'only').rules)?.some((r: { defaultEventsOnly?: boolean }) => r.defaultEventsOnly)).toBe(false);
    expect(plain(node(pipeline, 'spelled').rules)).toEqual([{ condition: { kind: 'var', name: 'X', op: 'equals', value: '1' }, when: 'manual', defaultEventsOnly: true }]);
    // Workflow rules keep the test as written: the pipeline-level decision has no default events.
    expect(JSON.stringify(pipeline.rules)).not.toContain('defaultEventsOnly');
  });

  it('reads workflow rules and name', () => {
    const { pipeline } = read('workflow:\n  name: "Pipeline $CI_COMMIT_REF_NAME"\n  rules:\n    - if: $CI_COMMIT_TAG\n      when: never\n    - when: always\njob:\n  script: [x]\n');
    expect(pipeline.name).toBe('Pipeline $CI_COMMIT_REF_NAME');
    expect(plain(pipeline.rules)).toEqual([{ condition: { kind: 'ref', ref: 'tag' }, when: 'never' }, { when: 'always' }]);
  });
});

describe('cache and artifacts', () => {
  it('reads cache policies as restore and save steps', () => {
    const { pipeline } = read(`
job:
  script: [x]
  cache:
    - key: {files: [Gemfile.lock], prefix: gems}
      paths: [vendor/]
      fallback_keys: [gems-$CI_DEFAULT_BRANCH]
    - key: $CI_COMMIT_REF_SLUG-node
      paths: [node_modules/]
      policy: pull
    - key: build
      paths: [out/]
      policy: push
      when: always
      untracked: true
`);
    const steps = plain(job(pipeline, 'job').steps).filter((s) => s.kind.startsWith('cache'));
    expect(steps).toEqual([
      {
        kind: 'cache-restore',
        keys: [
          { parts: [{ kind: 'literal', value: 'gems' }, { kind: 'checksum', files: ['Gemfile.lock'] }] },
          { parts: [{ kind: 'literal', value: 'gems-' }, { kind: 'env', name: 'CI_DEFAULT_BRANCH' }] },
        ],
        paths: ['vendor/'],
      },
      { kind: 'cache-restore', keys: [{ parts: [{ kind: 'branch' }, { kind: 'literal', value: '-node' }] }], paths: ['node_modules/'] },
      // Every GitLab job saves its cache again over the same key.
      { kind: 'cache-save', key: { parts: [{ kind: 'literal', value: 'gems' }, { kind: 'checksum', files: ['Gemfile.lock'] }] }, paths: ['vendor/'], overwrites: true },
      { kind: 'cache-save', key: { parts: [{ kind: 'literal', value: 'build' }] }, paths: ['out/'], overwrites: true, when: 'always', untracked: true },
    ]);
  });

  it('reads artifacts, JUnit reports as test results and other reports as extensions', () => {
    const { pipeline, diagnostics } = read('job:\n  script: [x]\n  artifacts:\n    paths: [dist/]\n    expire_in: 1 day\n    reports:\n      junit: [a.xml, b.xml]\n      dotenv: build.env\n');
    const j = plain(job(pipeline, 'job'));
    expect(j.steps.slice(-3)).toEqual([
      { kind: 'artifacts', paths: ['dist/'], expireIn: '1 day' },
      { kind: 'test-results', path: 'a.xml', format: 'junit' },
      { kind: 'test-results', path: 'b.xml', format: 'junit' },
    ]);
    expect(j.extensions).toEqual([{ format: 'gitlab', key: 'artifacts.reports', value: { dotenv: 'build.env' } }]);
    expect(codes(diagnostics)).toEqual(['gitlab-report-kept']);
  });
});

describe('reports-only artifacts', () => {
  it('keeps when/expire_in of artifacts without files as GitLab extensions', () => {
    const { pipeline } = read('job:\n  script: [x]\n  artifacts:\n    when: always\n    reports: {codequality: cq.json}\n');
    expect(plain(job(pipeline, 'job').extensions)).toEqual([
      { format: 'gitlab', key: 'artifacts.reports', value: { codequality: 'cq.json' } },
      { format: 'gitlab', key: 'artifacts.when', value: 'always' },
    ]);
  });
});

describe('Docker in Docker', () => {
  const dind = (text: string) => {
    const { pipeline, diagnostics } = read(text);
    const j = plain(job(pipeline, 'build'));
    return { step: j.steps.find((s) => s.kind === 'docker-daemon'), j, diagnostics };
  };

  it('reads TLS dind with its variables consumed', () => {
    const { step, j } = dind('build:\n  image: docker:24.0.5-cli\n  services: [docker:24.0.5-dind]\n  variables: {DOCKER_TLS_CERTDIR: /certs, OTHER: x}\n  script: [docker info]\n');
    expect(step).toEqual({ kind: 'docker-daemon', engine: 'dind', version: '24.0.5', tls: true, certDir: '/certs' });
    expect(j.environment?.map((v) => v.name)).toEqual(['OTHER']);
    expect(j.services).toBeUndefined();
  });

  it('reads no-TLS dind, storage driver and a registry mirror', () => {
    const { step } = dind(`
variables: {DOCKER_DRIVER: overlay2}
build:
  services: [{name: "docker:dind", command: ["--registry-mirror", "https://m"]}]
  variables: {DOCKER_HOST: "tcp://docker:2375", DOCKER_TLS_CERTDIR: ""}
  script: [docker info]
`);
    expect(step).toEqual({
      kind: 'docker-daemon',
      engine: 'dind',
      tls: false,
      host: 'tcp://docker:2375',
      certDir: '',
      storageDriver: 'overlay2',
      daemonArgs: ['--registry-mirror', 'https://m'],
    });
  });

  it('reads the Kubernetes TLS variant and stable-dind', () => {
    const { step } = dind('build:\n  services: [docker:stable-dind]\n  variables: {DOCKER_HOST: "tcp://docker:2376", DOCKER_TLS_VERIFY: 1, DOCKER_CERT_PATH: "$DOCKER_TLS_CERTDIR/client"}\n  script: [x]\n');
    expect(step).toEqual({ kind: 'docker-daemon', engine: 'dind', image: 'docker:stable-dind', host: 'tcp://docker:2376', tls: true });
  });

  it('keeps the registry and path of the dind image, and writes back only the variables the source set', () => {
    const text = `
build:
  image: registry.example.com/mirror/docker:27-cli
  services:
    - registry.example.com/mirror/docker:27-dind
    - docker.io/library/postgres:16
  variables: {DOCKER_HOST: "tcp://docker:2375"}
  script: [docker info]
`;
    const { step, j } = dind(text);
    expect(step).toMatchObject({ engine: 'dind', version: '27', image: 'registry.example.com/mirror/docker:27-dind', host: 'tcp://docker:2375', tls: false });
    expect(j.services?.map((s) => s.name)).toEqual(['docker.io/library/postgres:16']);
    const out = write(read(text).pipeline).text;
    expect(out).toContain('- registry.example.com/mirror/docker:27-dind');
    expect(out).toContain('- docker.io/library/postgres:16');
    expect(out).toContain('image: registry.example.com/mirror/docker:27-cli');
    // A plain-TCP host alone: GitLab output adds no DOCKER_TLS_CERTDIR the source did not have.
    expect(out).not.toContain('DOCKER_TLS_CERTDIR');
  });
});

describe('cache keys', () => {
  it('keep their characters in GitLab output from a GitLab source', () => {
    const out = write(read('job:\n  script: [x]\n  cache:\n    key: maven/\n    paths: [.m2]\n').pipeline).text;
    expect(out).toContain('key: maven/');
  });
});

describe('header and workflow extensions', () => {
  it('keeps a spec: header and workflow:auto_cancel for GitLab output', async () => {
    const { write } = await import('./helpers.js');
    const text = 'spec:\n  inputs:\n    stage:\n      default: test\n---\nworkflow:\n  auto_cancel:\n    on_new_commit: interruptible\njob:\n  script: [x]\n';
    const { pipeline, diagnostics } = read(text);
    expect(pipeline.extensions?.map((e) => e.key)).toEqual(['spec', 'workflow.auto_cancel']);
    expect(codes(diagnostics)).toEqual(['unsupported-feature']);
    const out = write(pipeline).text;
    expect(out.startsWith('spec:\n  inputs:')).toBe(true);
    expect(out).toContain('---\nworkflow:\n  auto_cancel:\n    on_new_commit: interruptible');
  });
});
