/**
 * fast-check for the unit tests, with a fixed seed: every run draws the same cases, so a failure
 * can be repeated and a mutation run scores the same twice. Set FC_SEED to another number to draw
 * other cases (a failure prints the seed and the path to replay it).
 */
import fc from 'fast-check';

fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20270314) });

export default fc;

/** Zones with every kind of oddity: DST either way, half and quarter hours, ±14 h, a skipped day. */
export const ZONES = [
  'UTC',
  'America/New_York', // DST at 02:00
  'America/Los_Angeles',
  'America/St_Johns', // -03:30, DST
  'America/Santiago', // DST at midnight: 00:00 skipped in September
  'America/Sao_Paulo', // until 2019: clocks back at midnight, to 23:00 of the day before
  'Europe/London',
  'Europe/Berlin',
  'Asia/Tehran', // +03:30
  'Asia/Kolkata', // +05:30
  'Asia/Kathmandu', // +05:45
  'Asia/Tokyo',
  'Australia/Lord_Howe', // DST of half an hour
  'Pacific/Chatham', // +12:45 / +13:45
  'Pacific/Kiritimati', // +14
  'Pacific/Pago_Pago', // -11
  'Pacific/Apia', // skipped 2011-12-30
] as const;

/** An instant between 1990 and 2040, on a whole second. */
export const instant = () => fc.integer({ min: Date.UTC(1990, 0, 1) / 1000, max: Date.UTC(2040, 0, 1) / 1000 }).map((s) => s * 1000);
