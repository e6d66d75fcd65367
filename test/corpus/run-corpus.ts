/** `npm run test:corpus`: the corpus table per source × target; exits 1 on any crash. */
import { hasShared, sharedDir } from '../support/shared.js';
import { formatTable, runCorpus } from './harness.js';

if (!hasShared()) {
  console.log(`corpus: ${sharedDir()} not found; skipping the corpus run (it needs ../shared next to the repository)`);
  process.exit(0);
}
const started = Date.now();
const rows = runCorpus();
console.log(formatTable(rows));
const crashes = rows.reduce((sum, row) => sum + row.crashes, 0);
for (const row of rows) for (const example of row.examples) console.log(`  ${row.source} → ${row.target}: ${example}`);
console.log(`corpus: ${rows.reduce((s, r) => s + r.files, 0)} translations in ${Date.now() - started} ms, ${crashes} crashes`);
process.exit(crashes > 0 ? 1 : 0);
