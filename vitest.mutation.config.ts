import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import preact from '@preact/preset-vite';

// The unit project alone, for Stryker (stryker.config.mjs), which picks the tests that import each
// mutated file from these. Stryker runs them in worker threads, where process.env.TZ cannot change
// the zone: the file that switches zones is left out (dates.test.ts covers the same code with
// explicit zones, and the browser-zone defaults against the zone stryker.config.mjs sets).
export default defineConfig({
  plugins: [WxtVitest(), preact()],
  test: {
    environment: 'happy-dom',
    include: ['tests/unit/**/*.test.{ts,tsx}'],
    exclude: ['tests/unit/dates-local-zone.test.ts'],
    // browser.i18n from the shipped messages, as in the unit project (messages are read through it).
    setupFiles: ['./tests/i18n/setup.ts'],
  },
});
