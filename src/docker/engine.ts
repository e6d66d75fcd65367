/**
 * Where Docker commands of a job will run once translated: the engine model of the target, which
 * decides whether mounts and ports behave as in the source.
 */
import type { FormatId, Pipeline } from '../ir/types.js';
import { adviseExecutor } from './executor-advisor.js';
import type { JobDocker } from './job-docker.js';

/**
 * `local`: Docker beside the job (1.0 service, CircleCI `machine`). `remote`: CircleCI
 * `setup_remote_docker` (a separate VM, 2017–2023). `dind`: a GitLab `docker:dind` service.
 * `socket`: the runner host's daemon. `unknown`: the runner provides Docker invisibly (a GitLab
 * shell executor or socket binding, which YAML cannot show, docker-in-ci.md §4.1).
 */
export type TargetEngine = 'local' | 'remote' | 'dind' | 'socket' | 'unknown';

export interface EngineOptions {
  /** How the GitLab output provides Docker (the emitter's `dockerMode`): a dind service (default) or the host socket. */
  gitlabDockerMode?: 'dind' | 'socket';
}

export function targetEngine(docker: JobDocker, pipeline: Pipeline, target: FormatId, options: EngineOptions = {}): TargetEngine {
  switch (target) {
    case 'circleci1':
      // 1.0 runs Docker inside the build container (docker-in-ci.md §1).
      return 'local';
    case 'circleci2':
      // The CircleCI 2.x emitter follows chooseCircleciDockerExecutor.
      return adviseExecutor(docker).kind === 'machine' ? 'local' : 'remote';
    case 'gitlab':
      if (docker.daemon?.engine === 'socket') return 'socket';
      if (docker.daemon) return options.gitlabDockerMode === 'socket' ? 'socket' : 'dind';
      // GitLab jobs without a dind service get Docker from the runner; other sources get dind.
      if (pipeline.source === 'gitlab') return 'unknown';
      return options.gitlabDockerMode === 'socket' ? 'socket' : 'dind';
  }
}

/** Whether the engine runs apart from the job's filesystem and network. */
export function isSeparateEngine(engine: TargetEngine): boolean {
  return engine === 'remote' || engine === 'dind' || engine === 'socket';
}

export function describeEngine(engine: TargetEngine, target: FormatId): string {
  switch (engine) {
    case 'remote':
      return 'the remote engine of setup_remote_docker (the model CircleCI documented 2017–2023 and older CircleCI Server releases keep)';
    case 'dind':
      return 'the Docker-in-Docker service, a separate container';
    case 'socket':
      return "the runner host's daemon (socket binding)";
    case 'local':
      return target === 'circleci1' ? 'Docker inside the CircleCI 1.0 build container' : 'Docker on the job\'s own machine';
    case 'unknown':
      return 'the Docker the runner provides';
  }
}
