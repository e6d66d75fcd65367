/** Reports what `chooseDindVersion` / `chooseRemoteDockerVersion` decided, for the emitters. */
import { report, reportOnce } from '../diagnostics/report.js';
import type { DiagnosticSink } from '../diagnostics/types.js';
import type { Origin } from '../ir/types.js';
import type { VersionChoice } from './versions.js';

/**
 * `default-chosen` when the source gave no version, `docker-version-replaced` when it was retired
 * or unknown, `docker-version-nearest` (a note) when only approximate or deprecated; nothing when it
 * carried over exactly.
 * `what` names the written setting, e.g. `setup_remote_docker version` or `dind service`.
 */
export function reportVersionChoice(sink: DiagnosticSink, choice: VersionChoice, what: string, origin?: Origin, source?: string): void {
  const reason = choice.reason ? ` (${choice.reason})` : '';
  if (choice.defaulted && !choice.replaced) {
    reportOnce(sink, 'default-chosen', `${what}: Docker ${choice.value} chosen${reason}`, { origin });
    return;
  }
  if (choice.replaced || choice.approximate || choice.deprecated) {
    const from = source ? `"${source}" → ` : '';
    report(sink, choice.replaced ? 'docker-version-replaced' : 'docker-version-nearest', `${what}: ${from}${choice.value}${reason}`, {
      origin,
      hint: '`ciport rules` lists the Docker versions each target offers; set the version by hand if the job depends on a specific engine.',
    });
  }
}
