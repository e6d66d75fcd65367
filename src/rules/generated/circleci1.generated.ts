// Generated from mappings/circleci1.yml by test/tools/generate-mappings.ts. Do not edit; run `npm run generate`.
export const circleci1 = {
      "defaultImage": "buildpack-deps:trusty",
      "languages": [
        {
          "key": "ruby",
          "image": "ruby",
          "manager": "RVM",
          "alsoImages": [
            "cimg/ruby",
            "circleci/ruby"
          ]
        },
        {
          "key": "node",
          "image": "node",
          "manager": "NVM",
          "alsoImages": [
            "cimg/node",
            "circleci/node"
          ]
        },
        {
          "key": "python",
          "image": "python",
          "manager": "pyenv",
          "alsoImages": [
            "cimg/python",
            "circleci/python"
          ]
        },
        {
          "key": "php",
          "image": "php",
          "manager": "php-build",
          "alsoImages": [
            "cimg/php",
            "circleci/php"
          ]
        },
        {
          "key": "java",
          "image": "openjdk",
          "manager": "the image's JDK",
          "alsoImages": [
            "cimg/openjdk",
            "circleci/openjdk",
            "eclipse-temurin",
            "amazoncorretto"
          ],
          "aliases": {
            "openjdk6": "6",
            "openjdk7": "7",
            "openjdk8": "8",
            "oraclejdk6": "6",
            "oraclejdk7": "7",
            "oraclejdk8": "8"
          }
        },
        {
          "key": "ghc",
          "image": "haskell",
          "manager": "the image's GHC"
        }
      ],
      "baseImages": [
        "buildpack-deps",
        "ubuntu",
        "debian",
        "cimg/base",
        "circleci/buildpack-deps",
        "docker"
      ],
      "dockerClientVariables": [
        "DOCKER_HOST",
        "DOCKER_TLS_CERTDIR",
        "DOCKER_TLS_VERIFY",
        "DOCKER_CERT_PATH",
        "DOCKER_DRIVER"
      ],
      "preinstalledImages": [
        {
          "image": "golang",
          "language": "Go"
        },
        {
          "image": "cimg/go",
          "language": "Go"
        },
        {
          "image": "circleci/golang",
          "language": "Go"
        },
        {
          "image": "clojure",
          "language": "Clojure"
        },
        {
          "image": "cimg/clojure",
          "language": "Clojure"
        },
        {
          "image": "circleci/clojure",
          "language": "Clojure"
        },
        {
          "image": "erlang",
          "language": "Erlang"
        },
        {
          "image": "cimg/elixir",
          "language": "Erlang"
        },
        {
          "image": "gcc",
          "language": "C/C++"
        }
      ],
      "services": [
        {
          "name": "postgresql",
          "image": "postgres:9.5",
          "default": true,
          "words": [
            "psql",
            "pg_dump",
            "createdb",
            "postgres",
            "postgresql",
            "db:create",
            "db:schema:load",
            "db:migrate",
            "db:setup",
            "DATABASE_URL"
          ]
        },
        {
          "name": "mysql",
          "image": "mysql:5.6",
          "default": true,
          "words": [
            "mysql",
            "mysqladmin",
            "mysqldump"
          ]
        },
        {
          "name": "mongodb",
          "image": "mongo:3.2",
          "default": true,
          "words": [
            "mongo",
            "mongod",
            "mongodb",
            "mongorestore",
            "mongoimport"
          ]
        },
        {
          "name": "redis",
          "image": "redis:3.0",
          "default": true,
          "words": [
            "redis-cli",
            "redis",
            "REDIS_URL"
          ]
        },
        {
          "name": "elasticsearch",
          "image": "elasticsearch:1.7"
        },
        {
          "name": "rabbitmq-server",
          "image": "rabbitmq:3"
        },
        {
          "name": "memcached",
          "image": "memcached:1.4"
        },
        {
          "name": "cassandra",
          "image": "cassandra:2.2"
        },
        {
          "name": "neo4j",
          "image": "neo4j:2.3"
        },
        {
          "name": "riak",
          "image": "basho/riak-kv"
        },
        {
          "name": "beanstalkd",
          "image": "schickling/beanstalkd"
        },
        {
          "name": "couchbase-server",
          "image": "couchbase:community-4.0.0"
        },
        {
          "name": "sphinxsearch",
          "image": "macbre/sphinxsearch"
        }
      ],
      "inference": [
        {
          "language": "ruby",
          "files": [
            "Gemfile"
          ],
          "phase": "dependencies",
          "commands": [
            "bundle check --path=vendor/bundle || bundle install --path=vendor/bundle --jobs=4 --retry=3"
          ],
          "cache": [
            "vendor/bundle"
          ]
        },
        {
          "language": "ruby",
          "files": [
            "Gemfile",
            "config/database.yml"
          ],
          "phase": "database",
          "commands": [
            "bundle exec rake db:create db:schema:load --trace"
          ]
        },
        {
          "language": "ruby",
          "files": [
            "Gemfile",
            "spec"
          ],
          "phase": "test",
          "commands": [
            "bundle exec rspec"
          ]
        },
        {
          "language": "ruby",
          "files": [
            "Gemfile",
            "features"
          ],
          "phase": "test",
          "commands": [
            "bundle exec cucumber"
          ]
        },
        {
          "language": "ruby",
          "files": [
            "Gemfile",
            "test"
          ],
          "phase": "test",
          "commands": [
            "bundle exec rake test"
          ]
        },
        {
          "language": "node",
          "files": [
            "package.json"
          ],
          "phase": "dependencies",
          "commands": [
            "npm install"
          ],
          "cache": [
            "node_modules"
          ]
        },
        {
          "language": "node",
          "files": [
            "package.json"
          ],
          "phase": "test",
          "commands": [
            "npm test"
          ]
        },
        {
          "language": "python",
          "files": [
            "requirements.txt"
          ],
          "phase": "dependencies",
          "commands": [
            "pip install -r requirements.txt"
          ],
          "cache": [
            "venv"
          ]
        },
        {
          "language": "python",
          "files": [
            "setup.py"
          ],
          "unless": [
            "requirements.txt"
          ],
          "phase": "dependencies",
          "commands": [
            "pip install -e ."
          ]
        },
        {
          "language": "python",
          "files": [
            "manage.py"
          ],
          "phase": "test",
          "commands": [
            "python manage.py test"
          ]
        },
        {
          "language": "python",
          "files": [
            "setup.py"
          ],
          "unless": [
            "manage.py"
          ],
          "phase": "test",
          "commands": [
            "python setup.py test"
          ]
        },
        {
          "language": "java",
          "files": [
            "pom.xml"
          ],
          "phase": "dependencies",
          "commands": [
            "mvn dependency:resolve"
          ],
          "cache": [
            "~/.m2"
          ]
        },
        {
          "language": "java",
          "files": [
            "pom.xml"
          ],
          "phase": "test",
          "commands": [
            "mvn integration-test"
          ]
        },
        {
          "language": "java",
          "files": [
            "gradlew"
          ],
          "phase": "dependencies",
          "commands": [
            "./gradlew dependencies"
          ],
          "cache": [
            "~/.gradle"
          ]
        },
        {
          "language": "java",
          "files": [
            "gradlew"
          ],
          "phase": "test",
          "commands": [
            "./gradlew test"
          ]
        },
        {
          "language": "java",
          "files": [
            "build.gradle"
          ],
          "unless": [
            "gradlew"
          ],
          "phase": "dependencies",
          "commands": [
            "gradle dependencies"
          ],
          "cache": [
            "~/.gradle"
          ]
        },
        {
          "language": "java",
          "files": [
            "build.gradle"
          ],
          "unless": [
            "gradlew"
          ],
          "phase": "test",
          "commands": [
            "gradle test"
          ]
        },
        {
          "language": "php",
          "files": [
            "composer.json"
          ],
          "phase": "dependencies",
          "commands": [
            "composer install --no-interaction"
          ],
          "cache": [
            "vendor"
          ]
        },
        {
          "language": "php",
          "files": [
            "phpunit.xml"
          ],
          "phase": "test",
          "commands": [
            "phpunit"
          ]
        },
        {
          "language": "clojure",
          "files": [
            "project.clj"
          ],
          "phase": "dependencies",
          "commands": [
            "lein deps"
          ],
          "cache": [
            "~/.m2"
          ]
        },
        {
          "language": "clojure",
          "files": [
            "project.clj"
          ],
          "phase": "test",
          "commands": [
            "lein test"
          ]
        }
      ]
    } as const;
