/**
 * Bind mounts from the job's filesystem under an engine that runs elsewhere (catalog
 * `docker-bind-mount`; seeds 000, 001, 002; docker-in-ci.md §3, §4.3).
 */
import { report } from '../../diagnostics/report.js';
import { bindMounts, type BindMount } from '../detect.js';
import { describeEngine, type TargetEngine } from '../engine.js';
import { commandOrigin, quote, sourceRanDockerLocally, type DockerLintContext } from './context.js';

/** Whether the mount's source path is missing where the engine resolves it. */
export function isMountBroken(mount: BindMount, engine: TargetEngine): boolean {
  if (mount.where === 'socket') return false; // the daemon's own socket exists on the daemon host
  switch (engine) {
    case 'remote':
    case 'socket':
      return true;
    case 'dind':
      // The dind service shares the build directory (/builds) with the job, nothing else (seed 001).
      return mount.where === 'home' || mount.where === 'absolute';
    default:
      return false;
  }
}

const hints: Partial<Record<TargetEngine, string>> = {
  remote:
    'Copy files in through a data container: `docker create -v /data --name data alpine:3.4 /bin/true; docker cp <path> data:/data; ' +
    'docker run --volumes-from data …`, and results out with `docker cp <container>:/out ./`; or run the job on the `machine` executor.',
  dind: 'Mount from the build directory, which the dind service shares: `mkdir -p "$CI_PROJECT_DIR/mnt"` and `-v "$CI_PROJECT_DIR/mnt:/mnt"`.',
  socket: 'The path is read on the runner host, not in the job container: copy files with `docker cp`, or use paths that are the same on both.',
};

export function lintBindMount(ctx: DockerLintContext): void {
  for (const at of ctx.docker.calls) {
    for (const mount of bindMounts(at.call)) {
      if (!isMountBroken(mount, ctx.engine)) continue;
      const worked = sourceRanDockerLocally(ctx) ? '; the source ran Docker beside the job, where the mount worked' : '';
      report(
        ctx.sink,
        'docker-bind-mount',
        `"${quote(mount.text)}" mounts a path of the job's filesystem, but Docker runs on ${describeEngine(ctx.engine, ctx.target)}, where that path is not the job's${worked}`,
        { origin: commandOrigin(ctx, at), hint: hints[ctx.engine] },
      );
    }
  }
}
