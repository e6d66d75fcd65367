/**
 * `docker_layer_caching` asked for, translated to a target without it (catalog
 * `docker-layer-caching`; docker-in-ci.md §3, §4.3, §6; seeds 001, 003).
 */
import { report } from '../../diagnostics/report.js';
import type { DockerLintContext } from './context.js';

const hints = {
  gitlab:
    'Every dind job starts with an empty engine: pull the last image and build with `--cache-from "$CI_REGISTRY_IMAGE:latest"` ' +
    '(or a BuildKit registry cache), pushing it at the end.',
  circleci1:
    'Keep the image in a cached directory: `docker load -i ~/docker/image.tar` if present, build, then `docker save … > ~/docker/image.tar` ' +
    'with `~/docker` in `dependencies.cache_directories`.',
} as const;

export function lintLayerCaching(ctx: DockerLintContext): void {
  if (ctx.target === 'circleci2') return;
  const daemon = ctx.docker.daemon;
  const executor = ctx.job.executor;
  const origin = daemon?.layerCaching ? daemon.origin : executor?.kind === 'machine' && executor.layerCaching ? executor.origin : undefined;
  if (!daemon?.layerCaching && !(executor?.kind === 'machine' && executor.layerCaching)) return;
  const target = ctx.target === 'gitlab' ? 'GitLab' : 'CircleCI 1.0';
  report(ctx.sink, 'docker-layer-caching', `job "${ctx.job.id}" asks for Docker layer caching, which ${target} does not offer; builds start without cached layers`, {
    origin: origin ?? ctx.job.origin,
    hint: hints[ctx.target],
  });
}
