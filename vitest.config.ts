import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import preact from '@preact/preset-vite';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

// Three projects: unit (happy-dom + WXT's fake browser), node (sandbox and contract tests over real
// HTTP), and e2e (the built extension in real Chromium). The summary reporter ends every run with
// the plain line `N passed, N failed` that CI reads.
export default defineConfig({
  test: {
    reporters: ['default', './tests/support/summary-reporter.ts'],
    projects: [
      {
        plugins: [WxtVitest(), preact()],
        test: {
          name: 'unit',
          environment: 'happy-dom',
          include: ['tests/unit/**/*.test.{ts,tsx}'],
          // browser.i18n from the shipped messages (WXT's fake browser has none).
          setupFiles: ['./tests/i18n/setup.ts'],
        },
      },
      {
        resolve: { alias: { '@/': root } },
        test: {
          name: 'node',
          environment: 'node',
          include: ['tests/sandbox/**/*.test.ts', 'tests/contract/**/*.test.ts', 'tests/integration/**/*.test.ts'],
          setupFiles: ['./tests/i18n/setup-node.ts'],
          testTimeout: 30_000,
        },
      },
      {
        // The whole background in node: WXT's fake browser for the extension APIs, a memory vault,
        // and the sandbox over real HTTP (no browser needed).
        plugins: [WxtVitest()],
        test: {
          name: 'background',
          environment: 'node',
          include: ['tests/background/**/*.test.ts'],
          setupFiles: ['./tests/i18n/setup.ts'],
          testTimeout: 30_000,
        },
      },
      {
        resolve: { alias: { '@/': root } },
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['./tests/support/global-browsers.ts'],
          testTimeout: 90_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
