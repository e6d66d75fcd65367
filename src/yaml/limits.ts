/** Bounds that keep hostile input from exhausting time or memory. Documented in the README. */
export const limits = {
  /** Largest configuration file read, in bytes. Real CI files are well under 1 MB. */
  maxFileBytes: 8 * 1024 * 1024,
  /** Deepest nesting of collections accepted. */
  maxDepth: 200,
  /** Most nodes a document may stand for once every alias is expanded. */
  maxExpandedNodes: 250_000,
  /** Most jobs one matrix may expand to (GitLab's own limit is 200 per `parallel: matrix`). */
  maxMatrixCells: 1000,
} as const;
