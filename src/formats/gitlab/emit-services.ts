import { clientInstallCommand } from '../../docker/client-install.js';
import { isSecretValue } from '../../diagnostics/secrets.js';
import { report, reportOnce } from '../../diagnostics/report.js';
import type { DiagnosticSink } from '../../diagnostics/types.js';
import { dindSetup } from '../../docker/dind-setup.js';
import { gitlab } from '../../rules/generated/gitlab.generated.js';
import { reportVersionChoice } from '../../docker/report-version.js';
import { plainDindImage } from './read-docker.js';
import { dockerCliImage, isDindClientImage } from '../../docker/versions.js';
import type { DockerDaemonStep, Image, Job, Origin, Service, Variable } from '../../ir/types.js';
import type { EmitOptions } from '../types.js';
import { variableValue } from './emit-variables.js';

/** `image:` as a string, or a map when it carries more than a name (gitlab-ci.md §4 `image`). */
export function imageValue(image: Image, sink: DiagnosticSink): unknown {
  if (image.auth) {
    report(sink, 'manual-secret', `image "${image.name}" needs registry credentials: create a DOCKER_AUTH_CONFIG CI/CD variable`, {
      origin: image.origin,
    });
  }
  const out: Record<string, unknown> = { name: image.name };
  if (image.entrypoint) out.entrypoint = image.entrypoint;
  if (image.pullPolicy) out.pull_policy = image.pullPolicy.length === 1 ? image.pullPolicy[0] : image.pullPolicy;
  if (image.user !== undefined || image.platform !== undefined) {
    const docker: Record<string, unknown> = {};
    if (image.platform !== undefined) docker.platform = image.platform;
    if (image.user !== undefined) docker.user = image.user;
    out.docker = docker;
  }
  return Object.keys(out).length === 1 ? image.name : out;
}

/** The hostname GitLab gives a service without `alias`: the image name without tag, `/` → `-` (§4.8). */
export function serviceHostname(service: Service): string {
  if (service.alias) return service.alias.split(/[ ,]+/)[0]!;
  return service.name.replace(/[@:][^/]*$/, '').replace(/\//g, '-');
}

/** The short name a CircleCI `localhost` reference is rewritten to when a service has no alias. */
function shortAlias(service: Service): string {
  return service.name.replace(/[@:][^/]*$/, '').split('/').pop()!;
}

export function serviceValue(service: Service, sink: DiagnosticSink, flagSecrets = false): unknown {
  const out: Record<string, unknown> = { name: service.name };
  if (service.alias) out.alias = service.alias;
  if (service.entrypoint) out.entrypoint = service.entrypoint;
  if (service.command) out.command = service.command;
  if (service.pullPolicy) out.pull_policy = service.pullPolicy.length === 1 ? service.pullPolicy[0] : service.pullPolicy;
  if (service.user !== undefined || service.platform !== undefined) {
    const docker: Record<string, unknown> = {};
    if (service.platform !== undefined) docker.platform = service.platform;
    if (service.user !== undefined) docker.user = service.user;
    out.docker = docker;
  }
  if (service.environment?.length) {
    out.variables = Object.fromEntries(service.environment.map((v) => [v.name, variableValue(v, false)]));
    // A password written into the source's service container belongs in a masked variable, as a job's does.
    for (const v of service.environment) {
      if (flagSecrets && (v.secret || isSecretValue(v.name, v.value))) {
        report(sink, 'manual-secret', `service "${service.name}": ${v.name} looks like a credential; move it to a masked CI/CD variable`, { origin: v.origin ?? service.origin });
      }
    }
  }
  if (service.auth) {
    report(sink, 'manual-secret', `service "${service.name}" needs registry credentials: create a DOCKER_AUTH_CONFIG CI/CD variable`, {
      origin: service.origin,
    });
  }
  return Object.keys(out).length === 1 ? service.name : out;
}

/** Ports and URL schemes of well-known service images (mappings/gitlab.yml `servicePorts`). */
const servicePorts = new Map<string, { ports: readonly number[]; schemes: readonly string[]; hostVariables: readonly string[] }>(
  gitlab.servicePorts.map((row) => [row.image, { ports: row.ports, schemes: row.schemes, hostVariables: 'hostVariables' in row ? row.hostVariables : [] }]),
);

function imageBase(service: Service): string {
  return shortAlias(service).replace(/^circleci-|^cimg-/, '');
}

export interface LocalhostRewrite {
  /** A command or value; `origin` is where it was written, for the diagnostic. */
  rewrite(text: string, origin?: Origin): string;
  /** A job variable: `DB_HOST: 127.0.0.1` names the one service of that kind by its hostname. */
  variable(name: string, value: string, origin?: Origin): string;
  /** Services that need an explicit alias because a reference now uses it. */
  aliases: Map<Service, string>;
}

/**
 * CircleCI services listen on `localhost`; GitLab services are reached by hostname
 * (notes/semantics.md "Containers and services"). References whose port or URL scheme names one
 * service are rewritten to that service's hostname; others are reported.
 */
export function localhostRewriter(job: Job, sink: DiagnosticSink): LocalhostRewrite {
  const services = job.services ?? [];
  const aliases = new Map<Service, string>();
  const hostOf = (service: Service) => {
    if (service.alias) return serviceHostname(service);
    const alias = shortAlias(service);
    aliases.set(service, alias);
    return alias;
  };
  const byPort = (port: number) => services.filter((s) => (servicePorts.get(imageBase(s))?.ports ?? []).includes(port));
  const byScheme = (scheme: string) => services.filter((s) => (servicePorts.get(imageBase(s))?.schemes ?? []).includes(scheme.toLowerCase()));
  let warned = false;
  const done = new Map<string, string>();
  const rewrite = (text: string, origin?: Origin): string => {
    if (!services.length || !/\b(localhost|127\.0\.0\.1)\b/.test(text)) return text;
    const known = done.get(text);
    if (known !== undefined) return known;
    let result = text.replace(/\b(localhost|127\.0\.0\.1):(\d{2,5})\b/g, (whole, _host: string, port: string) => {
      const matches = byPort(Number(port));
      return matches.length === 1 ? `${hostOf(matches[0]!)}:${port}` : whole;
    });
    result = result.replace(/\b([a-z][a-z0-9+]*):\/\/([^@\s/]*@)?(localhost|127\.0\.0\.1)(?=[/\s"']|$)/gi, (whole, scheme: string, user: string | undefined) => {
      const matches = byScheme(scheme);
      return matches.length === 1 ? `${scheme}://${user ?? ''}${hostOf(matches[0]!)}` : whole;
    });
    if (/\b(localhost|127\.0\.0\.1)\b/.test(result) && !warned) {
      warned = true;
      report(sink, 'gitlab-service-localhost', `job "${job.id}" refers to localhost, but GitLab services are not on localhost`, {
        origin: origin ?? job.origin,
        hint: `Use the service hostnames (${services.map(serviceHostname).join(', ')}) or run on the Kubernetes executor.`,
      });
    } else if (result !== text) {
      report(sink, 'approximate-translation', `job "${job.id}": a localhost service address now uses the service hostname`, { origin: origin ?? job.origin, job: job.id });
    }
    done.set(text, result);
    return result;
  };
  const variable = (name: string, value: string, origin?: Origin): string => {
    const prefix = /^([A-Z][A-Z0-9]*?)_?HOST(?:NAME)?$/.exec(name)?.[1];
    if (prefix && /^(localhost|127\.0\.0\.1)$/.test(value.trim())) {
      const matches = services.filter((s) => (servicePorts.get(imageBase(s))?.hostVariables ?? []).includes(prefix));
      if (matches.length === 1) {
        const host = hostOf(matches[0]!);
        if (!done.has(`${name}=${value}`)) {
          done.set(`${name}=${value}`, host);
          report(sink, 'approximate-translation', `job "${job.id}": ${name} named the service on localhost; it is the service hostname ${host} in GitLab`, { origin: origin ?? job.origin });
        }
        return host;
      }
    }
    return rewrite(value, origin);
  };
  return { rewrite, variable, aliases };
}

export interface DockerSetup {
  services: unknown[];
  variables: Array<[string, unknown]>;
  image?: string;
  /** A line installing the docker CLI, first in the job's script: its image comes without one. */
  clientInstall?: string;
}

/**
 * A `docker-daemon` step → a pinned `docker:<ver>-dind` service with the variables of its TLS
 * mode (docker-in-ci.md §4.2): TLS on (default for translated jobs) sets `DOCKER_TLS_CERTDIR:
 * "/certs"`; off sets `DOCKER_HOST: tcp://docker:2375` and an empty cert dir; an explicit TLS host
 * (Kubernetes executor) also sets `DOCKER_TLS_VERIFY` and `DOCKER_CERT_PATH`. The runner must be
 * privileged. `dockerMode: 'socket'` uses the runner's socket instead.
 */
/**
 * A `docker-daemon` step → a pinned `docker:<ver>-dind` service, the `-cli` job image when the
 * job has none, and the variables of the TLS mode (TLS on by default; docker-in-ci.md §4.2), on a
 * privileged runner (a `manual-runner` task). `dockerMode: 'socket'` uses the runner's socket.
 */
export function dockerSetup(
  job: Job,
  step: DockerDaemonStep,
  options: EmitOptions,
  fromGitlab: boolean,
  globals: Variable[],
  sink: DiagnosticSink,
): DockerSetup {
  const setup: DockerSetup = { services: [], variables: [] };
  // Layer caching is reported by the shared Docker lints (docker-layer-caching).
  const set = (variable: string, value: string) => {
    if (globals.some((g) => g.name === variable && g.value === value)) return;
    setup.variables.push([variable, value]);
  };
  if (options.dockerMode === 'socket') {
    if (!job.executor || job.executor.kind !== 'docker') setup.image = dockerCliImage(step.version);
    report(sink, 'manual-runner', `job "${job.id}" uses the runner's Docker socket: mount /var/run/docker.sock in the runner's volumes`, {
      origin: step.origin,
      hint: 'In config.toml: volumes = ["/var/run/docker.sock:/var/run/docker.sock"]. Containers started by the job are siblings on the host.',
    });
    return setup;
  }
  if (fromGitlab) return gitlabDind(step, setup, set);

  // Other sources: the documented setup of mappings/docker.yml (TLS on unless the source said
  // otherwise or the engine predates TLS), on the Docker executor.
  const kubernetes = step.host !== undefined && /:2376\/?$/.test(step.host) && step.tls !== false;
  const dind = dindSetup(step.version, { executor: kubernetes ? 'kubernetes' : 'docker', ...(step.tls !== undefined ? { tls: step.tls } : {}) });
  reportVersionChoice(sink, dind.version, `job "${job.id}" dind service`, step.origin, step.version);
  for (const note of dind.notes) report(sink, 'approximate-translation', `job "${job.id}": ${note}`, { origin: step.origin });
  if (!job.executor || job.executor.kind !== 'docker') setup.image = dind.jobImage;
  const serviceVariables = dind.serviceVariables.length ? { variables: Object.fromEntries(dind.serviceVariables.map((v) => [v.name, v.value])) } : {};
  setup.services.push(
    step.daemonArgs?.length || dind.serviceVariables.length
      ? { name: dind.serviceImage, ...(step.daemonArgs?.length ? { command: step.daemonArgs } : {}), ...serviceVariables }
      : dind.serviceImage,
  );
  // Same order as a GitLab source writes back: DOCKER_HOST, the cert dir, then the client TLS pair.
  const explicitClient = needsExplicitClient(job, dind.tls && !kubernetes);
  if (explicitClient) set('DOCKER_HOST', 'tcp://docker:2376');
  for (const v of dind.variables) set(v.name, v.value);
  if (explicitClient) {
    set('DOCKER_TLS_VERIFY', '1');
    set('DOCKER_CERT_PATH', '$DOCKER_TLS_CERTDIR/client');
    const install = clientInstallCommand(explicitClient);
    if (install) setup.clientInstall = install;
    // The source's engine came with its executor; the job's own image may have no client for the service.
    reportOnce(
      sink,
      'approximate-translation',
      install
        ? `job "${job.id}" keeps its image ${explicitClient}, which has no Docker client: its script installs one first, pointed at the dind service`
        : `job "${job.id}" keeps its image ${explicitClient}, so its Docker client is pointed at the dind service explicitly`,
      {
        job: job.id,
        origin: step.origin,
        hint: install
          ? 'Or run the job in an image with the docker CLI (the official docker:<version>-cli image sets the dind variables itself).'
          : 'The image must contain the docker CLI; the official docker:<version>-cli image sets these variables itself.',
      },
    );
  }
  if (step.storageDriver !== undefined) set('DOCKER_DRIVER', step.storageDriver);
  reportOnce(sink, 'manual-runner', `job "${job.id}" runs Docker in Docker: its runner must be privileged${dind.tls ? ' and share /certs/client' : ''}`, {
    job: job.id,
    origin: step.origin,
    hint: dind.runner,
  });
  return setup;
}

/**
 * Only the official `docker` image's entrypoint, from 19.03 on, derives `DOCKER_HOST` from
 * `DOCKER_TLS_CERTDIR` (docker-in-ci.md §4.2). A job that keeps its own image (a CircleCI `cimg/*`
 * image with the CLI installed, or a 2017 `docker:17.03-git`) must be told where the TLS daemon
 * is, as the Kubernetes variant does. Returns that image, or undefined when nothing needs saying.
 */
function needsExplicitClient(job: Job, tls: boolean): string | undefined {
  const image = job.executor?.kind === 'docker' ? job.executor.image.name : undefined;
  if (!tls || image === undefined || isDindClientImage(image)) return undefined;
  return image;
}

/**
 * A GitLab source writes back what it said: its service (unpinned when it was), and only the
 * `DOCKER_*` variables its step carries (docker-in-ci.md §4.2). An explicit TLS host on 2376 is
 * the Kubernetes variant, which also needs DOCKER_TLS_VERIFY and DOCKER_CERT_PATH.
 */
function gitlabDind(step: DockerDaemonStep, setup: DockerSetup, set: (name: string, value: string) => void): DockerSetup {
  const name = step.image ?? plainDindImage(step.version);
  setup.services.push(step.daemonArgs?.length ? { name, command: step.daemonArgs } : name);
  if (step.tls === false) {
    if (step.host !== undefined) set('DOCKER_HOST', step.host);
    // Only where the source set it: a plain-TCP host alone does not turn TLS off in the service.
    if (step.certDir !== undefined) set('DOCKER_TLS_CERTDIR', step.certDir);
  } else if (step.tls === true) {
    if (step.host !== undefined) set('DOCKER_HOST', step.host);
    if (step.certDir !== undefined) set('DOCKER_TLS_CERTDIR', step.certDir);
    if (step.host !== undefined && /:2376\/?$/.test(step.host)) {
      // The Kubernetes executor does not run the dind image's entrypoint (runner issue 4125).
      set('DOCKER_TLS_VERIFY', '1');
      set('DOCKER_CERT_PATH', '$DOCKER_TLS_CERTDIR/client');
    }
  } else if (step.host !== undefined) set('DOCKER_HOST', step.host);
  if (step.storageDriver !== undefined) set('DOCKER_DRIVER', step.storageDriver);
  return setup;
}
