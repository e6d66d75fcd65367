/** CircleCI 1.0's behaviour, as the behaviour model needs it. */
import type { FormatSemantics } from '../../behaviour/semantics.js';
import { computedAliases, predefinedMeanings } from '../../rules/predefined-variables.js';

export const semantics: FormatSemantics = {
  // Each command runs in its own shell (https://circleci.com/docs/1.0/configuration/).
  sharedShellPhases: [],
  statusIgnoredPhases: [],
  defaultShell: 'bash',
  defaultWorkingDirectory: '~/$CIRCLE_PROJECT_REPONAME',
  events: ['push', 'tag', 'schedule', 'web'],
  absentEvents: { merge_request: 'CircleCI 1.0 builds a pull request through the pushes of its branch (https://circleci.com/docs/guides/integration/pull-request-build-settings/).' },
  unconditionalEvents: ['push', 'tag', 'schedule', 'web'],
  eventVariables(event) {
    const vars: Record<string, string> = {};
    if (event.branch && event.kind !== 'tag') vars.CIRCLE_BRANCH = event.branch;
    if (event.tag) vars.CIRCLE_TAG = event.tag;
    return vars;
  },
  // Machine services run on the build machine itself.
  serviceHosts: () => ['localhost'],
  servicesOnLocalhost: true,
  plumbingVariables: [],
  // cache_directories are saved again after every build.
  // machine.environment values are exported by the shell, so they read $PATH, $HOME at run time.
  expandedVariables: 'shell',
  predefined: predefinedMeanings('circleci1'),
  computedAliases: computedAliases('circleci1'),
  artifactsReachLaterJobs: false,
  cacheKeysMutable: true,
};
