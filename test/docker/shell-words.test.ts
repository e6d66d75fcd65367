import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commandArgvs, splitCommands } from '../../src/docker/shell-words.js';

describe('splitCommands', () => {
  const cases: Array<[string, string[][]]> = [
    ['docker ps', [['docker', 'ps']]],
    ['  docker   ps  -a ', [['docker', 'ps', '-a']]],
    ['docker build -t app . && docker push app', [['docker', 'build', '-t', 'app', '.'], ['docker', 'push', 'app']]],
    ['a || b; c | d & e', [['a'], ['b'], ['c'], ['d'], ['e']]],
    ['a\nb\n\nc', [['a'], ['b'], ['c']]],
    ["echo 'single quoted $HOME'", [['echo', 'single quoted $HOME']]],
    ['echo "double $HOME and \\"esc\\""', [['echo', 'double $HOME and "esc"']]],
    ['echo a\\ b', [['echo', 'a b']]],
    ['docker run \\\n  -p 80:80 \\\n  nginx', [['docker', 'run', '-p', '80:80', 'nginx']]],
    ['docker run -v $(pwd):/app img', [['pwd'], ['docker', 'run', '-v', '$(pwd):/app', 'img']]],
    ['echo `docker ps -q`', [['docker', 'ps', '-q'], ['echo', '`docker ps -q`']]],
    ['echo "$(echo "$(docker ps)")"', [['docker', 'ps'], ['echo', '$(docker ps)'], ['echo', '$(echo "$(docker ps)")']]],
    ['FOO=1 BAR="a b" docker ps', [['docker', 'ps']]],
    ['sudo docker ps', [['docker', 'ps']]],
    ['sudo -E -u root docker ps', [['docker', 'ps']]],
    ['env -i X=1 Y=2 docker ps', [['docker', 'ps']]],
    ['sudo env X=1 nohup docker ps', [['docker', 'ps']]],
    ['timeout 60 docker ps', [['docker', 'ps']]],
    ['docker ps -q | xargs -r docker rm -f', [['docker', 'ps', '-q'], ['docker', 'rm', '-f']]],
    ['docker ps # docker rm everything', [['docker', 'ps']]],
    ['# a comment line\ndocker ps', [['docker', 'ps']]],
    ['echo a#b', [['echo', 'a#b']]],
    ['if [[ -e ~/x.tar ]]; then docker load -i ~/x.tar; fi', [['[[', '-e', '~/x.tar', ']]'], ['docker', 'load', '-i', '~/x.tar']]],
    ['while true; do docker ps; done', [['true'], ['docker', 'ps']]],
    ['(cd sub && docker-compose up -d)', [['cd', 'sub'], ['docker-compose', 'up', '-d']]],
    ['{ docker ps; }', [['docker', 'ps']]],
    ['cat <<EOF > f\ndocker rm x\nEOF\ndocker ps', [['cat'], ['docker', 'ps']]],
    ['cat <<-"END"\n\tdocker rm x\n\tEND\ndocker ps', [['cat'], ['docker', 'ps']]],
    ["sh -c 'docker exec a ls'", [['docker', 'exec', 'a', 'ls'], ['sh', '-c', 'docker exec a ls']]],
    ['bash -lc "docker info"', [['docker', 'info'], ['bash', '-lc', 'docker info']]],
    ['x=$((1 + 2)) docker ps', [['docker', 'ps']]],
    ['echo ${VAR:-a b}', [['echo', '${VAR:-a b}']]],
    ["echo $'a\\'b'", [['echo', "a'b"]]],
    ['diff <(docker images) other', [['docker', 'images'], ['diff', '<(docker images)', 'other']]],
    ["echo 'unterminated", [['echo', 'unterminated']]],
    ['echo "unterminated $(docker ps', [['docker', 'ps'], ['echo', 'unterminated $(docker ps']]],
    ['docker ps\r\ndocker images\r\n', [['docker', 'ps'], ['docker', 'images']]],
    ['docker run \\\r\n  -p 80:80 nginx', [['docker', 'run', '-p', '80:80', 'nginx']]],
    ['docker ps >/dev/null 2>&1 || true', [['docker', 'ps'], ['true']]],
    ['docker info &> /dev/null && echo ok', [['docker', 'info'], ['echo', 'ok']]],
    ['[ -n "$TAG" ] && docker push app:$TAG', [['[', '-n', '$TAG', ']'], ['docker', 'push', 'app:$TAG']]],
    ['for i in $(docker ps -q); do docker rm $i; done', [['docker', 'ps', '-q'], ['for', 'i', 'in', '$(docker ps -q)'], ['docker', 'rm', '$i']]],
    ['docker run -v "$(pwd)":/app img', [['pwd'], ['docker', 'run', '-v', '$(pwd):/app', 'img']]],
    ['docker run -e "A=b c" -e B=\'d e\' img', [['docker', 'run', '-e', 'A=b c', '-e', 'B=d e', 'img']]],
    ['', []],
    ['   \n  \n', []],
    ['fi', []],
  ];
  for (const [text, expected] of cases) {
    it(`splits ${JSON.stringify(text)}`, () => {
      expect(commandArgvs(text)).toEqual(expected);
    });
  }

  it('records assignments, wrappers and redirects', () => {
    const [command] = splitCommands('X=1 sudo env Y=2 docker save app > ~/docker/image.tar 2>&1');
    expect(command!.assignments).toEqual(['X=1', 'Y=2']);
    expect(command!.wrappers).toEqual(['sudo', 'env']);
    expect(command!.argv).toEqual(['docker', 'save', 'app']);
    expect(command!.redirects).toEqual([
      { op: '>', target: '~/docker/image.tar' },
      { op: '>&', fd: '2', target: '1' },
    ]);
  });

  it('marks quoting, expansions and positions of words', () => {
    const text = 'docker run -v "$PWD":/app img';
    const [command] = splitCommands(text);
    const volume = command!.words[3]!;
    expect(volume).toMatchObject({ value: '$PWD:/app', quoted: true, expands: true });
    expect(text.slice(volume.start, volume.end)).toBe('"$PWD":/app');
    expect(command!.words[0]).toMatchObject({ quoted: false, expands: false, start: 0, end: 6 });
  });

  it('tells nested commands by depth and terminators by operator', () => {
    const commands = splitCommands('a && echo $(b) || c');
    expect(commands.map((c) => [c.argv[0], c.depth, c.terminator])).toEqual([
      ['a', 0, '&&'],
      ['b', 1, ')'],
      ['echo', 0, '||'],
      ['c', 0, ''],
    ]);
  });

  it('never throws and always terminates on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'ab $()`\'"\\\n;&|<>#{}=-'.split('')), maxLength: 60 }), (text) => {
        const commands = splitCommands(text);
        expect(Array.isArray(commands)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('handles deep nesting without blowing the stack', () => {
    const text = `${'$('.repeat(200)}docker ps${')'.repeat(200)}`;
    expect(() => splitCommands(text)).not.toThrow();
  });
});
