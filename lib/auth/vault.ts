/**
 * Where secrets live: the extension origin's IndexedDB. Content scripts share storage.local with
 * us but run in the web page's origin, so they cannot open this database; storage.session would
 * be hidden too, but it is emptied when the browser restarts and people would have to sign in
 * again every morning. Only the background opens the vault.
 */

const DB_NAME = 'asana-time-log-vault';
const STORE = 'secrets';

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
  /** The user's own Asana app's client secret (Asana's token endpoint requires it). */
  clientSecret?: string;
}

let dbPromise: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  dbPromise ??= new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => {
      const db = req.result;
      db.onclose = () => (dbPromise = null);
      resolve(db);
    };
    req.onerror = () => {
      dbPromise = null;
      reject(req.error ?? new Error('Could not open the extension database.'));
    };
  });
  return dbPromise;
}

async function tx<T>(mode: IDBTransactionMode, run: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  return new Promise<T>((resolve, reject) => {
    const t = db.transaction(STORE, mode);
    const req = run(t.objectStore(STORE));
    t.oncomplete = () => resolve(req.result);
    t.onerror = () => reject(t.error ?? req.error);
    t.onabort = () => reject(t.error ?? new Error('Vault transaction aborted.'));
  });
}

/** Reads all secrets (an empty object when none are stored). */
export async function readSecrets(): Promise<Secrets> {
  const value = await tx('readonly', (s) => s.get('secrets') as IDBRequest<Secrets | undefined>);
  return value && typeof value === 'object' ? value : {};
}

/** Replaces all secrets. */
export async function writeSecrets(secrets: Secrets): Promise<void> {
  await tx('readwrite', (s) => s.put(secrets, 'secrets'));
}

/** Merges into the stored secrets; `undefined` values remove a field. */
export async function updateSecrets(patch: Partial<Record<keyof Secrets, unknown>>): Promise<Secrets> {
  const next: Record<string, unknown> = { ...(await readSecrets()) };
  for (const [k, val] of Object.entries(patch)) {
    if (val === undefined) delete next[k];
    else next[k] = val;
  }
  await writeSecrets(next as Secrets);
  return next as Secrets;
}
