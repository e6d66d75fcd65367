/**
 * `docker login -p/--password` on the command line (catalog `docker-login-password`;
 * docker-in-ci.md §3, §5). Messages name the flag and at most a variable reference, never a value.
 */
import { reportOnce } from '../../diagnostics/report.js';
import { optionsNamed, parseCallArgs } from '../docker-commands.js';
import { commandOrigin, type DockerLintContext } from './context.js';

const variableReference = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/;

export function lintLoginPassword(ctx: DockerLintContext): void {
  // `--password-stdin` came with Docker 17.07; CircleCI 1.0 ran Docker up to 1.9/1.10.
  if (ctx.target === 'circleci1') return;
  for (const at of ctx.docker.calls) {
    const { call } = at;
    if (call.tool !== 'docker' || call.subcommand !== 'login') continue;
    const parsed = parseCallArgs(call);
    if (optionsNamed(parsed, 'password-stdin').length) continue;
    const password = optionsNamed(parsed, 'password')[0];
    if (!password) continue;
    const user = optionsNamed(parsed, 'username')[0]?.value;
    const userRef = user !== undefined && variableReference.test(user) ? `"${user}"` : '<user>';
    const passwordName = password.value === undefined ? undefined : variableReference.exec(password.value)?.[1];
    const passwordRef = passwordName ? `"$${passwordName}"` : '"$REGISTRY_PASSWORD"';
    const registry = parsed.operands[0] ? ` ${parsed.operands[0]}` : '';
    reportOnce(ctx.sink, 'docker-login-password', `"docker login ${password.flag.startsWith('--') ? password.flag : '-p'} …" passes the registry password on the command line`, {
      origin: commandOrigin(ctx, at),
      hint:
        `Pipe it in: \`echo ${passwordRef} | docker login -u ${userRef} --password-stdin${registry}\`` +
        (passwordName ? '.' : ', with the password kept in a secret CI variable.'),
    });
  }
}
