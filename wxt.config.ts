import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// See https://wxt.dev/api/config.html
export default defineConfig({
  // Parallel work on one machine can build into its own folder (the e2e harness reads EXTENSION_DIR).
  outDir: process.env.WXT_OUT_DIR ?? '.output',
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  // Only what is used: storage (settings, caches, outbox), alarms (outbox retries, timer badge),
  // identity (OAuth sign-in), and host access to Asana alone. The Gecko keys go to Firefox only:
  // Chrome warns about keys it does not know.
  manifest: ({ browser }) => ({
    name: 'Asana Time Log',
    description: "Log working time in Asana's own time tracking, right on the task page.",
    permissions: ['storage', 'alarms', 'identity'],
    host_permissions: ['https://app.asana.com/*'],
    commands: {
      _execute_action: {
        suggested_key: { default: 'Alt+Shift+L' },
        description: 'Open the time log popup',
      },
      'toggle-timer': {
        suggested_key: { default: 'Alt+Shift+S' },
        description: 'Start or stop the timer on the Asana task in the current tab',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'asana-time-log@example.org',
              strict_min_version: '128.0',
              // What leaves the browser, and only ever to app.asana.com: the Asana token
              // (authenticationInfo) and the time entries the user logs there (websiteContent).
              // Nothing goes to us or to anyone else. See tests/e2e/README-lint.md.
              data_collection_permissions: { required: ['authenticationInfo', 'websiteContent'] },
            },
          },
        }
      : {}),
  }),
});
