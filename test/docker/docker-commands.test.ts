import { describe, expect, it } from 'vitest';
import { findDockerCall, optionsNamed, parseCallArgs } from '../../src/docker/docker-commands.js';
import { splitCommands } from '../../src/docker/shell-words.js';

const call = (text: string) => findDockerCall(splitCommands(text)[0]!);

describe('findDockerCall', () => {
  it('recognises docker, docker-compose and docker compose', () => {
    expect(call('docker run img')).toMatchObject({ tool: 'docker', subcommand: 'run', args: ['img'] });
    expect(call('/usr/bin/docker ps')).toMatchObject({ tool: 'docker', subcommand: 'ps' });
    expect(call('docker-compose -f a.yml up -d')).toMatchObject({ tool: 'compose', plugin: false, subcommand: 'up', args: ['-d'] });
    expect(call('docker compose --project-name p run web')).toMatchObject({ tool: 'compose', plugin: true, subcommand: 'run', args: ['web'] });
    expect(call('dockerd --debug')).toBeUndefined();
    expect(call('echo docker run')).toBeUndefined();
  });

  it('skips global options and folds management commands', () => {
    expect(call('docker -H tcp://docker:2375 --tlsverify run img')).toMatchObject({ subcommand: 'run', args: ['img'] });
    expect(call('docker container run --rm img')).toMatchObject({ subcommand: 'run', args: ['--rm', 'img'] });
    expect(call('docker image build -t x .')).toMatchObject({ subcommand: 'build' });
    expect(call('docker buildx build --push .')).toMatchObject({ subcommand: 'build' });
    expect(call('docker buildx ls')).toMatchObject({ subcommand: 'buildx ls' });
    expect(call('docker image ls')).toMatchObject({ subcommand: 'ls' });
  });
});

describe('parseCallArgs', () => {
  it('reads clusters, valued short flags and long forms', () => {
    const parsed = parseCallArgs(call('docker run -itd -p8080:80 -v /a:/b --name=web --rm -e X=1 img cmd -t')!);
    expect(parsed.options.map((o) => [o.name, o.value])).toEqual([
      ['interactive', undefined],
      ['tty', undefined],
      ['detach', undefined],
      ['publish', '8080:80'],
      ['volume', '/a:/b'],
      ['name', 'web'],
      ['rm', undefined],
      ['env', 'X=1'],
    ]);
    expect(parsed.operands).toEqual(['img', 'cmd', '-t']);
  });

  it('knows which build and login flags take values', () => {
    const build = parseCallArgs(call('docker build -t app:1 --rm=false -f Dockerfile.ci .')!);
    expect(optionsNamed(build, 'rm')[0]?.value).toBe('false');
    expect(build.operands).toEqual(['.']);
    const login = parseCallArgs(call('docker login -u me -p $P -e x registry.example.com')!);
    expect(login.options.map((o) => o.name)).toEqual(['username', 'password', 'email']);
    expect(login.operands).toEqual(['registry.example.com']);
  });
});
