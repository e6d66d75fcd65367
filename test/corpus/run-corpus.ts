/**
 * `npm run test:corpus`: the corpus table per source × target, then the GitLab resolution compared
 * with gitlab-ci-local --preview; exits 1 on any crash and on any unexplained or stale difference.
 */
import { hasShared, sharedDir } from '../support/shared.js';
import { checkWithOracle, compareWithBaseline, formatTable, readBehaviourBaseline, runCorpus } from './harness.js';
import { median } from './diagnostic-counts.js';
import { formatPreviewReport, previewFailed, runPreviewComparison } from './preview-run.js';
import { hasGitlabCiLocal } from '../support/gitlab-ci-local.js';

if (!hasShared()) {
  console.log(`corpus: ${sharedDir()} not found; skipping the corpus run (it needs ../shared next to the repository)`);
} else {
  await main();
}

async function main(): Promise<void> {
  const started = Date.now();
  const rows = runCorpus();
  const oracle = hasGitlabCiLocal() && process.env.CIPORT_SKIP_ORACLE !== '1';
  if (oracle) await checkWithOracle(rows);
  else console.log('corpus: gitlab-ci-local not installed (or CIPORT_SKIP_ORACLE=1); GitLab outputs checked by schema only, resolution not compared');
  console.log(formatTable(rows));
  const crashes = rows.reduce((sum, row) => sum + row.crashes, 0);
  for (const row of rows) for (const example of row.examples) console.log(`  ${row.source} → ${row.target}: ${example}`);
  console.log(`corpus: ${rows.reduce((s, r) => s + r.files, 0)} translations in ${Date.now() - started} ms, ${crashes} crashes`);
  const differences = rows.reduce((s, r) => s + r.behaviourDifferences, 0);
  const unnamed = rows.reduce((s, r) => s + r.unnamedBehaviour, 0);
  console.log(`corpus: ${differences} behaviour differences between inputs and outputs, ${unnamed} of them named by no writer's diagnostic (reported as behaviour-difference)`);
  const counts = rows.flatMap((r) => r.diagnosticCounts);
  const repeated = rows.reduce((s, r) => s + r.repeatedDiagnostics, 0);
  console.log(`corpus: diagnostics per translation: median ${median(counts)}, max ${Math.max(0, ...counts)}, ${counts.reduce((s, n) => s + n, 0)} in all; ${repeated} said twice at the same place`);
  const baselineProblems = compareWithBaseline(rows, readBehaviourBaseline());
  // One diagnostic per code, place and message (issue 16): a repeat fails the run.
  if (repeated > 0) baselineProblems.push(`${repeated} diagnostics repeat an earlier one at the same place`);
  // A code has one severity everywhere (issue 16): explain, summaries and SARIF agree with every report.
  const offCatalog = rows.reduce((s, r) => s + r.offCatalogSeverities, 0);
  if (offCatalog > 0) baselineProblems.push(`${offCatalog} diagnostics have a severity their code's catalog entry does not give`);
  for (const problem of baselineProblems) console.log(`corpus: behaviour baseline: ${problem}`);
  // Our resolution of every GitLab input against gitlab-ci-local --preview (docs/gitlab-resolution.md).
  let previewFailures = false;
  if (oracle) {
    const gitlabRow = rows.find((row) => row.source === 'gitlab' && row.target === 'gitlab');
    const report = await runPreviewComparison(gitlabRow?.inputPreviews);
    console.log(formatPreviewReport(report));
    previewFailures = previewFailed(report);
  }
  // exitCode, not exit(): stdout to a pipe is flushed asynchronously.
  process.exitCode = crashes > 0 || previewFailures || baselineProblems.length > 0 ? 1 : 0;
}
