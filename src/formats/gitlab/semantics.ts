/** GitLab CI's behaviour, as the behaviour model needs it. */
import type { FormatSemantics } from '../../behaviour/semantics.js';
import { clientInstallCommands } from '../../docker/client-install.js';
import { predefinedMeanings } from '../../rules/predefined-variables.js';
import type { Service } from '../../ir/types.js';

/**
 * A service without `alias` answers at its image name without the tag, with `/` written as `__`
 * and as `-` (https://docs.gitlab.com/ci/services/#accessing-the-services).
 */
function serviceHosts(service: Service): string[] {
  if (service.alias) return [service.alias];
  const withoutTag = service.name.replace(/@sha256:.*$/, '').replace(/:[^/:]*$/, '');
  return [...new Set([withoutTag.replaceAll('/', '__'), withoutTag.replaceAll('/', '-')])];
}

/** What a job that runs nothing says in the `script:` GitLab requires (the writer's filler line). */
export const emptyScriptLine = 'echo "nothing to run"';

export const semantics: FormatSemantics = {
  // before_script and script run in one shell; after_script in a new one whose exit status is
  // ignored (https://docs.gitlab.com/ci/yaml/#after_script).
  sharedShellPhases: [['before_script', 'script']],
  statusIgnoredPhases: ['after_script'],
  // The runner's bash script starts with `set -eo pipefail`
  // (https://gitlab.com/gitlab-org/gitlab-runner/-/issues/25394).
  defaultShell: 'bash -eo pipefail',
  defaultWorkingDirectory: '$CI_PROJECT_DIR',
  fillerCommands: [emptyScriptLine, ...clientInstallCommands],
  events: ['push', 'tag', 'merge_request', 'schedule', 'web'],
  // Jobs without rules or only/except behave as `only: [branches, tags]`: no merge request
  // pipelines (https://docs.gitlab.com/ci/yaml/#only--except).
  unconditionalEvents: ['push', 'tag', 'schedule', 'web'],
  eventVariables(event) {
    const vars: Record<string, string> = { CI_DEFAULT_BRANCH: 'main' };
    const source = { push: 'push', tag: 'push', merge_request: 'merge_request_event', schedule: 'schedule', web: 'web' }[event.kind];
    vars.CI_PIPELINE_SOURCE = source;
    // CI_COMMIT_BRANCH is not set in merge request pipelines or for tags
    // (https://docs.gitlab.com/ci/variables/predefined_variables/).
    if (event.branch && event.kind !== 'merge_request') vars.CI_COMMIT_BRANCH = event.branch;
    if (event.tag) vars.CI_COMMIT_TAG = event.tag;
    vars.CI_COMMIT_REF_NAME = event.tag ?? event.branch ?? '';
    if (event.kind === 'merge_request' && event.branch) {
      vars.CI_MERGE_REQUEST_SOURCE_BRANCH_NAME = event.branch;
      vars.CI_MERGE_REQUEST_TARGET_BRANCH_NAME = 'main';
      vars.CI_MERGE_REQUEST_IID = '1';
    }
    return vars;
  },
  serviceHosts,
  servicesOnLocalhost: false,
  plumbingVariables: ['DOCKER_HOST', 'DOCKER_TLS_CERTDIR', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH', 'DOCKER_DRIVER'],
  // A cache key is overwritten by every job that saves it (https://docs.gitlab.com/ci/caching/).
  expandedVariables: 'ci',
  predefined: predefinedMeanings('gitlab'),
  // Later jobs download earlier jobs' artifacts (https://docs.gitlab.com/ci/yaml/#dependencies).
  artifactsReachLaterJobs: true,
  cacheKeysMutable: true,
  // after_script sees the job's result as CI_JOB_STATUS (https://docs.gitlab.com/ci/variables/predefined_variables/).
  jobStatus: { variable: 'CI_JOB_STATUS', failed: 'failed' },
};
