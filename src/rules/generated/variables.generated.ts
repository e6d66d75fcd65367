// Generated from mappings/variables.yml by test/tools/generate-mappings.ts. Do not edit; run `npm run generate`.
export const variables = {
      "variables": [
        {
          "meaning": "branch name",
          "circleci2": "CIRCLE_BRANCH",
          "circleci1": "CIRCLE_BRANCH",
          "gitlab": "CI_COMMIT_BRANCH",
          "exact": false,
          "note": "CI_COMMIT_BRANCH is absent in merge-request pipelines; CI_COMMIT_REF_NAME is always set."
        },
        {
          "meaning": "tag name",
          "circleci2": "CIRCLE_TAG",
          "circleci1": "CIRCLE_TAG",
          "gitlab": "CI_COMMIT_TAG",
          "exact": true
        },
        {
          "meaning": "commit SHA",
          "circleci2": "CIRCLE_SHA1",
          "circleci1": "CIRCLE_SHA1",
          "gitlab": "CI_COMMIT_SHA",
          "exact": true
        },
        {
          "meaning": "build number",
          "circleci2": "CIRCLE_BUILD_NUM",
          "circleci1": "CIRCLE_BUILD_NUM",
          "gitlab": "CI_JOB_ID",
          "exact": false,
          "note": "CIRCLE_BUILD_NUM counts jobs per project; CI_JOB_ID is instance-wide."
        },
        {
          "meaning": "previous build number",
          "circleci2": "CIRCLE_PREVIOUS_BUILD_NUM",
          "circleci1": "CIRCLE_PREVIOUS_BUILD_NUM",
          "exact": false,
          "note": "GitLab has no previous-job number."
        },
        {
          "meaning": "build URL",
          "circleci2": "CIRCLE_BUILD_URL",
          "circleci1": "CIRCLE_BUILD_URL",
          "gitlab": "CI_JOB_URL",
          "exact": true
        },
        {
          "meaning": "job name",
          "circleci2": "CIRCLE_JOB",
          "gitlab": "CI_JOB_NAME",
          "exact": true
        },
        {
          "meaning": "parallel node index",
          "circleci2": "CIRCLE_NODE_INDEX",
          "circleci1": "CIRCLE_NODE_INDEX",
          "gitlab": "CI_NODE_INDEX",
          "exact": false,
          "expr": {
            "gitlab": "$((${CI_NODE_INDEX:-1} - 1))"
          },
          "note": "CIRCLE_NODE_INDEX is 0-based; CI_NODE_INDEX is 1-based and unset without `parallel`."
        },
        {
          "meaning": "parallel node count",
          "circleci2": "CIRCLE_NODE_TOTAL",
          "circleci1": "CIRCLE_NODE_TOTAL",
          "gitlab": "CI_NODE_TOTAL",
          "exact": false,
          "expr": {
            "gitlab": "${CI_NODE_TOTAL:-1}"
          },
          "note": "CI_NODE_TOTAL is unset without `parallel`."
        },
        {
          "meaning": "repository name",
          "circleci2": "CIRCLE_PROJECT_REPONAME",
          "circleci1": "CIRCLE_PROJECT_REPONAME",
          "gitlab": "CI_PROJECT_NAME",
          "exact": true
        },
        {
          "meaning": "repository owner",
          "circleci2": "CIRCLE_PROJECT_USERNAME",
          "circleci1": "CIRCLE_PROJECT_USERNAME",
          "gitlab": "CI_PROJECT_NAMESPACE",
          "exact": false,
          "note": "A GitLab namespace can hold subgroups (`group/sub`)."
        },
        {
          "meaning": "repository URL",
          "circleci2": "CIRCLE_REPOSITORY_URL",
          "circleci1": "CIRCLE_REPOSITORY_URL",
          "gitlab": "CI_REPOSITORY_URL",
          "exact": false,
          "note": "CI_REPOSITORY_URL embeds a job token; CircleCI's is the clone URL."
        },
        {
          "meaning": "user who triggered the build",
          "circleci2": "CIRCLE_USERNAME",
          "circleci1": "CIRCLE_USERNAME",
          "gitlab": "GITLAB_USER_LOGIN",
          "exact": true
        },
        {
          "meaning": "pull request URL",
          "circleci2": "CIRCLE_PULL_REQUEST",
          "circleci1": "CI_PULL_REQUEST",
          "gitlab": "CI_MERGE_REQUEST_PROJECT_URL",
          "exact": false,
          "note": "Only merge-request pipelines set the GitLab variables."
        },
        {
          "meaning": "pull request URLs",
          "circleci2": "CIRCLE_PULL_REQUESTS",
          "circleci1": "CI_PULL_REQUESTS",
          "exact": false
        },
        {
          "meaning": "pull request number",
          "circleci2": "CIRCLE_PR_NUMBER",
          "circleci1": "CIRCLE_PR_NUMBER",
          "gitlab": "CI_MERGE_REQUEST_IID",
          "exact": false,
          "note": "CircleCI sets it for fork pull requests only."
        },
        {
          "meaning": "working directory",
          "circleci2": "CIRCLE_WORKING_DIRECTORY",
          "gitlab": "CI_PROJECT_DIR",
          "exact": true
        },
        {
          "meaning": "workflow id",
          "circleci2": "CIRCLE_WORKFLOW_ID",
          "gitlab": "CI_PIPELINE_ID",
          "exact": false,
          "note": "A CircleCI workflow is a part of a pipeline; CI_PIPELINE_ID is the whole GitLab pipeline."
        },
        {
          "meaning": "pipeline id",
          "circleci2": "CIRCLE_PIPELINE_ID",
          "gitlab": "CI_PIPELINE_ID",
          "exact": false,
          "note": "CircleCI pipeline ids are UUIDs; GitLab's are integers."
        },
        {
          "meaning": "artifacts directory",
          "circleci1": "CIRCLE_ARTIFACTS",
          "exact": false,
          "note": "2.x and GitLab have no artifacts directory; declare artifact paths instead."
        },
        {
          "meaning": "test reports directory",
          "circleci1": "CIRCLE_TEST_REPORTS",
          "exact": false,
          "note": "2.x and GitLab have no reports directory; declare test-result paths instead."
        },
        {
          "meaning": "compare URL",
          "circleci1": "CIRCLE_COMPARE_URL",
          "exact": false
        },
        {
          "meaning": "build image",
          "circleci1": "CIRCLE_BUILD_IMAGE",
          "exact": false
        },
        {
          "meaning": "OIDC token",
          "circleci2": "CIRCLE_OIDC_TOKEN",
          "exact": false,
          "note": "GitLab issues OIDC tokens through `id_tokens`."
        },
        {
          "meaning": "running in CircleCI",
          "circleci2": "CIRCLECI",
          "circleci1": "CIRCLECI",
          "gitlab": "GITLAB_CI",
          "exact": true
        }
      ],
      "shims": {
        "gitlab": {
          "CI_NODE_INDEX": {
            "circleci2": "$((CIRCLE_NODE_INDEX + 1))",
            "circleci1": "$((CIRCLE_NODE_INDEX + 1))",
            "exact": true
          },
          "CI_COMMIT_SHORT_SHA": {
            "circleci2": "$(printf '%s' \"$CIRCLE_SHA1\" | cut -c1-8)",
            "circleci1": "$(printf '%s' \"$CIRCLE_SHA1\" | cut -c1-8)",
            "exact": true
          },
          "CI_COMMIT_REF_NAME": {
            "circleci2": "${CIRCLE_TAG:-$CIRCLE_BRANCH}",
            "circleci1": "${CIRCLE_TAG:-$CIRCLE_BRANCH}",
            "exact": false,
            "note": "CircleCI builds a fork's pull request as branch `pull/<number>`; GitLab gives the source branch's name."
          },
          "CI_COMMIT_REF_SLUG": {
            "circleci2": "$(printf '%s' \"${CIRCLE_TAG:-$CIRCLE_BRANCH}\" | LC_ALL=C tr -d '\\200-\\277' | LC_ALL=C tr 'A-Z' 'a-z' | LC_ALL=C sed 's/[^a-z0-9]/-/g' | cut -c1-63 | sed 's/^-*//; s/-*$//')",
            "circleci1": "$(printf '%s' \"${CIRCLE_TAG:-$CIRCLE_BRANCH}\" | LC_ALL=C tr -d '\\200-\\277' | LC_ALL=C tr 'A-Z' 'a-z' | LC_ALL=C sed 's/[^a-z0-9]/-/g' | cut -c1-63 | sed 's/^-*//; s/-*$//')",
            "exact": false,
            "note": "CircleCI builds a fork's pull request as branch `pull/<number>` (slug `pull-<number>`); GitLab slugs the source branch's name."
          },
          "CI_PROJECT_DIR": {
            "circleci2": "$(printf '%s' \"$CIRCLE_WORKING_DIRECTORY\" | sed \"s|^~|$HOME|\")",
            "exact": true
          },
          "CI_PROJECT_PATH": {
            "circleci2": "$CIRCLE_PROJECT_USERNAME/$CIRCLE_PROJECT_REPONAME",
            "circleci1": "$CIRCLE_PROJECT_USERNAME/$CIRCLE_PROJECT_REPONAME",
            "exact": false,
            "note": "A GitLab path can hold subgroups (`group/sub/project`); CircleCI gives the VCS owner and repository name."
          }
        }
      },
      "provided": {
        "gitlab": {
          "CI_REGISTRY": {
            "value": "the address of the GitLab container registry, `<host>[:<port>]` (e.g. `registry.gitlab.com`); set the address of the registry the jobs now push to",
            "secret": false
          },
          "CI_REGISTRY_IMAGE": {
            "value": "the project's image path in the GitLab container registry, `<host>[:<port>]/<project path>`; set the image repository the jobs now push to",
            "secret": false
          },
          "CI_REGISTRY_USER": {
            "value": "a user name for the project's GitLab container registry; set the registry account the jobs log in with",
            "secret": false
          },
          "CI_REGISTRY_PASSWORD": {
            "value": "a password for the project's GitLab container registry, valid only while the job ran (the job token); set a registry access token instead",
            "secret": true
          },
          "CI_JOB_TOKEN": {
            "value": "a token valid only while the job ran, for certain GitLab API endpoints, the registry and package registries; set a GitLab access token with the scopes the jobs use",
            "secret": true
          },
          "CI_DEPLOY_USER": {
            "value": "the user name of the project's GitLab deploy token (`gitlab-deploy-token`)",
            "secret": false
          },
          "CI_DEPLOY_PASSWORD": {
            "value": "the password of the project's GitLab deploy token; set a deploy token's value",
            "secret": true
          },
          "CI_DEPENDENCY_PROXY_SERVER": {
            "value": "the GitLab Dependency Proxy server, `<host>:<port>`",
            "secret": false
          },
          "CI_DEPENDENCY_PROXY_GROUP_IMAGE_PREFIX": {
            "value": "the image prefix for pulling through the GitLab Dependency Proxy of the top-level group",
            "secret": false
          },
          "CI_DEPENDENCY_PROXY_DIRECT_GROUP_IMAGE_PREFIX": {
            "value": "the image prefix for pulling through the GitLab Dependency Proxy of the project's group",
            "secret": false
          },
          "CI_DEPENDENCY_PROXY_USER": {
            "value": "a user name for pulling images through the GitLab Dependency Proxy",
            "secret": false
          },
          "CI_DEPENDENCY_PROXY_PASSWORD": {
            "value": "a password for pulling images through the GitLab Dependency Proxy, valid only while the job ran; set a GitLab access token instead",
            "secret": true
          },
          "CI_SERVER_URL": {
            "value": "the GitLab instance's base URL with protocol and port (e.g. `https://gitlab.example.com:8080`)",
            "secret": false
          },
          "CI_SERVER_HOST": {
            "value": "the GitLab instance's host, without protocol or port (e.g. `gitlab.example.com`)",
            "secret": false
          },
          "CI_API_V4_URL": {
            "value": "the GitLab API v4 root URL (e.g. `https://gitlab.example.com/api/v4`)",
            "secret": false
          },
          "CI_PROJECT_ID": {
            "value": "the GitLab project's numeric ID",
            "secret": false
          },
          "CI_PROJECT_URL": {
            "value": "the project's HTTP(S) address on GitLab",
            "secret": false
          },
          "CI_DEFAULT_BRANCH": {
            "value": "the name of the project's default branch",
            "secret": false
          }
        },
        "circleci2": {
          "CIRCLE_PROJECT_ID": {
            "value": "the CircleCI project's ID (https://circleci.com/docs/guides/toolkit/how-to-find-ids/)",
            "secret": false
          },
          "CIRCLE_ORGANIZATION_ID": {
            "value": "the CircleCI organization's ID (https://circleci.com/docs/guides/toolkit/how-to-find-ids/)",
            "secret": false
          }
        }
      },
      "reserved": {
        "gitlab": {
          "prefixes": [
            "CI_",
            "GITLAB_USER_"
          ],
          "names": [
            "CI",
            "GITLAB_CI",
            "GITLAB_FEATURES",
            "CHAT_CHANNEL",
            "CHAT_INPUT",
            "CHAT_USER_ID",
            "TRIGGER_PAYLOAD"
          ]
        },
        "circleci2": {
          "prefixes": [],
          "names": [
            "CI",
            "CIRCLECI",
            "CIRCLE_BRANCH",
            "CIRCLE_TAG",
            "CIRCLE_SHA1",
            "CIRCLE_BUILD_NUM",
            "CIRCLE_BUILD_URL",
            "CIRCLE_JOB",
            "CIRCLE_NODE_INDEX",
            "CIRCLE_NODE_TOTAL",
            "CIRCLE_OIDC_TOKEN",
            "CIRCLE_OIDC_TOKEN_V2",
            "CIRCLE_ORGANIZATION_ID",
            "CIRCLE_PIPELINE_ID",
            "CIRCLE_PROJECT_ID",
            "CIRCLE_PR_NUMBER",
            "CIRCLE_PR_REPONAME",
            "CIRCLE_PR_USERNAME",
            "CIRCLE_PREVIOUS_BUILD_NUM",
            "CIRCLE_PROJECT_REPONAME",
            "CIRCLE_PROJECT_USERNAME",
            "CIRCLE_PULL_REQUEST",
            "CIRCLE_PULL_REQUESTS",
            "CIRCLE_REPOSITORY_URL",
            "CIRCLE_USERNAME",
            "CIRCLE_WORKFLOW_ID",
            "CIRCLE_WORKFLOW_JOB_ID",
            "CIRCLE_WORKFLOW_WORKSPACE_ID",
            "CIRCLE_WORKING_DIRECTORY",
            "CIRCLE_INTERNAL_TASK_DATA",
            "CIRCLE_CONTINUATION_KEY",
            "CI_PULL_REQUEST",
            "CI_PULL_REQUESTS",
            "BASH_ENV",
            "DOCKER_HOST",
            "DOCKER_TLS_VERIFY",
            "DOCKER_CERT_PATH",
            "DOCKER_MACHINE_NAME"
          ]
        },
        "circleci1": {
          "prefixes": [],
          "names": [
            "CI",
            "CIRCLECI",
            "CIRCLE_PROJECT_USERNAME",
            "CIRCLE_PROJECT_REPONAME",
            "CIRCLE_BRANCH",
            "CIRCLE_TAG",
            "CIRCLE_SHA1",
            "CIRCLE_REPOSITORY_URL",
            "CIRCLE_COMPARE_URL",
            "CIRCLE_BUILD_URL",
            "CIRCLE_BUILD_NUM",
            "CIRCLE_PREVIOUS_BUILD_NUM",
            "CI_PULL_REQUESTS",
            "CI_PULL_REQUEST",
            "CIRCLE_ARTIFACTS",
            "CIRCLE_USERNAME",
            "CIRCLE_TEST_REPORTS",
            "CIRCLE_NODE_INDEX",
            "CIRCLE_NODE_TOTAL",
            "CIRCLE_BUILD_IMAGE",
            "DISPLAY",
            "DOCKER_HOST",
            "DOCKER_TLS_VERIFY",
            "DOCKER_CERT_PATH"
          ]
        }
      }
    } as const;
