/**
 * Packs ciport as `npm publish` would and installs the tarball into a scratch project, offline.
 *
 * The package is packed from a copy of its inputs, so the shared dist/ other tests run is never
 * rebuilt under them. When dist/ is newer than every build input (a fresh clone after `npm ci`,
 * whose `prepare` built it) the copy takes it as it is and packs with `--ignore-scripts`; otherwise
 * `npm pack` runs `prepare` (`npm run build`) in the copy: at most one build either way.
 *
 * Offline install: `npm install --offline <tarball>` alone would need the registry metadata of the
 * dependencies, which `npm ci` does not cache (it fetches tarballs by lockfile URL). So the scratch
 * project installs the tarball together with this repository's installed copies of the
 * dependencies (npm links directories); ciport's pinned versions are satisfied by them, so npm asks
 * nothing of the registry, and `--offline` makes any attempt fail loudly.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const repositoryRoot = join(import.meta.dirname, '..', '..');

/** What `npm run build` reads, besides node_modules. */
const buildInputs = ['package.json', 'tsconfig.json', 'tsconfig.build.json', 'src', 'scripts'];
/** What the package ships that the build does not make. */
const shippedInputs = ['README.md', 'LICENSE', 'bin', 'mappings'];
/** Build outputs the package entry points need. */
const buildOutputs = ['dist/index.d.ts', 'dist/bundle/index.mjs', 'dist/bundle/ciport.mjs'];

export interface PackedFile {
  path: string;
}

export interface Packed {
  tarball: string;
  files: PackedFile[];
}

/** Runs a program; a failure says what it printed on both streams (tsc reports on stdout). */
export function run(command: string, args: string[], cwd: string): string {
  try {
    return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_update_notifier: 'false' } });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${stdout ?? ''}${stderr ?? ''}`);
  }
}

function newestChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

/** dist/ holds what `npm run build` would make now. */
export function distIsFresh(root = repositoryRoot): boolean {
  if (!buildOutputs.every((output) => existsSync(join(root, output)))) return false;
  const built = Math.min(...buildOutputs.map((output) => statSync(join(root, output)).mtimeMs));
  return buildInputs.every((input) => newestChange(join(root, input)) <= built);
}

/** Packs the package into `work` (a scratch directory the caller removes). */
export function packPackage(work: string): Packed {
  const stage = join(work, 'stage');
  for (const input of [...buildInputs, ...shippedInputs]) cpSync(join(repositoryRoot, input), join(stage, input), { recursive: true });
  const built = !distIsFresh();
  if (built) symlinkSync(join(repositoryRoot, 'node_modules'), join(stage, 'node_modules'), 'dir');
  else cpSync(join(repositoryRoot, 'dist'), join(stage, 'dist'), { recursive: true });
  const args = ['pack', '--json', '--pack-destination', work, ...(built ? [] : ['--ignore-scripts'])];
  const [result] = JSON.parse(run('npm', args, stage)) as [{ filename: string; files: PackedFile[] }];
  return { tarball: join(work, result.filename), files: result.files };
}

/** Installs `tarball` into a new project at `dir`, without network. */
export function installOffline(tarball: string, dir: string): void {
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  const manifest = JSON.parse(execFileSync('tar', ['-xOzf', tarball, 'package/package.json'], { encoding: 'utf8' })) as { dependencies?: Record<string, string> };
  const dependencies = Object.keys(manifest.dependencies ?? {}).map((name) => join(repositoryRoot, 'node_modules', name));
  run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock', tarball, ...dependencies], dir);
}
