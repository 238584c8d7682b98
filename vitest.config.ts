import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Test files share their worker's module graph instead of importing the app again for each file: that import was a
    // third of the unit tests' time. Each file still gets its own database, data folder and server, so no state is
    // shared through the modules that a file does not set up itself.
    isolate: false,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'simulators/**/*.test.ts', 'bench/**/*.test.ts'],
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // A whole journey in a browser; CI runs the two database suites side by side on two cores.
          testTimeout: 180_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
