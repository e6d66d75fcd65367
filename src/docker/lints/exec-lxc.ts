/**
 * `docker exec` on CircleCI 1.0, whose LXC execution driver does not implement it (catalog
 * `docker-exec-lxc`; seed 003; docker-in-ci.md §1).
 */
import { report } from '../../diagnostics/report.js';
import { parseCallArgs } from '../docker-commands.js';
import { commandOrigin, quote, type DockerLintContext } from './context.js';

/** The documented 1.0 workaround for one `docker exec CONTAINER CMD…`. */
export function lxcAttachCommand(container: string, command: readonly string[]): string {
  const cmd = command.length ? command.join(' ') : 'CMD';
  const quoted = `'${cmd.replace(/'/g, `'\\''`)}'`;
  return `sudo lxc-attach -n "$(docker inspect --format "{{.Id}}" ${container})" -- bash -c ${quoted}`;
}

export function lintExecLxc(ctx: DockerLintContext): void {
  if (ctx.target !== 'circleci1') return;
  for (const at of ctx.docker.calls) {
    const { call } = at;
    if (call.subcommand !== 'exec') continue;
    let hint = 'Run the command with `sudo lxc-attach -n "$(docker inspect --format "{{.Id}}" NAME)" -- bash -c CMD`; it starts in the container\'s root directory.';
    if (call.tool === 'docker') {
      const [container = 'NAME', ...command] = parseCallArgs(call).operands;
      hint = `Use \`${quote(lxcAttachCommand(container, command), 160)}\`; it starts in the container's root directory.`;
    }
    report(ctx.sink, 'docker-exec-lxc', `"${quote(call.command.argv.join(' '))}" fails on CircleCI 1.0: "Exec is not supported by the lxc driver"`, {
      origin: commandOrigin(ctx, at),
      hint,
    });
  }
}
