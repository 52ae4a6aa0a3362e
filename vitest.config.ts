import { defineConfig } from 'vitest/config';

// Two groups: unit tests run in parallel first; end-to-end tests (root, lab namespaces, JVMs)
// share fixed addresses and the machine's two cores, so they run one file at a time, after.
export default defineConfig({
  test: {
    // vitest's default is one worker fewer than the cores: on two cores the unit files would run
    // one at a time (139 s here; 95 s with two)
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/e2e/**', 'node_modules/**'],
          testTimeout: 20_000,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 300_000,
          hookTimeout: 300_000,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
