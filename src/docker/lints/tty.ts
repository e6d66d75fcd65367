/** `docker run|create|exec -t` in a job without a terminal (catalog `docker-tty`; seed 004). */
import { report } from '../../diagnostics/report.js';
import { optionsNamed, parseCallArgs } from '../docker-commands.js';
import { commandOrigin, type DockerLintContext } from './context.js';

const terminalVerbs = new Set(['run', 'create', 'exec']);

export function lintTty(ctx: DockerLintContext): void {
  for (const at of ctx.docker.calls) {
    const { call } = at;
    if (call.tool !== 'docker' || !terminalVerbs.has(call.subcommand)) continue;
    const parsed = parseCallArgs(call);
    const tty = optionsNamed(parsed, 'tty')[0];
    if (!tty || tty.value === 'false') continue;
    const interactive = optionsNamed(parsed, 'interactive').length > 0;
    report(
      ctx.sink,
      'docker-tty',
      `"docker ${call.subcommand} ${tty.flag}" asks for a terminal, but CI jobs have none` +
        (interactive ? '; with `-i` it fails with "the input device is not a TTY"' : ''),
      {
        origin: commandOrigin(ctx, at),
        hint: interactive ? `Drop \`-t\`: write \`docker ${call.subcommand} -i …\` (or neither flag when no input is piped in).` : `Drop \`${tty.flag}\`.`,
      },
    );
  }
}
