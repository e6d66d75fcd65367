/**
 * Text users read cites vendor pages, never the project's internal notes: no section signs, note or seed
 * names, spec files, vendor-doc source files (`*.md`, `*.adoc`) or paths of this repository. The vendor page
 * of each code lives in src/diagnostics/catalog-docs.ts, which `ciport explain` prints.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../src/diagnostics/catalog.js';
import { docker } from '../../src/rules/generated/docker.generated.js';
import { chooseRemoteDockerVersion } from '../../src/docker/versions.js';

const citation =
  /§|\b[\w-]+\.(?:md|adoc)\b|\bseeds? \d|\bnotes\/|\bspec\/|\bjekyll\/|\bmappings\/[\w-]+\.ya?ml\b|\bsrc\/|\btest\//;

/** File names ciport itself writes or reads, which users are meant to see. */
const ownFileNames = /\b(?:MIGRATION|summary|README)\.md\b/g;

/** Public URLs may contain `spec/` (yaml.org/spec/1.2.2/); they are vendor pages, not notes. */
const urls = /https?:\/\/\S+/g;

function citationIn(text: string): string | undefined {
  return text.replace(urls, '').replace(ownFileNames, '').match(citation)?.[0];
}

/** Where a built-in rule's table is named as its origin (`ciport rules`, the support matrix). */
const provenanceFiles = new Set(['rules/builtin-rules.ts', 'rules/support-matrix.ts', 'commands/rules.ts']);

const srcDir = join(import.meta.dirname, '..', '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    // Generated tables hold each row's `source` note for maintainers; no message prints it.
    return path.endsWith('.ts') && !path.endsWith('.generated.ts') ? [path] : [];
  });
}

/** Every string and template text of a file (comments excluded), with its line. */
function stringTexts(path: string): Array<{ line: number; text: string }> {
  const file = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: Array<{ line: number; text: string }> = [];
  const visit = (node: ts.Node): void => {
    // Module specifiers name source files; they are not text.
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      found.push({ line: file.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: node.text });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('no internal citations in user-facing text', () => {
  it('recognises the citations it forbids, and lets vendor URLs and ciport\'s own file names through', () => {
    for (const text of ['docker-in-ci.md §3', '(seeds 000 and 002)', 'seed 001', 'see mappings/variables.yml', 'configuration-reference.adoc', 'jekyll/_cci1/docker.md', 'notes/x']) {
      expect(citationIn(text), text).toBeDefined();
    }
    for (const text of ['https://yaml.org/spec/1.2.2/', 'writes MIGRATION.md', 'seeds the cache', 'the 2.0 configuration reference']) {
      expect(citationIn(text), text).toBeUndefined();
    }
  });

  it('catalog summaries and explanations cite none', () => {
    const cited = Object.entries(catalog).flatMap(([code, info]) => {
      const explanation = 'explanation' in info ? info.explanation : '';
      return [info.summary, explanation].flatMap((text) => {
        const hit = citationIn(text);
        return hit ? [`${code}: ${hit}`] : [];
      });
    });
    expect(cited).toEqual([]);
  });

  it('string literals under src/ (messages, hints, reasons) cite none', () => {
    const cited = sourceFiles(srcDir).flatMap((path) =>
      stringTexts(path).flatMap(({ line, text }) => {
        const hit = citationIn(text);
        const file = relative(srcDir, path);
        // `ciport rules` names the built-in table a rule comes from: mappings/ ships in the package.
        if (hit && provenanceFiles.has(file) && /^mappings\//.test(hit)) return [];
        return hit ? [`${file}:${line}: ${hit}`] : [];
      }),
    );
    expect(cited).toEqual([]);
  });

  it('Docker version reasons do not print the version table\'s source notes', () => {
    for (const row of docker.remoteDocker.versions) {
      const reason = chooseRemoteDockerVersion(row.version).reason ?? '';
      expect(citationIn(reason), `${row.version}: ${reason}`).toBeUndefined();
    }
    const retired = chooseRemoteDockerVersion('17.03.0-ce').reason ?? '';
    expect(retired).toContain('retired');
    expect(citationIn(retired), retired).toBeUndefined();
  });
});
