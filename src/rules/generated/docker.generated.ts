// Generated from mappings/docker.yml by test/tools/generate-mappings.ts. Do not edit; run `npm run generate`.
export const docker = {
      "remoteDocker": {
        "default": "default",
        "oldestSupported": "docker26",
        "newestSupported": "docker29",
        "versions": [
          {
            "version": "default",
            "engine": "28",
            "status": "supported",
            "era": "HEAD",
            "source": "spec §3 [D6]; 2.x §4.4"
          },
          {
            "version": "edge",
            "engine": "28",
            "status": "supported",
            "era": "HEAD",
            "source": "spec §3 [D6]; 2.x §4.4"
          },
          {
            "version": "previous",
            "engine": "28",
            "status": "supported",
            "era": "HEAD",
            "source": "spec §3 [D6]; 2.x §4.4"
          },
          {
            "version": "docker29",
            "engine": "29",
            "status": "supported",
            "era": "HEAD",
            "source": "spec §3 [D6]; 2.x §4.4"
          },
          {
            "version": "docker27",
            "engine": "27",
            "status": "supported",
            "era": "HEAD",
            "source": "spec §3 [D6]; 2.x §4.4"
          },
          {
            "version": "docker26",
            "engine": "26",
            "status": "supported",
            "era": "HEAD",
            "source": "spec §3 [D6] (page mislabels it Docker 24)"
          },
          {
            "version": "20.10.24",
            "engine": "20.10.24",
            "status": "deprecated",
            "era": "HEAD",
            "source": "spec §3 [D6]; 2.x §4.4"
          },
          {
            "version": "24.0.9",
            "engine": "24.0.9",
            "status": "retired",
            "era": "HEAD",
            "source": "spec §3 (stale default in configuration-reference [R1]); 2.x §4.4"
          },
          {
            "version": "20.10.18",
            "engine": "20.10.18",
            "status": "retired",
            "era": "2023-05",
            "source": "spec §3 [D5] 2023-05 (default then)"
          },
          {
            "version": "20.10.14",
            "engine": "20.10.14",
            "status": "retired",
            "era": "2022-06",
            "source": "spec §3 [D5] 2022-06"
          },
          {
            "version": "20.10.2",
            "engine": "20.10.2",
            "status": "retired",
            "era": "2022-06",
            "source": "seed 000"
          },
          {
            "version": "19.03.14",
            "engine": "19.03.14",
            "status": "retired",
            "era": "2022-06",
            "source": "seed 000"
          },
          {
            "version": "19.03.13",
            "engine": "19.03.13",
            "status": "retired",
            "era": "2022-06",
            "source": "seed 000; spec §3 [D5] 2022-06"
          },
          {
            "version": "19.03.12",
            "engine": "19.03.12",
            "status": "retired",
            "era": "2022-06",
            "source": "seed 000"
          },
          {
            "version": "19.03.8",
            "engine": "19.03.8",
            "status": "retired",
            "era": "2022-06",
            "source": "seed 000"
          },
          {
            "version": "18.09.3",
            "engine": "18.09.3",
            "status": "retired",
            "era": "2019-05",
            "source": "spec §3 [D5] 2019-05; seed 000"
          },
          {
            "version": "17.09.0-ce",
            "engine": "17.09.0",
            "status": "retired",
            "era": "2019-05",
            "source": "spec §3 [D5] 2019-05 and 2022-06 default; seed 000"
          },
          {
            "version": "17.11.0-ce",
            "engine": "17.11.0",
            "status": "retired",
            "era": "2017-12",
            "source": "spec §3 [D5] 2017-12"
          },
          {
            "version": "17.03.0-ce",
            "engine": "17.03.0",
            "status": "retired",
            "era": "2017-12",
            "source": "spec §3 [D5] 2017-12 (default then)"
          }
        ]
      },
      "dind": {
        "default": "28",
        "oldestTlsCapable": "19.03.12",
        "tlsFrom": "19.03.12",
        "lines": [
          {
            "line": "18.09",
            "tag": "18.09",
            "cli": "",
            "source": "hub"
          },
          {
            "line": "19.03",
            "tag": "19.03.12",
            "cli": "",
            "source": "spec §4.2 (TLS default from 19.03.12); hub"
          },
          {
            "line": "20.10",
            "tag": "20.10.16",
            "cli": "",
            "source": "spec §4.2 [D8] (docker:20.10.16-dind)"
          },
          {
            "line": "23",
            "tag": "23",
            "cli": "-cli",
            "source": "hub"
          },
          {
            "line": "24",
            "tag": "24.0.5",
            "cli": "-cli",
            "source": "spec §4.3 [D7]; seed 001 (docker:24.0.5-dind)"
          },
          {
            "line": "25",
            "tag": "25.0.5",
            "cli": "-cli",
            "source": "seed 001 (Docker 25.0.5 client)"
          },
          {
            "line": "26",
            "tag": "26",
            "cli": "-cli",
            "source": "hub; spec §3 (CircleCI docker26)"
          },
          {
            "line": "27",
            "tag": "27",
            "cli": "-cli",
            "source": "hub; spec §3 (CircleCI docker27)"
          },
          {
            "line": "28",
            "tag": "28",
            "cli": "-cli",
            "source": "hub; spec §3 (CircleCI default/edge/previous)"
          },
          {
            "line": "29",
            "tag": "29",
            "cli": "-cli",
            "source": "hub; spec §3 (CircleCI docker29)"
          }
        ],
        "floatingTags": [
          "latest",
          "stable",
          "dind",
          "git",
          "edge",
          "test",
          "rc",
          "cli",
          "stable-dind",
          "stable-git",
          "latest-dind",
          "dind-rootless",
          "windowsservercore"
        ]
      },
      "dindModes": [
        {
          "mode": "docker-tls",
          "executor": "docker",
          "tls": true,
          "port": 2376,
          "variables": [
            {
              "name": "DOCKER_TLS_CERTDIR",
              "value": "/certs"
            }
          ],
          "serviceVariables": [],
          "runner": "privileged = true and a \"/certs/client\" volume ([runners.docker] volumes)",
          "source": "spec §4.2; seed 001 (Docker executor, TLS enabled)"
        },
        {
          "mode": "docker-no-tls",
          "executor": "docker",
          "tls": false,
          "port": 2375,
          "variables": [
            {
              "name": "DOCKER_HOST",
              "value": "tcp://docker:2375"
            },
            {
              "name": "DOCKER_TLS_CERTDIR",
              "value": ""
            }
          ],
          "serviceVariables": [],
          "runner": "privileged = true",
          "source": "spec §4.2; seed 001 (Docker executor, TLS disabled)"
        },
        {
          "mode": "kubernetes-tls",
          "executor": "kubernetes",
          "tls": true,
          "port": 2376,
          "variables": [
            {
              "name": "DOCKER_HOST",
              "value": "tcp://docker:2376"
            },
            {
              "name": "DOCKER_TLS_CERTDIR",
              "value": "/certs"
            },
            {
              "name": "DOCKER_TLS_VERIFY",
              "value": "1"
            },
            {
              "name": "DOCKER_CERT_PATH",
              "value": "$DOCKER_TLS_CERTDIR/client"
            }
          ],
          "serviceVariables": [
            {
              "name": "HEALTHCHECK_TCP_PORT",
              "value": "2376"
            }
          ],
          "runner": "privileged = true and an empty_dir volume at /certs/client (medium Memory)",
          "source": "spec §4.2; seed 001 (Kubernetes, TLS enabled)"
        },
        {
          "mode": "kubernetes-no-tls",
          "executor": "kubernetes",
          "tls": false,
          "port": 2375,
          "variables": [
            {
              "name": "DOCKER_HOST",
              "value": "tcp://docker:2375"
            },
            {
              "name": "DOCKER_TLS_CERTDIR",
              "value": ""
            }
          ],
          "serviceVariables": [
            {
              "name": "HEALTHCHECK_TCP_PORT",
              "value": "2375"
            }
          ],
          "runner": "privileged = true",
          "source": "spec §4.2; seed 001 (Kubernetes, TLS disabled)"
        }
      ],
      "alpine": {
        "repository": "alpine",
        "tag": "alpine"
      },
      "dockerClient": {
        "clientless": [
          "alpine",
          "buildpack-deps",
          "debian",
          "ubuntu",
          "node",
          "python",
          "ruby",
          "golang",
          "openjdk",
          "eclipse-temurin",
          "php",
          "rust",
          "perl",
          "maven",
          "gradle",
          "elixir",
          "erlang",
          "haskell",
          "clojure"
        ],
        "install": {
          "alpine": "apk add --no-cache docker-cli",
          "debian": "(command -v curl >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq curl ca-certificates >/dev/null)) && curl -fsSL \"https://download.docker.com/linux/static/stable/$(uname -m)/docker-25.0.5.tgz\" | tar -xz --strip-components=1 -C /usr/local/bin docker/docker"
        }
      },
      "withoutBash": {
        "repositories": [
          "busybox",
          "docker",
          "gcr.io/kaniko-project/executor"
        ]
      }
    } as const;
