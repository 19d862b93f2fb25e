import { defineConfig } from 'vitest/config';

/** Tests that kill, stop or copy a running server: run on their own by `npm run test:crash`, where nothing competes with them. */
export const PROCESS_TESTS = ['test/reliability/crash.test.ts', 'test/reliability/shutdown.test.ts', 'test/reliability/backup-restore.test.ts'];

export default defineConfig({
  test: {
    include: process.env.VIGIL_PROCESS_TESTS ? PROCESS_TESTS : ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: process.env.VIGIL_PROCESS_TESTS ? [] : [...PROCESS_TESTS, '**/node_modules/**'],
    environment: 'node',
    // Tests that start a server run the built bundle, as `npm start` does.
    globalSetup: ['test/support/build-server.ts'],
    pool: 'forks',
    fileParallelism: !process.env.VIGIL_PROCESS_TESTS,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
