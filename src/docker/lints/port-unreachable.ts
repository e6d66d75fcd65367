/**
 * `docker run -p` then `curl localhost:<port>` under an engine that publishes elsewhere (catalog
 * `docker-port-unreachable`; seeds 000, 002, 003; docker-in-ci.md §3, §4.2).
 */
import { report } from '../../diagnostics/report.js';
import { optionsNamed, parseCallArgs } from '../docker-commands.js';
import { localhostUrls, portMatches, publishedPorts, type PublishedPort } from '../detect.js';
import { describeEngine, isSeparateEngine } from '../engine.js';
import { commandOrigin, quote, sourceRanDockerLocally, type DockerLintContext } from './context.js';

export function lintPortUnreachable(ctx: DockerLintContext): void {
  if (!isSeparateEngine(ctx.engine)) return;
  const published: Array<PublishedPort & { container?: string }> = [];
  for (const at of ctx.docker.commands) {
    const call = at.call;
    if (call) {
      const name = optionsNamed(parseCallArgs(call), 'name')[0]?.value;
      published.push(...publishedPorts(call).map((p) => ({ ...p, ...(name ? { container: name } : {}) })));
      continue;
    }
    for (const url of localhostUrls(at.command)) {
      const source = published.find((p) => portMatches(p, url.port));
      if (!source) continue;
      const container = source.container ?? '<container>';
      const worked = sourceRanDockerLocally(ctx) ? '; in the source Docker ran beside the job and the port was local' : '';
      const hint =
        ctx.engine === 'dind'
          ? `The port is published on the dind service: call \`http://docker:${url.port}\` instead of localhost, or run the check with \`docker exec ${container} curl …\`.`
          : `Run the check next to the container: \`docker exec ${container} curl …\` or \`docker run --network container:${container} <curl image> …\`` +
            (ctx.engine === 'remote' ? '; or run the job on the `machine` executor.' : '.');
      report(
        ctx.sink,
        'docker-port-unreachable',
        `"${quote(`${at.command.argv[0]} ${url.text}`)}" calls a port published with "${quote(source.text)}", but the port opens on ${describeEngine(ctx.engine, ctx.target)}, not on the job's localhost${worked}`,
        { origin: commandOrigin(ctx, at), hint },
      );
      break;
    }
  }
}
