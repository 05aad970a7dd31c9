/**
 * The daily reminder follows the computer's time zone while the browser runs
 * (lib/background/reminders.ts `recheck`, on its half-hourly alarm and at a worker's start): the
 * alarm the background set, read back from the alarms API, as the zone changes under it. Each
 * zone is set for the process (process.env.TZ) and checked to be in force first.
 */
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { BackgroundContext } from '@/lib/background/context';
import { createReminders, REMINDER_ALARM, REMINDER_CHECK_ALARM } from '@/lib/background/reminders';
import { DEFAULT_REMINDERS } from '@/lib/reminders';
import { DEFAULT_SETTINGS } from '@/lib/storage/schemas';
import { userItems } from '@/lib/storage/items';
import { createStore } from '@/lib/storage/store';
import { memoryVault } from '@/lib/storage/vault';

const ME = { gid: '1209173527104185', name: 'Morgan' };
const saved = process.env.TZ;
afterAll(() => {
  if (saved === undefined) delete process.env.TZ;
  else process.env.TZ = saved;
});
function zone(name: string): void {
  process.env.TZ = name;
  expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(name);
}

/** Reminders of a signed-in person who chose the daily one at 16:30, Monday to Friday, 9:00–18:00. */
async function reminders(signedIn = true) {
  const store = createStore({ vault: memoryVault() });
  await store.set(userItems(ME.gid).settings, { ...DEFAULT_SETTINGS, reminders: { ...DEFAULT_REMINDERS, daily: true } });
  const ctx = { store, currentUser: async () => (signedIn ? ME : null) } as unknown as BackgroundContext;
  return createReminders(ctx);
}
const alarmAt = async (name = REMINDER_ALARM) => (await fakeBrowser.alarms.get(name))?.scheduledTime ?? null;
const ms = (iso: string) => Date.parse(iso);

describe('the daily reminder across time zones', () => {
  beforeEach(() => fakeBrowser.reset());

  it('comes at 16:30 in the zone the computer is in when it moves west: Berlin, then London', async () => {
    zone('Europe/Berlin');
    const r = await reminders();
    await r.schedule(ms('2027-01-04T09:00:00Z')); // Monday 10:00 in Berlin
    expect(await alarmAt()).toBe(ms('2027-01-04T15:30:00Z'));
    expect(await fakeBrowser.alarms.get(REMINDER_CHECK_ALARM)).toMatchObject({ periodInMinutes: 30 });
    zone('Europe/London');
    await r.recheck(ms('2027-01-04T13:00:00Z'));
    expect(await alarmAt()).toBe(ms('2027-01-04T16:30:00Z'));
  });

  it('comes earlier when it moves east before the time: Berlin, then Helsinki at 15:00 there', async () => {
    zone('Europe/Berlin');
    const r = await reminders();
    await r.schedule(ms('2027-01-04T09:00:00Z'));
    zone('Europe/Helsinki');
    await r.recheck(ms('2027-01-04T13:00:00Z'));
    expect(await alarmAt()).toBe(ms('2027-01-04T14:30:00Z'));
  });

  it('still comes today, late, when the move east has already passed 16:30: Berlin, then Helsinki at 17:00 there', async () => {
    zone('Europe/Berlin');
    const r = await reminders();
    await r.schedule(ms('2027-01-04T09:00:00Z'));
    zone('Europe/Helsinki');
    await r.recheck(ms('2027-01-04T15:00:00Z'));
    expect(await alarmAt()).toBe(ms('2027-01-04T15:30:00Z'));
  });

  it('stays where it is while no zone moves, and goes to the next day once its time is past', async () => {
    zone('Europe/Helsinki');
    const r = await reminders();
    await r.schedule(ms('2027-01-04T09:00:00Z'));
    await r.recheck(ms('2027-01-04T12:00:00Z'));
    expect(await alarmAt()).toBe(ms('2027-01-04T14:30:00Z')); // unchanged: no zone moved
    await r.recheck(ms('2027-01-04T14:30:01Z'));
    expect(await alarmAt()).toBe(ms('2027-01-05T14:30:00Z'));
  });

  it('sets neither alarm when signed out, and clears both', async () => {
    zone('Europe/Berlin');
    const on = await reminders();
    await on.schedule(ms('2027-01-04T09:00:00Z'));
    const off = await reminders(false);
    await off.recheck(ms('2027-01-04T10:00:00Z'));
    expect([await alarmAt(), await alarmAt(REMINDER_CHECK_ALARM)]).toEqual([null, null]);
  });
});
