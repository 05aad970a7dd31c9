/**
 * `browser.i18n` for tests that run outside a browser (happy-dom, node): the shipped
 * `public/_locales/<lang>/messages.json` files, looked up the way Chromium and Firefox do it.
 * A key is found case-insensitively in the UI language's file, else in the default locale's
 * (English); named placeholders (`$NAME$`) take their `content`, then `$1`…`$9` take the
 * substitutions (a missing one is empty) and `$$` is a dollar sign; an unknown key is "".
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const LOCALES_DIR = path.resolve(import.meta.dirname, '../../public/_locales');
export const DEFAULT_LOCALE = 'en';

export interface MessageEntry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}
export type MessagesFile = Record<string, MessageEntry>;

/** Every shipped language's folder name. */
export const shippedLanguages = (): string[] => readdirSync(LOCALES_DIR).sort();

const cache = new Map<string, MessagesFile>();
/** One language's messages.json as shipped. */
export function messagesOf(language: string): MessagesFile {
  let file = cache.get(language);
  if (!file) {
    file = JSON.parse(readFileSync(path.join(LOCALES_DIR, language, 'messages.json'), 'utf8')) as MessagesFile;
    cache.set(language, file);
  }
  return file;
}

function find(file: MessagesFile, key: string): MessageEntry | undefined {
  const lower = key.toLowerCase();
  for (const [name, entry] of Object.entries(file)) if (name.toLowerCase() === lower) return entry;
  return undefined;
}

/** What `browser.i18n.getMessage(key, substitutions)` answers in a browser whose UI language is `uiLanguage`. */
export function getMessageAs(uiLanguage: string, key: string, substitutions?: string | string[]): string {
  const base = uiLanguage.replace('_', '-').split('-')[0]!;
  const entry = (shippedLanguages().includes(base) ? find(messagesOf(base), key) : undefined) ?? find(messagesOf(DEFAULT_LOCALE), key);
  if (!entry) return '';
  const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
  const named = entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => {
    const placeholder = Object.entries(entry.placeholders ?? {}).find(([n]) => n.toLowerCase() === name.toLowerCase());
    return placeholder ? placeholder[1].content : whole;
  });
  return named.replace(/\$(\$|[1-9])/g, (_, which: string) => (which === '$' ? '$' : (subs[Number(which) - 1] ?? '')));
}

/** A `browser.i18n` in `uiLanguage` (e.g. "en-US", "de", "ja"). */
export function browserI18n(uiLanguage: string) {
  return {
    getMessage: (key: string, substitutions?: string | string[]) => getMessageAs(uiLanguage, key, substitutions),
    getUILanguage: () => uiLanguage,
    getAcceptLanguages: async () => [uiLanguage],
    detectLanguage: async () => ({ isReliable: false, languages: [] }),
  };
}
