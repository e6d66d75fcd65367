// Generated from mappings/orbs.yml by test/tools/generate-mappings.ts. Do not edit; run `npm run generate`.
export const orbs = {
      "orbs": {
        "circleci/node": {
          "url": "https://circleci.com/developer/orbs/orb/circleci/node",
          "executors": {
            "default": {
              "parameters": {
                "tag": "lts"
              },
              "image": "cimg/node:<< parameters.tag >>"
            }
          },
          "commands": {
            "install-packages": {
              "parameters": {
                "pkg-manager": "npm",
                "app-dir": "."
              },
              "steps": [
                {
                  "kind": "run",
                  "name": "Install packages",
                  "command": "cd << parameters.app-dir >> && if [ \"<< parameters.pkg-manager >>\" = yarn ]; then yarn install --frozen-lockfile; elif [ \"<< parameters.pkg-manager >>\" = pnpm ]; then pnpm install --frozen-lockfile; else npm ci; fi"
                }
              ]
            },
            "install": {
              "parameters": {
                "node-version": "lts"
              },
              "steps": [
                {
                  "kind": "run",
                  "name": "Install Node.js",
                  "command": "curl -fsSL https://raw.githubusercontent.com/nvm-sh/nvm/v0.39.7/install.sh | bash && . ~/.nvm/nvm.sh && nvm install << parameters.node-version >>"
                }
              ]
            },
            "install-yarn": {
              "steps": [
                {
                  "kind": "run",
                  "name": "Install Yarn",
                  "command": "npm install --global yarn"
                }
              ]
            }
          },
          "jobs": {
            "test": {
              "parameters": {
                "pkg-manager": "npm",
                "run-command": "test",
                "version": "lts"
              },
              "image": "cimg/node:<< parameters.version >>",
              "steps": [
                {
                  "kind": "checkout"
                },
                {
                  "kind": "run",
                  "name": "Install packages",
                  "command": "if [ \"<< parameters.pkg-manager >>\" = yarn ]; then yarn install --frozen-lockfile; else npm ci; fi"
                },
                {
                  "kind": "run",
                  "name": "Run << parameters.run-command >>",
                  "command": "<< parameters.pkg-manager >> run << parameters.run-command >>"
                }
              ]
            }
          }
        },
        "circleci/docker": {
          "url": "https://circleci.com/developer/orbs/orb/circleci/docker",
          "executors": {
            "docker": {
              "image": "cimg/base:stable"
            },
            "machine": {
              "machine": "ubuntu-2204:current"
            }
          },
          "commands": {
            "install-docker": {
              "steps": [
                {
                  "kind": "run",
                  "name": "Install Docker CLI",
                  "command": "curl -fsSL https://get.docker.com | sh"
                }
              ]
            },
            "check": {
              "parameters": {
                "docker-username": "DOCKER_LOGIN",
                "docker-password": "DOCKER_PASSWORD",
                "registry": "docker.io"
              },
              "steps": [
                {
                  "kind": "run",
                  "name": "Docker login",
                  "command": "echo \"$<< parameters.docker-password >>\" | docker login -u \"$<< parameters.docker-username >>\" --password-stdin << parameters.registry >>"
                }
              ]
            },
            "build": {
              "parameters": {
                "image": "",
                "tag": "latest",
                "dockerfile": "Dockerfile",
                "path": ".",
                "registry": "docker.io",
                "extra_build_args": ""
              },
              "steps": [
                {
                  "kind": "run",
                  "name": "Build Docker image",
                  "command": "docker build << parameters.extra_build_args >> -f << parameters.path >>/<< parameters.dockerfile >> -t << parameters.registry >>/<< parameters.image >>:<< parameters.tag >> << parameters.path >>"
                }
              ]
            },
            "push": {
              "parameters": {
                "image": "",
                "tag": "latest",
                "registry": "docker.io"
              },
              "steps": [
                {
                  "kind": "run",
                  "name": "Push Docker image",
                  "command": "docker push << parameters.registry >>/<< parameters.image >>:<< parameters.tag >>"
                }
              ]
            },
            "pull": {
              "parameters": {
                "images": ""
              },
              "steps": [
                {
                  "kind": "run",
                  "name": "Pull Docker images",
                  "command": "for image in $(echo \"<< parameters.images >>\" | tr ',' ' '); do docker pull \"$image\" || true; done"
                }
              ]
            },
            "hadolint": {
              "parameters": {
                "dockerfiles": "Dockerfile",
                "ignore-rules": ""
              },
              "aliases": {
                "dockerfile": "dockerfiles"
              },
              "steps": [
                {
                  "kind": "run",
                  "name": "Lint Dockerfiles",
                  "command": "for f in $(echo \"<< parameters.dockerfiles >>\" | tr ':' ' '); do hadolint $(for r in $(echo \"<< parameters.ignore-rules >>\" | tr ',' ' '); do printf -- '--ignore %s ' \"$r\"; done) \"$f\"; done"
                }
              ]
            }
          },
          "jobs": {
            "publish": {
              "parameters": {
                "image": "",
                "tag": "latest",
                "dockerfile": "Dockerfile",
                "path": ".",
                "registry": "docker.io",
                "docker-username": "DOCKER_LOGIN",
                "docker-password": "DOCKER_PASSWORD"
              },
              "image": "cimg/base:stable",
              "steps": [
                {
                  "kind": "checkout"
                },
                {
                  "kind": "docker-daemon",
                  "engine": "remote"
                },
                {
                  "kind": "run",
                  "name": "Docker login",
                  "command": "echo \"$<< parameters.docker-password >>\" | docker login -u \"$<< parameters.docker-username >>\" --password-stdin << parameters.registry >>"
                },
                {
                  "kind": "run",
                  "name": "Build Docker image",
                  "command": "docker build -f << parameters.path >>/<< parameters.dockerfile >> -t << parameters.registry >>/<< parameters.image >>:<< parameters.tag >> << parameters.path >>"
                },
                {
                  "kind": "run",
                  "name": "Push Docker image",
                  "command": "docker push << parameters.registry >>/<< parameters.image >>:<< parameters.tag >>"
                }
              ]
            },
            "hadolint": {
              "parameters": {
                "dockerfiles": "Dockerfile",
                "ignore-rules": ""
              },
              "aliases": {
                "dockerfile": "dockerfiles"
              },
              "image": "hadolint/hadolint:latest-debian",
              "steps": [
                {
                  "kind": "checkout"
                },
                {
                  "kind": "run",
                  "name": "Lint Dockerfiles",
                  "command": "for f in $(echo \"<< parameters.dockerfiles >>\" | tr ':' ' '); do hadolint $(for r in $(echo \"<< parameters.ignore-rules >>\" | tr ',' ' '); do printf -- '--ignore %s ' \"$r\"; done) \"$f\"; done"
                }
              ]
            }
          }
        },
        "circleci/python": {
          "url": "https://circleci.com/developer/orbs/orb/circleci/python",
          "executors": {
            "default": {
              "parameters": {
                "tag": "3.12"
              },
              "image": "cimg/python:<< parameters.tag >>"
            }
          },
          "commands": {
            "install-packages": {
              "parameters": {
                "pkg-manager": "pipenv",
                "app-dir": ".",
                "pip-dependency-file": "requirements.txt"
              },
              "steps": [
                {
                  "kind": "run",
                  "name": "Install packages",
                  "command": "cd << parameters.app-dir >> && case \"<< parameters.pkg-manager >>\" in pip) pip install -r << parameters.pip-dependency-file >> ;; poetry) poetry install ;; *) pipenv install --dev ;; esac"
                }
              ]
            }
          },
          "jobs": {
            "test": {
              "parameters": {
                "version": "3.12",
                "pkg-manager": "pipenv",
                "test-tool": "pytest"
              },
              "image": "cimg/python:<< parameters.version >>",
              "steps": [
                {
                  "kind": "checkout"
                },
                {
                  "kind": "run",
                  "name": "Install packages",
                  "command": "case \"<< parameters.pkg-manager >>\" in pip) pip install -r requirements.txt ;; poetry) poetry install ;; *) pipenv install --dev ;; esac"
                },
                {
                  "kind": "run",
                  "name": "Run tests",
                  "command": "<< parameters.test-tool >>"
                }
              ]
            }
          }
        },
        "circleci/ruby": {
          "url": "https://circleci.com/developer/orbs/orb/circleci/ruby",
          "executors": {
            "default": {
              "parameters": {
                "tag": "3.3"
              },
              "image": "cimg/ruby:<< parameters.tag >>"
            }
          },
          "commands": {
            "install-deps": {
              "parameters": {
                "app-dir": ".",
                "bundler-version": ""
              },
              "steps": [
                {
                  "kind": "run",
                  "name": "Bundle install",
                  "command": "cd << parameters.app-dir >> && bundle config set --local path vendor/bundle && bundle install --jobs=4 --retry=3"
                }
              ]
            },
            "install": {
              "parameters": {
                "version": ""
              },
              "steps": [
                {
                  "kind": "run",
                  "name": "Install Ruby",
                  "command": "rvm install << parameters.version >> && rvm use << parameters.version >>"
                }
              ]
            },
            "rspec-test": {
              "parameters": {
                "app-dir": "."
              },
              "steps": [
                {
                  "kind": "run",
                  "name": "RSpec tests",
                  "command": "cd << parameters.app-dir >> && bundle exec rspec"
                }
              ]
            },
            "rubocop-check": {
              "parameters": {
                "app-dir": "."
              },
              "steps": [
                {
                  "kind": "run",
                  "name": "Rubocop",
                  "command": "cd << parameters.app-dir >> && bundle exec rubocop"
                }
              ]
            }
          }
        },
        "circleci/go": {
          "url": "https://circleci.com/developer/orbs/orb/circleci/go",
          "executors": {
            "default": {
              "parameters": {
                "tag": "1.22"
              },
              "image": "cimg/go:<< parameters.tag >>"
            }
          },
          "commands": {
            "mod-download": {
              "steps": [
                {
                  "kind": "run",
                  "name": "go mod download",
                  "command": "go mod download"
                }
              ]
            },
            "mod-download-cached": {
              "steps": [
                {
                  "kind": "run",
                  "name": "go mod download",
                  "command": "go mod download"
                }
              ]
            },
            "install": {
              "parameters": {
                "version": "1.22"
              },
              "steps": [
                {
                  "kind": "run",
                  "name": "Install Go",
                  "command": "curl -fsSL https://go.dev/dl/go<< parameters.version >>.linux-amd64.tar.gz | sudo tar -C /usr/local -xz && echo 'export PATH=/usr/local/go/bin:$PATH' >> $BASH_ENV"
                }
              ]
            },
            "test": {
              "steps": [
                {
                  "kind": "run",
                  "name": "go test",
                  "command": "go test ./..."
                }
              ]
            }
          }
        },
        "circleci/aws-cli": {
          "url": "https://circleci.com/developer/orbs/orb/circleci/aws-cli",
          "commands": {
            "install": {
              "steps": [
                {
                  "kind": "run",
                  "name": "Install AWS CLI",
                  "command": "curl -sSL https://awscli.amazonaws.com/awscli-exe-linux-x86_64.zip -o awscliv2.zip && unzip -q awscliv2.zip && sudo ./aws/install"
                }
              ]
            },
            "setup": {
              "parameters": {
                "region": "AWS_DEFAULT_REGION",
                "profile_name": "default",
                "role_arn": "",
                "role-arn": "",
                "role_session_name": "CircleCI-Session"
              },
              "credentials": {
                "parameters": [
                  "role_arn",
                  "role-arn"
                ],
                "obtains": "assumes the AWS role \"<< parameters.role_arn >><< parameters.role-arn >>\" with the job's CircleCI OIDC token",
                "hints": {
                  "gitlab": "Give the job an ID token (`id_tokens:`) and assume the role with `aws sts assume-role-with-web-identity --web-identity-token` in its script; the role must trust GitLab's OIDC issuer (https://docs.gitlab.com/ci/cloud_services/aws/).",
                  "circleci1": "CircleCI 1.0 issues no OIDC token: store an access key allowed to assume the role as the project's AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY environment variables."
                }
              },
              "steps": [
                {
                  "kind": "run",
                  "name": "Install AWS CLI",
                  "command": "command -v aws || (curl -sSL https://awscli.amazonaws.com/awscli-exe-linux-x86_64.zip -o awscliv2.zip && unzip -q awscliv2.zip && sudo ./aws/install)"
                },
                {
                  "kind": "run",
                  "name": "Configure AWS CLI",
                  "command": "aws configure set region \"<< parameters.region | variable >>\" --profile << parameters.profile_name >>"
                }
              ]
            },
            "assume_role_with_web_identity": {
              "parameters": {
                "role_arn": ""
              },
              "credentials": {
                "obtains": "assumes the AWS role \"<< parameters.role_arn >>\" with the job's CircleCI OIDC token",
                "hints": {
                  "gitlab": "Give the job an ID token (`id_tokens:`) and assume the role with `aws sts assume-role-with-web-identity --web-identity-token` in its script; the role must trust GitLab's OIDC issuer (https://docs.gitlab.com/ci/cloud_services/aws/).",
                  "circleci1": "CircleCI 1.0 issues no OIDC token: store an access key allowed to assume the role as the project's AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY environment variables."
                }
              }
            },
            "assume-role-with-web-identity": {
              "parameters": {
                "role-arn": ""
              },
              "credentials": {
                "obtains": "assumes the AWS role \"<< parameters.role-arn >>\" with the job's CircleCI OIDC token",
                "hints": {
                  "gitlab": "Give the job an ID token (`id_tokens:`) and assume the role with `aws sts assume-role-with-web-identity --web-identity-token` in its script; the role must trust GitLab's OIDC issuer (https://docs.gitlab.com/ci/cloud_services/aws/).",
                  "circleci1": "CircleCI 1.0 issues no OIDC token: store an access key allowed to assume the role as the project's AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY environment variables."
                }
              }
            }
          }
        },
        "circleci/aws-ecr": {
          "url": "https://circleci.com/developer/orbs/orb/circleci/aws-ecr",
          "commands": {
            "ecr-login": {
              "parameters": {
                "region": "AWS_DEFAULT_REGION",
                "account-id": "AWS_ACCOUNT_ID",
                "role-arn": ""
              },
              "credentials": {
                "parameters": [
                  "role-arn"
                ],
                "obtains": "assumes the AWS role \"<< parameters.role-arn >>\" with the job's CircleCI OIDC token",
                "hints": {
                  "gitlab": "Give the job an ID token (`id_tokens:`) and assume the role with `aws sts assume-role-with-web-identity --web-identity-token` in its script; the role must trust GitLab's OIDC issuer (https://docs.gitlab.com/ci/cloud_services/aws/).",
                  "circleci1": "CircleCI 1.0 issues no OIDC token: store an access key allowed to assume the role as the project's AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY environment variables."
                }
              },
              "steps": [
                {
                  "kind": "run",
                  "name": "Log in to Amazon ECR",
                  "command": "aws ecr get-login-password --region \"<< parameters.region | variable >>\" | docker login --username AWS --password-stdin \"<< parameters.account-id | variable >>.dkr.ecr.<< parameters.region | variable >>.amazonaws.com\""
                }
              ]
            },
            "build-and-push-image": {
              "parameters": {
                "repo": "",
                "tag": "latest",
                "region": "AWS_DEFAULT_REGION",
                "account-id": "AWS_ACCOUNT_ID",
                "dockerfile": "Dockerfile",
                "path": "."
              },
              "steps": [
                {
                  "kind": "run",
                  "name": "Log in to Amazon ECR",
                  "command": "aws ecr get-login-password --region \"<< parameters.region | variable >>\" | docker login --username AWS --password-stdin \"<< parameters.account-id | variable >>.dkr.ecr.<< parameters.region | variable >>.amazonaws.com\""
                },
                {
                  "kind": "run",
                  "name": "Build and push image",
                  "command": "image=\"<< parameters.account-id | variable >>.dkr.ecr.<< parameters.region | variable >>.amazonaws.com/<< parameters.repo >>:<< parameters.tag >>\" && docker build -f << parameters.path >>/<< parameters.dockerfile >> -t \"$image\" << parameters.path >> && docker push \"$image\""
                }
              ]
            }
          },
          "jobs": {
            "build-and-push-image": {
              "parameters": {
                "repo": "",
                "tag": "latest",
                "region": "AWS_DEFAULT_REGION",
                "account-id": "AWS_ACCOUNT_ID",
                "dockerfile": "Dockerfile",
                "path": "."
              },
              "machine": "ubuntu-2204:current",
              "steps": [
                {
                  "kind": "checkout"
                },
                {
                  "kind": "run",
                  "name": "Log in to Amazon ECR",
                  "command": "aws ecr get-login-password --region \"<< parameters.region | variable >>\" | docker login --username AWS --password-stdin \"<< parameters.account-id | variable >>.dkr.ecr.<< parameters.region | variable >>.amazonaws.com\""
                },
                {
                  "kind": "run",
                  "name": "Build and push image",
                  "command": "image=\"<< parameters.account-id | variable >>.dkr.ecr.<< parameters.region | variable >>.amazonaws.com/<< parameters.repo >>:<< parameters.tag >>\" && docker build -f << parameters.path >>/<< parameters.dockerfile >> -t \"$image\" << parameters.path >> && docker push \"$image\""
                }
              ]
            }
          }
        },
        "circleci/browser-tools": {
          "url": "https://circleci.com/developer/orbs/orb/circleci/browser-tools",
          "commands": {
            "install-chrome": {
              "steps": [
                {
                  "kind": "run",
                  "name": "Install Google Chrome",
                  "command": "wget -q -O /tmp/chrome.deb https://dl.google.com/linux/direct/google-chrome-stable_current_amd64.deb && sudo apt-get update && sudo apt-get install -y /tmp/chrome.deb"
                }
              ]
            },
            "install-chromedriver": {
              "steps": [
                {
                  "kind": "run",
                  "name": "Install ChromeDriver",
                  "command": "npx --yes @puppeteer/browsers install chromedriver@stable"
                }
              ]
            },
            "install-firefox": {
              "steps": [
                {
                  "kind": "run",
                  "name": "Install Firefox",
                  "command": "sudo apt-get update && sudo apt-get install -y firefox"
                }
              ]
            },
            "install-geckodriver": {
              "steps": [
                {
                  "kind": "run",
                  "name": "Install geckodriver",
                  "command": "npx --yes @puppeteer/browsers install firefox@stable"
                }
              ]
            },
            "install-browser-tools": {
              "steps": [
                {
                  "kind": "run",
                  "name": "Install Google Chrome",
                  "command": "wget -q -O /tmp/chrome.deb https://dl.google.com/linux/direct/google-chrome-stable_current_amd64.deb && sudo apt-get update && sudo apt-get install -y /tmp/chrome.deb"
                }
              ]
            }
          }
        },
        "circleci/slack": {
          "url": "https://circleci.com/developer/orbs/orb/circleci/slack",
          "commands": {
            "notify": {
              "parameters": {
                "event": "always",
                "channel": "",
                "template": "",
                "custom": "",
                "branch_pattern": ".+",
                "tag_pattern": ".+"
              },
              "steps": [
                {
                  "kind": "run",
                  "name": "Slack notification",
                  "when": "<< parameters.event >>",
                  "when-values": {
                    "always": "always",
                    "fail": "on_failure",
                    "pass": "on_success"
                  },
                  "command": "if printf '%s' \"$CIRCLE_BRANCH\" | grep -Eq \"^($(printf '%s' '<< parameters.branch_pattern >>' | tr ',' '|'))$\" || printf '%s' \"$CIRCLE_TAG\" | grep -Eq \"^($(printf '%s' '<< parameters.tag_pattern >>' | tr ',' '|'))$\"; then curl -fsS -X POST -H 'Content-Type: application/json' --data \"{\\\"text\\\": \\\"$CIRCLE_JOB finished (<< parameters.event >>)\\\"}\" \"$SLACK_WEBHOOK\"; fi"
                }
              ]
            },
            "status": {
              "parameters": {
                "fail_only": false,
                "only_for_branches": "",
                "webhook": "$SLACK_WEBHOOK"
              },
              "steps": [
                {
                  "kind": "run",
                  "name": "Slack notification",
                  "when": "<< parameters.fail_only >>",
                  "when-values": {
                    "true": "on_failure",
                    "false": "always"
                  },
                  "command": "if [ -z '<< parameters.only_for_branches >>' ] || printf ',%s,' '<< parameters.only_for_branches >>' | grep -q \",$CIRCLE_BRANCH,\"; then curl -fsS -X POST -H 'Content-Type: application/json' --data \"{\\\"text\\\": \\\"$CIRCLE_JOB finished\\\"}\" \"<< parameters.webhook >>\"; fi"
                }
              ]
            }
          }
        },
        "circleci/heroku": {
          "url": "https://circleci.com/developer/orbs/orb/circleci/heroku",
          "commands": {
            "install": {
              "steps": [
                {
                  "kind": "run",
                  "name": "Install Heroku CLI",
                  "command": "curl https://cli-assets.heroku.com/install.sh | sh"
                }
              ]
            },
            "deploy-via-git": {
              "parameters": {
                "app-name": "$HEROKU_APP_NAME",
                "branch": "$CIRCLE_BRANCH"
              },
              "steps": [
                {
                  "kind": "run",
                  "name": "Deploy to Heroku",
                  "command": "git push --force https://heroku:$HEROKU_API_KEY@git.heroku.com/<< parameters.app-name >>.git << parameters.branch >>:main"
                }
              ]
            }
          },
          "jobs": {
            "deploy-via-git": {
              "parameters": {
                "app-name": "$HEROKU_APP_NAME",
                "branch": "$CIRCLE_BRANCH"
              },
              "image": "cimg/base:stable",
              "steps": [
                {
                  "kind": "checkout"
                },
                {
                  "kind": "run",
                  "name": "Deploy to Heroku",
                  "command": "git push --force https://heroku:$HEROKU_API_KEY@git.heroku.com/<< parameters.app-name >>.git << parameters.branch >>:main"
                }
              ]
            }
          }
        },
        "circleci/windows": {
          "url": "https://circleci.com/developer/orbs/orb/circleci/windows",
          "executors": {
            "default": {
              "windows": "windows-server-2022-gui:current"
            },
            "server-2022": {
              "windows": "windows-server-2022-gui:current"
            },
            "server-2019": {
              "windows": "windows-server-2019:current"
            }
          }
        }
      }
    } as const;
