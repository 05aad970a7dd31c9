/**
 * The background's store: the one place that reads and writes what lib/storage/items.ts defines.
 * Items are WXT storage items (`storage.defineItem`, with their versions and migrations); every
 * read is validated; guarded items are read from and written to the vault first, and their copy
 * in storage.local is written for views and put back if anything else changes it.
 *
 *   const store = createStore({ vault: indexedDbVault() });
 *   const timer = await store.get(userItems(me).timer);
 *   await store.commit([[outboxItem, next], [userItems(me).timer, null]]);   // atomic for guarded items
 */
import { t } from '../i18n';
import { browser } from 'wxt/browser';
import { storage, type WxtStorageItem } from 'wxt/utils/storage';
import { accountItem, isCacheKey, isOwnKey, isUserKey, outboxItem, recoveryItem, userItems, userOfKey, type ItemDef } from './items';
import { legacyItems } from './legacy';
import { migrationsFor } from './migrations';
import { checkItem, checkOutbox } from './read';
import type { Recovered } from './schemas';
import type { Vault, VaultRecord } from './vault';

/** How many kept-aside records the recovery list holds (the newest). */
const MAX_RECOVERED = 50;
/** How many of our own recent writes per key to recognise when storage tells us of them late. */
const OWN_WRITES_REMEMBERED = 64;

/** FNV-1a over a string's UTF-16 units, with its length: enough to know our own writes again. */
function hashOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0) * 0x100000 + (text.length % 0x100000);
}

export interface StoreDeps {
  vault: Vault;
  now?: () => number;
  /** Told of every record kept aside (for the console; the list itself is `recoveryItem`). */
  onRecovered?: (record: Recovered) => void;
  /** Told of every change to our keys that did not come from us, and was undone. */
  onUndone?: (raw: string) => void;
}

export type Store = ReturnType<typeof createStore>;
/** One write of a commit: the item and its new value (null removes it). */
export type Write = readonly [ItemDef<any>, unknown];

const local = () => browser.storage.local;
/**
 * A copy of an item's fallback. Values read are changed in place before they are saved (the
 * outbox does), so the fallback object itself must never be handed out or kept as a truth:
 * changed once, it would be what the next "empty" item starts from (it was: an op written after
 * a removal came back in the next removal's fresh outbox).
 */
const freshFallback = <T>(def: ItemDef<T>): T => structuredClone(def.fallback);
const metaKey = (raw: string) => `${raw}$`;
/**
 * A value as canonical JSON (object keys sorted): storage hands values back with their keys in
 * another order than they were written (Chrome sorts them), so plain JSON would not compare.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}
const json = canonicalJson;

export function createStore(deps: StoreDeps) {
  const now = deps.now ?? Date.now;
  const wxtItems = new Map<string, WxtStorageItem<unknown, Record<string, unknown>>>();
  /** The true value of each guarded item read or written during this worker's life. */
  const truth = new Map<string, unknown>();
  /**
   * Our own recent writes per key (hashes of their JSON, and the last one whole): storage.onChanged
   * may report a write after several newer ones, and a busy outbox is written many times a second.
   */
  const ownWrites = new Map<string, { hashes: number[]; last: string }>();
  const isOwn = (raw: string, seen: string) => ownWrites.get(raw)?.hashes.includes(hashOf(seen)) === true;
  /** Guarded definitions by storage key, for the tamper watch. */
  const guardedDefs = new Map<string, ItemDef<unknown>>();

  /** The WXT item for a definition (created once; WXT runs its migrations then). */
  function wxtItem<T>(def: ItemDef<T>): WxtStorageItem<T, Record<string, unknown>> {
    let found = wxtItems.get(def.key);
    if (!found) {
      found = storage.defineItem<unknown>(def.key, { fallback: def.fallback, version: def.version, migrations: migrationsFor(def.raw) }) as WxtStorageItem<unknown, Record<string, unknown>>;
      wxtItems.set(def.key, found);
    }
    if (def.guarded) guardedDefs.set(def.raw, def as ItemDef<unknown>);
    return found as unknown as WxtStorageItem<T, Record<string, unknown>>;
  }

  function rememberOwn(raw: string, value: unknown) {
    const last = json(value);
    const hashes = [...(ownWrites.get(raw)?.hashes ?? []), hashOf(last)].slice(-OWN_WRITES_REMEMBERED);
    ownWrites.set(raw, { hashes, last });
  }

  /** storage.local writes, remembered so the tamper watch knows them for ours. */
  async function setLocal(values: Record<string, unknown>): Promise<void> {
    for (const [k, val] of Object.entries(values)) rememberOwn(k, val);
    await local().set(values);
  }
  async function removeLocal(keys: string[]): Promise<void> {
    for (const k of keys) rememberOwn(k, null);
    await local().remove(keys);
  }

  async function keepAside(records: Recovered[]): Promise<void> {
    if (records.length === 0) return;
    const existing = checkItem(recoveryItem, (await local().get(recoveryItem.raw))[recoveryItem.raw]).value;
    const next = [...existing, ...records].slice(-MAX_RECOVERED);
    await setLocal({ [recoveryItem.raw]: next });
    for (const r of records) deps.onRecovered?.(r);
  }

  /** Validates what was read; anything unreadable goes to the recovery list. */
  async function checked<T>(def: ItemDef<T>, raw: unknown): Promise<T> {
    if (def.raw === outboxItem.raw) {
      const { state, rejected } = checkOutbox(raw);
      await keepAside(rejected.map((r) => ({ key: def.raw, value: r.value, reason: t('keptAsideOp', r.reason), at: now() })));
      return (state === def.fallback ? freshFallback(def) : state) as T;
    }
    const result = checkItem(def, raw);
    if (!result.ok) await keepAside([{ key: def.raw, value: raw, reason: t('keptAsideData', result.reason), at: now() }]);
    return result.value === def.fallback ? freshFallback(def) : result.value;
  }

  /** A guarded item's true value: this worker's memory, else the vault, else (first run) adopted from storage.local. */
  async function readGuarded<T>(def: ItemDef<T>): Promise<T> {
    if (truth.has(def.raw)) return truth.get(def.raw) as T;
    const { [def.raw]: record } = await deps.vault.readRecords([def.raw]);
    let value: T;
    if (record) {
      value = await checked(def, await migrateRecord(def, record));
    } else {
      // First start with a vault: what the previous version kept in storage.local is adopted once.
      value = await checked(def, await wxtItem(def).getValue());
      await deps.vault.writeRecords({ [def.raw]: { v: def.version, value } });
    }
    truth.set(def.raw, value);
    return value;
  }

  /** Runs the item's migrations on a vault record written by an older version. */
  async function migrateRecord<T>(def: ItemDef<T>, record: VaultRecord): Promise<unknown> {
    let value = record.value;
    for (let version = record.v + 1; version <= def.version; version++) value = (await migrationsFor(def.raw)?.[version]?.(value)) ?? value;
    return value;
  }

  /** The item's value, validated (its fallback when absent or unreadable). */
  async function get<T>(def: ItemDef<T>): Promise<T> {
    wxtItem(def);
    if (def.guarded) return readGuarded(def);
    return checked(def, await wxtItem(def).getValue());
  }

  /**
   * Writes several items: the guarded ones to the vault in ONE transaction (so e.g. clearing the
   * timer and queueing its entry happen together or not at all), then every copy to storage.local
   * in one `set`. A null value removes the item.
   */
  async function commit(all: readonly Write[]): Promise<void> {
    const writes = await onlySignedInCaches(all);
    const records: Record<string, VaultRecord | undefined> = {};
    const plain: Record<string, unknown> = {};
    const copies: Record<string, unknown> = {};
    const removes: string[] = [];
    for (const [def, value] of writes) {
      wxtItem(def);
      if (def.guarded) records[def.raw] = value === null ? undefined : { v: def.version, value };
      if (value === null) {
        removes.push(def.raw);
        continue;
      }
      const target = def.guarded ? copies : plain;
      target[def.raw] = value;
      // WXT reads the version from `<key>$`; without it a v2 value would be "migrated" again.
      if (def.version > 1) target[metaKey(def.raw)] = { v: def.version };
    }
    // The vault's truth first (one transaction), then what views read, caches and copies in ONE
    // storage.local write: views hear them as one change. (Caches first showed an entry Asana had
    // just accepted twice for a moment, from its task's cache and from the outbox that still held
    // it.) A worker stopped between the two puts the copies back from the vault when it starts
    // again (`syncCopies`); a cache it missed is read again from Asana, whose total then differs.
    // Removals come last, as before.
    if (Object.keys(records).length) {
      await deps.vault.writeRecords(records);
      for (const [def, value] of writes) if (def.guarded) truth.set(def.raw, value === null ? freshFallback(def) : value);
    }
    const views = { ...plain, ...copies };
    if (Object.keys(views).length) await setLocal(views);
    if (removes.length) await removeLocal(removes);
  }

  /**
   * At start: every guarded copy in storage.local is made the vault's truth again (a worker
   * stopped between the two writes of a commit left the copy behind). A copy without a record is
   * left to `readGuarded` (the first start with a vault adopts it).
   */
  async function syncCopies(): Promise<void> {
    const stored = await local().get(null);
    const defs = Object.keys(stored).map((raw) => guardedDefs.get(raw) ?? guardedDefFor(raw)).filter((d): d is ItemDef<unknown> => d !== null);
    const records = await deps.vault.readRecords(defs.map((d) => d.raw));
    const put: Record<string, unknown> = {};
    for (const def of defs) {
      if (!records[def.raw]) continue;
      const value = await readGuarded(def);
      if (json(value) !== json(stored[def.raw])) put[def.raw] = value;
    }
    if (Object.keys(put).length) await setLocal(put);
  }

  const set = <T>(def: ItemDef<T>, value: T | null) => commit([[def, value]]);

  /**
   * A user's caches of Asana data are written only while that user is the one signed in. A read
   * still on the wire when the person signs out, switches account or removes all data answers
   * later; what it would have cached is dropped, so it cannot put their data back in the browser.
   */
  async function onlySignedInCaches(writes: readonly Write[]): Promise<readonly Write[]> {
    if (!writes.some(([def]) => isCacheKey(def.raw))) return writes;
    const signedIn = (await readGuarded(accountItem))?.user.gid ?? null;
    return writes.filter(([def]) => !isCacheKey(def.raw) || userOfKey(def.raw) === signedIn);
  }

  /**
   * Everything of one user in storage.local and the vault, except what `keep` says to keep (by
   * storage key). For signing out: their caches go, their waiting writes may stay.
   */
  async function removeUserData(userGid: string, keep: (raw: string) => boolean = () => false): Promise<void> {
    const keys = Object.keys(await local().get(null)).filter((k) => isUserKey(k.replace(/\$$/, ''), userGid) && !keep(k.replace(/\$$/, '')));
    const names = (await deps.vault.recordNames()).filter((n) => isUserKey(n, userGid) && !keep(n));
    if (names.length) await deps.vault.writeRecords(Object.fromEntries(names.map((n) => [n, undefined])));
    for (const n of names) truth.delete(n);
    if (keys.length) await removeLocal(keys);
  }

  /**
   * Everything this extension keeps in the browser, gone: every storage.local key (ours, WXT's
   * version records, anything older versions left) and every record and secret in the vault (the
   * privacy policy's "Remove all data from this browser"). Afterwards the store is as on a new
   * install's first start: the shared guarded items (the account, the outbox) are recorded at
   * their fallbacks, in memory and in the vault, so that nothing a content script writes to
   * storage.local later is ever adopted as their truth. storage.local goes first: a worker
   * stopped half-way leaves the vault's truth, and the removal can simply be asked again.
   */
  async function removeAll(): Promise<void> {
    const keys = Object.keys(await local().get(null));
    if (keys.length) await removeLocal(keys);
    await deps.vault.clear();
    truth.clear();
    const fresh = [accountItem, outboxItem] as ItemDef<unknown>[];
    await deps.vault.writeRecords(Object.fromEntries(fresh.map((def) => [def.raw, { v: def.version, value: freshFallback(def) }])));
    for (const def of fresh) truth.set(def.raw, freshFallback(def));
  }

  /**
   * Undoes a change to one of our keys that the background did not make (a content script can
   * write storage.local): a guarded item's copy is put back from the vault; any other item is put
   * back to what we last wrote, or removed (a cache is then fetched again). This is what makes
   * storage.local read-only in effect for views.
   */
  async function onStorageChanged(changes: Record<string, { newValue?: unknown }>, area: string): Promise<void> {
    if (area !== 'local') return;
    for (const [raw, change] of Object.entries(changes)) {
      // WXT's own version records (`key$`, also written by its migrations) are left to WXT.
      if (raw.endsWith('$') || !isOwnKey(raw)) continue;
      const seen = json(change.newValue);
      if (isOwn(raw, seen)) continue;
      const def = guardedDefs.get(raw) ?? guardedDefFor(raw);
      if (def) {
        // The truth as it is when put back (a commit may have moved it while the vault was read).
        const read = await readGuarded(def);
        const value = truth.has(raw) ? truth.get(raw) : read;
        if (json(value) === seen) continue;
        if (value === null || value === undefined || json(value) === json(def.fallback)) await removeLocal([raw]);
        else await setLocal({ [raw]: value });
      } else {
        const last = ownWrites.get(raw)?.last;
        if (last !== undefined && last !== 'null') await setLocal({ [raw]: JSON.parse(last) });
        else await removeLocal([raw]);
      }
      // Said in the console, not in a view: a change undone is no change, and views show none.
      deps.onUndone?.(raw);
    }
  }

  /**
   * The guarded definition a key stands for (`account`, `outbox`, and every guarded per-user item:
   * `u:<gid>:timer`, `u:<gid>:settings`, `u:<gid>:idle`), for a worker that has not used it yet.
   */
  function guardedDefFor(raw: string): ItemDef<unknown> | null {
    if (raw === accountItem.raw) return accountItem as ItemDef<unknown>;
    if (raw === outboxItem.raw) return outboxItem as ItemDef<unknown>;
    const user = userOfKey(raw);
    if (!user) return null;
    const defs = Object.values(userItems(user)).filter((d) => typeof d === 'object') as Array<ItemDef<unknown>>;
    return defs.find((d) => d.raw === raw && d.guarded) ?? null;
  }

  /**
   * The first start after the update from one account per browser: the old global settings, timer
   * and recent tasks become the connected user's; the old caches (whose owner cannot be known) are
   * dropped. Returns the OAuth client id the old version kept in storage.local, for the vault.
   */
  async function adoptLegacy(userGid: string | null): Promise<{ oauthClientId: string | null }> {
    const all = await local().get(null);
    const legacyKeys = [legacyItems.settings.raw, legacyItems.timer.raw, legacyItems.recentTasks.raw, legacyItems.oauthApp.raw];
    const stale = Object.keys(all).filter((k) => legacyKeys.includes(k) || legacyItems.isCacheKey(k) || legacyKeys.map(metaKey).includes(k));
    if (stale.length === 0) return { oauthClientId: null };
    const oauthApp = await checked(legacyItems.oauthApp, all[legacyItems.oauthApp.raw]);
    if (userGid) {
      const mine = userItems(userGid);
      const writes: Write[] = [];
      const settings = await checked(legacyItems.settings, all[legacyItems.settings.raw]);
      const timer = await checked(legacyItems.timer, all[legacyItems.timer.raw]);
      const recent = await checked(legacyItems.recentTasks, all[legacyItems.recentTasks.raw]);
      if (settings) writes.push([mine.settings, settings]);
      if (timer) writes.push([mine.timer, timer]);
      if (recent.length) writes.push([mine.recentTasks, recent]);
      await commit(writes);
    }
    await local().remove(stale);
    return { oauthClientId: oauthApp?.clientId ?? null };
  }

  /** Every user with a running timer in the vault (signed in or not), for "Remove all data"'s question. */
  async function usersWithTimer(): Promise<string[]> {
    const users = (await deps.vault.recordNames()).map((n) => /^u:(\d{1,20}):timer$/.exec(n)?.[1]).filter((u): u is string => Boolean(u));
    const running: string[] = [];
    for (const user of users) if (await get(userItems(user).timer)) running.push(user);
    return running;
  }

  return { get, set, commit, syncCopies, removeUserData, removeAll, usersWithTimer, onStorageChanged, adoptLegacy, wxtItem };
}
