import { report } from '../../diagnostics/report.js';
import type { Notification } from '../../ir/types.js';
import { entries, items, originOf, stringValue, type Entry, type YamlReader } from '../../yaml/view.js';
import type { ReadContext } from './context.js';

/**
 * `notify: webhooks: [{url}]`, a 2.0-era setting carried over from 1.0 (the 2.0 reference kept
 * `experimental.notify`; spec §1). Webhooks are set up outside YAML in every target.
 */
export function readNotify(ctx: ReadContext, e: Entry | undefined, path: Array<string | number>, reader: YamlReader = ctx.reader): Notification[] {
  if (!e) return [];
  reader.ledger.take(e.pair);
  reader.ledger.takeTree(reader, e.value);
  const out: Notification[] = [];
  for (const n of entries(reader, e.value)) {
    if (n.key !== 'webhooks') {
      report(ctx.sink, 'unsupported-feature', `notify "${n.key}" is not translated`, { origin: originOf(reader, n.pair, [...path, n.key]) });
      continue;
    }
    for (const item of items(reader, n.value)) {
      const url = stringValue(reader, entries(reader, item).find((x) => x.key === 'url')?.value);
      const origin = originOf(reader, item, [...path, 'webhooks']);
      out.push({ kind: 'webhook', ...(url ? { url } : {}), ...(origin ? { origin } : {}) });
    }
  }
  report(ctx.sink, 'deprecated-syntax', '"notify" webhooks are a 2.0-era setting; set notifications up in the project settings', {
    origin: originOf(reader, e.pair, path),
  });
  return out;
}
