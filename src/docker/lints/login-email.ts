/**
 * `docker login -e/--email`, removed in Docker 17.06, and `aws ecr get-login` without
 * `--no-include-email`, which prints it (catalog `docker-login-email`; docker-in-ci.md §5).
 */
import { report } from '../../diagnostics/report.js';
import { optionsNamed, parseCallArgs } from '../docker-commands.js';
import { commandOrigin, type DockerLintContext } from './context.js';

export function lintLoginEmail(ctx: DockerLintContext): void {
  // CircleCI 1.0 ran Docker up to 1.9/1.10, which still took the flag (docker-in-ci.md §1).
  if (ctx.target === 'circleci1') return;
  for (const at of ctx.docker.commands) {
    const call = at.call;
    if (call?.tool === 'docker' && call.subcommand === 'login') {
      const email = optionsNamed(parseCallArgs(call), 'email')[0];
      if (!email) continue;
      report(ctx.sink, 'docker-login-email', `"docker login ${email.flag}" uses the email flag that Docker 17.06 removed; current clients fail with an unknown-flag error`, {
        origin: commandOrigin(ctx, at),
        hint: `Drop \`${email.flag} <email>\` from the command; registries identify you by user name and password or token.`,
      });
      continue;
    }
    const argv = at.command.argv;
    if (argv[0]?.split('/').pop() === 'aws' && argv.includes('ecr') && argv.includes('get-login') && !argv.includes('--no-include-email')) {
      report(ctx.sink, 'docker-login-email', '"aws ecr get-login" prints a `docker login -e none …` command, which Docker 17.06 and later reject', {
        origin: commandOrigin(ctx, at),
        hint: 'Add `--no-include-email` (or use `aws ecr get-login-password | docker login --username AWS --password-stdin <registry>`).',
      });
    }
  }
}
