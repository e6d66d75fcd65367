// Generated from mappings/gitlab.yml by test/tools/generate-mappings.ts. Do not edit; run `npm run generate`.
export const gitlab = {
      "pipelineSources": [
        {
          "ir": "push",
          "gitlab": "push"
        },
        {
          "ir": "schedule",
          "gitlab": "schedule"
        },
        {
          "ir": "api",
          "gitlab": "api"
        },
        {
          "ir": "web",
          "gitlab": "web"
        },
        {
          "ir": "merge_request",
          "gitlab": "merge_request_event"
        },
        {
          "ir": "trigger",
          "gitlab": "trigger"
        },
        {
          "ir": "parent_pipeline",
          "gitlab": "parent_pipeline"
        },
        {
          "ir": "external",
          "gitlab": "external"
        },
        {
          "ir": "chat",
          "gitlab": "chat"
        }
      ],
      "servicePorts": [
        {
          "image": "postgres",
          "ports": [
            5432
          ],
          "schemes": [
            "postgres",
            "postgresql"
          ],
          "hostVariables": [
            "PG",
            "POSTGRES",
            "POSTGRESQL",
            "DB",
            "DATABASE"
          ]
        },
        {
          "image": "postgis",
          "ports": [
            5432
          ],
          "schemes": [
            "postgres",
            "postgresql"
          ],
          "hostVariables": [
            "PG",
            "POSTGRES",
            "POSTGIS",
            "DB",
            "DATABASE"
          ]
        },
        {
          "image": "mysql",
          "ports": [
            3306
          ],
          "schemes": [
            "mysql",
            "mysql2"
          ],
          "hostVariables": [
            "MYSQL",
            "DB",
            "DATABASE"
          ]
        },
        {
          "image": "mariadb",
          "ports": [
            3306
          ],
          "schemes": [
            "mysql",
            "mysql2"
          ],
          "hostVariables": [
            "MYSQL",
            "MARIADB",
            "DB",
            "DATABASE"
          ]
        },
        {
          "image": "redis",
          "ports": [
            6379
          ],
          "schemes": [
            "redis"
          ],
          "hostVariables": [
            "REDIS",
            "CACHE"
          ]
        },
        {
          "image": "mongo",
          "ports": [
            27017
          ],
          "schemes": [
            "mongodb"
          ],
          "hostVariables": [
            "MONGO",
            "MONGODB",
            "DB",
            "DATABASE"
          ]
        },
        {
          "image": "elasticsearch",
          "ports": [
            9200,
            9300
          ],
          "schemes": [],
          "hostVariables": [
            "ES",
            "ELASTIC",
            "ELASTICSEARCH",
            "SEARCH"
          ]
        },
        {
          "image": "rabbitmq",
          "ports": [
            5672,
            15672
          ],
          "schemes": [
            "amqp"
          ],
          "hostVariables": [
            "RABBIT",
            "RABBITMQ",
            "AMQP",
            "MQ"
          ]
        },
        {
          "image": "memcached",
          "ports": [
            11211
          ],
          "schemes": [],
          "hostVariables": [
            "MEMCACHE",
            "MEMCACHED",
            "CACHE"
          ]
        },
        {
          "image": "cassandra",
          "ports": [
            9042
          ],
          "schemes": []
        },
        {
          "image": "standalone-chrome",
          "ports": [
            4444
          ],
          "schemes": []
        },
        {
          "image": "dynamodb-local",
          "ports": [
            8000
          ],
          "schemes": []
        },
        {
          "image": "localstack",
          "ports": [
            4566
          ],
          "schemes": []
        },
        {
          "image": "zookeeper",
          "ports": [
            2181
          ],
          "schemes": []
        },
        {
          "image": "kafka",
          "ports": [
            9092
          ],
          "schemes": []
        },
        {
          "image": "minio",
          "ports": [
            9000
          ],
          "schemes": []
        }
      ],
      "stageWords": [
        {
          "word": "setup",
          "spellings": [
            "setup",
            "prepare",
            "init",
            "bootstrap",
            "install",
            "deps",
            "dependencies",
            "checkout"
          ]
        },
        {
          "word": "lint",
          "spellings": [
            "lint",
            "linter",
            "linting",
            "format",
            "fmt",
            "style",
            "check",
            "checks",
            "validate",
            "audit"
          ]
        },
        {
          "word": "build",
          "spellings": [
            "build",
            "builds",
            "compile",
            "bundle",
            "assemble",
            "make"
          ]
        },
        {
          "word": "test",
          "spellings": [
            "test",
            "tests",
            "testing",
            "unit",
            "integration",
            "e2e",
            "spec",
            "specs"
          ]
        },
        {
          "word": "scan",
          "spellings": [
            "scan",
            "security",
            "sast",
            "vulnerability",
            "coverage"
          ]
        },
        {
          "word": "package",
          "spellings": [
            "package",
            "pack",
            "image",
            "docker",
            "container",
            "artifact",
            "artifacts"
          ]
        },
        {
          "word": "publish",
          "spellings": [
            "publish",
            "push",
            "upload",
            "release",
            "tag"
          ]
        },
        {
          "word": "deploy",
          "spellings": [
            "deploy",
            "deployment",
            "rollout",
            "provision",
            "infrastructure",
            "migrate",
            "migrations"
          ]
        },
        {
          "word": "verify",
          "spellings": [
            "smoke",
            "verify",
            "acceptance"
          ]
        },
        {
          "word": "notify",
          "spellings": [
            "notify",
            "notification",
            "slack",
            "report"
          ]
        },
        {
          "word": "cleanup",
          "spellings": [
            "cleanup",
            "clean",
            "teardown",
            "destroy"
          ]
        }
      ],
      "alwaysSetVariables": [
        "CI",
        "GITLAB_CI",
        "CI_API_V4_URL",
        "CI_COMMIT_REF_NAME",
        "CI_COMMIT_REF_SLUG",
        "CI_COMMIT_SHA",
        "CI_COMMIT_SHORT_SHA",
        "CI_DEFAULT_BRANCH",
        "CI_PIPELINE_SOURCE",
        "CI_PROJECT_ID",
        "CI_PROJECT_NAME",
        "CI_PROJECT_NAMESPACE",
        "CI_PROJECT_PATH",
        "CI_SERVER_HOST"
      ]
    } as const;
