/** Shared helpers for the workflow command tests: run the real CLI in a child process, make repositories. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const root = join(import.meta.dirname, '..', '..');
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const fakeTranslate = join(root, 'test', 'fixtures', 'fake-translate', 'register.mjs');

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /**
   * Replace translate() with the test fake (test/fixtures/fake-translate): only for tests about
   * workflow plumbing whose failure modes need its `# fake: hang|throw|remove|error` markers.
   * Every other test runs the real translation.
   */
  fake?: boolean;
  /** More `--import` modules (test seams such as test/fixtures/faults/register.mjs). */
  imports?: string[];
  /** Run as this user id (root can test permission errors as an unprivileged user). */
  uid?: number;
}

/** Spawns `node --import tsx src/cli-main.ts …`, the CLI exactly as users run it, from source. */
export function ciport(args: readonly string[], options: RunOptions = {}): RunResult {
  const loaders = ['--import', tsxLoader, ...(options.fake ? ['--import', pathToFileURL(fakeTranslate).href] : [])];
  for (const module of options.imports ?? []) loaders.push('--import', pathToFileURL(module).href);
  const result = spawnSync(process.execPath, [...loaders, join(root, 'src', 'cli-main.ts'), ...args], {
    cwd: options.cwd ?? root,
    encoding: 'utf8',
    // No colour from the caller's environment (FORCE_COLOR would win over a pipe); tests set it.
    env: { ...gitIdentity, ...process.env, CI: '1', NO_COLOR: '', FORCE_COLOR: undefined, ...options.env },
    timeout: 120_000,
    ...(options.uid !== undefined ? { uid: options.uid, gid: options.uid } : {}),
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const gitIdentity = {
  GIT_AUTHOR_NAME: 'ciport test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'ciport test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
};

const made: string[] = [];

export function tempDir(prefix = 'ciport-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Writes files (path → content) under dir and returns dir. */
export function writeTree(dir: string, files: Record<string, string | Uint8Array>): string {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

export function git(cwd: string, args: readonly string[]): string {
  return execFileSync('git', ['-c', 'user.name=ciport test', '-c', 'user.email=test@example.com', '-c', 'init.defaultBranch=main', ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** A git repository with the files committed on `main`. */
export function gitRepo(files: Record<string, string>): string {
  const dir = writeTree(tempDir(), files);
  git(dir, ['init', '-q']);
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', 'initial']);
  return dir;
}

/** A bare repository whose HEAD holds the files. */
export function bareRepo(parent: string, name: string, files: Record<string, string>): string {
  const work = gitRepo(files);
  const bare = join(parent, name);
  git(parent, ['clone', '-q', '--bare', work, bare]);
  return bare;
}

/** A small CircleCI 2.x configuration: two jobs, a workflow with requires and a context. */
export const circle2Config = `version: 2
jobs:
  build:
    docker:
      - image: node:20
    steps:
      - checkout
      - run: npm test
  deploy:
    docker:
      - image: node:20
    parallelism: 2
    steps:
      - checkout
      - run: ./deploy.sh
workflows:
  version: 2
  main:
    jobs:
      - build
      - deploy:
          requires: [build]
          context: production
`;

/** A CircleCI 2.x configuration that translates with no diagnostic at all. */
export const cleanCircle2Config = `version: 2
jobs:
  build:
    docker:
      - image: node:20
    steps:
      - checkout
      - run: npm test
workflows:
  version: 2
  main:
    jobs:
      - build
`;

export const gitlabConfig = `build:
  image: node:20
  script:
    - npm test
`;

/** Every file under dir (relative path → content), hidden files included: for comparing report folders. */
export function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (sub: string) => {
    for (const name of readdirSync(join(dir, sub)).sort()) {
      const path = join(sub, name);
      if (statSync(join(dir, path)).isDirectory()) walk(path);
      else files[path] = readFileSync(join(dir, path), 'utf8');
    }
  };
  walk('');
  return files;
}
