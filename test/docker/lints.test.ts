/** Each lint with positive and negative command lines, under the engine its target gives. */
import { describe, expect, it } from 'vitest';
import { createSink } from '../../src/diagnostics/sink.js';
import { lintDocker } from '../../src/docker/lint.js';
import { formatIds } from '../../src/formats/registry.js';
import type { FormatId, Job, Pipeline } from '../../src/ir/types.js';
import { circleci1Job, codes, gitlabDindJob, jobOf, lint, pipelineOf, remoteJob } from './helpers.js';

interface LintCase {
  code: string;
  target: FormatId;
  setup: (command: string) => Pipeline;
  positive: string[];
  negative: string[];
}

const cases: LintCase[] = [
  {
    code: 'docker-bind-mount',
    target: 'circleci2',
    setup: (c) => remoteJob(c),
    positive: [
      'docker run -v $(pwd):/app img',
      'docker run --volume ./x:/y img',
      'docker run --mount type=bind,source="$(pwd)"/target,target=/app img',
      'docker run -v ~/.m2:/root/.m2 maven mvn test',
      'docker create -v /etc/ssl:/etc/ssl:ro img',
      'sudo docker run -it -v "$PWD:/src" img',
      'docker-compose run -v $(pwd):/app web test',
      'docker container run --rm -v${PWD}:/w img',
    ],
    negative: [
      'docker run -v data:/var/lib/data img',
      'docker run -v /data img',
      'docker run --volumes-from configs app-image:1.2.3',
      'docker run -v /var/run/docker.sock:/var/run/docker.sock img',
      'docker run --mount type=volume,source=vol,target=/x img',
      'echo "docker run -v $(pwd):/app"',
      'docker cp path/in/source/app_config.yml configs:/cfg',
      'docker run img -v $(pwd):/app',
    ],
  },
  {
    code: 'docker-port-unreachable',
    target: 'circleci2',
    setup: (c) => remoteJob(c),
    positive: [
      'docker run -d -p 9200:9200 es; sleep 10\ncurl --retry 10 http://localhost:9200',
      'docker run -d -p 127.0.0.1:8080:80 nginx && curl localhost:8080',
      'docker run -d --publish 3000:3000 app\nwget -qO- http://127.0.0.1:3000/health',
      'docker run -d -p 80:80 nginx; curl http://localhost/',
      'docker run -d -P --name web nginx; curl localhost:32768',
      'docker run -d -p 8000-8010:8000-8010 app; curl localhost:8005',
    ],
    negative: [
      'docker run -d --name es -p 9200:9200 es; docker exec es curl localhost:9200',
      'curl localhost:5432',
      'docker run -d -p 9200:9200 es; curl http://example.com:9200',
      'docker run -d -p 9200:9200 es; curl localhost:9300',
      'docker run -d --name my-app my-app; docker run --network container:my-app appropriate/curl http://localhost:8080',
      'curl localhost:8080; docker run -d -p 8080:80 nginx',
      'docker run -d -p 8080:80 nginx; curl http://docker:8080',
    ],
  },
  {
    code: 'docker-exec-lxc',
    target: 'circleci1',
    setup: (c) => remoteJob(c),
    positive: [
      'docker exec my-app curl --retry 10 http://localhost:8080',
      'docker exec -it db psql -U postgres',
      'sudo docker exec c ls',
      'docker container exec c ls',
      'ID=$(docker exec c cat /etc/hostname)',
      'docker-compose exec web rake test',
    ],
    negative: [
      'docker run img',
      'docker inspect c',
      'sudo lxc-attach -n "$(docker inspect --format "{{.Id}}" c)" -- bash -c ls',
      'echo docker exec c ls',
      '# docker exec c ls',
      'docker run img exec foo',
    ],
  },
  {
    code: 'docker-login-email',
    target: 'gitlab',
    setup: (c) => circleci1Job(c),
    positive: [
      'docker login -e $DOCKER_EMAIL -u $DOCKER_USER -p $DOCKER_PASS',
      'docker login --email=me@example.com -u u --password-stdin',
      'docker login --email me@example.com -u u --password-stdin',
      'docker -H tcp://docker:2375 login -e a -u b -p c registry.example.com',
      'eval $(aws ecr get-login --region us-east-1)',
      'sudo docker login -e none -u AWS -p $TOKEN https://1.dkr.ecr.us-east-1.amazonaws.com',
    ],
    negative: [
      'docker login -u $U -p $P',
      'echo "$P" | docker login -u $U --password-stdin',
      'eval $(aws ecr get-login --no-include-email --region us-east-1)',
      'docker run -e FOO=1 img',
      'docker login registry.example.com',
      'docker-compose -e x up',
    ],
  },
  {
    code: 'docker-login-password',
    target: 'circleci2',
    setup: (c) => circleci1Job(c),
    positive: [
      'docker login -u $U -p $P',
      'docker login -u u --password=$P registry.example.com',
      'docker login --username=u --password "$P"',
      'docker login -u u -phunter2',
      'docker login -e e -u u -p p',
      'sudo docker login -p "$X" -u u',
    ],
    negative: [
      'echo "$P" | docker login -u u --password-stdin',
      'docker login',
      'docker run -p 80:80 img',
      'docker login -u u --password-stdin < pw.txt',
      'docker-compose -p project up',
      'echo docker login -p x',
    ],
  },
  {
    code: 'docker-tty',
    target: 'gitlab',
    setup: (c) => gitlabDindJob(c),
    positive: [
      'docker run -it ubuntu bash',
      'docker run -t img',
      'docker exec -it db psql',
      'docker run --tty img',
      'docker run -dit --name x img',
      'docker container run -ti img',
    ],
    negative: [
      'docker run -i img < input.txt',
      'docker build -t app .',
      'docker run -d img',
      'docker run img -t',
      'docker exec db ls',
      'docker run --tty=false img',
    ],
  },
  {
    code: 'docker-compose-missing',
    target: 'gitlab',
    setup: (c) => gitlabDindJob(c),
    positive: [
      'docker-compose up -d',
      'docker-compose -f a.yml run web test',
      'sudo docker-compose build',
      'docker-compose --version',
      'cd app && docker-compose down',
    ],
    negative: [
      'docker compose up -d',
      'apk add --no-cache docker-compose\ndocker-compose up',
      'pip install docker-compose && docker-compose up',
      'docker ps',
      'echo docker-compose',
    ],
  },
  {
    code: 'docker-save-load-cache',
    target: 'circleci2',
    setup: (c) => circleci1Job(c, { extra: [{ kind: 'cache-save', key: { parts: [] }, paths: ['~/docker'] }] }),
    positive: [
      'docker save circleci/elasticsearch > ~/docker/image.tar',
      'if [[ -e ~/docker/image.tar ]]; then docker load -i ~/docker/image.tar; fi',
      'docker save -o ~/docker/img.tar app',
      'docker load < $HOME/docker/image.tar',
      'mkdir -p ~/docker; docker save app:latest --output ~/docker/app.tar',
    ],
    negative: [
      'docker save app > /tmp/app.tar',
      'docker load -i other/image.tar',
      'docker build -t app .',
      'cat ~/docker/image.tar',
      'docker save app > ~/dockerfiles/x.tar',
    ],
  },
  {
    code: 'docker-build-btrfs',
    target: 'circleci1',
    setup: (c) => remoteJob(c),
    positive: [
      'docker build -t app .',
      'docker build .',
      'sudo docker build -f Dockerfile.ci .',
      'docker image build -t x .',
      'docker build --rm -t x .',
      'docker build --rm=true .',
    ],
    negative: ['docker build --rm=false -t app .', 'docker run img', 'docker-compose build', 'echo docker build', 'docker buildx ls'],
  },
];

describe('docker lints', () => {
  for (const c of cases) {
    describe(c.code, () => {
      it('has at least five positive and five negative lines', () => {
        expect(c.positive.length).toBeGreaterThanOrEqual(5);
        expect(c.negative.length).toBeGreaterThanOrEqual(5);
      });
      for (const line of c.positive) {
        it(`reports ${JSON.stringify(line)}`, () => {
          const found = lint(c.setup(line), c.target).filter((d) => d.code === c.code);
          expect(found.length).toBeGreaterThan(0);
          // Reported at the run step that holds the command, with a hint.
          expect(found[0]!.origin?.file).toBe('ci.yml');
          expect(found[0]!.origin?.range[0]).toBeGreaterThan(5);
          expect(found[0]!.hint).toBeTruthy();
        });
      }
      for (const line of c.negative) {
        it(`does not report ${JSON.stringify(line)}`, () => {
          expect(codes(c.setup(line), c.target)).not.toContain(c.code);
        });
      }
    });
  }
});

describe('the engine decides', () => {
  it('bind mounts from the project work under GitLab dind, home and absolute paths do not', () => {
    expect(codes(gitlabDindJob('docker run -v $(pwd):/app img'), 'gitlab')).not.toContain('docker-bind-mount');
    expect(codes(gitlabDindJob('docker run -v "$CI_PROJECT_DIR/mnt:/mnt" img'), 'gitlab')).not.toContain('docker-bind-mount');
    expect(codes(gitlabDindJob('docker run -v ~/.cache:/cache img'), 'gitlab')).toContain('docker-bind-mount');
    expect(codes(gitlabDindJob('docker run -v /tmp/x:/x img'), 'gitlab')).toContain('docker-bind-mount');
  });

  it('a 1.0 mount changes meaning under GitLab dind and says so', () => {
    const [d] = lint(circleci1Job('docker run -v /home/ubuntu/data:/data img'), 'gitlab').filter((x) => x.code === 'docker-bind-mount');
    expect(d!.message).toContain('the source ran Docker beside the job');
    expect(d!.hint).toContain('$CI_PROJECT_DIR');
  });

  it('CircleCI 1.0 and machine targets run Docker beside the job: no mount or port warnings', () => {
    const text = 'docker run -d -p 80:80 -v $(pwd):/app img; curl localhost:80';
    expect(codes(circleci1Job(text), 'circleci1')).not.toContain('docker-bind-mount');
    expect(codes(circleci1Job(text), 'circleci1')).not.toContain('docker-port-unreachable');
    // Translated to CircleCI 2.x the advisor puts this job on machine.
    expect(codes(circleci1Job(text), 'circleci2')).not.toContain('docker-bind-mount');
    expect(codes(pipelineOf(jobOf(text, { executor: { kind: 'machine' } }), 'circleci2'), 'circleci2')).not.toContain('docker-port-unreachable');
  });

  it('GitLab dind: the published port is reached through the docker host name', () => {
    const [d] = lint(circleci1Job('docker run -d -p 9200:9200 es\ncurl http://localhost:9200'), 'gitlab').filter((x) => x.code === 'docker-port-unreachable');
    expect(d!.hint).toContain('http://docker:9200');
    expect(d!.message).toContain('in the source Docker ran beside the job');
  });

  it('socket binding: job-space mounts name host paths', () => {
    const job = jobOf('docker run -v $(pwd)/src:/home/app/src test-image:latest', { daemon: { engine: 'socket' } });
    expect(codes(pipelineOf(job, 'gitlab'), 'gitlab')).toContain('docker-bind-mount');
  });

  it('GitLab jobs without a dind service use the runner\'s Docker: nothing to say about mounts', () => {
    const job = jobOf('docker run -v /tmp:/tmp img', { executor: { kind: 'docker', image: { name: 'docker:24.0.5' } } });
    expect(codes(pipelineOf(job, 'gitlab'), 'gitlab')).not.toContain('docker-bind-mount');
  });

  it('login flags are fine on CircleCI 1.0, whose Docker predates their removal', () => {
    const text = 'docker login -e $DOCKER_EMAIL -u $DOCKER_USER -p $DOCKER_PASS';
    expect(codes(circleci1Job(text), 'circleci1')).not.toContain('docker-login-email');
    expect(codes(circleci1Job(text), 'circleci1')).not.toContain('docker-login-password');
  });

  it('docker exec is only a problem on CircleCI 1.0', () => {
    for (const target of formatIds.filter((id) => id !== 'circleci1')) expect(codes(remoteJob('docker exec c ls'), target)).not.toContain('docker-exec-lxc');
    const [d] = lint(remoteJob('docker exec my-app curl localhost:8080'), 'circleci1');
    expect(d!.hint).toContain('sudo lxc-attach -n "$(docker inspect --format "{{.Id}}" my-app)" -- bash -c \'curl localhost:8080\'');
  });

  it('--rm=false is only advised for CircleCI 1.0', () => {
    expect(codes(remoteJob('docker build -t app .'), 'gitlab')).not.toContain('docker-build-btrfs');
    expect(codes(remoteJob('docker build -t app .'), 'circleci2')).not.toContain('docker-build-btrfs');
  });

  it('save/load caches are the 1.0 way only where nothing better exists', () => {
    const pipeline = circleci1Job('docker save app > ~/docker/image.tar', { extra: [{ kind: 'cache-save', key: { parts: [] }, paths: ['~/docker'] }] });
    expect(codes(pipeline, 'circleci1')).not.toContain('docker-save-load-cache');
    const [d] = lint(pipeline, 'gitlab').filter((x) => x.code === 'docker-save-load-cache');
    expect(d!.severity).toBe('info');
    expect(d!.hint).toContain('$CI_PROJECT_DIR');
  });

  it('docker-compose in a non-docker image is not reported; a 1.0 job translated to GitLab dind is', () => {
    const python = pipelineOf(jobOf('docker-compose up', { executor: { kind: 'docker', image: { name: 'python:3.12' } }, daemon: { engine: 'dind' } }), 'gitlab');
    expect(codes(python, 'gitlab')).not.toContain('docker-compose-missing');
    expect(codes(circleci1Job('docker-compose up -d'), 'gitlab')).toContain('docker-compose-missing');
    expect(codes(circleci1Job('docker-compose up -d'), 'circleci1')).not.toContain('docker-compose-missing');
  });
});

describe('docker-login-password never shows the password', () => {
  for (const line of ['docker login -u u -p hunter2', 'docker login -u u --password=hunter2', 'docker login -u u --password hunter2 reg.example.com', 'docker login -u u -phunter2']) {
    it(JSON.stringify(line), () => {
      const found = lint(circleci1Job(line), 'gitlab').filter((d) => d.code === 'docker-login-password');
      expect(found).toHaveLength(1);
      expect(JSON.stringify(found)).not.toContain('hunter2');
    });
  }

  it('names the variable a password comes from', () => {
    const [d] = lint(circleci1Job('docker login -u $DOCKER_USER -p $DOCKER_PASS'), 'gitlab').filter((x) => x.code === 'docker-login-password');
    expect(d!.hint).toBe('Pipe it in: `echo "$DOCKER_PASS" | docker login -u "$DOCKER_USER" --password-stdin`.');
  });
});

describe('docker-image-unpinned', () => {
  const withImage = (image: string, role: 'image' | 'service'): Job =>
    role === 'image'
      ? jobOf('docker build .', { executor: { kind: 'docker', image: { name: image } }, daemon: { engine: 'dind' } })
      : jobOf('docker build .', { executor: { kind: 'docker', image: { name: 'docker:24.0.5-cli' } }, services: [{ name: image }], daemon: { engine: 'dind' } });
  const positive = ['docker:latest', 'docker', 'docker:stable', 'docker.io/library/docker:git', 'docker:cli', 'docker:edge'];
  const positiveServices = ['docker:dind', 'docker:stable-dind', 'docker:latest', 'docker:dind-rootless', 'docker'];
  const negative = ['docker:24.0.5', 'docker:27-cli', 'docker/compose:latest', 'cimg/base:stable', 'docker@sha256:0123abcd', 'mydocker:latest'];
  const negativeServices = ['docker:24.0.5-dind', 'docker:20.10.16-dind', 'postgres:latest', 'docker:28-dind', 'redis'];

  for (const image of positive) it(`reports job image ${image}`, () => expect(codes(pipelineOf(withImage(image, 'image'), 'gitlab'), 'gitlab')).toContain('docker-image-unpinned'));
  for (const image of positiveServices) it(`reports service ${image}`, () => expect(codes(pipelineOf(withImage(image, 'service'), 'gitlab'), 'gitlab')).toContain('docker-image-unpinned'));
  for (const image of negative) it(`accepts job image ${image}`, () => expect(codes(pipelineOf(withImage(image, 'image'), 'gitlab'), 'gitlab')).not.toContain('docker-image-unpinned'));
  for (const image of negativeServices) it(`accepts service ${image}`, () => expect(codes(pipelineOf(withImage(image, 'service'), 'gitlab'), 'gitlab')).not.toContain('docker-image-unpinned'));

  it('suggests the pinned pair and skips dind services that leave GitLab', () => {
    const [d] = lint(pipelineOf(withImage('docker:dind', 'service'), 'gitlab'), 'gitlab');
    expect(d!.hint).toContain('docker:28-dind');
    expect(codes(pipelineOf(withImage('docker:dind', 'service'), 'gitlab'), 'circleci2')).not.toContain('docker-image-unpinned');
    expect(codes(pipelineOf(withImage('docker:latest', 'image'), 'gitlab'), 'circleci1')).not.toContain('docker-image-unpinned');
  });

  it('reads the tag through the variables the file sets, and does not guess at one it does not set', () => {
    const withVariable = (image: string, value?: string): Pipeline => {
      const pipeline = pipelineOf(withImage(image, 'image'), 'gitlab');
      if (value !== undefined) pipeline.variables = [{ name: 'DOCKER_VERSION', value, expand: true }];
      return pipeline;
    };
    expect(codes(withVariable('docker:${DOCKER_VERSION}', '24.0.7'), 'gitlab')).not.toContain('docker-image-unpinned');
    expect(codes(withVariable('docker:$DOCKER_VERSION-cli', '24.0.7'), 'gitlab')).not.toContain('docker-image-unpinned');
    expect(codes(withVariable('docker:${DOCKER_VERSION}'), 'gitlab')).not.toContain('docker-image-unpinned');
    expect(codes(withVariable('docker:${DOCKER_VERSION}', 'latest'), 'gitlab')).toContain('docker-image-unpinned');
  });
});

describe('docker-layer-caching', () => {
  const withDlc = (layerCaching: boolean | undefined, kind: 'daemon' | 'machine' = 'daemon'): Pipeline =>
    kind === 'daemon'
      ? remoteJob('docker build .', { daemon: { engine: 'remote', ...(layerCaching === undefined ? {} : { layerCaching }) } })
      : pipelineOf(jobOf('docker build .', { executor: { kind: 'machine', ...(layerCaching === undefined ? {} : { layerCaching }) } }), 'circleci2');
  const positive: Array<[Pipeline, FormatId]> = [
    [withDlc(true), 'gitlab'],
    [withDlc(true), 'circleci1'],
    [withDlc(true, 'machine'), 'gitlab'],
    [withDlc(true, 'machine'), 'circleci1'],
    [pipelineOf(jobOf('docker build .', { daemon: { engine: 'remote', layerCaching: true, beta: { reusable: true } } }), 'circleci2'), 'gitlab'],
  ];
  const negative: Array<[Pipeline, FormatId]> = [
    [withDlc(true), 'circleci2'],
    [withDlc(false), 'gitlab'],
    [withDlc(undefined), 'circleci1'],
    [withDlc(false, 'machine'), 'gitlab'],
    [withDlc(true, 'machine'), 'circleci2'],
  ];
  positive.forEach(([pipeline, target], k) =>
    it(`reports case ${k} → ${target}`, () => {
      const [d] = lint(pipeline, target).filter((x) => x.code === 'docker-layer-caching');
      expect(d).toBeDefined();
      expect(d!.hint).toContain(target === 'gitlab' ? '--cache-from' : 'cache_directories');
    }),
  );
  negative.forEach(([pipeline, target], k) => it(`accepts case ${k} → ${target}`, () => expect(codes(pipeline, target)).not.toContain('docker-layer-caching')));
});

describe('messages carry no credentials from URLs', () => {
  it('drops user:password@ from a localhost URL', () => {
    const found = lint(circleci1Job('docker run -d -p 9222:9200 es\ncurl admin:mypass@127.0.0.1:9222'), 'gitlab').filter((d) => d.code === 'docker-port-unreachable');
    expect(found).toHaveLength(1);
    expect(JSON.stringify(found)).not.toContain('mypass');
    expect(found[0]!.message).toContain('curl 127.0.0.1:9222');
  });
});

describe('docker-save-load-cache is a translation suggestion', () => {
  it('is quiet in a same-format round trip', () => {
    const pipeline = remoteJob('docker save app > ~/docker/image.tar', { extra: [{ kind: 'cache-save', key: { parts: [] }, paths: ['~/docker'] }] });
    expect(codes(pipeline, 'circleci2')).not.toContain('docker-save-load-cache');
    expect(codes(pipeline, 'gitlab')).toContain('docker-save-load-cache');
  });
});

describe('the GitLab docker mode', () => {
  it('socket mode makes project mounts name host paths', () => {
    const pipeline = circleci1Job('docker run -v $(pwd):/app img');
    expect(codes(pipeline, 'gitlab')).not.toContain('docker-bind-mount');
    const sink = createSink();
    lintDocker(pipeline, 'gitlab', sink, { gitlabDockerMode: 'socket' });
    const [d] = sink.diagnostics.filter((x) => x.code === 'docker-bind-mount');
    expect(d?.message).toContain('socket binding');
  });
});
