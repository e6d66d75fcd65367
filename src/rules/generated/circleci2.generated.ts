// Generated from mappings/circleci2.yml by test/tools/generate-mappings.ts. Do not edit; run `npm run generate`.
export const circleci2 = {
      "pipelineValues": [
        {
          "value": "pipeline.git.branch",
          "variable": "CIRCLE_BRANCH",
          "exact": true
        },
        {
          "value": "pipeline.git.tag",
          "variable": "CIRCLE_TAG",
          "exact": true
        },
        {
          "value": "pipeline.git.revision",
          "variable": "CIRCLE_SHA1",
          "exact": true
        },
        {
          "value": "pipeline.id",
          "variable": "CIRCLE_PIPELINE_ID",
          "exact": true
        },
        {
          "value": "pipeline.number",
          "variable": "CIRCLE_BUILD_NUM",
          "exact": false,
          "note": "pipeline.number counts pipelines; CIRCLE_BUILD_NUM counts jobs."
        },
        {
          "value": "pipeline.project.git_url",
          "variable": "CIRCLE_REPOSITORY_URL",
          "exact": false,
          "note": "git_url is the web URL; CIRCLE_REPOSITORY_URL is the clone URL."
        },
        {
          "value": "pipeline.git.repo_url",
          "variable": "CIRCLE_REPOSITORY_URL",
          "exact": false,
          "note": "repo_url is the web URL; CIRCLE_REPOSITORY_URL is the clone URL."
        },
        {
          "value": "pipeline.git.repo_name",
          "variable": "CIRCLE_PROJECT_REPONAME",
          "exact": true
        },
        {
          "value": "pipeline.git.repo_owner",
          "variable": "CIRCLE_PROJECT_USERNAME",
          "exact": true
        },
        {
          "value": "pipeline.project.slug",
          "variable": "CIRCLE_PROJECT_USERNAME",
          "exact": false,
          "note": "the slug is vcs/owner/repo."
        }
      ],
      "jobExtensions": [
        {
          "key": "retention",
          "note": "cache retention has no counterpart outside CircleCI."
        },
        {
          "key": "circleci_ip_ranges",
          "note": "routing through CircleCI's IP ranges has no counterpart outside CircleCI."
        },
        {
          "key": "plan_name",
          "note": "release jobs are a CircleCI deploy feature."
        },
        {
          "key": "validation",
          "note": "release jobs are a CircleCI deploy feature."
        }
      ],
      "builtinSteps": [
        "run",
        "checkout",
        "setup_remote_docker",
        "setup_docker_engine",
        "save_cache",
        "restore_cache",
        "store_artifacts",
        "store_test_results",
        "persist_to_workspace",
        "attach_workspace",
        "add_ssh_keys",
        "deploy",
        "when",
        "unless",
        "install_signing_bundle"
      ],
      "dockerClientVariables": [
        "DOCKER_HOST",
        "DOCKER_TLS_CERTDIR",
        "DOCKER_TLS_VERIFY",
        "DOCKER_CERT_PATH",
        "DOCKER_DRIVER"
      ]
    } as const;
