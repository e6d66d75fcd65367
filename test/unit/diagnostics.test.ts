import { describe, expect, it } from 'vitest';
import { formatText, toRecords } from '../../src/diagnostics/print.js';
import { report, reportOnce } from '../../src/diagnostics/report.js';
import { isSecretValue, maskSecretsInLine } from '../../src/diagnostics/secrets.js';
import { createSink, hasErrors, sortDiagnostics } from '../../src/diagnostics/sink.js';
import { renderSarif } from '../../src/report/sarif.js';
import { SourceSet } from '../../src/diagnostics/source-map.js';

const text = 'jobs:\n  build:\n    environment:\n      API_TOKEN: s3cr3t-value\n';
const sources = new SourceSet();
sources.add('.circleci/config.yml', text);

describe('diagnostics', () => {
  it('reportOnce says a code and message once per place, again at another place or in another sink', () => {
    const sink = createSink();
    const at = (start: number) => ({ origin: { file: '.circleci/config.yml', range: [start, start + 3] as [number, number] } });
    reportOnce(sink, 'approximate-translation', 'said once', at(8));
    reportOnce(sink, 'approximate-translation', 'said once', at(8));
    reportOnce(sink, 'approximate-translation', 'said once', at(20));
    reportOnce(sink, 'approximate-translation', 'said twice', at(8));
    expect(sink.diagnostics.map((d) => `${d.message}@${d.origin?.range[0]}`)).toEqual(['said once@8', 'said once@20', 'said twice@8']);
    const other = createSink();
    reportOnce(other, 'approximate-translation', 'said once', at(8));
    expect(other.diagnostics).toHaveLength(1);
  });

  it('shows related places under a finding: located, without its own place or a repeat, the sixth and later counted', () => {
    const sink = createSink();
    const at = (start: number) => ({ file: '.circleci/config.yml', range: [start, start + 1] as [number, number] });
    report(sink, 'semantic-difference', '$X is carried as $Y', {
      origin: at(5),
      related: [
        { message: 'the finding itself', origin: at(5) },
        { message: 'used here too', origin: at(13) },
        { message: 'used here too', origin: at(13) },
        { message: 'in the output', origin: { file: 'not-in-the-report.yml', range: [0, 1] } },
        { message: 'used here too', origin: at(33) },
      ],
    });
    expect(formatText(sink.diagnostics, sources)).toBe(
      ['.circleci/config.yml:1:6: warning: $X is carried as $Y [semantic-difference]', '  .circleci/config.yml:2:8: used here too', '  .circleci/config.yml:4:2: used here too', ''].join('\n'),
    );
    expect(toRecords(sink.diagnostics, sources)[0]!.related).toEqual([
      { message: 'used here too', file: '.circleci/config.yml', line: 2, column: 8 },
      { message: 'used here too', file: '.circleci/config.yml', line: 4, column: 2 },
    ]);
    const sarif = JSON.parse(renderSarif(toRecords(sink.diagnostics, sources))) as { runs: Array<{ results: Array<{ relatedLocations?: Array<{ message: { text: string }; physicalLocation: { region: { startLine: number } } }> }> }> };
    expect(sarif.runs[0]!.results[0]!.relatedLocations?.map((r) => [r.message.text, r.physicalLocation.region.startLine])).toEqual([
      ['used here too', 2],
      ['used here too', 4],
    ]);

    const many = createSink();
    const lines = 'a\nb\nc\nd\ne\nf\ng\nh\n';
    const set = new SourceSet();
    set.add('f.yml', lines);
    const place = (line: number) => ({ file: 'f.yml', range: [line * 2, line * 2 + 1] as [number, number] });
    report(many, 'semantic-difference', 'many', { origin: place(0), related: [1, 2, 3, 4, 5, 6, 7].map((l) => ({ message: `use ${l}`, origin: place(l) })) });
    const printed = formatText(many.diagnostics, set).split('\n');
    expect(printed.slice(1, -1)).toEqual(['  f.yml:2:1: use 1', '  f.yml:3:1: use 2', '  f.yml:4:1: use 3', '  f.yml:5:1: use 4', '  f.yml:6:1: use 5', '  … and 2 more places (--format json lists them)']);
  });

  it('prints file:line:col, severity, message, code, a code frame and a hint', () => {
    const sink = createSink();
    report(sink, 'unknown-key', 'key "jobs.build.foo" is not understood', {
      origin: { file: '.circleci/config.yml', range: [8, 13] },
      hint: 'check the spelling',
    });
    expect(formatText(sink.diagnostics, sources, { codeFrame: true })).toBe(
      [
        '.circleci/config.yml:2:3: warning: key "jobs.build.foo" is not understood [unknown-key]',
        '  2 |   build:',
        '    |   ^',
        '  hint: check the spelling',
        '',
      ].join('\n'),
    );
  });

  it('masks secret values in code frames and messages', () => {
    const sink = createSink();
    report(sink, 'manual-secret', 'move API_TOKEN=s3cr3t-value into project settings', {
      origin: { file: '.circleci/config.yml', range: [text.indexOf('API_TOKEN'), text.length - 1] },
    });
    const printed = formatText(sink.diagnostics, sources, { codeFrame: true });
    expect(printed).not.toContain('s3cr3t-value');
    expect(printed).toContain('API_TOKEN: ****');
    expect(JSON.stringify(toRecords(sink.diagnostics, sources))).not.toContain('s3cr3t-value');
  });

  it('gives JSON records with line and column, null when unlocated', () => {
    const sink = createSink();
    report(sink, 'format-unknown', 'not a CI file');
    report(sink, 'yaml-syntax', 'bad', { origin: { file: '.circleci/config.yml', range: [6, 6] } });
    expect(toRecords(sink.diagnostics, sources)).toEqual([
      { code: 'format-unknown', severity: 'error', message: 'not a CI file', file: null, line: null, column: null, hint: null },
      { code: 'yaml-syntax', severity: 'error', message: 'bad', file: '.circleci/config.yml', line: 2, column: 1, hint: null },
    ]);
    expect(hasErrors(sink.diagnostics)).toBe(true);
  });

  it('sorts by file, then position, then severity', () => {
    const a = { code: 'x', severity: 'info' as const, message: 'a', origin: { file: 'b', range: [5, 5] as [number, number] } };
    const b = { code: 'x', severity: 'error' as const, message: 'b', origin: { file: 'a', range: [9, 9] as [number, number] } };
    const c = { code: 'x', severity: 'error' as const, message: 'c', origin: { file: 'b', range: [5, 5] as [number, number] } };
    expect(sortDiagnostics([a, b, c]).map((d) => d.message)).toEqual(['b', 'c', 'a']);
  });
});

describe('secrets', () => {
  it.each([
    ['NPM_TOKEN', 'abc', true],
    ['AWS_SECRET_ACCESS_KEY', 'xyz', true],
    ['DB_PASSWORD', 'hunter2', true],
    ['NODE_ENV', 'production', false],
    ['PATH', '/usr/bin', false],
    ['DEPLOY_TOKEN', '$DEPLOY_TOKEN_FROM_SETTINGS', false],
    ['ANYTHING', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789', true],
  ])('%s=%s secret: %s', (name, value, expected) => {
    expect(isSecretValue(name, value)).toBe(expected);
  });

  it('masks command-line passwords but keeps variable references', () => {
    expect(maskSecretsInLine('docker login -u me -p hunter2')).toBe('docker login -u me -p ****');
    expect(maskSecretsInLine('docker login -u me -p $DOCKER_PASS')).toBe('docker login -u me -p $DOCKER_PASS');
    expect(maskSecretsInLine('  GITHUB_TOKEN: "abc123"')).toBe('  GITHUB_TOKEN: "****"');
    expect(maskSecretsInLine('job deploy: password: hunter2')).toBe('job deploy: password: ****');
    expect(maskSecretsInLine('env: {API_KEY: abc, MODE: fast}')).toBe('env: {API_KEY: ****, MODE: fast}');
    expect(maskSecretsInLine('DATABASE_URL: postgres://app:s3cret@db:5432/x')).toBe('DATABASE_URL: postgres://app:****@db:5432/x');
    expect(maskSecretsInLine('URL: https://user:$TOKEN@example.com')).toBe('URL: https://user:$TOKEN@example.com');
  });
});
