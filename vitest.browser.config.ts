import { defineConfig } from 'vitest/config';

/** The local workspace in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core). */
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    exclude: ['node_modules/**'],
    setupFiles: ['test/setup.ts'],
    // The real-features suite runs the built bot, as `npm start` does.
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // One browser, one bot process at a time.
    maxWorkers: 1,
  },
});
