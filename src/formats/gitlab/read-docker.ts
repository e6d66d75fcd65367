import { report } from '../../diagnostics/report.js';
import type { DockerDaemonStep, Image, Service, Variable } from '../../ir/types.js';
import { nodeOrigin, type MEntry, type MNode } from './merged.js';
import { readEntries, readString, readStringList, wrongType, type ReadContext } from './read-values.js';
import { readVariables } from './read-variables.js';

/** `image:` (string or map) → IR image (gitlab-ci.md §4 `image`). */
export function readImage(ctx: ReadContext, node: MNode, path: string): Image | undefined {
  if (node.kind === 'scalar') {
    const name = readString(ctx, node, path);
    if (name === undefined) return undefined;
    const image: Image = { name };
    const origin = nodeOrigin(node);
    if (origin) image.origin = origin;
    return image;
  }
  if (node.kind !== 'map') {
    wrongType(ctx, node, path, 'an image name or a mapping');
    return undefined;
  }
  const image: Image = { name: '' };
  const origin = nodeOrigin(node);
  if (origin) image.origin = origin;
  readEntries(ctx, node, path, imageHandlers(ctx, image, path));
  if (!image.name) {
    report(ctx.sink, 'missing-key', `"${path}" has no name`, { origin });
    return undefined;
  }
  return image;
}

function imageHandlers(ctx: ReadContext, image: Image | Service, path: string): Record<string, (e: MEntry) => void> {
  return {
    name: (e) => (image.name = readString(ctx, e.value, `${path}.name`) ?? ''),
    entrypoint: (e) => {
      const list = readStringList(ctx, e.value, `${path}.entrypoint`);
      if (list) image.entrypoint = list;
    },
    pull_policy: (e) => {
      const list = readStringList(ctx, e.value, `${path}.pull_policy`);
      if (list) image.pullPolicy = list;
    },
    docker: (e) =>
      readEntries(ctx, e.value, `${path}.docker`, {
        platform: (p) => {
          const v = readString(ctx, p.value, `${path}.docker.platform`);
          if (v !== undefined) image.platform = v;
        },
        user: (u) => {
          const v = readString(ctx, u.value, `${path}.docker.user`);
          if (v !== undefined) image.user = v;
        },
      }),
    kubernetes: (e) =>
      readEntries(ctx, e.value, `${path}.kubernetes`, {
        user: (u) => {
          const v = readString(ctx, u.value, `${path}.kubernetes.user`);
          if (v !== undefined) image.user = v;
        },
      }),
  };
}

/** `services:` → IR services. A map item may carry alias, command and service-only variables. */
export function readServices(ctx: ReadContext, node: MNode, path: string): Service[] {
  if (node.kind === 'scalar' && node.value === null) return [];
  const list = node.kind === 'seq' ? node.items.flatMap((i) => (i.kind === 'seq' ? i.items : [i])) : [node];
  if (node.kind !== 'seq') wrongType(ctx, node, path, 'a list of services');
  const services: Service[] = [];
  list.forEach((item, index) => {
    const where = `${path}[${index}]`;
    const service: Service = { name: '' };
    const origin = nodeOrigin(item);
    if (origin) service.origin = origin;
    if (item.kind === 'scalar') service.name = readString(ctx, item, where) ?? '';
    else if (item.kind === 'map') {
      readEntries(ctx, item, where, {
        ...imageHandlers(ctx, service, where),
        alias: (e) => {
          const v = readString(ctx, e.value, `${where}.alias`);
          if (v !== undefined) service.alias = v;
        },
        command: (e) => {
          const v = readStringList(ctx, e.value, `${where}.command`);
          if (v) service.command = v;
        },
        variables: (e) => {
          const v = readVariables(ctx, e.value, `${where}.variables`, 'service');
          if (v.length) service.environment = v;
        },
      });
    } else wrongType(ctx, item, where, 'a service name or mapping');
    if (service.name) services.push(service);
  });
  return services;
}

/** `docker:<ver>-dind`, `docker:dind`, `docker:stable-dind`, `docker:dind-rootless`, with any registry prefix. */
const dindPattern = /^(?:.*\/)?docker:(?:(\d+(?:\.\d+)*)(?:-[a-z]+)*-)?(?:stable-|latest-)?dind(?:-rootless)?$/;

export function dindVersion(serviceName: string): { version?: string } | undefined {
  const match = dindPattern.exec(serviceName);
  if (!match) return undefined;
  return match[1] ? { version: match[1] } : {};
}

/** The dind service image as ciport writes it when the source named no other. */
export const plainDindImage = (version: string | undefined): string => (version ? `docker:${version}-dind` : 'docker:dind');

/** The variables a dind setup is configured with (docker-in-ci.md §4.2). */
export const dindVariables = new Set(['DOCKER_HOST', 'DOCKER_TLS_CERTDIR', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH', 'DOCKER_DRIVER']);

/**
 * A `docker:*-dind` service becomes a `docker-daemon` step; the `DOCKER_*` variables that
 * configure it (job ones, with pipeline ones as fallback) fill its fields (docker-in-ci.md §4.2):
 * `DOCKER_TLS_CERTDIR: ""` or a `:2375` host means no TLS; a certificate directory means TLS.
 * Returns the step, or `undefined` when the service is not dind.
 */
export function readDind(ctx: ReadContext, service: Service, variables: Variable[]): DockerDaemonStep | undefined {
  const dind = dindVersion(service.name);
  if (!dind) return undefined;
  const step: DockerDaemonStep = { kind: 'docker-daemon', engine: 'dind' };
  if (service.origin) step.origin = service.origin;
  if (dind.version) step.version = dind.version;
  if (service.name !== plainDindImage(dind.version)) step.image = service.name;
  const value = (name: string) => variables.find((v) => v.name === name)?.value;
  const host = value('DOCKER_HOST');
  const certDir = value('DOCKER_TLS_CERTDIR');
  const verify = value('DOCKER_TLS_VERIFY');
  if (host !== undefined) step.host = host;
  if (certDir !== undefined) {
    step.tls = certDir !== '';
    // Kept even when empty: GitLab output then says what the source said, and no more.
    step.certDir = certDir;
  } else if (host !== undefined && /:2375\/?$/.test(host)) step.tls = false;
  else if ((host !== undefined && /:2376\/?$/.test(host)) || (verify !== undefined && verify !== '' && verify !== '0')) step.tls = true;
  const driver = value('DOCKER_DRIVER');
  if (driver !== undefined) step.storageDriver = driver;
  if (service.command?.length) step.daemonArgs = service.command;
  if (service.alias && service.alias !== 'docker' && !service.alias.split(/[ ,]+/).includes('docker')) {
    report(ctx.sink, 'approximate-translation', `the dind service alias "${service.alias}" is not kept; the daemon is reached through DOCKER_HOST`, {
      origin: service.origin,
    });
  }
  if (service.entrypoint || service.environment?.some((v) => v.name !== 'HEALTHCHECK_TCP_PORT')) {
    report(ctx.sink, 'approximate-translation', 'the dind service entrypoint and variables are not kept', { origin: service.origin });
  }
  return step;
}
