import type { Node } from 'yaml';
import { report } from '../../diagnostics/report.js';
import { entries, isMapNode, originOf, type Entry, type YamlReader } from '../../yaml/view.js';
import { commentsOfEntry } from './comments.js';
import type { Definition, ReadContext, Scope } from './context.js';
import { readParameterSpecs } from './expand-parameters.js';

export type DefinitionKind = 'commands' | 'executors' | 'jobs';

/**
 * Registers the `commands`, `executors` and `jobs` of a config root or an orb. Orb elements are
 * named `<alias>/<name>` (spec §8); inside an orb, sibling names resolve without the prefix.
 */
export function registerDefinitions(ctx: ReadContext, reader: YamlReader, holder: Entry[], orb?: string, basePath: Array<string | number> = []): void {
  for (const kind of ['commands', 'executors', 'jobs'] as const) {
    const section = holder.find((e) => e.key === kind);
    if (!section) continue;
    reader.ledger.take(section.pair);
    if (!isMapNode(reader, section.value)) {
      report(ctx.sink, 'wrong-type', `"${kind}" must be a map`, { origin: originOf(reader, section.pair, [...basePath, kind]) });
      continue;
    }
    for (const e of entries(reader, section.value)) {
      reader.ledger.take(e.pair);
      const path = [...basePath, kind, e.key];
      if (!isMapNode(reader, e.value)) {
        report(ctx.sink, 'wrong-type', `${kindName(kind)} "${e.key}" must be a map`, { origin: originOf(reader, e.pair, path) });
        continue;
      }
      const parameters = entries(reader, e.value).find((p) => p.key === 'parameters');
      if (parameters) reader.ledger.take(parameters.pair);
      const definition: Definition = {
        name: orb ? `${orb}/${e.key}` : e.key,
        reader,
        node: e.value as Node,
        parameters: readParameterSpecs(ctx, reader, parameters?.value, [...path, 'parameters']),
        ...(orb ? { orb } : {}),
      };
      const comments = commentsOfEntry(reader, section.value, e);
      if (comments) definition.comments = comments;
      ctx[kind].set(definition.name, definition);
    }
  }
}

export function kindName(kind: DefinitionKind): string {
  return kind === 'commands' ? 'command' : kind === 'executors' ? 'executor' : 'job';
}

/** A definition by the name an element uses: its own orb's element first, then the global name. */
export function findDefinition(ctx: ReadContext, kind: DefinitionKind, name: string, scope: Scope): Definition | undefined {
  if (scope.orb) {
    const local = ctx[kind].get(`${scope.orb}/${name}`);
    if (local) return local;
  }
  return ctx[kind].get(name);
}
