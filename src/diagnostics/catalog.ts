import type { Severity } from './types.js';

/** One entry of the diagnostic catalog: what a code means, shown by `ciport explain <code>`. */
export interface CodeInfo {
  severity: Severity;
  summary: string;
  /** A longer explanation and the vendor fact behind it, for `ciport explain`. */
  explanation?: string;
  /**
   * The vendor refuses a configuration with this problem. Translating to that same vendor adds one
   * `refused-by-target` error naming each such place (the translation fails as the vendor's lint
   * would); the diagnostic itself keeps its severity (src/diagnostics/vendor-refusals.ts).
   */
  refusedBy?: 'gitlab';
}

/**
 * Every diagnostic code ciport can emit, listed once. A test keeps this catalog and the codes used
 * in `src/` in sync. Codes are kebab-case; every report of a code has the severity given here.
 */
export const catalog = {
  // --- input and YAML -------------------------------------------------------------------------
  'input-unreadable': { severity: 'error', summary: 'The input file or directory cannot be read.' },
  'input-outside-repository': {
    severity: 'error',
    summary: 'A configuration, include, orb or inferred file is a symlink ciport does not follow.',
    explanation:
      'A file whose real path leaves the repository (in a bare repository: any symlink object) is never ' +
      'read: in a bulk audit of untrusted repositories, following it would copy files of the machine into ' +
      'the output and the reports. The target is not named in the message for the same reason.',
  },
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
    explanation:
      'Only what aliases add is counted: the nodes each `*alias` stands for once expanded. Nodes written ' +
      'out in the file count nothing here (a large plain file is bounded by yaml-node-limit instead).',
  },
  'yaml-node-limit': {
    severity: 'error',
    summary: 'The file writes out more YAML nodes than ciport parses (600,000).',
    explanation:
      'Parsing costs about a kilobyte of memory a node, so a file of millions of tiny values under the ' +
      'size limit would need gigabytes. The nodes are counted from the text before it is parsed.',
  },
  'yaml-too-large': { severity: 'error', summary: 'The file is larger than ciport reads.' },
  'yaml-too-deep': { severity: 'error', summary: 'The document nests deeper than ciport reads.' },
  'yaml-binary': { severity: 'error', summary: 'The file contains NUL bytes or invalid UTF-8.' },
  'yaml-empty': { severity: 'error', summary: 'The file holds no configuration.' },
  'yaml-multi-document': {
    severity: 'warning',
    summary: 'The file holds several YAML documents; the last one is the configuration body and the earlier ones are not translated.',
  },
  'matrix-too-large': {
    severity: 'error',
    summary: 'A matrix expands to more jobs than ciport expands (1,000); it is left unexpanded.',
  },
  'wrong-type': { severity: 'error', summary: 'A value has the wrong type for its key.' },
  'invalid-value': { severity: 'error', summary: 'A value is not one the format allows.' },
  'missing-key': { severity: 'error', summary: 'A required key is missing.' },
  'coerced-value': {
    severity: 'warning',
    summary: 'A value has the wrong type or form for its key; it is read in the nearest meaning, which the message names.',
  },
  'refused-by-target': {
    severity: 'error',
    summary: 'The target vendor refuses this configuration, so a translation back to it cannot be a working file.',
    explanation:
      'The warnings this error lists as related places name problems the vendor\'s own lint rejects (GitLab ' +
      'fails pipeline creation on them). Translating to another format reads past them and goes on; writing ' +
      'the same format again would hand back a file its vendor refuses, so the translation fails.',
  },
  'unknown-key': {
    severity: 'warning',
    summary: 'A key no rule understood; it is not translated.',
    explanation:
      'Every key of the input is either translated or named in a diagnostic. This one was neither ' +
      'consumed by the reader nor explained by a more specific diagnostic, so the output does not ' +
      'carry it. Check whether it is a typo or a feature ciport does not know yet.',
  },
  'behaviour-difference': {
    severity: 'warning',
    summary: 'The translation behaves differently from the original in a way no other diagnostic names.',
    explanation:
      'ciport models what a pipeline does for each event (a push to the default branch or another ' +
      'branch, a tag, a merge request, a schedule, a start from the UI): which jobs run, what they ' +
      'wait for, and for each job its shell sessions, directories, variables, services, Docker engine ' +
      'and files. It compares the original with the translation read back, and reports each ' +
      'difference that no warning already explains. Review the job by hand, or compare two files ' +
      'with `ciport verify <original> <translation>`.',
  },
  'behaviour-check-skipped': {
    severity: 'info',
    summary: 'The configuration has more jobs than the behaviour comparison checks; the translation is not compared with it.',
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
    // A task for a person: the placeholder must be replaced by what the step did (issue 14: manual level).
    severity: 'manual',
    summary: 'A step no rule understood is carried as a placeholder that fails the job until it is replaced (with --placeholders=pass, one that only prints a message).',
  },
  'default-chosen': {
    severity: 'info',
    summary: 'The source left a required value unsaid; ciport chose a documented default.',
  },
  'semantic-difference': {
    severity: 'warning',
    summary: 'The translated pipeline can behave differently from the source at run time.',
    explanation:
      'The target does this another way: another kind of Docker engine, a value computed from other ' +
      'variables, a default taken for what could be set, a retry or version the target does not offer. ' +
      'The message names what differs; check that the job still does what it did.',
  },
  'vendor-extension-kept': {
    severity: 'info',
    summary: 'A key with no counterpart in the other formats is kept for output to its own format only.',
  },

  // --- manual tasks ---------------------------------------------------------------------------
  'manual-secret': { severity: 'manual', summary: 'Create a secret variable in the target CI settings.' },
  'manual-context': { severity: 'manual', summary: 'Recreate a CircleCI context as group or project variables.' },
  'manual-schedule': { severity: 'manual', summary: 'Create a pipeline schedule in the target CI settings.' },
  'manual-runner': { severity: 'manual', summary: 'A runner must be configured to run this job.' },
  'manual-setting': { severity: 'manual', summary: 'A project setting outside YAML must be set by hand.' },
  'manual-job': {
    severity: 'manual',
    summary: 'A job the target cannot start as the source did (by a person, or only after a failure) is left out of the automatic run; a person runs it when it is needed.',
  },
  'manual-credentials': {
    severity: 'manual',
    summary: 'A step obtained credentials the target cannot obtain the same way (an AWS role assumed with the CircleCI OIDC token); a placeholder marks its place until a person sets them up.',
  },

  // --- mapping rules (mappings/ and --rules) ---------------------------------------------------
  'rules-invalid': {
    severity: 'error',
    summary: 'The --rules file does not follow the rules schema; nothing was translated.',
    explanation:
      'A rules file holds the tables of mappings/: `orbs`, `images`, `resource-classes` and `runner-tags`. ' +
      'Every key and value is checked before any translation so a typo cannot silently change the output. ' +
      'Run `ciport rules --rules <file>` to see the merged tables.',
  },
  'user-rule': {
    severity: 'info',
    summary: 'A rule of the --rules file changed the translation; the message names the rule (file:line).',
  },
  'builtin-rule': {
    severity: 'info',
    summary: 'A built-in rule of mappings/ (an image rewrite or a runner size) changed the translation.',
    explanation:
      'The built-in runner table (`ciport rules` lists it) maps the GitLab.com hosted-runner tags to the ' +
      'CircleCI resource_class with the same vCPU count; memory per vCPU differs. A --rules file overrides any built-in rule.',
  },

  // --- circleci2 ------------------------------------------------------------------------------
  'circleci2-version-feature': {
    severity: 'warning',
    summary: 'A `version: 2` configuration uses a feature that needs `version: 2.1`.',
    explanation:
      'Orbs, commands, executors, parameters, matrix, pre/post-steps, `when`/`unless` and pipeline values ' +
      'are 2.1 features; CircleCI rejects them in a 2.0 file. ciport reads them as 2.1 would.',
  },
  'circleci2-unknown-command': {
    severity: 'error',
    summary: 'A step names neither a built-in step nor a defined command.',
    explanation:
      'A step is a built-in (`run`, `checkout`, …) or a command from `commands:` or an orb ' +
      '(the "steps" of the configuration reference). CircleCI rejects a config naming anything else; the step is ' +
      'carried as a placeholder.',
  },
  'circleci2-unknown-orb': {
    severity: 'warning',
    summary: 'A registry orb element is neither in --orb-dir nor in the built-in orb table.',
    explanation:
      'Registry orbs are never fetched. Give the orb source with `orbDir` (`<namespace>/<orb>.yml`) to ' +
      'expand it exactly; otherwise the element is carried as an unmapped placeholder.',
  },
  'circleci2-orb-argument': {
    severity: 'warning',
    summary: "An argument of a registry orb command or job is not one the built-in table's steps read; what it changes is not translated.",
  },
  'circleci2-orb-table': {
    severity: 'info',
    summary: 'A registry orb element was expanded from the built-in table, an approximation of the orb.',
    explanation:
      'ciport\'s built-in orb table (`ciport rules` lists it) holds the common commands, jobs and executors ' +
      'of popular orbs as plain steps. ' +
      'They follow the orb documentation but are not the orb source; pass the orb with `orbDir` for an ' +
      'exact expansion.',
  },
  'circleci2-unknown-parameter': {
    severity: 'warning',
    summary: 'An argument names a parameter the command, job or executor does not declare.',
    explanation:
      'CircleCI 2.1 rejects arguments for undeclared parameters; the argument is ignored.',
  },
  'circleci2-parameter-undefined': {
    severity: 'error',
    summary: 'A `<< parameters.… >>` reference names no parameter in scope; CircleCI rejects the configuration.',
    explanation: 'The reference is left out of the translation.',
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
      '(`${CIRCLE_BRANCH}`); pipeline parameters become `${name}` references.',
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
      'API. Only this file is translated; the continued configuration must be ' +
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
      'CircleCI does not expand `$VAR` inside `environment:` values. ciport exports the ' +
      'variable through `$BASH_ENV` in a first run step so the shell expands it.',
  },
  'circleci2-variable-unavailable': {
    severity: 'warning',
    summary: 'A predefined variable of the source has no CircleCI 2.x counterpart; it is left as written.',
    explanation:
      'ciport\'s variable table (`ciport rules` lists it) pairs the predefined variables of the three ' +
      'formats; CircleCI 2.x sets only its own, so a reference to a name it lacks expands to an empty string.',
  },
  'circleci2-filter-inexact': {
    severity: 'warning',
    summary: 'A branch or tag regex could not be rewritten to match exactly the same names.',
    explanation:
      'CircleCI filter regexes must match the whole name, GitLab `=~` matches anywhere; anchors inside ' +
      'alternations do not convert exactly.',
  },
  // --- workflows ------------------------------------------------------------------------------
  'output-exists': {
    severity: 'error',
    summary: 'A file migrate would write already exists; nothing was written (pass --force to overwrite).',
  },
  'input-not-directory': { severity: 'error', summary: 'The command takes a repository directory, not a file.' },
  'git-not-repository': { severity: 'error', summary: '--branch was given but the directory is not in a git repository.' },
  'git-branch-exists': { severity: 'error', summary: 'The branch to commit the migration on already exists.' },
  'git-staged-changes': {
    severity: 'error',
    summary: 'The git index holds staged changes; committing the migration would include them.',
  },
  'git-failed': { severity: 'error', summary: 'A git command failed; its message is shown.' },
  'audit-timeout': {
    severity: 'error',
    summary: 'Translating a repository took longer than --timeout; its worker was replaced.',
  },
  'audit-worker-failed': { severity: 'error', summary: 'The worker translating a repository crashed; the run went on.' },
  'audit-write-failed': {
    severity: 'error',
    summary: "A repository's report folder could not be written (a full disk, no permission); the run went on.",
  },
  // --- gitlab ---------------------------------------------------------------------------------
  'gitlab-include-external': {
    severity: 'info',
    summary: 'A project, remote, template or component include is not fetched; it is kept as an include.',
    explanation:
      'GitLab merges included files into the configuration before anything else. ciport never fetches ' +
      'from the network: the include is written back unchanged for GitLab output, and its jobs are not ' +
      'translated for other targets. Local copies can be supplied as <include-dir>/<project>/<file>.',
  },
  'gitlab-include-unresolved': {
    severity: 'warning',
    summary: 'A local include could not be read; its jobs are missing from the translation.',
    explanation:
      'include:local paths are relative to the repository root and may use * and ** globs. Without the ' +
      'repository (a lone file), or when no file matches, the included keys are unknown to ciport.',
  },
  'gitlab-parallel-capped': {
    severity: 'warning',
    summary: 'A parallelism over the 200 jobs GitLab runs from one `parallel` is written as 200.',
  },
  'gitlab-script-unknown': {
    severity: 'warning',
    summary: 'A job has no script in the files read; GitLab rejects it unless an include that was not read gives it one.',
  },
  'gitlab-stage-unlisted': {
    severity: 'warning',
    summary: 'A job is in a stage a file without `stages:` does not know; a file that includes this one may list it.',
    explanation:
      'Without `stages:`, GitLab knows only .pre, build, test, deploy and .post. The job is ordered after the ' +
      'listed stages.',
  },
  'gitlab-parallel-limit': {
    severity: 'error',
    summary: 'GitLab runs at most 200 jobs from one `parallel` (a count or a `parallel: matrix`).',
    explanation:
      'GitLab refuses a configuration whose `parallel: matrix` stands for more than 200 jobs; the matrix is ' +
      'written as it is and must be split by hand.',
  },
  'gitlab-include-outside': {
    severity: 'error',
    summary: 'An include path leaves the repository; it is not read.',
    explanation: 'GitLab resolves include:local inside the project repository only; ciport never reads outside it.',
  },
  'gitlab-include-limit': {
    severity: 'warning',
    refusedBy: 'gitlab',
    summary: 'More includes than GitLab allows (150 per pipeline, nested and repeated ones counted).',
    explanation:
      'GitLab counts every included file, nested ones and a file included again too. ciport reads no include ' +
      'past the limit: the jobs they define are missing.',
  },
  'gitlab-include-missing': {
    severity: 'warning',
    refusedBy: 'gitlab',
    summary: 'An include:local file does not exist in the repository.',
    explanation: 'GitLab fails pipeline creation when a local include names a missing file; the jobs it would define are missing here.',
  },
  'gitlab-cache-key-files': {
    severity: 'warning',
    refusedBy: 'gitlab',
    summary: 'cache:key:files lists no file or more than two; GitLab accepts one or two.',
    explanation: 'The key is read with the files as written.',
  },
  'gitlab-cache-key-characters': {
    severity: 'warning',
    refusedBy: 'gitlab',
    summary: 'A cache key holds "/" (or %2F), or only dots; GitLab refuses such a key.',
    explanation: 'The key is kept as written; other targets that allow the characters use it unchanged.',
  },
  'gitlab-cache-paths-type': {
    severity: 'warning',
    refusedBy: 'gitlab',
    summary: 'cache:paths is a string; GitLab accepts only a list of paths.',
    explanation: 'The string is read as a list of one path.',
  },
  'gitlab-dependency-undefined': {
    severity: 'warning',
    refusedBy: 'gitlab',
    summary: 'dependencies names a job the configuration does not define.',
    explanation: 'No artifacts come from the missing job.',
  },
  'gitlab-dependency-not-needed': {
    severity: 'warning',
    refusedBy: 'gitlab',
    summary: 'A job with needs lists a dependency that is not one of its needs.',
    explanation: 'With needs, a job waits only for its needs, so a dependency outside them hands over no artifacts.',
  },
  'gitlab-when-never-job': {
    severity: 'warning',
    refusedBy: 'gitlab',
    summary: 'A job sets when: never itself; GitLab allows when: never only in rules and workflow:rules.',
    explanation: 'ciport reads it as a job that never runs.',
  },
  'gitlab-stages-type': {
    severity: 'warning',
    refusedBy: 'gitlab',
    summary: 'stages is a string; GitLab accepts only a list of stage names.',
    explanation: 'The string is read as a list of one stage.',
  },
  'gitlab-stage-undefined': {
    severity: 'warning',
    refusedBy: 'gitlab',
    summary: 'A job is in a stage that stages does not list (without stages: .pre, build, test, deploy, .post).',
    explanation: 'ciport orders the job after the listed stages.',
  },
  'gitlab-script-nesting': {
    severity: 'warning',
    refusedBy: 'gitlab',
    summary: 'A script nests lists deeper than the 10 levels GitLab accepts.',
    explanation: 'Nested lists (from anchors or !reference) are flattened here.',
  },
  'gitlab-needs-null': {
    severity: 'warning',
    refusedBy: 'gitlab',
    summary: 'needs holds an empty (null) entry; GitLab accepts only job names and mappings.',
    explanation: 'The entry is left out here.',
  },
  'gitlab-extends-missing': {
    severity: 'error',
    summary: 'A job extends a job or template that is not defined.',
    explanation: 'extends names hidden or visible jobs of the configuration or its includes; GitLab rejects unknown names.',
  },
  'gitlab-extends-cycle': {
    severity: 'error',
    summary: 'extends forms a cycle.',
    explanation: 'GitLab rejects circular extends; ciport cuts the cycle and keeps what resolved.',
  },
  'gitlab-extends-depth': {
    severity: 'warning',
    summary: 'extends nests deeper than the 11 levels GitLab allows.',
  },
  'gitlab-reference-missing': {
    severity: 'error',
    summary: 'A !reference names a job or key that is not defined.',
  },
  'gitlab-reference-cycle': {
    severity: 'error',
    summary: '!reference tags refer to each other in a cycle or nest deeper than 10 levels.',
  },
  'gitlab-expression-unparsed': {
    severity: 'warning',
    summary: 'A rules:if or only:variables expression has no neutral form; it is kept as written.',
    explanation:
      'GitLab expressions compare CI/CD variables with ==, !=, =~ and !~, combined with && and ||. An ' +
      'expression ciport cannot parse or map becomes an opaque condition: GitLab output writes it back ' +
      'verbatim, other targets cannot evaluate it.',
  },
  'gitlab-report-kept': {
    severity: 'info',
    summary: 'An artifacts report other than JUnit is a GitLab feature; only GitLab output keeps it.',
    explanation: 'artifacts:reports (coverage_report, dotenv, sast, …) feed GitLab UI features that CircleCI lacks.',
  },
  'gitlab-service-localhost': {
    severity: 'warning',
    summary: 'A job reaches a service on localhost; GitLab services are reached by their alias.',
    explanation:
      'CircleCI secondary containers share the primary container network, so services listen on localhost. ' +
      'GitLab (Docker executor) services are separate containers reached by the alias or the hostname derived ' +
      'from the image name; only the Kubernetes executor shares localhost.',
  },
  'gitlab-parallel-index': {
    severity: 'warning',
    summary: 'parallelism became parallel; the node index and test splitting differ.',
    explanation:
      'CIRCLE_NODE_INDEX counts from 0 and CI_NODE_INDEX from 1 (unset without parallel). GitLab has no ' +
      '`circleci tests split`: split the files in the script with CI_NODE_INDEX and CI_NODE_TOTAL.',
  },
  'gitlab-shell-merged': {
    severity: 'info',
    summary: 'Separate run steps now share one GitLab shell; a directory change is reset after the step.',
    explanation:
      'GitLab runs before_script and script in one shell session, where each CircleCI run step had its own. ' +
      'A `cd` in one step would move the following ones, so ciport adds `cd "$CI_PROJECT_DIR"` after it.',
  },
  // --- circleci1 ------------------------------------------------------------------------------
  'circleci1-inferred-command': {
    severity: 'info',
    summary: 'A command CircleCI 1.0 inferred from the repository is written out explicitly.',
    explanation:
      'A 1.0 phase without `override` ran commands CircleCI inferred from the repository (bundler, npm, ' +
      'pip, `rake db:schema:load`, rspec, …, as the 1.0 configuration docs describe under "Phases"). ' +
      'Other systems infer nothing, so ciport writes out the documented commands.',
  },
  'circleci1-inference-gap': {
    severity: 'warning',
    summary: 'A phase relied on commands CircleCI 1.0 inferred, which cannot be known from the file alone.',
    explanation:
      'Without `override`, 1.0 ran inferred commands for `dependencies`, `database` and `test` ' +
      'phases. Read the repository (not a lone file) to reproduce them, or write them out; CircleCI\'s ' +
      '1.0 → 2.0 migration guide says to migrate every inferred command.',
  },
  'circleci1-default-service': {
    severity: 'info',
    summary: 'CircleCI 1.0 started PostgreSQL, MySQL, MongoDB and Redis on every build without being asked.',
    explanation:
      'The 1.0 build image ran these databases on localhost by default. ' +
      'The commands seem to use one of them; add it to `machine.services` (or as a service of the target) so ' +
      'the translated job starts it.',
  },
  'circleci1-unknown-service': {
    severity: 'warning',
    summary: 'A `machine.services` name is not a documented CircleCI 1.0 service; it is not translated.',
    explanation:
      'Documented names: cassandra, elasticsearch, rabbitmq-server, redis, riak, beanstalkd, couchbase-server, ' +
      'neo4j, sphinxsearch, memcached and docker; postgresql, mysql and mongodb ran by default.',
  },
  'circleci1-section-key': {
    severity: 'warning',
    summary: 'A section holds a key that section does not accept in CircleCI 1.0; it is read as its neighbours.',
    explanation:
      '`machine` accepts no `override`, `checkout` only `post`, and deployment subsections no ' +
      '`pre`/`override`/`post`. ciport reads the commands in place and says so.',
  },
  'circleci1-stray-version': {
    severity: 'warning',
    summary: 'A `machine.version` belongs to no language key; it is not translated.',
  },
  'circleci1-deployment-selector': {
    severity: 'warning',
    summary: 'A deployment names neither `branch` nor `tag`; CircleCI 1.0 needs one to know when to deploy, so it is read as never deploying.',
    explanation:
      'Each 1.0 deployment subsection selects the builds it deploys with `branch` or `tag`. ' +
      'Without either, ciport does not guess: a deploy that ran on every branch would do more than the ' +
      'source did. Add the selector to the source, or to the translated job\'s condition.',
  },
  'circleci1-database-inference': {
    severity: 'info',
    summary: 'A `database` phase without `override`: CircleCI 1.0 inferred database commands only for frameworks with a database configuration (Rails).',
    explanation:
      'Translate the repository instead of the lone file to know whether it has such a configuration ' +
      '(config/database.yml); its inferred commands are then written out.',
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
      '1.0 documents version maps only for ruby, node, java, php, python, ghc and xcode. ' +
      'Files in the wild also write `mysql: {version: …}`; ciport reads it as the service with that version.',
  },
  'circleci1-modifier-indentation': {
    severity: 'warning',
    summary: 'Command modifiers sit at the level of the command instead of one level deeper.',
    explanation:
      'Modifiers belong under the command key with double indentation (the 1.0 docs stress "four ' +
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
      'When several deployment subsections match a branch, 1.0 runs only the first. The ' +
      'translated rules of later deployments exclude the refs of earlier ones to keep that.',
  },
  'circleci1-expand-literal': {
    severity: 'warning',
    summary: 'A literal variable holds `$`, but CircleCI 1.0 expands every variable reference.',
    explanation:
      '1.0 `machine.environment` values were expanded, so a `$` meant literally in ' +
      'the source (a 2.x `environment` value) is expanded in 1.0. Escape it or set the value in project settings.',
  },
  'circleci1-variable-unavailable': {
    severity: 'warning',
    summary: 'A predefined variable of the source has no CircleCI 1.0 counterpart; it is left as written.',
    explanation:
      '`ciport rules` lists the predefined variables CircleCI 1.0 defined beside those of the other formats; a ' +
      'name 1.0 lacks is not rewritten.',
  },
  // --- docker ---------------------------------------------------------------------------------
  'docker-bind-mount': {
    severity: 'warning',
    summary: 'A container bind-mounts a path of the job\'s filesystem, which the target\'s Docker engine cannot see.',
    explanation:
      'Bind-mount paths are resolved on the machine that runs the Docker daemon. Under CircleCI ' +
      '`setup_remote_docker` that was a separate VM from 2017 to 2023 (and still is on older CircleCI Server ' +
      'releases): "It is not possible to mount a volume from your job space into a container in Remote Docker" ' +
      '(CircleCI, "Run Docker commands"). The documented workaround creates a data ' +
      'container, `docker cp`s the files into it and runs with `--volumes-from`, then `docker cp`s results back; ' +
      'the `machine` executor is the alternative where mounts work. GitLab Docker-in-Docker shares only the ' +
      'build directory with the job: mount from `/builds/$CI_PROJECT_PATH/…` (GitLab, "Use Docker-in-Docker"); ' +
      'with socket binding `-v $(pwd)/…` names a path on the runner host. CircleCI 1.0 ran Docker inside the ' +
      'build container, where such mounts worked.',
  },
  'docker-port-unreachable': {
    severity: 'warning',
    summary: 'A command calls localhost on a port a container published, but the target\'s engine does not publish there.',
    explanation:
      'Ports a container publishes open on the Docker daemon\'s host. CircleCI 1.0 ran Docker in the build ' +
      'container, so `docker run -p 9200:9200 …` then `curl localhost:9200` worked. Under ' +
      '`setup_remote_docker` (2017–2023) "it is not possible to start a service in remote docker and ping it ' +
      'directly from a primary container": run the check with `docker exec <ctr> curl …` or `docker run ' +
      '--network container:<ctr> <curl image> …` (CircleCI, "Run Docker commands"), or use the `machine` ' +
      'executor. With GitLab Docker-in-Docker the ports open on the dind service, reached by its host name ' +
      '`docker`.',
  },
  'docker-exec-lxc': {
    severity: 'warning',
    summary: '`docker exec` fails on CircleCI 1.0, whose Docker uses the LXC driver.',
    explanation:
      'CircleCI 1.0 runs Docker with the LXC execution driver, so `docker exec` fails with "Unsupported: Exec ' +
      'is not supported by the lxc driver". The documented workaround is `sudo lxc-attach -n "$(docker inspect ' +
      '--format "{{.Id}}" NAME)" -- bash -c CMD`, which runs in the container\'s root directory ' +
      '(CircleCI 1.0 Docker docs).',
  },
  'docker-login-email': {
    severity: 'warning',
    summary: '`docker login -e/--email` was removed in Docker 17.06; current clients reject the flag.',
    explanation:
      'The email flag of `docker login` was deprecated in Docker 1.11 and removed in 17.06 (docker/cli pull ' +
      'request 143; the Docker 1.11 deprecation list), so `docker login -e …` now fails with an unknown-flag ' +
      'error. The CircleCI 1.0 and 2.0-beta Docker examples still pass it. Drop `-e <value>`. ' +
      '`aws ecr get-login` printed `-e none` until `--no-include-email` was added (aws-cli pull request 2619).',
  },
  'docker-login-password': {
    severity: 'warning',
    summary: '`docker login` takes the password on the command line; pipe it to `--password-stdin`.',
    explanation:
      'A password given with `-p`/`--password` shows in the process list and, on some runners, in logs. ' +
      'The current CircleCI and GitLab docs log in with `echo "$PASS" | docker login -u "$USER" ' +
      '--password-stdin [registry]` (buildah likewise with `--password-stdin`). Not reported ' +
      'for CircleCI 1.0, whose Docker (up to 1.9/1.10) predates `--password-stdin`. ciport never prints the ' +
      'password value.',
  },
  'docker-tty': {
    severity: 'warning',
    summary: '`docker run`/`exec` asks for a terminal (`-t`), which CI jobs do not have.',
    explanation:
      '`-t` allocates a pseudo-TTY and `-i` keeps standard input open; they are for interactive use at a ' +
      'terminal (`docker run` reference). CI jobs run without a terminal, so `-it` fails with "the input device is not a ' +
      'TTY". Drop `-t` (and `-i` unless input is piped in).',
  },
  'docker-image-unpinned': {
    severity: 'warning',
    summary: 'A job image or service uses the official `docker` image without a version (`latest`, `dind`, `stable`).',
    explanation:
      'GitLab tells you to always pin the Docker image version, e.g. `docker:24.0.5-cli` with ' +
      '`docker:24.0.5-dind`: with `docker:latest` you cannot control which version runs and a new release ' +
      'can break the job (GitLab, "Use Docker-in-Docker"; older versions of the page warned against ' +
      '`docker:stable`). ciport\'s Docker version table (`ciport rules` lists it) gives the pinned tags.',
  },
  'docker-compose-missing': {
    severity: 'warning',
    summary: '`docker-compose` runs in an image that does not ship it (the official `docker` image).',
    explanation:
      'The Docker-in-Docker setup does not provide the `docker-compose` command by default; install it by ' +
      'following the Docker Compose install instructions (GitLab, "Use Docker to build Docker images"). ' +
      'The job image of a GitLab dind job is the official `docker` image, so a job translated there ' +
      'needs an install step, or the `docker compose` plugin where the image ships it.',
  },
  'docker-layer-caching': {
    severity: 'warning',
    summary: 'Docker layer caching is asked for, but the target has no such setting.',
    explanation:
      'CircleCI 2.x turns on Docker layer caching with `docker_layer_caching: true` on `setup_remote_docker` ' +
      'or `machine`. GitLab dind gives every job a fresh engine, so nothing is cached unless the build uses ' +
      '`--cache-from` with a registry image (GitLab, "Use Docker to build Docker images"). CircleCI 1.0 cached ' +
      'no layers; its workaround was `docker save`/`docker load` with `cache_directories`.',
  },
  'docker-save-load-cache': {
    severity: 'info',
    summary: 'A `docker save`/`docker load` cache (the CircleCI 1.0 workaround) has a better construct in the target.',
    explanation:
      'CircleCI 1.0 did not cache image layers; its docs load `~/docker/image.tar` if present, build, then ' +
      '`docker save` into `~/docker`, listed in `dependencies.cache_directories`. ' +
      'CircleCI 2.x offers `docker_layer_caching: true` (or keep the tar with `save_cache`/`restore_cache`); ' +
      'GitLab caches only paths inside the project directory, and dind builds are usually sped up with ' +
      '`--cache-from` a registry image.',
  },
  'docker-build-btrfs': {
    severity: 'info',
    summary: '`docker build` on CircleCI 1.0 logs a harmless BTRFS error unless it passes `--rm=false`.',
    explanation:
      'CircleCI 1.0 keeps containers on BTRFS, and removing intermediate containers fails with "Failed to ' +
      'destroy btrfs snapshot: operation not permitted". The error is harmless; `docker build --rm=false` ' +
      'avoids it (CircleCI 1.0 Docker docs).',
  },
  'docker-executor-choice': {
    severity: 'info',
    summary: 'ciport chose the CircleCI executor for a job that runs Docker commands, and says why.',
    explanation:
      'With the docker executor, Docker commands need `setup_remote_docker`, historically a separate VM ' +
      'without bind mounts from the job or ports on its localhost; the `machine` executor runs Docker ' +
      'directly, where both work (CircleCI, "Run Docker commands"). CircleCI\'s 1.0 → 2.0 migration tips put ' +
      'Docker builds and docker-compose on `machine`. ciport picks `machine` when ' +
      'a command needs the job\'s files or network and `setup_remote_docker` otherwise.',
  },
  'docker-version-nearest': {
    severity: 'info',
    summary: 'The Docker engine version is written in the target\'s spelling: the same engine major, or a deprecated alias of it.',
    explanation:
      'CircleCI `setup_remote_docker` pins engine majors only (`docker27` runs the newest Docker 27), so a ' +
      'version with a minor or patch part becomes its major\'s tag; a deprecated tag still runs and is kept. ' +
      'The job gets the same Docker release line.',
  },
  'docker-version-replaced': {
    severity: 'warning',
    summary: 'The source\'s Docker engine version does not exist in the target; the nearest supported one is used.',
    explanation:
      'CircleCI `setup_remote_docker` offers the tags `default`/`edge`/`previous` (Docker 28), `docker29`, ' +
      '`docker27`, `docker26` and the deprecated `20.10.24`; the 2017–2023 versions (`17.03.0-ce` … `20.10.18`) ' +
      'are retired and its support policy keeps only the newest engine majors. GitLab dind images exist for ' +
      'the lines 18.09, 19.03, 20.10 and 23 on; older versions map to 19.03.12, the first whose image enables ' +
      'TLS. `ciport rules` lists the table.',
  },
} as const satisfies Record<string, CodeInfo>;

export type DiagnosticCode = keyof typeof catalog;

export function isKnownCode(code: string): code is DiagnosticCode {
  return Object.hasOwn(catalog, code);
}
