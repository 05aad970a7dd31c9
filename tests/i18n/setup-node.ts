/**
 * Vitest setup for node tests that load lib/ code holding messages (errors, the outbox): a
 * `browser.i18n` in English from the shipped messages (see browser-i18n.ts), on `chrome`, where
 * lib/i18n.ts looks when there is no `browser`.
 */
import { browserI18n } from './browser-i18n';

const g = globalThis as { chrome?: { i18n?: unknown } };
g.chrome = { ...g.chrome, i18n: browserI18n('en-US') };
