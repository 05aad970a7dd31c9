/**
 * Every word the extension shows, in the browser's UI language: the messages in
 * `public/_locales/<lang>/messages.json`, read through `browser.i18n` (synchronous, in the
 * background, the extension pages and the content script alike; the browser picks the file
 * for its UI language and falls back to English, the manifest's `default_locale`).
 *
 * Plurals follow the CLDR rules of the messages' own language (`Intl.PluralRules`): a plural
 * message is a family of keys, `<key>_one`, `<key>_other` (and whatever categories a language
 * has: Japanese has only `_other`). Durations and dates are put together here too, so the
 * figures read as the words around them do.
 */
import type en from '../public/_locales/en/messages.json';
import { addDays, formatDay, today } from './dates';

/** Every message's key (English is complete by definition; tests check the others are). */
export type MessageKey = keyof typeof en;
/** The keys of plural families: `entries` for `entries_one` + `entries_other`. */
export type PluralKey = MessageKey extends infer K ? (K extends `${infer Base}_other` ? Base : never) : never;
export type Sub = string | number;

type I18nApi = { getMessage(key: string, substitutions?: string[]): string; getUILanguage(): string };
/**
 * The browser's i18n: Firefox's `browser`, Chrome's `chrome` (the global, not the polyfill, so
 * that lib/ code holding messages loads in node tests too; they install one, tests/i18n/).
 */
const i18n = (): I18nApi => ((globalThis as { browser?: { i18n?: I18nApi } }).browser?.i18n ?? (globalThis as unknown as { chrome: { i18n: I18nApi } }).chrome.i18n);

/**
 * A value put into a sentence, kept from reordering the sentence around it (issue 13): text with
 * right-to-left letters or bidi controls (a task name holding U+202E turned "starting here stops
 * it." backwards) goes between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE, which ends any
 * embedding or override it opened; one more POP for each isolate the text opens itself, which our
 * POP would otherwise close instead of ours (a split in n + 1 parts: n + 1 POPs). Other text is left as it is: in our left-to-right
 * languages an isolate around it would look the same.
 */
export const isolate = (text: string): string =>
  /[\u0590-\u08ff\ufb1d-\ufefc\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(text) ? `\u2068${text}${'\u2069'.repeat(text.split(/[\u2066-\u2068]/).length)}` : text;

/** The message `key` with `$1`, `$2`… replaced by `subs` (text, never markup; each isolated). */
export const t = (key: MessageKey, ...subs: Sub[]): string => i18n().getMessage(key, subs.map((s) => isolate(String(s))));

/** The language the messages are in ("en", "de", "ja"): the file the browser chose. */
export const lang = (): string => t('lang');

/**
 * The locale for dates and numbers: the browser's UI locale when it is in the messages'
 * language ("de-AT" keeps Austrian dates), else the messages' language, so that a date never
 * reads in a language the words around it are not in.
 */
export function locale(): string {
  const ui = i18n().getUILanguage();
  return ui.split('-')[0] === lang() ? ui : lang();
}

/**
 * The plural message for `n` ("1 entry", "2 entries"); `$1` is `n`, then `subs`. The form is the
 * one the messages' language has for `n` (tests check every language has all of its forms).
 */
export const plural = (key: PluralKey, n: number, ...subs: Sub[]): string => t(`${key}_${new Intl.PluralRules(lang()).select(n)}` as MessageKey, n, ...subs);

/** Minutes for people: "1 h 30 min", "1 Std. 30 Min.", "1時間30分". */
export function duration(minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  const h = Math.floor(m / 60);
  return h === 0 ? t('durM', m % 60) : m % 60 === 0 ? t('durH', h) : t('durHM', h, m % 60);
}

/** "today", "yesterday" or null: how `date` is named relative to `now`. */
const relative = (date: string, now: Date): 'today' | 'yesterday' | null => {
  const d = today(now);
  return date === d ? 'today' : date === addDays(d, -1) ? 'yesterday' : null;
};

/** "Today", "Yesterday", or the day in the user's locale ("Tuesday, 3 Mar 2026"). */
export function dayLabel(date: string, now: Date = new Date()): string {
  const named = relative(date, now);
  return named ? t(named) : formatDay(date, locale(), 'long');
}

let hoursFormat: Intl.NumberFormat | undefined;
/** Minutes as decimal hours, two places, in the user's locale: "1.50 h", "1,50 Std.". */
export const decimalHours = (minutes: number): string =>
  t('decimalH', (hoursFormat ??= new Intl.NumberFormat(locale(), { minimumFractionDigits: 2, maximumFractionDigits: 2 })).format(minutes / 60));

/** An extension page in the messages' language: its `lang` (hyphenation, screen readers) and its title. */
export function localizePage(title: MessageKey): void {
  document.documentElement.lang = lang();
  document.title = t(title);
}

/**
 * A duration on a day, for naming an entry: "45 min on Today", "45 Min. heute", "今日の45分".
 * (A day label cannot just be put after a preposition: German says "heute" but "am Dienstag".)
 */
export function durationOn(minutes: number, date: string, now: Date = new Date()): string {
  const named = relative(date, now);
  return named ? t(named === 'today' ? 'durOnToday' : 'durOnYesterday', duration(minutes)) : t('durOnDay', duration(minutes), formatDay(date, locale(), 'long'));
}

/** A `YYYY-MM-DD` date in the user's locale ("Tue, 3 Mar"). */
export const day = (date: string, style: 'short' | 'long' = 'short'): string => formatDay(date, locale(), style);
