/**
 * `docker build` without `--rm=false` on CircleCI 1.0's BTRFS (catalog `docker-build-btrfs`;
 * docker-in-ci.md §1 [D1][D2]).
 */
import { reportOnce } from '../../diagnostics/report.js';
import { optionsNamed, parseCallArgs } from '../docker-commands.js';
import { commandOrigin, type DockerLintContext } from './context.js';

export function lintBuildBtrfs(ctx: DockerLintContext): void {
  if (ctx.target !== 'circleci1') return;
  for (const at of ctx.docker.calls) {
    const { call } = at;
    if (call.tool !== 'docker' || call.subcommand !== 'build') continue;
    if (optionsNamed(parseCallArgs(call), 'rm').some((o) => o.value === 'false')) continue;
    reportOnce(ctx.sink, 'docker-build-btrfs', '"docker build" on CircleCI 1.0 logs "Failed to destroy btrfs snapshot" when it removes intermediate containers', {
      origin: commandOrigin(ctx, at),
      hint: 'The error is harmless; add `--rm=false` to avoid it.',
    });
  }
}
