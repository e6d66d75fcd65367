/**
 * One manual task per variable the commands read but the configuration never sets: the source
 * project holds it in its CI settings (a secret, most often), and the target project must get it
 * too. Only names are printed, never a value.
 */
import { report } from '../diagnostics/report.js';
import type { DiagnosticSink } from '../diagnostics/types.js';
import type { FormatId, Pipeline } from '../ir/types.js';
import { undefinedVariables } from './undefined-variables.js';

/**
 * Where the target keeps such variables, the vendor page that says how to create one, and what to
 * do with a value the source's CI gave (`plain`: an address or name; `secret`: a password or token).
 */
const settings: Record<FormatId, { where: string; how: string; plain: string; secret: string }> = {
  gitlab: {
    where: 'as a CI/CD variable of the GitLab project or group',
    how: 'Settings > CI/CD > Variables; mark it masked when it holds a secret (https://docs.gitlab.com/ci/variables/#for-a-project).',
    plain: 'It is not a secret: a `variables:` entry in .gitlab-ci.yml can hold it instead.',
    secret: 'It is a secret: mark it masked.',
  },
  circleci2: {
    where: 'in the CircleCI project settings or a context',
    how: 'Project Settings > Environment Variables, or a context the jobs name (https://circleci.com/docs/set-environment-variable/).',
    plain: "It is not a secret: the job's `environment` can hold it instead.",
    secret: 'It is a secret: keep it out of the configuration; CircleCI masks project and context variables in job output.',
  },
  circleci1: {
    where: 'in the CircleCI project settings',
    how: 'Project Settings > Environment Variables (https://circleci.com/docs/set-environment-variable/).',
    plain: 'It is not a secret: `machine.environment` can hold it instead.',
    secret: 'It is a secret: keep it out of circle.yml.',
  },
};

const vendorNames: Record<string, string> = { gitlab: 'GitLab', circleci: 'CircleCI' };

/** CircleCI 1.0 and 2.x builds of a project read the same project settings. */
function vendorOf(format: FormatId): string {
  return format === 'gitlab' ? 'gitlab' : 'circleci';
}

const listedJobs = 10;

/** Diagnostics that say part of the configuration was not read. */
const unreadParts = new Set(['gitlab-include-external', 'gitlab-include-unresolved', 'gitlab-extends-missing']);

export function reportVariablesToCreate(pipeline: Pipeline, from: FormatId, to: FormatId, sink: DiagnosticSink): void {
  // Within one vendor the project's settings stay where they are.
  if (vendorOf(from) === vendorOf(to)) return;
  const target = settings[to];
  // Includes that were not read may define the variable: the task then says so.
  const unread = sink.diagnostics.some((d) => unreadParts.has(d.code));
  // CircleCI contexts hold variables too: the hint says where the value may be found.
  const contextsOf = new Map<string, string[]>();
  for (const node of pipeline.workflows.flatMap((w) => w.nodes)) {
    if (node.job && node.contexts?.length) contextsOf.set(node.job, [...(contextsOf.get(node.job) ?? []), ...node.contexts]);
  }
  const source = vendorNames[vendorOf(from)];
  for (const variable of undefinedVariables(pipeline, from)) {
    const shown = variable.jobs.slice(0, listedJobs).map((job) => `"${job}"`).join(', ');
    const more = variable.jobs.length > listedJobs ? ` and ${variable.jobs.length - listedJobs} more` : '';
    const jobs = `${variable.jobs.length === 1 ? 'job' : `${variable.jobs.length} jobs`} ${shown}${more}`;
    if (variable.provided) {
      // A value the source's CI set itself: say what it held, as there is nothing to copy.
      report(sink, 'manual-secret', `create the variable ${variable.name} ${target.where}: used by ${jobs}, set by ${source} itself in every job`, {
        origin: variable.origin,
        hint: `${source} gave ${variable.provided.value}. ${variable.provided.secret ? target.secret : target.plain} ${target.how}`,
      });
      continue;
    }
    const contexts = [...new Set(variable.jobs.flatMap((job) => contextsOf.get(job) ?? []))];
    const from = contexts.length ? `the source's project settings or its context ${contexts.map((c) => `"${c}"`).join(', ')}` : "the source project's CI settings";
    report(sink, 'manual-secret', `create the variable ${variable.name} ${target.where}: used by ${jobs}, set nowhere in ${unread ? 'the files read (an include not read may set it)' : 'the configuration'}`, {
      origin: variable.origin,
      hint: `Copy its value from ${from}. ${target.how}`,
    });
  }
}
