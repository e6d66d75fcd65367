/**
 * The official `docker` image without a version as a job image or service (catalog
 * `docker-image-unpinned`; seed 001; docker-in-ci.md §4.3).
 */
import { report } from '../../diagnostics/report.js';
import type { Image } from '../../ir/types.js';
import { dindServiceImage, dockerCliImage, isFloatingDockerImage, parseImageReference } from '../versions.js';
import type { DockerLintContext } from './context.js';

/**
 * The image name with the file's variables put in (`docker:${DOCKER_VERSION}` pinned by a
 * variable is pinned); `undefined` when it uses a variable the file does not set, which may pin it.
 */
function resolvedName(ctx: DockerLintContext, name: string): string | undefined {
  const variables = [...(ctx.pipeline.variables ?? []), ...(ctx.job.environment ?? [])];
  let unknown = false;
  const text = name.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_, braced: string | undefined, bare: string | undefined) => {
    const variable = variables.findLast((v) => v.name === (braced ?? bare));
    if (!variable) unknown = true;
    return variable?.value ?? '';
  });
  return unknown ? undefined : text;
}

function isDindImage(image: Image): boolean {
  return /(^|-)dind(-|$)/.test(parseImageReference(image.name)?.tag ?? '');
}

export function lintImageUnpinned(ctx: DockerLintContext): void {
  // CircleCI 1.0 names no images; other targets write the source's images as given.
  if (ctx.target === 'circleci1') return;
  // On CircleCI a job moved to `machine` (see the executor advisor) drops its image.
  if (ctx.target === 'circleci2' && ctx.engine === 'local') return;
  const version = ctx.docker.daemon?.version;
  const images: Array<{ image: Image; role: 'job image' | 'service' }> = [];
  if (ctx.job.executor?.kind === 'docker') images.push({ image: ctx.job.executor.image, role: 'job image' });
  for (const service of ctx.job.services ?? []) {
    // Outside GitLab a dind service becomes setup_remote_docker or machine: its tag is not written.
    if (isDindImage(service) && ctx.target !== 'gitlab') continue;
    images.push({ image: service, role: 'service' });
  }
  for (const { image, role } of images) {
    const name = resolvedName(ctx, image.name);
    if (name === undefined || !isFloatingDockerImage(name)) continue;
    const pinned = isDindImage(image) ? dindServiceImage(version) : dockerCliImage(version);
    report(ctx.sink, 'docker-image-unpinned', `the ${role} "${image.name}" of job "${ctx.job.id}" is not pinned to a Docker version; a new release can change the job`, {
      origin: image.origin ?? ctx.job.origin,
      hint: `Pin it, e.g. \`${pinned}\`, and use the same version for the job image and the dind service.`,
    });
  }
}
