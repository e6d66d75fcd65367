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
  /**
   * GitLab refuses a `parallel: matrix` of more than 200 jobs (keyword reference,
   * https://docs.gitlab.com/ci/yaml/#parallel; the 200 is stated in
   * https://gitlab.com/gitlab-org/gitlab/-/issues/547976).
   */
  gitlabMatrixJobs: 200,
} as const;
