/**
 * The CircleCI 1.0 `docker save`/`docker load` + `cache_directories` workaround, translated to a
 * target with a better construct (catalog `docker-save-load-cache`; seed 003; docker-in-ci.md §1).
 */
import { report } from '../../diagnostics/report.js';
import { walkSteps } from '../../ir/visit.js';
import { optionsNamed, parseCallArgs } from '../docker-commands.js';
import { commandOrigin, type DockerLintContext } from './context.js';

/** `~/x`, `$HOME/x`, `"~/x/"` → `~/x`, so a command's path and a cache path compare. */
export function normalizeCachePath(path: string): string {
  return path
    .trim()
    .replace(/^["']|["']$/g, '')
    .replace(/^\$\{?HOME\}?(?=\/|$)/, '~')
    .replace(/\/+$/, '');
}

function isInside(file: string, directory: string): boolean {
  return file === directory || file.startsWith(`${directory}/`);
}

const hints = {
  circleci2:
    'Use `docker_layer_caching: true` on `setup_remote_docker` or `machine` (billed per run), or keep the tar with `save_cache`/`restore_cache` of that directory.',
  gitlab:
    'GitLab caches only paths inside the project directory: keep the tar under `$CI_PROJECT_DIR` (e.g. `.docker-cache/image.tar`) in `cache:paths`, or build with `--cache-from` a registry image.',
} as const;

export function lintSaveLoadCache(ctx: DockerLintContext): void {
  // A suggestion for translations only: a same-format round trip keeps what the user chose.
  if (ctx.target === 'circleci1' || ctx.pipeline.source === ctx.target) return;
  const cached: string[] = [];
  for (const step of walkSteps(ctx.job.steps)) {
    if (step.kind === 'cache-save') cached.push(...step.paths.map(normalizeCachePath));
    if (step.kind === 'cache-restore') cached.push(...(step.paths ?? []).map(normalizeCachePath));
  }
  if (!cached.length) return;
  for (const at of ctx.docker.calls) {
    const { call } = at;
    if (call.tool !== 'docker' || (call.subcommand !== 'save' && call.subcommand !== 'load')) continue;
    const parsed = parseCallArgs(call);
    const files = [
      ...optionsNamed(parsed, 'output', 'input').flatMap((o) => (o.value ? [o.value] : [])),
      ...call.command.redirects.filter((r) => (r.op === '>' || r.op === '<' || r.op === '>|') && !r.fd && r.target).map((r) => r.target!),
    ].map(normalizeCachePath);
    const file = files.find((f) => cached.some((d) => isInside(f, d)));
    if (!file) continue;
    report(ctx.sink, 'docker-save-load-cache', `job "${ctx.job.id}" caches Docker layers by hand with \`docker ${call.subcommand}\` and the cached directory of "${file}"`, {
      origin: commandOrigin(ctx, at),
      hint: hints[ctx.target],
    });
    return;
  }
}
