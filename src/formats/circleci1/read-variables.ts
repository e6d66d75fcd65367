import { isCollection } from 'yaml';
import { isSecretValue } from '../../diagnostics/secrets.js';
import type { Variable } from '../../ir/types.js';
import { commentsOf, entries, stringValue } from '../../yaml/view.js';
import { at, take, wrongType, type ReadContext } from './read-context.js';

/**
 * A map of name → scalar as IR variables. 1.0 expanded `${VAR}` references in these values
 * (language-go.md, yarn.md), so every variable is `expand: true`.
 */
export function readVariables(ctx: ReadContext, map: unknown, path: Array<string | number>): Variable[] {
  const variables: Variable[] = [];
  for (const e of entries(ctx.reader, map)) {
    const childPath = [...path, e.key];
    if (isCollection(e.value)) {
      wrongType(ctx, e, childPath, 'a string');
      continue;
    }
    take(ctx, e);
    const value = stringValue(ctx.reader, e.value) ?? '';
    const variable: Variable = { name: e.key, value, expand: true };
    if (isSecretValue(e.key, value)) variable.secret = true;
    const origin = at(ctx, e, childPath);
    if (origin) variable.origin = origin;
    const comments = commentsOf(e);
    if (comments) variable.comments = comments;
    variables.push(variable);
  }
  return variables;
}
