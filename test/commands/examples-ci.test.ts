/**
 * The pull/merge request pipelines of examples/ci: valid for their hosts (the vendor schemas, and
 * gitlab-ci-local), and their shell steps run here for real, with ciport from source and stubs
 * for what would reach the network (npm, gh, curl).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { commentLimits } from '../../src/report/comment-limits.js';
import { commentMarker } from '../../src/report/markdown.js';
import { hasGitlabCiLocal, previewWithGitlabCiLocal } from '../support/gitlab-ci-local.js';
import { itWithShared, sharedPath } from '../support/shared.js';
import { circle2Config, removeTempDirs, root, tempDir, writeTree } from './helpers.js';

afterAll(removeTempDirs);

const githubFile = join(root, 'examples/ci/github-actions-ciport-diff.yml');
const gitlabFile = join(root, 'examples/ci/gitlab-ciport-diff.yml');
// GitHub reads workflows as YAML 1.2 (`on` is a key); GitLab reads YAML 1.1.
const workflow = parse(readFileSync(githubFile, 'utf8'), { version: '1.2' }) as GithubWorkflow;
const gitlab = parse(readFileSync(gitlabFile, 'utf8'), { version: '1.1' }) as { 'ciport-preview': GitlabJob };
const job = gitlab['ciport-preview'];

interface GithubStep {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface GithubWorkflow {
  env: Record<string, string>;
  jobs: { preview: { env: Record<string, string>; permissions: Record<string, string>; steps: GithubStep[] } };
}
interface GitlabJob {
  image: string;
  variables: Record<string, string>;
  script: string[];
  artifacts: { when: string; paths: string[]; expose_as: string; reports: Record<string, string> };
}

const step = (name: string) => {
  const found = workflow.jobs.preview.steps.find((s) => s.name === name);
  if (!found) throw new Error(`no step named ${name}`);
  return found;
};

describe('examples/ci: what the hosts accept', () => {
  itWithShared('the GitHub workflow satisfies the GitHub workflow schema, the GitLab job the GitLab CI schema', () => {
    const check = (schemaFile: string, data: unknown) => {
      const schema = JSON.parse(readFileSync(sharedPath('schemas', schemaFile), 'utf8'));
      delete schema.$schema;
      const ajv = new Ajv({ strict: false, allErrors: true });
      addFormatsModule.default(ajv);
      const validate = ajv.compile(schema);
      expect(validate(data), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    };
    check('github-workflow.schema.json', workflow);
    check('gitlab-ci.schema.json', gitlab);
  });

  it.skipIf(!hasGitlabCiLocal())('gitlab-ci-local accepts the GitLab job', async () => {
    const result = await previewWithGitlabCiLocal(readFileSync(gitlabFile, 'utf8'));
    expect(result.message).toBeUndefined();
    expect(result.ok).toBe(true);
    expect(result.preview).toContain('ciport-preview:');
  }, 60_000);
});

describe('examples/ci: how they install and post', () => {
  it('run on Node 22 or 24 and never install ciport by its registry name', () => {
    const setupNode = workflow.jobs.preview.steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
    expect([22, 24]).toContain(setupNode?.with?.['node-version']);
    expect(job.image).toMatch(/^node:(22|24)(\b|$)/);
    const commands = [...workflow.jobs.preview.steps.map((s) => s.run ?? ''), ...job.script].join('\n');
    expect(commands).not.toMatch(/\bnpx\b|npm (i|install)(\s+--?[\w-]+)*\s+ciport\b/);
    expect(commands).toMatch(/npm install --no-save --prefix \S+ "git\+\$CIPORT_REPO#\$CIPORT_COMMIT"/);
    expect(workflow.env.CIPORT_COMMIT).toMatch(/SET-ME/);
    expect(job.variables.CIPORT_COMMIT).toMatch(/SET-ME/);
  });

  it('keep the comment within each host limit and the whole comment as an artifact', () => {
    expect(step('Preview the migration').run).toContain(`--max-comment-chars ${commentLimits.github}`);
    expect(job.script.join('\n')).toContain(`--max-comment-chars ${commentLimits.gitlab}`);
    const upload = step('Keep the whole comment and the SARIF log');
    expect(upload.if).toBe('always()');
    expect(String(upload.with?.path)).toContain('ciport-comment-full.md');
    expect(job.artifacts.when).toBe('always');
    expect(job.artifacts.paths).toContain('ciport-comment-full.md');
  });

  it('GitHub: a pull request from a fork keeps the check and the artifact but posts nothing', () => {
    expect(workflow.jobs.preview.env.CAN_WRITE).toBe('${{ github.event.pull_request.head.repo.full_name == github.repository }}');
    expect(step('Post or update the pull request comment').if).toBe("env.CAN_WRITE == 'true'");
    expect(step('Upload diagnostics to code scanning').if).toBe("env.CAN_WRITE == 'true'");
    expect(step('Fail when the configuration cannot be translated').if).toBe("steps.diff.outputs.status == '2'");
  });

  it('GitHub: the install step refuses a placeholder commit', () => {
    const run = runGithubSteps(['Install ciport from a pinned commit'], { commit: workflow.env.CIPORT_COMMIT! });
    expect(run.code).toBe(1);
    expect(run.output).toContain('::error::Set CIPORT_COMMIT');
    expect(run.log).toBe('');
  });

  it('GitHub: updates the one comment this workflow posted before, found by its marker and author', () => {
    const comments = [
      { id: 11, user: { login: 'someone' }, body: `${commentMarker}\nnot ours` },
      { id: 12, user: { login: 'github-actions[bot]' }, body: 'another bot comment' },
      { id: 13, user: { login: 'github-actions[bot]' }, body: `${commentMarker}\nthe old preview` },
    ];
    const run = runGithubSteps(['Install ciport from a pinned commit', 'Preview the migration', 'Post or update the pull request comment'], { comments });
    expect(run.code, run.output).toBe(0);
    expect(run.log).toContain(`npm install --no-save --prefix ${run.dir}/runner-temp/ciport git+https://github.com/YOUR-ORG/ciport.git#${'a'.repeat(40)}`);
    expect(run.log).toMatch(/^gh api --method PATCH repos\/acme\/app\/issues\/comments\/13 -F body=@ciport-comment\.md$/m);
    expect(run.log).not.toContain('--method POST');
    expect(run.posted.startsWith(`${commentMarker}\n### ciport migration preview`)).toBe(true);
    expect(run.outputs).toContain('status=0');
    expect(existsSync(join(run.dir, 'repo', 'ciport-comment-full.md'))).toBe(true);
    expect(existsSync(join(run.dir, 'repo', 'ciport.sarif'))).toBe(true);
  }, 120_000);

  it('GitHub: posts a new comment when none carries the marker', () => {
    const run = runGithubSteps(['Install ciport from a pinned commit', 'Preview the migration', 'Post or update the pull request comment'], { comments: [{ id: 5, user: { login: 'github-actions[bot]' }, body: 'unrelated' }] });
    expect(run.code, run.output).toBe(0);
    expect(run.log).toMatch(/^gh api --method POST repos\/acme\/app\/issues\/7\/comments -F body=@ciport-comment\.md$/m);
  }, 120_000);

  it('GitLab: updates its own marked note, and fails the job only when ciport cannot translate', () => {
    const notes = [
      { id: 21, author: { id: 99 }, body: `${commentMarker}\nsomeone else's` },
      { id: 22, author: { id: 42 }, body: `${commentMarker}\nthe old preview` },
    ];
    const run = runGitlabScript({ notes, token: 'glpat-test' });
    expect(run.code, run.output).toBe(0);
    expect(run.log).toMatch(/^curl PUT https:\/\/gitlab\.example\/api\/v4\/projects\/3\/merge_requests\/7\/notes\/22$/m);
    expect(run.posted.startsWith(commentMarker)).toBe(true);
    expect(existsSync(join(run.dir, 'repo', 'gl-code-quality-report.json'))).toBe(true);

    const broken = runGitlabScript({ notes: [], token: 'glpat-test', config: 'version: 2\njobs: [\n' });
    expect(broken.code).not.toBe(0);
    expect(broken.log).toMatch(/^curl POST https:\/\/gitlab\.example\/api\/v4\/projects\/3\/merge_requests\/7\/notes$/m);
    expect(broken.posted).toContain(':x: ciport could not translate');
  }, 120_000);

  it('GitLab: without the token (a fork) previews and keeps the artifacts, but posts nothing', () => {
    const run = runGitlabScript({ notes: [], token: '' });
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain('no comment posted');
    expect(run.log).not.toContain('curl');
    expect(existsSync(join(run.dir, 'repo', 'ciport-comment-full.md'))).toBe(true);
  }, 120_000);
});

interface StepRun {
  code: number | null;
  output: string;
  /** The stubbed commands' calls, one a line. */
  log: string;
  /** The body the last comment call sent. */
  posted: string;
  outputs: string;
  dir: string;
}

const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/**
 * A scratch folder with the repository under test (`repo/`) and stubs on PATH: `npm install`
 * puts a `ciport` that runs this checkout's source into the prefix; `gh` and `curl` log their
 * calls and answer from the given comments or notes (`gh --jq` through the real jq).
 */
function sandbox(config: { path: string; text: string }, answers: unknown): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = tempDir('ciport-example-');
  writeTree(dir, { [`repo/${config.path}`]: config.text, 'answers.json': JSON.stringify(answers) });
  const cli = `#!/bin/sh\nexec "${process.execPath}" --import "${tsxLoader}" "${join(root, 'src', 'cli-main.ts')}" "$@"\n`;
  const stubs: Record<string, string> = {
    npm: `#!/bin/bash\necho "npm $*" >> "$STUB_LOG"\nwhile [ $# -gt 0 ]; do [ "$1" = --prefix ] && prefix=$2; shift; done\nmkdir -p "$prefix/node_modules/.bin"\nprintf '%s' '${cli}' > "$prefix/node_modules/.bin/ciport"\nchmod +x "$prefix/node_modules/.bin/ciport"\n`,
    gh: `#!/bin/bash\necho "gh $*" >> "$STUB_LOG"\nfor a in "$@"; do case "$a" in body=@*) cp "\${a#body=@}" "$STUB_DIR/posted";; esac; done\nif [ "$2" = --paginate ] && [ "$4" = --jq ]; then jq -r "$5" "$STUB_DIR/answers.json"; fi\n`,
    curl: `#!/bin/bash\nmethod=GET; url=\nwhile [ $# -gt 0 ]; do case "$1" in --request) method=$2; shift;; --data-urlencode) cp "\${2#body@}" "$STUB_DIR/posted"; shift;; --header) shift;; -*) ;; *) url=$1;; esac; shift; done\necho "curl $method \${url%%\\?*}" >> "$STUB_LOG"\ncase "$method $url" in *"/user") echo '{"id":42}';; "GET "*) cat "$STUB_DIR/answers.json";; *) echo '{}';; esac\n`,
  };
  for (const [name, text] of Object.entries(stubs)) {
    writeFileSync(join(dir, name), text);
    chmodSync(join(dir, name), 0o755);
  }
  writeFileSync(join(dir, 'log'), '');
  const env: NodeJS.ProcessEnv = { PATH: `${dir}:${process.env.PATH}`, HOME: dir, STUB_LOG: join(dir, 'log'), STUB_DIR: dir, NO_COLOR: '1' };
  return { dir, env };
}

function finish(dir: string, result: { code: number | null; output: string }): StepRun {
  const read = (name: string) => (existsSync(join(dir, name)) ? readFileSync(join(dir, name), 'utf8') : '');
  return { ...result, log: read('log'), posted: read('posted'), outputs: read('github-output'), dir };
}

/** Runs the named steps of the GitHub workflow in order, as `bash -e` does on a runner. */
function runGithubSteps(names: string[], options: { commit?: string; comments?: unknown[] }): StepRun {
  const { dir, env } = sandbox({ path: '.circleci/config.yml', text: circle2Config }, options.comments ?? []);
  writeTree(dir, { 'github-output': '', 'github-path': '', 'runner-temp/.keep': '' });
  const base: NodeJS.ProcessEnv = {
    ...env,
    ...workflow.env,
    CIPORT_COMMIT: options.commit ?? 'a'.repeat(40),
    CAN_WRITE: 'true',
    GITHUB_OUTPUT: join(dir, 'github-output'),
    GITHUB_PATH: join(dir, 'github-path'),
    GITHUB_REPOSITORY: 'acme/app',
    RUNNER_TEMP: join(dir, 'runner-temp'),
  };
  let output = '';
  for (const name of names) {
    const s = step(name);
    const added = readFileSync(join(dir, 'github-path'), 'utf8').split('\n').filter(Boolean);
    // The expressions these steps' env uses, as GitHub would fill them in.
    const stepEnv = { RUN_URL: 'https://github.com/acme/app/actions/runs/1', GH_TOKEN: 'token', PR: '7' };
    const run = spawnSync('bash', ['-e', '-c', s.run!], { cwd: join(dir, 'repo'), encoding: 'utf8', env: { ...base, ...stepEnv, PATH: [...added, base.PATH].join(':') }, timeout: 120_000 });
    output += run.stdout + run.stderr;
    if (run.status !== 0) return finish(dir, { code: run.status, output });
  }
  return finish(dir, { code: 0, output });
}

/** Runs the GitLab job's script as the runner does: one bash session, errexit and pipefail. */
function runGitlabScript(options: { notes: unknown[]; token: string; config?: string }): StepRun {
  const { dir, env } = sandbox({ path: '.circleci/config.yml', text: options.config ?? circle2Config }, options.notes);
  const script = ['set -eo pipefail', ...job.script].join('\n');
  const run = spawnSync('bash', ['-c', script], {
    cwd: join(dir, 'repo'),
    encoding: 'utf8',
    env: {
      ...env,
      ...job.variables,
      CIPORT_COMMIT: 'b'.repeat(40),
      CIPORT_API_TOKEN: options.token,
      CI_API_V4_URL: 'https://gitlab.example/api/v4',
      CI_PROJECT_ID: '3',
      CI_MERGE_REQUEST_IID: '7',
      CI_JOB_URL: 'https://gitlab.example/acme/app/-/jobs/9',
    },
    timeout: 120_000,
  });
  return finish(dir, { code: run.status, output: run.stdout + run.stderr });
}
