import os from 'node:os';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';

/**
 * Test files run two at a time on a 2-core machine (vitest's default, one less than the cores, would
 * run them one by one): many wait on child processes, servers and timers. Each worker has its own
 * PGlite and its own PostgreSQL database (test/helpers/global-setup.ts).
 */
const WORKERS = Math.min(4, Math.max(2, os.availableParallelism()));

/**
 * Three projects: `unit` (pure modules and widget components in happy-dom/jsdom), `server` (the real
 * app and real databases in-process; one shared PGlite per worker, hence no per-file isolation) and
 * `browser` (real Chromium through playwright-core, one file at a time).
 */
export default defineConfig({
  test: {
    maxWorkers: WORKERS,
    globalSetup: ['test/helpers/global-setup.ts'],
    projects: [
      {
        plugins: [preact()],
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          globals: true,
        },
      },
      {
        test: {
          name: 'server',
          include: ['test/server/**/*.test.ts'],
          environment: 'node',
          globals: true,
          pool: 'forks',
          isolate: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globals: true,
          pool: 'forks',
          fileParallelism: false,
          // After the other projects, alone: a browser's timing is not shared with server tests' load.
          sequence: { groupOrder: 1 },
          // A real browser on a loaded 2-core CI machine: one retry, never more; a test that fails twice fails.
          retry: process.env.CI ? 1 : 0,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
