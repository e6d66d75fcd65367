/**
 * Regenerates the expectations of golden/circleci2 only (the shared runner's UPDATE_GOLDEN=1
 * rewrites every format's cases): `node --import tsx test/formats/circleci2/update-goldens.ts [target…]`.
 * Review every changed file by eye.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { diagnosticsText, listCases, runCase, targetsOf } from '../../support/golden.js';

const only = process.argv.slice(2);
for (const goldenCase of listCases().filter((c) => c.from === 'circleci2')) {
  for (const target of targetsOf(goldenCase)) {
    if (only.length && !only.includes(target.stem)) continue;
    const result = runCase(goldenCase, target);
    writeFileSync(join(goldenCase.dir, `${target.stem}.yml`), result.output ?? '');
    writeFileSync(join(goldenCase.dir, `${target.stem}.diagnostics.txt`), diagnosticsText(result));
  }
}
