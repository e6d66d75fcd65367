/**
 * Everything a GitLab job needs to reach a Docker-in-Docker daemon: the pinned service and job
 * images and the `DOCKER_*` variables of the runner mode (mappings/docker.yml `dindModes`, from
 * docker-in-ci.md §4.2 and the GitLab page in seeds/001).
 */
import { docker } from '../rules/generated/docker.generated.js';
import { chooseDindVersion, dockerCliImage, dindServiceImage, isDindTlsCapable, type VersionChoice } from './versions.js';

export type DindExecutor = 'docker' | 'kubernetes';

export interface DindVariable {
  name: string;
  value: string;
}

export interface DindMode {
  mode: string;
  executor: DindExecutor;
  tls: boolean;
  port: number;
  variables: DindVariable[];
  serviceVariables: DindVariable[];
  /** What the runner administrator must configure; the YAML cannot ask for it (spec §4.1). */
  runner: string;
  source: string;
}

/** The documented variables for one runner mode. */
export function dindMode(executor: DindExecutor, tls: boolean): DindMode {
  const row = docker.dindModes.find((m) => m.executor === executor && m.tls === tls)!;
  return {
    mode: row.mode,
    executor,
    tls,
    port: row.port,
    variables: row.variables.map((v) => ({ name: v.name, value: v.value })),
    serviceVariables: row.serviceVariables.map((v: DindVariable) => ({ name: v.name, value: v.value })),
    runner: row.runner,
    source: row.source,
  };
}

export interface DindSetupOptions {
  /** The runner executor assumed; GitLab.com instance runners use the Docker executor. */
  executor?: DindExecutor;
  /** TLS wanted (the source's `tls`); `undefined` means the documented recommendation, TLS on. */
  tls?: boolean;
}

export interface DindSetup extends DindMode {
  version: VersionChoice;
  serviceImage: string;
  jobImage: string;
  /** Things the emitter should tell the user (TLS turned off for an old image). */
  notes: string[];
}

/** The service, job image and variables for a dind job running engine `version`. */
export function dindSetup(version: string | undefined, options: DindSetupOptions = {}): DindSetup {
  const choice = chooseDindVersion(version);
  const notes: string[] = [];
  let tls = options.tls ?? true;
  if (tls && !isDindTlsCapable(choice.value)) {
    // Before 19.03 the dind image generated no certificates (spec §4.2: TLS default from 19.03.12).
    notes.push(`docker:${choice.value}-dind does not set up TLS by itself; the daemon is reached without TLS on port 2375`);
    tls = false;
  }
  return {
    ...dindMode(options.executor ?? 'docker', tls),
    version: choice,
    serviceImage: dindServiceImage(version),
    jobImage: dockerCliImage(version),
    notes,
  };
}
