import type { Severity } from './types.js';

/** One entry of the diagnostic catalog: what a code means, shown by `ciport explain <code>`. */
export interface CodeInfo {
  severity: Severity;
  summary: string;
  /** A longer explanation and the vendor fact behind it, for `ciport explain`. */
  explanation?: string;
}

/**
 * Every diagnostic code ciport can emit, listed once. A test keeps this catalog and the codes used
 * in `src/` in sync. Codes are kebab-case; the severity here is the default a report may lower.
 */
export const catalog = {
  // --- input and YAML -------------------------------------------------------------------------
  'input-unreadable': { severity: 'error', summary: 'The input file or directory cannot be read.' },
  'input-not-found': { severity: 'error', summary: 'No CI configuration was found at the given path.' },
  'output-unwritable': { severity: 'error', summary: 'The output file cannot be written; nothing was changed.' },
  'input-ambiguous': {
    severity: 'error',
    summary: 'A repository holds configurations of more than one format and none was chosen.',
  },
  'format-unknown': { severity: 'error', summary: 'The file is not a recognisable CI configuration.' },
  'yaml-syntax': { severity: 'error', summary: 'The file is not valid YAML.' },
  'yaml-warning': { severity: 'warning', summary: 'The YAML parser warned about the file.' },
  'yaml-duplicate-key': {
    severity: 'warning',
    summary: 'A mapping repeats a key; the last one wins, as GitLab and CircleCI read it.',
  },
  'yaml-alias-limit': {
    severity: 'error',
    summary: 'Aliases expand past the safety limit (a "billion laughs" document).',
  },
  'yaml-too-large': { severity: 'error', summary: 'The file is larger than ciport reads.' },
  'yaml-too-deep': { severity: 'error', summary: 'The document nests deeper than ciport reads.' },
  'yaml-binary': { severity: 'error', summary: 'The file contains NUL bytes or invalid UTF-8.' },
  'yaml-empty': { severity: 'error', summary: 'The file holds no configuration.' },
  'yaml-multi-document': {
    severity: 'info',
    summary: 'The file holds several YAML documents; the last one is the configuration body.',
  },
  'wrong-type': { severity: 'error', summary: 'A value has the wrong type for its key.' },
  'invalid-value': { severity: 'error', summary: 'A value is not one the format allows.' },
  'missing-key': { severity: 'error', summary: 'A required key is missing.' },
  'unknown-key': {
    severity: 'warning',
    summary: 'A key no rule understood; it is not translated.',
    explanation:
      'Every key of the input is either translated or named in a diagnostic. This one was neither ' +
      'consumed by the reader nor explained by a more specific diagnostic, so the output does not ' +
      'carry it. Check whether it is a typo or a feature ciport does not know yet.',
  },
  'internal-error': { severity: 'error', summary: 'ciport hit a bug while translating; the input may be fine.' },
  'deprecated-syntax': { severity: 'info', summary: 'The input uses a deprecated spelling; read as its successor.' },

  // --- the IR and its graph -------------------------------------------------------------------
  'graph-dangling-requirement': { severity: 'error', summary: 'A job requires a job that does not exist.' },
  'graph-cycle': { severity: 'error', summary: 'The job graph has a cycle.' },
  'graph-duplicate-id': { severity: 'error', summary: 'Two jobs or nodes have the same name.' },
  'graph-unknown-job': { severity: 'error', summary: 'A workflow names a job that is not defined.' },

  // --- translation ----------------------------------------------------------------------------
  'unsupported-feature': {
    severity: 'warning',
    summary: 'The target has no construct for a feature of the source; it is left out.',
  },
  'approximate-translation': {
    severity: 'info',
    summary: 'The target construct behaves slightly differently from the source.',
  },
  'unmapped-step': {
    severity: 'warning',
    summary: 'A step no rule understood is carried as a placeholder.',
  },
  'default-chosen': {
    severity: 'info',
    summary: 'The source left a required value unsaid; ciport chose a documented default.',
  },
  'semantic-difference': {
    severity: 'warning',
    summary: 'The translated pipeline can behave differently from the source at run time.',
  },

  // --- manual tasks ---------------------------------------------------------------------------
  'manual-secret': { severity: 'manual', summary: 'Create a secret variable in the target CI settings.' },
  'manual-context': { severity: 'manual', summary: 'Recreate a CircleCI context as group or project variables.' },
  'manual-schedule': { severity: 'manual', summary: 'Create a pipeline schedule in the target CI settings.' },
  'manual-runner': { severity: 'manual', summary: 'A runner must be configured to run this job.' },
  'manual-setting': { severity: 'manual', summary: 'A project setting outside YAML must be set by hand.' },

  // --- circleci2 ------------------------------------------------------------------------------
  'circleci2-version-feature': {
    severity: 'warning',
    summary: 'A `version: 2` configuration uses a feature that needs `version: 2.1`.',
    explanation:
      'Orbs, commands, executors, parameters, matrix, pre/post-steps, `when`/`unless` and pipeline values ' +
      'are 2.1 features (configuration-reference.adoc); CircleCI rejects them in a 2.0 file. ciport reads ' +
      'them as 2.1 would.',
  },
  'circleci2-unknown-command': {
    severity: 'error',
    summary: 'A step names neither a built-in step nor a defined command.',
    explanation:
      'A step is a built-in (`run`, `checkout`, …) or a command from `commands:` or an orb ' +
      '(configuration-reference.adoc, Steps). CircleCI rejects a config naming anything else; the step is ' +
      'carried as a placeholder.',
  },
  'circleci2-unknown-orb': {
    severity: 'warning',
    summary: 'A registry orb element is neither in --orb-dir nor in the built-in orb table.',
    explanation:
      'Registry orbs are never fetched. Give the orb source with `orbDir` (`<namespace>/<orb>.yml`) to ' +
      'expand it exactly; otherwise the element is carried as an unmapped placeholder.',
  },
  'circleci2-orb-table': {
    severity: 'info',
    summary: 'A registry orb element was expanded from the built-in table, an approximation of the orb.',
    explanation:
      'mappings/orbs.yml holds the common commands, jobs and executors of popular orbs as plain steps. ' +
      'They follow the orb documentation but are not the orb source; pass the orb with `orbDir` for an ' +
      'exact expansion.',
  },
  'circleci2-unknown-parameter': {
    severity: 'warning',
    summary: 'An argument names a parameter the command, job or executor does not declare.',
    explanation:
      'CircleCI 2.1 rejects arguments for undeclared parameters (reusing-config.adoc); the argument is ignored.',
  },
  'circleci2-expression': {
    severity: 'warning',
    summary: 'A `<< … >>` expression cannot be evaluated offline; it is kept as written.',
    explanation:
      'CircleCI evaluates `<< >>` at config compile time. Parameters and the pipeline values with a run-time ' +
      'variable are resolved; expressions with operators and other pipeline values are not.',
  },
  'circleci2-pipeline-value': {
    severity: 'info',
    summary: 'A compile-time pipeline value is read as the run-time variable that carries it.',
    explanation:
      '`<< pipeline.git.branch >>` and similar values are substituted when CircleCI compiles the config. ' +
      'Other systems have no compile step, so ciport writes the built-in variable with the same value ' +
      '(`${CIRCLE_BRANCH}`), from mappings/circleci2.yml; pipeline parameters become `${name}` references.',
  },
  'circleci2-recursion': {
    severity: 'error',
    summary: 'Commands invoke each other too deeply (or in a cycle); expansion stops.',
  },
  'circleci2-implicit-workflow': {
    severity: 'info',
    summary: 'The configuration has no workflows; its `build` job runs on every push.',
    explanation:
      'Without `workflows`, CircleCI 2.0 runs the job named `build` on push; other jobs run only through ' +
      'the API (2.0 configuration reference). ciport models this as one workflow with that job.',
  },
  'circleci2-unused-definition': {
    severity: 'info',
    summary: 'A job, command or executor is defined but never used; it is not translated.',
  },
  'circleci2-setup-config': {
    severity: 'warning',
    summary: 'The configuration is a dynamic-config setup file (`setup: true`).',
    explanation:
      'A setup configuration continues the pipeline with another configuration through the continuation ' +
      'API (dynamic-config.adoc). Only this file is translated; the continued configuration must be ' +
      'translated separately.',
  },
  'circleci2-test-splitting': {
    severity: 'info',
    summary: 'The job splits tests with `circleci tests`, a CircleCI-only tool.',
    explanation:
      '`circleci tests split`/`run` distribute files across `parallelism` copies using CircleCI timing data. ' +
      'Other systems lack the tool; the command is kept and must be replaced by hand outside CircleCI.',
  },
  'circleci2-variable-expansion': {
    severity: 'warning',
    summary: 'A variable refers to other variables, but CircleCI 2.x environment values are literal.',
    explanation:
      'CircleCI does not expand `$VAR` inside `environment:` values (variables.adoc). ciport exports the ' +
      'variable through `$BASH_ENV` in a first run step so the shell expands it.',
  },
  'circleci2-filter-inexact': {
    severity: 'warning',
    summary: 'A branch or tag regex could not be rewritten to match exactly the same names.',
    explanation:
      'CircleCI filter regexes must match the whole name, GitLab `=~` matches anywhere; anchors inside ' +
      'alternations do not convert exactly.',
  },
  // --- gitlab ---------------------------------------------------------------------------------
  // --- circleci1 ------------------------------------------------------------------------------
  'circleci1-inferred-command': {
    severity: 'info',
    summary: 'A command CircleCI 1.0 inferred from the repository is written out explicitly.',
    explanation:
      'A 1.0 phase without `override` ran commands CircleCI inferred from the repository (bundler, npm, ' +
      'pip, `rake db:schema:load`, rspec, …; configuration.md "Phases", circleci.com/docs/what-happens). ' +
      'Other systems infer nothing, so ciport reproduces the documented commands from mappings/circleci1.yml.',
  },
  'circleci1-inference-gap': {
    severity: 'warning',
    summary: 'A phase relied on commands CircleCI 1.0 inferred, which cannot be known from the file alone.',
    explanation:
      'Without `override`, 1.0 ran inferred commands for `dependencies`, `database` and `test` ' +
      '(configuration.md). Read the repository (not a lone file) to reproduce them, or write them out; ' +
      'CircleCI\'s 1.0→2.0 tips say to migrate every inferred command (migration.md).',
  },
  'circleci1-default-service': {
    severity: 'info',
    summary: 'CircleCI 1.0 started PostgreSQL, MySQL, MongoDB and Redis on every build without being asked.',
    explanation:
      'The 1.0 build image ran these databases on localhost by default (configuration.md, machine.services). ' +
      'The commands seem to use one of them; add it to `machine.services` (or as a service of the target) so ' +
      'the translated job starts it.',
  },
  'circleci1-unknown-service': {
    severity: 'warning',
    summary: 'A `machine.services` name is not a documented CircleCI 1.0 service; it is not translated.',
    explanation:
      'Documented names: cassandra, elasticsearch, rabbitmq-server, redis, riak, beanstalkd, couchbase-server, ' +
      'neo4j, sphinxsearch, memcached and docker (configuration.md); postgresql, mysql and mongodb ran by default.',
  },
  'circleci1-section-key': {
    severity: 'warning',
    summary: 'A section holds a key that section does not accept in CircleCI 1.0; it is read as its neighbours.',
    explanation:
      '`machine` accepts no `override`, `checkout` only `post`, and deployment subsections no ' +
      '`pre`/`override`/`post` (configuration.md). ciport reads the commands in place and says so.',
  },
  'circleci1-misplaced-version': {
    severity: 'info',
    summary: 'A language `version` sits beside its language key, as in the 1.0 docs\' own mis-indented example.',
    explanation:
      'The 1.0 reference shows `ghc:` with `version:` at the same level, which YAML reads as `machine.version`. ' +
      'ciport accepts that shape as the version of the language key with no value.',
  },
  'circleci1-service-version': {
    severity: 'warning',
    summary: 'A `machine.<service>` version map is not a documented 1.0 key; it is read as that service.',
    explanation:
      '1.0 documents version maps only for ruby, node, java, php, python, ghc and xcode (configuration.md). ' +
      'Files in the wild also write `mysql: {version: …}`; ciport reads it as the service with that version.',
  },
  'circleci1-modifier-indentation': {
    severity: 'warning',
    summary: 'Command modifiers sit at the level of the command instead of one level deeper.',
    explanation:
      'Modifiers belong under the command key with double indentation (configuration.md stresses "four ' +
      'spaces"); written level with it they become keys of the same map. ciport reads them as modifiers.',
  },
  'circleci1-deployment-job': {
    severity: 'info',
    summary: 'A 1.0 deployment ran on the build machine; it becomes its own job that starts fresh.',
    explanation:
      '1.0 ran `deployment` commands after `test` in the same container, so files and Docker images built ' +
      'earlier were there. As a separate job (the vendor\'s 1.0→2.0 guide moves deploys into workflow jobs) ' +
      'the deploy job checks out again; rebuild or persist what it needs.',
  },
  'circleci1-first-deployment': {
    severity: 'info',
    summary: 'Only the first matching 1.0 deployment subsection ran; later ones exclude the earlier refs.',
    explanation:
      'When several deployment subsections match a branch, 1.0 runs only the first (configuration.md). The ' +
      'translated rules of later deployments exclude the refs of earlier ones to keep that.',
  },
  'circleci1-expand-literal': {
    severity: 'warning',
    summary: 'A literal variable holds `$`, but CircleCI 1.0 expands every variable reference.',
    explanation:
      '1.0 `machine.environment` values were expanded (language-go.md, yarn.md), so a `$` meant literally in ' +
      'the source (a 2.x `environment` value) is expanded in 1.0. Escape it or set the value in project settings.',
  },
  'circleci1-variable-unavailable': {
    severity: 'warning',
    summary: 'A predefined variable of the source has no CircleCI 1.0 counterpart; it is left as written.',
    explanation: 'See mappings/variables.yml for the variables 1.0 defined (environment-variables.md).',
  },
  'circleci1-docker-exec': {
    severity: 'warning',
    summary: '`docker exec` does not work on CircleCI 1.0: Docker there uses the LXC driver.',
    explanation:
      '1.0 ran Docker with the LXC execution driver, where exec fails with "Unsupported: Exec is not ' +
      'supported by the lxc driver" (docker.md). Use `sudo lxc-attach -n "$(docker inspect --format ' +
      '"{{.Id}}" NAME)" -- bash -c CMD` instead.',
  },
  'circleci1-docker-build-rm': {
    severity: 'info',
    summary: '`docker build` on CircleCI 1.0 should pass `--rm=false` (BTRFS).',
    explanation:
      '1.0 containers live on BTRFS; removing intermediate containers logs "Failed to destroy btrfs snapshot: ' +
      'operation not permitted". The error is harmless; `--rm=false` avoids it (docker-btrfs-error.md).',
  },
  // --- docker ---------------------------------------------------------------------------------
} as const satisfies Record<string, CodeInfo>;

export type DiagnosticCode = keyof typeof catalog;

export function isKnownCode(code: string): code is DiagnosticCode {
  return Object.hasOwn(catalog, code);
}
