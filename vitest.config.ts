import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/browser/**', 'node_modules/**'],
    // nock must patch fetch before any Slack client is built.
    setupFiles: ['test/setup.ts'],
    globalSetup: ['test/global-setup.ts', 'test/store/postgres-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Several suites start servers and child processes; two workers match the two cores here.
    maxWorkers: 2,
  },
});
