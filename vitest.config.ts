import { defineConfig } from 'vitest/config';

// One vitest run over every package: unit tests beside the code, scenario tests (child processes) in test/.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          root: 'packages/node',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'winston',
          root: 'packages/winston',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'cli',
          root: 'packages/cli',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        // The shape of the code: import cycles.
        test: {
          name: 'structure',
          root: 'test/structure',
          include: ['**/*.test.ts'],
        },
      },
      {
        // What users install: the packed packages installed from the npm registry into empty apps.
        test: {
          name: 'packaging',
          root: 'test/packaging',
          include: ['**/*.test.ts'],
          testTimeout: 600_000,
          hookTimeout: 600_000,
        },
      },
      {
        // The SDK against the real backends (scripts/install-backends.sh): waits on scrapes and alerts.
        test: {
          name: 'e2e',
          root: 'test/e2e',
          include: ['**/*.test.ts'],
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
