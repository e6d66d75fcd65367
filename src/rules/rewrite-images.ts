import { report } from '../diagnostics/report.js';
import type { DiagnosticSink } from '../diagnostics/types.js';
import type { Image, Pipeline, Service } from '../ir/types.js';
import { rewriteImage } from './image-match.js';
import { describeSource, type ImageRule } from './types.js';

/**
 * Rewrites every job image and service image by the first matching rule (user rules come first in
 * `rules`). Runs on the IR after reading, so it holds for every target and no writer knows of it.
 */
export function rewriteImages(pipeline: Pipeline, rules: readonly ImageRule[], sink: DiagnosticSink): void {
  if (!rules.length) return;
  for (const job of pipeline.jobs) {
    if (job.executor?.kind === 'docker') rewriteOne(job.executor.image, `job "${job.id}"`, rules, sink);
    for (const service of job.services ?? []) {
      const before = service.name;
      if (rewriteOne(service, `job "${job.id}" service`, rules, sink)) keepGitlabHostname(pipeline, service, before);
    }
  }
}

function rewriteOne(image: Image, what: string, rules: readonly ImageRule[], sink: DiagnosticSink): boolean {
  for (const rule of rules) {
    const rewritten = rewriteImage(image.name, rule.from, rule.to);
    if (rewritten === undefined) continue;
    if (rewritten !== image.name) {
      report(sink, rule.source.line ? 'user-rule' : 'builtin-rule', `${what}: image "${image.name}" is written as "${rewritten}" (rule "${rule.from}" at ${describeSource(rule.source)})`, {
        origin: image.origin,
      });
    }
    image.name = rewritten;
    return true;
  }
  return false;
}

/**
 * A GitLab service without `alias` is reached by a hostname made from its image name (tag
 * dropped, `/` → `-`; docs.gitlab.com ci/services "Accessing the services"), so a new image name
 * would move the host the job talks to: the old hostname becomes the alias.
 */
function keepGitlabHostname(pipeline: Pipeline, service: Service, before: string): void {
  if (pipeline.source !== 'gitlab' || service.alias) return;
  const hostname = (name: string) => name.replace(/[@:][^/]*$/, '').replace(/\//g, '-');
  if (hostname(before) !== hostname(service.name)) service.alias = hostname(before);
}
