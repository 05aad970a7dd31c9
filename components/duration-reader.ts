/**
 * Who reads what is typed in the duration box. On Asana's page the background does (the parser,
 * its unit words in three languages and its start–end reading stay out of the content script,
 * which every Asana page carries: issue 20); the extension's own pages read it themselves, at once.
 * Both give the same answer: lib/duration.ts `readDuration`.
 */
import { createContext } from 'preact';
import type { DurationReading } from '@/lib/duration';
import { send } from '@/lib/messaging/client';

/** Reads `text` as a duration logged on `date` (a range across the night the clocks change counts what passed). */
export type DurationReader = (text: string, date: string) => Promise<DurationReading>;

export const askBackground: DurationReader = (text, date) => send('duration.read', { text, date });

export const DurationReaderContext = createContext<DurationReader>(askBackground);
