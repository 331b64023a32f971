import { defineConfig } from 'vitest/config';

// Three projects: unit (fast, fakes allowed), integration (real servers per file), e2e (real
// Chromium through the test host). Real-server suites run one file at a time: the machine has
// two cores and each file starts its own sshd/PostgreSQL/MariaDB.
export default defineConfig({
  test: {
    // The JSON report feeds the plain "N passed, N failed" line that .ci/run prints last.
    reporters: ['default', ['json', { outputFile: '.tmp/vitest-report.json' }]],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
