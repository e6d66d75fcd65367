import { report } from '../../diagnostics/report.js';
import { isSecretValue } from '../../diagnostics/secrets.js';
import type { Comments, Origin, Variable } from '../../ir/types.js';
import { commentsOf, entries, isMapNode, isNullNode, isSeqNode, items, resolve, scalarText } from '../../yaml/view.js';
import { commentsOfEntry } from './comments.js';
import type { At, ReadContext } from './context.js';
import { atPath, originAt, readString } from './interpolate.js';

const envName = /^[A-Za-z_][A-Za-z0-9_]*$/;
/**
 * A list item's name: CircleCI splits `NAME=value` at the first `=` and, as in the map form,
 * does not restrict the name, so `spring.profiles.active=test` is valid; whitespace is not a name.
 */
const listItem = /^([^\s=]+)=(.*)$/s;

/**
 * An `environment:` map (or the list forms seen in the wild: `- KEY=value`, `- KEY: value`).
 * CircleCI 2.x values are literal: `$VAR` is not expanded (variables.adoc), so `expand: false`.
 */
export function readEnvironment(ctx: ReadContext, at: At, node: unknown): Variable[] {
  const target = resolve(at.reader, node);
  if (isNullNode(at.reader, target)) return [];
  const variables: Variable[] = [];
  const add = (name: string, value: string, origin: Origin | undefined, comments: Comments | undefined, viaPipeline = false) => {
    // Values are literal (expand: false), except where a compile-time pipeline value became a
    // variable reference: other systems must expand it to get the value CircleCI substituted.
    const variable: Variable = { name, value, expand: viaPipeline };
    if (isSecretValue(name, value)) variable.secret = true;
    if (origin) variable.origin = origin;
    if (comments) variable.comments = comments;
    const existing = variables.findIndex((v) => v.name === name);
    if (existing >= 0) variables.splice(existing, 1);
    variables.push(variable);
  };
  if (isMapNode(at.reader, target)) {
    for (const e of entries(at.reader, target)) {
      at.reader.ledger.take(e.pair);
      const inner = atPath(at, e.key);
      const value = readString(ctx, inner, e.value);
      if (value === undefined && !isNullNode(at.reader, e.value)) {
        report(ctx.sink, 'wrong-type', `environment variable "${e.key}" must have a scalar value`, { origin: originAt(inner, e.pair) });
        at.reader.ledger.takeTree(at.reader, e.value);
        continue;
      }
      const raw = scalarText(resolve(at.reader, e.value)) ?? '';
      add(e.key, value ?? '', originAt(inner, e.pair), commentsOfEntry(at.reader, target, e), /<<\s*pipeline\./.test(raw) && value !== raw);
    }
    return variables;
  }
  if (isSeqNode(at.reader, target)) {
    items(at.reader, target).forEach((item, i) => {
      const inner = atPath(at, i);
      if (isMapNode(at.reader, item)) {
        for (const v of readEnvironment(ctx, inner, item)) add(v.name, v.value, v.origin, v.comments, v.expand);
        return;
      }
      const text = readString(ctx, inner, item);
      // The official schema accepts any string item; a bare NAME (no `=`) sets NAME to an empty
      // value, as a KEY=VALUE split with nothing after the key would.
      if (text !== undefined && envName.test(text)) {
        report(ctx.sink, 'approximate-translation', `environment item "${text}" has no "=value"; read as ${text} set to an empty value`, { origin: originAt(inner, item) });
        add(text, '', originAt(inner, item), commentsOf(item));
        return;
      }
      const match = text === undefined ? null : listItem.exec(text);
      if (!match) {
        report(ctx.sink, 'wrong-type', 'an environment list item must be NAME=value or a map', { origin: originAt(inner, item) });
        return;
      }
      add(match[1]!, match[2]!, originAt(inner, item), commentsOf(item));
    });
    return variables;
  }
  report(ctx.sink, 'wrong-type', '"environment" must be a map of variable names to values', { origin: originAt(at, target) });
  return variables;
}
