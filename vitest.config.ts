import { defineConfig } from 'vitest/config';

export default defineConfig({
  define: { __LEPTON_VERSION__: JSON.stringify('0.0.0-test') },
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Most tests wait on child processes (the CLI, git, sh): more workers than cores keep both cores busy.
    maxWorkers: 4,
  },
});
