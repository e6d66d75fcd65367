/**
 * ciport as a library, tested as a user gets it: the packed package (see ./pack.ts for how it is
 * built and installed without network) in a scratch project, a consumer type-checked with the
 * repository's TypeScript and run with Node. The scratch project holds ciport and its production
 * dependencies only, so an import of a dev-only library (ts-morph, ajv, ...) would fail there.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installOffline, packPackage, repositoryRoot, run, type Packed } from './pack.js';

const tsc = join(repositoryRoot, 'node_modules', 'typescript', 'bin', 'tsc');

const circleYml = `machine:
  node:
    version: 20
test:
  override:
    - npm test
deployment:
  production:
    branch: main
    commands:
      - ./deploy.sh
`;

// The types are checked for real: a wrong format id must be an error (an `any` API would pass).
const consumerTs = `import { translate, verify, formats, formatIds, type Diagnostic, type FormatId, type TranslateResult } from 'ciport';

const to: FormatId = 'gitlab';
const result: TranslateResult = translate({ file: 'circle.yml', text: 'test:\\n  override:\\n    - npm test\\n', to });
const first: Diagnostic | undefined = result.diagnostics[0];
const line: number | null = first ? first.line : null;
const column: number | null = first?.column ?? null;
const file: string | null = first?.file ?? null;
const output: string | null = result.output;
const same: boolean | null = verify({ file: 'a.yml', text: '' }, { file: 'b.yml', text: '', from: 'gitlab' }).same;
const title: string = formats.circleci2.title;
const versions: readonly string[] = formats.circleci2.versions;
const ids: readonly FormatId[] = formatIds;
// @ts-expect-error 'github' is not a format id
translate({ file: 'circle.yml', text: '', to: 'github' });
// @ts-expect-error text is required
translate({ file: 'circle.yml', to });
export { line, column, file, output, same, title, versions, ids };
`;

// Builtins Node loads lazily that a network access needs (fetch is undici).
const consumerMjs = `import { readFileSync } from 'node:fs';
const before = new Set(process.moduleLoadList);
const { translate, verify, formats } = await import('ciport');

const text = readFileSync(new URL('./circle.yml', import.meta.url), 'utf8');
const result = translate({ file: 'circle.yml', text, to: 'gitlab' });
const back = verify({ file: 'circle.yml', text }, { file: '.gitlab-ci.yml', text: result.output });
const network = process.moduleLoadList.filter((m) => !before.has(m) && /^NativeModule (http|https|http2|net|tls|dgram)$|undici/.test(m));
process.stdout.write(JSON.stringify({ result, same: back.same, formats: Object.keys(formats), network }));
`;

// Records every module the consumer resolves (loader hooks run in their own thread).
const traceHooks = `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context);
  appendFileSync(new URL('./loaded.txt', import.meta.url), result.url + '\\n');
  return result;
}
`;
const traceRegister = `import { register } from 'node:module';
register('./trace-hooks.mjs', import.meta.url);
`;

/** The example of the README's "As a library" section: its configuration, code and printed output. */
function readmeExample(): { config: string; code: string; printed: string } {
  const readme = readFileSync(join(repositoryRoot, 'README.md'), 'utf8');
  const section = /^## As a library\n([\s\S]*?)^## /m.exec(readme)?.[1] ?? '';
  const block = (language: string) => new RegExp(`^\`\`\`${language}\n([\\s\\S]*?)^\`\`\`$`, 'm').exec(section)?.[1] ?? '';
  return { config: block('yaml'), code: block('js'), printed: block('text') };
}

let work: string;
let consumer: string;
let packed: Packed;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'ciport-package-'));
  packed = packPackage(work);
  consumer = join(work, 'consumer');
  installOffline(packed.tarball, consumer);
  writeFileSync(join(consumer, 'circle.yml'), circleYml);
  writeFileSync(join(consumer, 'consumer.ts'), consumerTs);
  writeFileSync(join(consumer, 'consumer.mjs'), consumerMjs);
  writeFileSync(join(consumer, 'trace-hooks.mjs'), traceHooks);
  writeFileSync(join(consumer, 'trace.mjs'), traceRegister);
  mkdirSync(join(consumer, '.circleci'));
  writeFileSync(join(consumer, '.circleci', 'config.yml'), readmeExample().config);
  writeFileSync(join(consumer, 'readme-example.mjs'), readmeExample().code);
}, 180_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the packed package', () => {
  it('ships the bundle, the type files, mappings/, README and LICENSE, and no sources', () => {
    const files = packed.files.map((f) => f.path);
    for (const file of ['package.json', 'README.md', 'LICENSE', 'bin/ciport.js', 'dist/index.d.ts', 'dist/bundle/index.mjs', 'dist/bundle/ciport.mjs', 'dist/bundle/audit-worker.mjs', 'mappings/gitlab.yml']) {
      expect(files).toContain(file);
    }
    expect(files.filter((f) => /^(src|test|scripts)\//.test(f) || /^dist\/(?!bundle\/).*\.js$/.test(f))).toEqual([]);
  });

  it('declares its licence, repository and bugs, and points exports at shipped files', () => {
    const manifest = JSON.parse(readFileSync(join(consumer, 'node_modules', 'ciport', 'package.json'), 'utf8'));
    expect(manifest.license).toBe('MIT');
    expect(readFileSync(join(consumer, 'node_modules', 'ciport', 'LICENSE'), 'utf8')).toMatch(/^MIT License\n\nCopyright \(c\) 2026 the ciport authors\n/);
    expect(manifest.repository.url).toMatch(/^git\+https:\/\/github\.com\/ciport\/ciport\.git$/);
    expect(manifest.bugs.url).toBe('https://github.com/ciport/ciport/issues');
    const { types, import: entry } = manifest.exports['.'];
    for (const target of [types, entry, manifest.bin.ciport]) expect(existsSync(join(consumer, 'node_modules', 'ciport', target))).toBe(true);
  });

  it('installs with its production dependencies only', () => {
    expect(readdirSync(join(consumer, 'node_modules')).filter((name) => !name.startsWith('.')).sort()).toEqual(['ciport', 'commander', 'diff', 'yaml']);
  });

  it('keeps the command line working', () => {
    expect(run(join(consumer, 'node_modules', '.bin', 'ciport'), ['--version'], consumer).trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('a consumer of the library', () => {
  for (const resolution of ['node16', 'bundler'] as const) {
    it(`type-checks with moduleResolution ${resolution}`, () => {
      const config = `tsconfig.${resolution}.json`;
      const compilerOptions = {
        strict: true,
        noEmit: true,
        target: 'ES2022',
        // No DOM: the lib files are most of the check time.
        lib: ['ES2022'],
        module: resolution === 'node16' ? 'node16' : 'esnext',
        moduleResolution: resolution,
        // ciport's own .d.ts files are checked too, with no @types/node in the scratch project.
        skipLibCheck: false,
        types: [],
      };
      writeFileSync(join(consumer, config), JSON.stringify({ compilerOptions, files: ['consumer.ts'] }));
      expect(() => run(process.execPath, [tsc, '-p', config], consumer)).not.toThrow();
    });
  }

  it('translates circle.yml to GitLab, with diagnostics located by file, line and column', () => {
    const { result, same, formats, network } = JSON.parse(run(process.execPath, ['--import', './trace.mjs', 'consumer.mjs'], consumer));
    expect(formats).toEqual(['circleci1', 'circleci2', 'gitlab']);
    expect(result).toMatchObject({ from: 'circleci1', to: 'gitlab', fatal: false });
    expect(result.output).toContain('production:\n  stage: production\n  image: node:20\n');
    expect(result.output).toContain('- if: $CI_COMMIT_BRANCH == "main"');
    // `production:` of the deployment section, line 8 column 3, becomes its own job.
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ code: 'circleci1-deployment-job', severity: 'info', file: 'circle.yml', line: 8, column: 3 }));
    expect(result.behaviour.runs.map((r: { event: string }) => r.event)).toContain('default-branch');
    expect(typeof same).toBe('boolean');
    expect(network).toEqual([]);
  });

  it('loads only the library bundle and Node builtins: not the CLI (commander), nothing outside the package', () => {
    const loaded = readFileSync(join(consumer, 'loaded.txt'), 'utf8').trim().split('\n');
    const bundle = new URL(`file://${join(consumer, 'node_modules', 'ciport', 'dist', 'bundle')}/`).href;
    const ours = loaded.filter((url) => url.startsWith(bundle)).map((url) => url.slice(bundle.length));
    expect(ours).toContain('index.mjs');
    expect(ours).not.toContain('ciport.mjs');
    const consumerFiles = ['consumer.mjs'].map((name) => new URL(`file://${join(consumer, name)}`).href);
    expect(loaded.filter((url) => !url.startsWith('node:') && !url.startsWith(bundle) && !consumerFiles.includes(url))).toEqual([]);
  });

  it("prints what the README's example says it prints", () => {
    const { config, code, printed } = readmeExample();
    expect(config).toContain('version: 2.1');
    expect(code).toContain("from 'ciport'");
    expect(run(process.execPath, ['readme-example.mjs'], consumer), 'README.md "As a library": update the printed output').toBe(printed);
  });
});
