import { defineConfig } from 'vitest/config';
import { SharedSkipsReporter } from './test/support/shared.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The default output, then the suites a clone without ../shared skipped, by name.
    reporters: ['default', new SharedSkipsReporter()],
  },
});
