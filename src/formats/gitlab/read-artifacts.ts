import { report } from '../../diagnostics/report.js';
import type { ArtifactsStep, Extension, StepWhen, TestResultsStep } from '../../ir/types.js';
import { entryOriginOf, nodeOrigin, takeTree, toJson, type MNode } from './merged.js';
import { readBoolean, readEntries, readString, readStringList, type ReadContext } from './read-values.js';

export interface ArtifactsRead {
  artifacts?: ArtifactsStep;
  testResults: TestResultsStep[];
  extensions: Extension[];
}

/**
 * `artifacts:` → an `artifacts` step, JUnit reports → `test-results` steps, other reports and
 * GitLab-only keys (`expose_as`, `public`, `access`) → job extensions, with a diagnostic because
 * only a GitLab target can write them back (gitlab-ci.md §4.1).
 */
export function readArtifacts(ctx: ReadContext, node: MNode, path: string): ArtifactsRead {
  const out: ArtifactsRead = { testResults: [], extensions: [] };
  const step: ArtifactsStep = { kind: 'artifacts', paths: [] };
  const origin = nodeOrigin(node);
  if (origin) step.origin = origin;
  let hasFiles = false;
  let reports: MNode | undefined;
  const keepExtension = (key: string, value: MNode) => {
    takeTree(value);
    const extension: Extension = { format: 'gitlab', key: `artifacts.${key}`, value: toJson(value) };
    const o = nodeOrigin(value);
    if (o) extension.origin = o;
    out.extensions.push(extension);
  };
  const read = readEntries(ctx, node, path, {
    paths: (e) => {
      step.paths = readStringList(ctx, e.value, `${path}.paths`) ?? [];
      hasFiles = true;
    },
    exclude: (e) => {
      const list = readStringList(ctx, e.value, `${path}.exclude`);
      if (list) step.exclude = list;
    },
    expire_in: (e) => {
      const v = readString(ctx, e.value, `${path}.expire_in`);
      if (v !== undefined) step.expireIn = v;
    },
    name: (e) => {
      const v = readString(ctx, e.value, `${path}.name`);
      if (v !== undefined) step.name = v;
    },
    when: (e) => {
      const w = readString(ctx, e.value, `${path}.when`);
      if (w === 'on_success' || w === 'on_failure' || w === 'always') step.when = w as StepWhen;
      else if (w !== undefined) report(ctx.sink, 'invalid-value', `"${path}.when" is "${w}"; expected on_success, on_failure or always`, { origin: entryOriginOf(e) });
    },
    untracked: (e) => {
      const v = readBoolean(ctx, e.value, `${path}.untracked`);
      if (v !== undefined) step.untracked = v;
      hasFiles = true;
    },
    expose_as: (e) => keepExtension('expose_as', e.value),
    public: (e) => keepExtension('public', e.value),
    access: (e) => keepExtension('access', e.value),
    reports: (e) => {
      if (e.value.kind !== 'map') {
        readEntries(ctx, e.value, `${path}.reports`, {});
        return;
      }
      const others: Record<string, MNode> = {};
      readEntries(
        ctx,
        e.value,
        `${path}.reports`,
        Object.fromEntries(
          e.value.entries.map((r) => [
            r.key,
            () => {
              if (r.key === 'junit') {
                for (const p of readStringList(ctx, r.value, `${path}.reports.junit`) ?? []) {
                  const t: TestResultsStep = { kind: 'test-results', path: p, format: 'junit' };
                  const o = nodeOrigin(r.value);
                  if (o) t.origin = o;
                  out.testResults.push(t);
                }
              } else others[r.key] = r.value;
            },
          ]),
        ),
      );
      const names = Object.keys(others);
      if (names.length) {
        const value: MNode = { kind: 'map', entries: e.value.entries.filter((r) => r.key !== 'junit'), reader: e.value.reader, node: e.value.node };
        reports = value;
        report(ctx.sink, 'gitlab-report-kept', `artifacts:reports ${names.join(', ')} are GitLab features; only GitLab output keeps them`, {
          origin: entryOriginOf(e),
        });
      }
    },
  });
  // Reports come last whatever the key order, so a round trip gives the same extensions.
  if (reports) keepExtension('reports', reports);
  if (read && hasFiles) out.artifacts = step;
  else if (read) {
    // Reports-only artifacts: their `when`/`expire_in`/`name` have no files to go with; GitLab
    // output keeps them as written.
    const settings: Array<[string, string | undefined]> = [['when', step.when], ['expire_in', step.expireIn], ['name', step.name]];
    for (const [key, value] of settings) {
      if (value !== undefined) out.extensions.push({ format: 'gitlab', key: `artifacts.${key}`, value, ...(origin ? { origin } : {}) });
    }
  }
  return out;
}
