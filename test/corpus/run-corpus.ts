/** `npm run test:corpus`: the corpus table per source × target; exits 1 on any crash. */
import { hasShared, sharedDir } from '../support/shared.js';
import { checkWithOracle, formatTable, runCorpus } from './harness.js';
import { hasGitlabCiLocal } from '../support/gitlab-ci-local.js';

if (!hasShared()) {
  console.log(`corpus: ${sharedDir()} not found; skipping the corpus run (it needs ../shared next to the repository)`);
} else {
  await main();
}

async function main(): Promise<void> {
  const started = Date.now();
const rows = runCorpus();
if (hasGitlabCiLocal() && process.env.CIPORT_SKIP_ORACLE !== '1') await checkWithOracle(rows);
else console.log('corpus: gitlab-ci-local not installed (or CIPORT_SKIP_ORACLE=1); GitLab outputs checked by schema only');
console.log(formatTable(rows));
const crashes = rows.reduce((sum, row) => sum + row.crashes, 0);
for (const row of rows) for (const example of row.examples) console.log(`  ${row.source} → ${row.target}: ${example}`);
console.log(`corpus: ${rows.reduce((s, r) => s + r.files, 0)} translations in ${Date.now() - started} ms, ${crashes} crashes`);
  // exitCode, not exit(): stdout to a pipe is flushed asynchronously.
  process.exitCode = crashes > 0 ? 1 : 0;
}
