import { report } from '../../diagnostics/report.js';
import { isSecretValue } from '../../diagnostics/secrets.js';
import type { Variable } from '../../ir/types.js';
import { entryComments, entryOriginOf, textOf, type MNode } from './merged.js';
import { readBoolean, readEntries, readString, readStringList, wrongType, type ReadContext } from './read-values.js';

/**
 * `variables:` → IR variables. Values may be scalars or `{value, description, options, expand}`;
 * `expand` is true unless written `false` (gitlab-ci.md §2 `variables`). `description` and
 * `options` are global-only and `expand` is not allowed in rules; those misuses are diagnosed.
 */
export function readVariables(ctx: ReadContext, node: MNode, path: string, level: 'global' | 'job' | 'rule' | 'service'): Variable[] {
  if (node.kind === 'scalar' && node.value === null) return [];
  if (node.kind !== 'map') {
    wrongType(ctx, node, path, 'a mapping of variable names to values');
    return [];
  }
  const out: Variable[] = [];
  readEntries(
    ctx,
    node,
    path,
    Object.fromEntries(
      node.entries.map((entry) => [
        entry.key,
        () => {
          const where = `${path}.${entry.key}`;
          const variable: Variable = { name: entry.key, value: '' };
          const origin = entryOriginOf(entry);
          if (origin) variable.origin = origin;
          // A comment above the first key is kept by the YAML parser on the mapping itself.
          const mapComment = entry === node.entries[0] ? (node.node as { commentBefore?: string | null } | null)?.commentBefore : undefined;
          const comments = entryComments(entry) ?? (mapComment ? { before: mapComment.split('\n').map((l) => l.replace(/^ /, '')) } : undefined);
          if (comments) variable.comments = comments;
          let expand = true;
          const value = entry.value;
          if (value.kind === 'map') {
            readEntries(ctx, value, where, {
              value: (e) => (variable.value = readString(ctx, e.value, `${where}.value`) ?? ''),
              description: (e) => {
                const d = readString(ctx, e.value, `${where}.description`);
                if (d !== undefined) variable.description = d;
                if (level !== 'global') misplaced(ctx, e.value, `${where}.description`, 'global variables');
              },
              options: (e) => {
                const o = readStringList(ctx, e.value, `${where}.options`);
                if (o) variable.options = o;
                if (level !== 'global') misplaced(ctx, e.value, `${where}.options`, 'global variables');
              },
              expand: (e) => {
                if (readBoolean(ctx, e.value, `${where}.expand`) === false) expand = false;
                if (level === 'rule') misplaced(ctx, e.value, `${where}.expand`, 'global and job variables');
              },
            });
          } else if (value.kind === 'seq') {
            wrongType(ctx, value, where, 'a string or {value, expand}');
            return;
          } else {
            variable.value = textOf(value) ?? '';
          }
          variable.expand = expand;
          if (isSecretValue(variable.name, variable.value)) variable.secret = true;
          out.push(variable);
        },
      ]),
    ),
  );
  return out;
}

function misplaced(ctx: ReadContext, node: MNode, path: string, where: string): void {
  report(ctx.sink, 'invalid-value', `"${path}" is only allowed in ${where}; GitLab rejects it here`, {
    origin: node.node ? { file: node.reader.file, range: [node.node.range?.[0] ?? 0, node.node.range?.[1] ?? 0] } : undefined,
  });
}
