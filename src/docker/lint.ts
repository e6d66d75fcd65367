/**
 * Docker command lints, run by `translate()` after parsing: each looks at one job's Docker use
 * under the engine the target will give it and reports a catalogued `docker-*` diagnostic.
 */
import { report } from '../diagnostics/report.js';
import type { DiagnosticSink } from '../diagnostics/types.js';
import type { FormatId, Pipeline } from '../ir/types.js';
import { targetEngine, type EngineOptions } from './engine.js';
import { readJobDocker } from './job-docker.js';
import { lintBindMount } from './lints/bind-mount.js';
import { lintBuildBtrfs } from './lints/build-btrfs.js';
import { lintComposeMissing } from './lints/compose-missing.js';
import type { DockerLint } from './lints/context.js';
import { lintExecLxc } from './lints/exec-lxc.js';
import { lintImageUnpinned } from './lints/image-unpinned.js';
import { lintLayerCaching } from './lints/layer-caching.js';
import { lintLoginEmail } from './lints/login-email.js';
import { lintLoginPassword } from './lints/login-password.js';
import { lintPortUnreachable } from './lints/port-unreachable.js';
import { lintSaveLoadCache } from './lints/save-load-cache.js';
import { lintTty } from './lints/tty.js';

export const dockerLints: readonly DockerLint[] = [
  lintBindMount,
  lintPortUnreachable,
  lintExecLxc,
  lintLoginEmail,
  lintLoginPassword,
  lintTty,
  lintImageUnpinned,
  lintComposeMissing,
  lintLayerCaching,
  lintSaveLoadCache,
  lintBuildBtrfs,
];

/**
 * Runs every Docker lint over every job of `pipeline`, as translated to `target`. Pass the GitLab
 * emitter's `dockerMode` as `gitlabDockerMode` so the lints judge the engine it writes.
 */
export function lintDocker(pipeline: Pipeline, target: FormatId, sink: DiagnosticSink, options: EngineOptions = {}): void {
  for (const job of pipeline.jobs) {
    const docker = readJobDocker(job);
    const ctx = { pipeline, target, job, docker, engine: targetEngine(docker, pipeline, target, options), sink };
    for (const lint of dockerLints) {
      try {
        lint(ctx);
      } catch (error) {
        // A lint bug must not cost the user their translation.
        report(sink, 'internal-error', `a Docker lint failed on job "${job.id}": ${error instanceof Error ? error.message : String(error)}`, { origin: job.origin });
      }
    }
  }
}
