/** CircleCI 2.x's behaviour, as the behaviour model needs it. */
import type { FormatSemantics } from '../../behaviour/semantics.js';
import { computedAliases, predefinedMeanings } from '../../rules/predefined-variables.js';

export const semantics: FormatSemantics = {
  // Every `run` step is its own shell, `/bin/bash -eo pipefail` by default
  // (https://circleci.com/docs/configuration-reference/#default-shell-options).
  sharedShellPhases: [],
  statusIgnoredPhases: [],
  defaultShell: '/bin/bash -eo pipefail',
  defaultWorkingDirectory: '~/project',
  // No merge request pipelines: a pull request builds as a push of its branch.
  events: ['push', 'tag', 'schedule', 'web'],
  absentEvents: { merge_request: 'CircleCI builds a pull request through the pushes of its branch; "Only build pull requests" limits branch builds to those (https://circleci.com/docs/guides/integration/pull-request-build-settings/).' },
  unconditionalEvents: ['push', 'tag', 'schedule', 'web'],
  eventVariables(event) {
    const vars: Record<string, string> = {};
    if (event.branch && event.kind !== 'tag') vars.CIRCLE_BRANCH = event.branch;
    if (event.tag) vars.CIRCLE_TAG = event.tag;
    return vars;
  },
  // Secondary containers share the primary's network: localhost, or the `name` given
  // (https://circleci.com/docs/configuration-reference/#docker).
  serviceHosts: (service) => ['localhost', ...(service.alias ? [service.alias] : [])],
  servicesOnLocalhost: true,
  plumbingVariables: [],
  // A save under a key that exists is skipped (https://circleci.com/docs/caching/).
  expandedVariables: 'ci',
  predefined: predefinedMeanings('circleci2'),
  computedAliases: computedAliases('circleci2'),
  artifactsReachLaterJobs: false,
  cacheKeysMutable: false,
  // Each step's bash sources $BASH_ENV first, so exports appended to it reach later steps
  // (https://circleci.com/docs/set-environment-variable/#set-an-environment-variable-in-a-shell-command).
  sourcedEnvironmentFile: 'BASH_ENV',
  // Without bash in the image the steps run in /bin/sh (configuration reference, `shell`).
  shellWithoutBash: '/bin/sh -eo pipefail',
  // A machine executor is a whole VM with Docker installed and running
  // (https://circleci.com/docs/configuration-reference/#machine).
  executorEngines: { machine: 'local' },
  // A scheduled workflow (`triggers: - schedule`) is started by its own cron alone; schedule
  // triggers set up in the UI run every workflow instead, but a file that declares scheduled
  // workflows is scheduled through them
  // (https://circleci.com/docs/guides/orchestrate/migrate-scheduled-workflows-to-schedule-triggers).
  declaredSchedulesRunOnlyTheirWorkflow: true,
};
