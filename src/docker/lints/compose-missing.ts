/**
 * `docker-compose` in the official `docker` image, which does not ship it (catalog
 * `docker-compose-missing`; seed 001 "Known issues with Docker-in-Docker"; docker-in-ci.md §4.3).
 */
import { report } from '../../diagnostics/report.js';
import { dockerCliImage, isOfficialDockerImage } from '../versions.js';
import { commandOrigin, type DockerLintContext } from './context.js';

const installers = new Set(['apk', 'apt-get', 'apt', 'yum', 'dnf', 'pip', 'pip3', 'pipx', 'curl', 'wget', 'install', 'mv', 'cp', 'ln', 'chmod']);

/** The image the job's commands will run in on the target, when known. */
export function targetJobImage(ctx: DockerLintContext): string | undefined {
  if (ctx.job.executor?.kind === 'docker') return ctx.job.executor.image.name;
  if (ctx.job.executor) return undefined;
  // A GitLab dind job without an image gets the CLI image paired with the service.
  return ctx.target === 'gitlab' && ctx.engine === 'dind' ? dockerCliImage(ctx.docker.daemon?.version) : undefined;
}

export function lintComposeMissing(ctx: DockerLintContext): void {
  if (ctx.target === 'circleci1') return;
  // On CircleCI `machine` the image is a VM with Compose installed; only the docker executor matters.
  if (ctx.target === 'circleci2' && ctx.engine !== 'remote') return;
  const image = targetJobImage(ctx);
  if (!image || !isOfficialDockerImage(image)) return;
  for (const at of ctx.docker.calls) {
    if (at.call.tool !== 'compose' || at.call.plugin) continue;
    const installed = ctx.docker.commands.some(
      (c) => c.order < at.order && installers.has(c.command.argv[0]?.split('/').pop() ?? '') && c.command.argv.some((w) => /compose/.test(w)),
    );
    if (installed) return;
    report(ctx.sink, 'docker-compose-missing', `job "${ctx.job.id}" runs \`docker-compose\` in "${image}", which does not include it`, {
      origin: commandOrigin(ctx, at),
      hint: 'Install it first (for example `apk add --no-cache docker-compose` on the Alpine-based docker image), or call the `docker compose` plugin where the image ships it.',
    });
    return;
  }
}
