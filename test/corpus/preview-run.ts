import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { SourceSet } from '../../src/diagnostics/source-map.js';
import { createSink } from '../../src/diagnostics/sink.js';
import { resolveView, type ResolvedView } from '../../src/formats/gitlab/resolved-view.js';
import { openRepository } from '../../src/io/repository.js';
import { previewWithGitlabCiLocal, type OracleResult } from '../support/gitlab-ci-local.js';
import { goldenRoot } from '../support/golden.js';
import { classify, loadCategories, matchers, type Category } from './preview-classify.js';
import { corpusFiles } from './harness.js';
import { compareViews, parsePreview, type Difference } from './preview-compare.js';

/** One configuration to resolve both ways: a lone file, or a repository directory. */
export interface Subject {
  name: string;
  text: string;
  /** A repository directory (golden inputs): local includes are read from it on both sides. */
  repositoryDir?: string;
}

export interface PreviewReport {
  files: number;
  /** Files gitlab-ci-local refused or could not preview offline: nothing to compare with. */
  skipped: Array<{ name: string; reason: string }>;
  compared: number;
  jobs: number;
  fieldsCompared: number;
  fieldsEqual: number;
  /** Explained differences per category id (every category listed, 0 included). */
  perCategory: Record<string, number>;
  unexplained: Difference[];
  /** Categories that explained nothing in this run. */
  stale: string[];
  /** Ids in the data without a matcher, or matchers without data. */
  unmatched: string[];
}

/** Every GitLab golden input (a small repository each). */
export function goldenSubjects(): Subject[] {
  const root = join(goldenRoot, 'gitlab');
  return readdirSync(root)
    .filter((name) => statSync(join(root, name, 'input')).isDirectory())
    .sort()
    .map((name) => {
      const dir = join(root, name, 'input');
      return { name: `golden/gitlab/${name}`, text: readFileSync(join(dir, '.gitlab-ci.yml'), 'utf8'), repositoryDir: dir };
    });
}

/** The other files of a repository directory, for gitlab-ci-local's temporary copy. */
function otherFiles(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const full = join(at, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (relative(dir, full) !== '.gitlab-ci.yml') out[relative(dir, full)] = readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return out;
}

/** Runs gitlab-ci-local `--preview` on every subject, `concurrency` at a time, in order. */
export async function previewSubjects(subjects: Subject[], concurrency = 2): Promise<OracleResult[]> {
  const results: OracleResult[] = new Array(subjects.length);
  let next = 0;
  const worker = async () => {
    while (next < subjects.length) {
      const index = next++;
      const subject = subjects[index]!;
      results[index] = await previewWithGitlabCiLocal(subject.text, subject.repositoryDir ? otherFiles(subject.repositoryDir) : {});
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results;
}

function ourViewOf(subject: Subject): ResolvedView | undefined {
  const context = { sink: createSink(), sources: new SourceSet(), options: {}, ...(subject.repositoryDir ? { repository: openRepository(subject.repositoryDir) } : {}) };
  return resolveView({ file: '.gitlab-ci.yml', text: subject.text }, context);
}

/** Compares every subject gitlab-ci-local accepted; `previews[i]` belongs to `subjects[i]`. */
export function comparePreviews(subjects: Subject[], previews: OracleResult[], categories: Category[] = loadCategories()): PreviewReport {
  const ids = new Set(categories.map((c) => c.id));
  const report: PreviewReport = {
    files: subjects.length,
    skipped: [],
    compared: 0,
    jobs: 0,
    fieldsCompared: 0,
    fieldsEqual: 0,
    perCategory: Object.fromEntries(categories.map((c) => [c.id, 0])),
    unexplained: [],
    stale: [],
    unmatched: [...categories.filter((c) => !matchers[c.id]).map((c) => c.id), ...Object.keys(matchers).filter((id) => !ids.has(id))],
  };
  subjects.forEach((subject, index) => {
    const preview = previews[index];
    if (!preview?.ok || preview.preview === undefined) {
      report.skipped.push({ name: subject.name, reason: preview?.offline ? 'needs the network' : (preview?.message ?? 'not run') });
      return;
    }
    const ours = ourViewOf(subject);
    if (!ours) {
      report.unexplained.push({ file: subject.name, field: '(file)', ours: undefined, theirs: 'resolved' });
      return;
    }
    const theirs = parsePreview(preview.preview);
    const source = [subject.text, ...Object.values(subject.repositoryDir ? otherFiles(subject.repositoryDir) : {})].join('\n');
    const comparison = compareViews(subject.name, ours, theirs);
    report.compared++;
    report.jobs += comparison.jobs;
    report.fieldsCompared += comparison.fieldsCompared;
    report.fieldsEqual += comparison.fieldsEqual;
    for (const d of comparison.differences) {
      const id = classify(d, { ours, theirs, source }, categories);
      if (id) report.perCategory[id]!++;
      else report.unexplained.push(d);
    }
  });
  report.stale = Object.entries(report.perCategory).filter(([, n]) => n === 0).map(([id]) => id);
  return report;
}

export function previewFailed(report: PreviewReport): boolean {
  return report.unexplained.length > 0 || report.stale.length > 0 || report.unmatched.length > 0;
}

const show = (v: unknown) => (v === undefined ? '(absent)' : JSON.stringify(v).slice(0, 300));

export function formatPreviewReport(report: PreviewReport): string {
  const lines = [
    `preview: ${report.compared} of ${report.files} files compared with gitlab-ci-local --preview (${report.skipped.length} it refused or could not read offline), ` +
      `${report.jobs} jobs, ${report.fieldsEqual} of ${report.fieldsCompared} fields equal`,
    ...Object.entries(report.perCategory).map(([id, n]) => `  ${String(n).padStart(5)}  ${id}`),
  ];
  for (const d of report.unexplained.slice(0, 20)) {
    lines.push(`  UNEXPLAINED ${d.file}${d.job === undefined ? '' : ` job "${d.job}"`} ${d.field}:\n    ciport:          ${show(d.ours)}\n    gitlab-ci-local: ${show(d.theirs)}`);
  }
  if (report.unexplained.length > 20) lines.push(`  … ${report.unexplained.length - 20} more unexplained differences`);
  for (const id of report.stale) lines.push(`  STALE category ${id}: it explains no difference any more; remove it from test/corpus/preview-differences.yml`);
  for (const id of report.unmatched) lines.push(`  UNMATCHED category ${id}: preview-differences.yml and preview-classify.ts must name the same ids`);
  return lines.join('\n');
}

/**
 * The resolution comparison of the corpus run: every GitLab corpus file (reusing the previews the
 * acceptance oracle already made of the inputs) and every GitLab golden input.
 */
export async function runPreviewComparison(inputPreviews: Map<string, OracleResult> | undefined): Promise<PreviewReport> {
  const corpus: Subject[] = corpusFiles('gitlab').map((path) => ({ name: basename(path), text: readFileSync(path, 'utf8') }));
  const subjects = [...corpus, ...goldenSubjects()];
  const missing = subjects.filter((s) => !inputPreviews?.has(s.name));
  const fresh = await previewSubjects(missing);
  const byName = new Map([...(inputPreviews ?? new Map<string, OracleResult>()), ...missing.map((s, i) => [s.name, fresh[i]!] as const)]);
  return comparePreviews(subjects, subjects.map((s) => byName.get(s.name)!));
}
