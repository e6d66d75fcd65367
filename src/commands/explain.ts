import { catalog, isKnownCode, type CodeInfo } from '../diagnostics/catalog.js';
import { docsUrl } from '../diagnostics/catalog-docs.js';
import { didYouMean } from '../diagnostics/did-you-mean.js';
import type { CommandResult } from './result.js';

/** `ciport explain <code>`: what a diagnostic code means and the vendor fact behind it. */
export function runExplain(code: string | undefined): CommandResult {
  if (!code) {
    const width = Math.max(...Object.keys(catalog).map((c) => c.length));
    const lines = Object.entries(catalog).map(([name, info]) => `${name.padEnd(width)}  ${info.severity.padEnd(7)}  ${info.summary}`);
    return { exitCode: 0, stdout: `${lines.join('\n')}\n`, stderr: '' };
  }
  if (!isKnownCode(code)) {
    return { exitCode: 2, stdout: '', stderr: `ciport: unknown diagnostic code "${code}"${didYouMean(code, Object.keys(catalog))}; run \`ciport explain\` for the list\n` };
  }
  const info: CodeInfo = catalog[code];
  const text = [`${code} (${info.severity === 'manual' ? 'manual task' : info.severity})`, '', info.summary];
  if (info.explanation) text.push('', info.explanation);
  if (info.refusedBy === 'gitlab') text.push('', 'GitLab refuses such a configuration: translating it to GitLab fails with a refused-by-target error; other targets go on.');
  const docs = docsUrl(code);
  if (docs) text.push('', `Documentation: ${docs}`);
  return { exitCode: 0, stdout: `${text.join('\n')}\n`, stderr: '' };
}
