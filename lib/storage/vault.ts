/**
 * The vault: the extension origin's IndexedDB. Content scripts share storage.local with us but run
 * in the web page's origin, so they cannot open this database (in Chrome and Firefox alike, and
 * Firefox has no way to close storage.local to them). It holds what only the background may know
 * or decide on: the secrets (tokens, the OAuth client secret) and the true copy of every guarded
 * item (the account, the outbox, each user's timer and settings; see lib/storage/items.ts).
 * storage.session would hide them too, but it is emptied when the browser restarts.
 */

import { t as message } from '../i18n';

/** Tokens and the OAuth app's secret. Never leaves the background. */
export interface Secrets {
  /** Personal access token, when connected with one. */
  pat?: string;
  /** OAuth tokens, when connected through OAuth. */
  accessToken?: string;
  refreshToken?: string;
  /** ms since epoch when the access token expires. */
  expiresAt?: number;
  /** How long Asana said the access token lives (expires_in), in ms. */
  lifetimeMs?: number;
  /** The user's own Asana app (Asana's token endpoint requires the secret). */
  clientId?: string;
  clientSecret?: string;
}

/** A guarded item's true value, with the item version it was written at. */
export interface VaultRecord {
  v: number;
  value: unknown;
}

export interface Vault {
  readSecrets(): Promise<Secrets>;
  /** Merges into the stored secrets; `undefined` removes a field. */
  updateSecrets(patch: Partial<Record<keyof Secrets, unknown>>): Promise<Secrets>;
  /** The records under these names (absent ones are missing from the answer). */
  readRecords(names: string[]): Promise<Record<string, VaultRecord>>;
  /** Writes (or, for `undefined`, deletes) several records in ONE transaction: all or nothing. */
  writeRecords(writes: Record<string, VaultRecord | undefined>): Promise<void>;
  /** Names of every record, for clean-ups (a signed-out user's data). */
  recordNames(): Promise<string[]>;
  /** Forgets everything (the privacy policy's "remove all data"). */
  clear(): Promise<void>;
}

const DB_NAME = 'asana-time-log-vault';
const SECRETS = 'secrets';
const RECORDS = 'records';

/** The vault in this extension's IndexedDB. */
export function indexedDbVault(factory: IDBFactory = indexedDB): Vault {
  let dbPromise: Promise<IDBDatabase> | null = null;

  function open(): Promise<IDBDatabase> {
    dbPromise ??= new Promise<IDBDatabase>((resolve, reject) => {
      // v1: secrets only; v2 adds the guarded records.
      const req = factory.open(DB_NAME, 2);
      req.onupgradeneeded = () => {
        const db = req.result;
        if (!db.objectStoreNames.contains(SECRETS)) db.createObjectStore(SECRETS);
        if (!db.objectStoreNames.contains(RECORDS)) db.createObjectStore(RECORDS);
      };
      req.onsuccess = () => {
        const db = req.result;
        db.onclose = () => (dbPromise = null);
        db.onversionchange = () => db.close();
        resolve(db);
      };
      req.onerror = () => {
        dbPromise = null;
        reject(req.error ?? new Error(message('vaultOpen')));
      };
    });
    return dbPromise;
  }

  async function tx<T>(stores: string[], mode: IDBTransactionMode, run: (t: IDBTransaction) => IDBRequest<T> | void): Promise<T | undefined> {
    const db = await open();
    return new Promise<T | undefined>((resolve, reject) => {
      const t = db.transaction(stores, mode);
      const req = run(t);
      t.oncomplete = () => resolve(req ? req.result : undefined);
      t.onerror = () => reject(t.error ?? (req ? req.error : null));
      t.onabort = () => reject(t.error ?? new Error(message('vaultAborted')));
    });
  }

  const readSecrets = async (): Promise<Secrets> => {
    const value = await tx<Secrets | undefined>([SECRETS], 'readonly', (t) => t.objectStore(SECRETS).get('secrets') as IDBRequest<Secrets | undefined>);
    return value && typeof value === 'object' ? value : {};
  };

  return {
    readSecrets,
    async updateSecrets(patch) {
      const next: Record<string, unknown> = { ...(await readSecrets()) };
      for (const [k, val] of Object.entries(patch)) {
        if (val === undefined) delete next[k];
        else next[k] = val;
      }
      await tx([SECRETS], 'readwrite', (t) => void t.objectStore(SECRETS).put(next, 'secrets'));
      return next as Secrets;
    },
    async readRecords(names) {
      const out: Record<string, VaultRecord> = {};
      await tx([RECORDS], 'readonly', (t) => {
        const store = t.objectStore(RECORDS);
        for (const name of names) {
          const req = store.get(name);
          req.onsuccess = () => {
            if (req.result !== undefined) out[name] = req.result as VaultRecord;
          };
        }
      });
      return out;
    },
    async writeRecords(writes) {
      await tx([RECORDS], 'readwrite', (t) => {
        const store = t.objectStore(RECORDS);
        for (const [name, record] of Object.entries(writes)) {
          if (record === undefined) store.delete(name);
          else store.put(record, name);
        }
      });
    },
    async recordNames() {
      const keys = await tx<IDBValidKey[]>([RECORDS], 'readonly', (t) => t.objectStore(RECORDS).getAllKeys());
      return (keys ?? []).map(String);
    },
    async clear() {
      await tx([SECRETS, RECORDS], 'readwrite', (t) => {
        t.objectStore(SECRETS).clear();
        t.objectStore(RECORDS).clear();
      });
    },
  };
}

/** A vault in memory, for tests of the logic above storage (structured-cloned like IndexedDB). */
export function memoryVault(): Vault & { records: Map<string, VaultRecord>; secrets: Secrets } {
  const records = new Map<string, VaultRecord>();
  let secrets: Secrets = {};
  return {
    records,
    get secrets() {
      return secrets;
    },
    async readSecrets() {
      return structuredClone(secrets);
    },
    async updateSecrets(patch) {
      const next: Record<string, unknown> = { ...secrets };
      for (const [k, val] of Object.entries(patch)) {
        if (val === undefined) delete next[k];
        else next[k] = val;
      }
      secrets = structuredClone(next) as Secrets;
      return structuredClone(secrets);
    },
    async readRecords(names) {
      const out: Record<string, VaultRecord> = {};
      for (const n of names) {
        const r = records.get(n);
        if (r) out[n] = structuredClone(r);
      }
      return out;
    },
    async writeRecords(writes) {
      for (const [n, r] of Object.entries(writes)) {
        if (r === undefined) records.delete(n);
        else records.set(n, structuredClone(r));
      }
    },
    async recordNames() {
      return [...records.keys()];
    },
    async clear() {
      records.clear();
      secrets = {};
    },
  };
}
