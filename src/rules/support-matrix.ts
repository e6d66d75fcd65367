import { catalog } from '../diagnostics/catalog.js';
import type { Severity } from '../diagnostics/types.js';
import { formatIds, formats } from '../formats/registry.js';
import { mergedRules } from './apply-rules.js';
import { circleci1 } from './generated/circleci1.generated.js';
import { docker } from './generated/docker.generated.js';
import { predefinedVariables } from './predefined-variables.js';
import { describeSource, type RuleSet, type RuleSource } from './types.js';

export const severityOrder: readonly Severity[] = ['error', 'warning', 'manual', 'info'];

export interface OrbCoverage {
  orb: string;
  url?: string;
  /** Element names; `source` is where a rule was written (a user rules file or mappings/orbs.yml). */
  commands: Array<{ name: string; source: string }>;
  jobs: Array<{ name: string; source: string }>;
  executors: Array<{ name: string; source: string }>;
}

/** What ciport reads and writes and every table it translates by, from mappings/ (plus user rules). */
export interface SupportMatrix {
  formats: Array<{ id: string; title: string; fileNames: string[]; versions: string[] }>;
  tables: {
    orbs: OrbCoverage[];
    circleci1: { languages: Array<{ key: string; image: string }>; services: Array<{ name: string; image: string }> };
    docker: {
      remoteDocker: Record<'supported' | 'deprecated' | 'retired', string[]>;
      dind: Array<{ line: string; tag: string }>;
    };
    variables: Record<string, string[]>;
    images: Array<{ from: string; to: string; source: string }>;
    resourceClasses: Array<{ resourceClass: string; tags: string[]; source: string }>;
    runnerTags: Array<{ tag: string; resourceClass: string; source: string }>;
  };
  diagnostics: Record<Severity, Array<{ code: string; summary: string }>>;
}

const builtinOrbSource = 'mappings/orbs.yml';

/** The support matrix; with `user`, the user's rules merged over the built-in tables. */
export function supportMatrix(user?: RuleSet): SupportMatrix {
  const rules = mergedRules(user);
  const source = (s: RuleSource) => describeSource(s);
  const diagnostics = { error: [], warning: [], manual: [], info: [] } as SupportMatrix['diagnostics'];
  for (const [code, info] of Object.entries(catalog)) diagnostics[info.severity].push({ code, summary: info.summary });
  const remoteDocker: SupportMatrix['tables']['docker']['remoteDocker'] = { supported: [], deprecated: [], retired: [] };
  for (const row of docker.remoteDocker.versions) remoteDocker[row.status].push(row.version);
  return {
    formats: formatIds.map((id) => ({ id, title: formats[id].title, fileNames: [...formats[id].fileNames], versions: [...(formats[id].versions ?? [])] })),
    tables: {
      orbs: Object.entries(rules.orbs).map(([orb, table]) => {
        const list = (elements: Record<string, { source?: RuleSource }> | undefined) =>
          Object.entries(elements ?? {}).map(([name, element]) => ({ name, source: element.source ? source(element.source) : builtinOrbSource }));
        return {
          orb,
          ...(table.url ? { url: table.url } : {}),
          commands: list(table.commands),
          jobs: list(table.jobs),
          executors: list(table.executors),
        };
      }),
      circleci1: {
        languages: circleci1.languages.map((row) => ({ key: row.key, image: row.image })),
        services: circleci1.services.map((row) => ({ name: row.name, image: row.image })),
      },
      docker: { remoteDocker, dind: docker.dind.lines.map((row) => ({ line: row.line, tag: row.tag })) },
      variables: Object.fromEntries(formatIds.map((id) => [id, predefinedVariables.flatMap((row) => (row[id] ? [row[id]!] : []))])),
      images: rules.images.map((r) => ({ from: r.from, to: r.to, source: source(r.source) })),
      resourceClasses: rules.resourceClasses.map((r) => ({ resourceClass: r.resourceClass, tags: [...r.tags], source: source(r.source) })),
      runnerTags: rules.runnerTags.map((r) => ({ tag: r.tag, resourceClass: r.resourceClass, source: source(r.source) })),
    },
    diagnostics,
  };
}
