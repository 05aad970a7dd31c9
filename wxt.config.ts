import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import type { Plugin } from 'vite';

/**
 * The content script ships on every Asana page, under a 20 KB gzip budget, and needs only
 * runtime.sendMessage and storage, which Chrome MV3 and Firefox expose natively with promises.
 * So in that one bundle `browser` is the native object (WXT's own default), not
 * webextension-polyfill, which saves ~3 KB gzip; the background and the extension pages keep
 * the polyfill.
 */
function nativeBrowserInContentScript(): Plugin {
  let contentScriptBuild = false;
  return {
    name: 'native-browser-in-content-script',
    enforce: 'pre',
    options(options) {
      contentScriptBuild = /entrypoints[\\/]asana(-more)?\.ts/.test(JSON.stringify(options.input ?? ''));
      return null;
    },
    resolveId(id) {
      return contentScriptBuild && id === 'webextension-polyfill' ? '\0native-browser' : null;
    },
    load(id) {
      return id === '\0native-browser' ? 'export default globalThis.browser?.runtime?.id ? globalThis.browser : globalThis.chrome;' : null;
    },
  };
}

/**
 * JSX as `h(type, props, ...children)` (Preact's classic runtime) instead of the automatic
 * `jsx(type, {...props, children})`: every element's call is shorter, ~200 B gzip of the
 * content script. The automatic runtime's import is injected by the compiler; for the classic
 * one we put `h` and `Fragment` in scope of every .tsx file ourselves (under names no file uses).
 */
function classicJsx(): Plugin {
  return {
    name: 'classic-jsx',
    enforce: 'pre',
    config: () => ({ oxc: { jsx: { runtime: 'classic', pragma: '__h', pragmaFrag: '__Fragment' } } }),
    transform(code, id) {
      return /\.tsx$/.test(id.split('?')[0]!) ? { code: `import { h as __h, Fragment as __Fragment } from 'preact';${code}`, map: null } : null;
    },
  };
}

// See https://wxt.dev/api/config.html
/**
 * The oldest browsers we build for. Chrome 123 is the first with CSS light-dark() (so the CSS
 * needs no fallback variables); Firefox 140, the current ESR, the first to read
 * data_collection_permissions.
 */
const MINIMUM_CHROME = 123;
const MINIMUM_FIREFOX = 140;

export default defineConfig({
  // Parallel work on one machine can build into its own folder (the e2e harness reads EXTENSION_DIR).
  outDir: process.env.WXT_OUT_DIR ?? '.output',
  modules: ['@wxt-dev/webextension-polyfill'],
  hooks: {
    // WXT takes the toolbar button's tooltip from the popup's <title>; it is the extension's name, in the browser's language.
    'build:manifestGenerated': (_wxt, manifest) => {
      if (manifest.action) manifest.action.default_title = '__MSG_extName__';
    },
  },
  // CSS for the browsers we support (MINIMUM_CHROME, Firefox's strict_min_version): no fallbacks
  // for older ones, which cost every Asana page bytes (lightningcss's light-dark() variables).
  vite: () => ({
    plugins: [nativeBrowserInContentScript(), preact(), classicJsx()],
    build: { cssTarget: [`chrome${MINIMUM_CHROME}`, `firefox${MINIMUM_FIREFOX}`], ...(process.env.WXT_SOURCEMAP ? { sourcemap: true } : {}) },
  }),
  // Only what is used: storage (settings, caches, outbox), alarms (outbox retries, timer badge,
  // reminders), identity (OAuth sign-in), idle (a running timer's idle time, issue 18.1), and host
  // access to Asana alone; notifications (reminders) is optional, asked for when one is turned on. The Gecko keys go to Firefox only:
  // Chrome warns about keys it does not know.
  manifest: ({ browser }) => ({
    // Every word in the browser's UI language: public/_locales/<lang>/messages.json (lib/i18n.ts).
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'alarms', 'identity', 'scripting', 'idle'],
    optional_permissions: ['notifications'],
    host_permissions: ['https://app.asana.com/*'],
    // The widget (entrypoints/asana.ts, built as /asana.js): declared here, not through WXT's
    // defineContentScript (see that file for why).
    content_scripts: [{ matches: ['https://app.asana.com/*'], js: ['asana.js'], run_at: 'document_idle' }],
    commands: {
      _execute_action: {
        suggested_key: { default: 'Alt+Shift+L' },
        description: '__MSG_cmdPopup__',
      },
      'toggle-timer': {
        suggested_key: { default: 'Alt+Shift+S' },
        description: '__MSG_cmdTimer__',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'asana-time-log@example.org',
              strict_min_version: `${MINIMUM_FIREFOX}.0`,
              // What leaves the browser, and only ever to app.asana.com: the Asana token
              // (authenticationInfo), which task pages are opened (browsingActivity: their ids, to
              // fetch their time) and the entries logged and searches typed (websiteContent).
              // Nothing goes to us or to anyone else. PRIVACY.md (Firefox) says so, and its test
              // checks the two agree.
              data_collection_permissions: { required: ['authenticationInfo', 'browsingActivity', 'websiteContent'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : { minimum_chrome_version: String(MINIMUM_CHROME) }),
  }),
});
