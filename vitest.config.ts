import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import preact from '@preact/preset-vite';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

// Four projects: unit (happy-dom + WXT's fake browser), node (sandbox and contract tests over real
// HTTP), e2e (the built extension in real Chromium) and e2e-firefox (the Firefox build in Firefox). The summary reporter ends every run with
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
          // A person's patience rather than vitest's 1 s: on a busy 2-core machine one render (or
          // loading the widget's entry list into the page) can take longer than a second.
          expect: { poll: { timeout: 5_000 } },
          testTimeout: 90_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        // The Firefox suite: the Firefox MV3 build in firefox-esr (puppeteer-core over WebDriver
        // BiDi), written against the shared driver (tests/e2e/driver.ts), so E2E_BROWSER=chromium
        // runs the same files in Chromium. A group of its own (groupOrder 1: after unit and node;
        // vitest runs the sequential Chromium e2e files last): never two browsers at once, which on
        // a small machine only makes both slower and flakier.
        resolve: { alias: { '@/': root } },
        test: {
          name: 'e2e-firefox',
          environment: 'node',
          include: ['tests/e2e-firefox/**/*.test.ts'],
          globalSetup: ['./tests/support/global-firefox.ts'],
          env: { E2E_BROWSER: process.env.E2E_BROWSER ?? 'firefox' },
          // A person's patience rather than vitest's 1 s: Firefox over BiDi answers each read in a few ms
          // but a busy 2-core machine can make one render take longer than a second.
          expect: { poll: { timeout: 5_000 } },
          testTimeout: 90_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
