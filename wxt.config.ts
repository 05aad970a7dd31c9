import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// See https://wxt.dev/api/config.html
export default defineConfig({
  // Parallel work on one machine can build into its own folder (the e2e harness reads EXTENSION_DIR).
  outDir: process.env.WXT_OUT_DIR ?? '.output',
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  manifest: {
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
    browser_specific_settings: {
      gecko: { id: 'asana-time-log@example.org', strict_min_version: '128.0' },
    },
  },
});
