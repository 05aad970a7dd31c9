/**
 * What the version before this one stored (one account per browser, no `u:` prefix), read once on
 * the first start of this version by the background (lib/storage/store.ts `adoptLegacy`), moved
 * to the connected user, and removed. Kept apart from items.ts so that no view bundle carries it.
 */
import * as v from 'valibot';
import type { ItemDef } from './items';
import { timerV1ToV2 } from './migrations';
import { checkItem } from './read';
import { OAuthAppSchema, RecentTaskSchema, SettingsSchema, TimerSchema, type OAuthApp, type RecentTask, type Settings, type TimerState } from './schemas';

function legacy<T>(raw: string, schema: v.GenericSchema<unknown, T>, fallback: T): ItemDef<T> {
  const def: ItemDef<T> = { key: `local:${raw}`, raw, schema, fallback, version: 1, guarded: false, shape: {}, check: (value) => checkItem(def, value) };
  return def;
}

export const legacyItems = {
  settings: legacy<Settings | null>('settings', v.nullable(SettingsSchema), null),
  // That version's timer had no notes (timer v1): it gets none, as the v2 migration gives.
  timer: legacy<TimerState | null>('timer', v.nullable(v.pipe(v.unknown(), v.transform(timerV1ToV2), TimerSchema)), null),
  recentTasks: legacy<RecentTask[]>('recentTasks', v.array(RecentTaskSchema), []),
  oauthApp: legacy<OAuthApp | null>('oauthApp', v.nullable(OAuthAppSchema), null),
  /** `task:<gid>`, `categories:<gid>`, `taskIndex`: the old caches, whose owner cannot be known. */
  isCacheKey: (raw: string) => /^(task:\d|categories:\d|taskIndex$)/.test(raw),
};
