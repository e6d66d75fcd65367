/** Bounds that keep hostile input from exhausting time or memory. Documented in the README. */
export const limits = {
  /** Largest configuration file read, in bytes. Real CI files are well under 1 MB. */
  maxFileBytes: 8 * 1024 * 1024,
  /** Deepest nesting of collections accepted. */
  maxDepth: 200,
  /** Most nodes the aliases of a document may add once expanded (nodes written out count nothing). */
  maxAliasExpansion: 250_000,
  /**
   * Most nodes (scalars, aliases and collections) a file may write out. Parsing costs about 1 KB
   * of memory a node, so a file of tiny nodes under maxFileBytes would otherwise need gigabytes.
   */
  maxNodes: 600_000,
  /** Most jobs one matrix may expand to (GitLab's own limit is 200 per `parallel: matrix`). */
  maxMatrixCells: 1000,
  /** Most jobs every matrix of one configuration may expand to together. */
  maxMatrixJobsTotal: 10_000,
  /**
   * GitLab runs at most 200 jobs from one `parallel` (a count, or the jobs of a `parallel: matrix`)
   * and refuses a configuration over it (keyword reference https://docs.gitlab.com/ci/yaml/#parallel;
   * the matrix limit of 200 is restated in https://gitlab.com/gitlab-org/gitlab/-/issues/547976).
   */
  gitlabParallelJobs: 200,
  /**
   * Most jobs whose behaviour a translation compares with its input. The comparison costs about as
   * much again as the translation and grows with jobs × events; past this it is skipped and said.
   */
  maxBehaviourJobs: 10_000,
} as const;
