/**
 * Who is signed in, as views read it: the account, its user, that user's items and settings.
 * One hook for the popup and the options page's tabs, so every view scopes by the same user.
 */
import { useMemo } from 'preact/hooks';
import { accountItem, userItems, type UserItems } from '@/lib/storage/items';
import { DEFAULT_SETTINGS, type Account, type Owner, type Settings } from '@/lib/storage/schemas';
import { useItem } from './hooks';

export interface SignedIn {
  /** False until the account (and the user's settings) have been read. */
  loaded: boolean;
  account: Account | null;
  /** The signed-in user (also while Asana refuses the sign-in: their data is still theirs). */
  me: Owner | null;
  /** This user's items; null when signed out. */
  mine: UserItems | null;
  settings: Settings;
}

export function useSignedIn(): SignedIn {
  const account = useItem(accountItem);
  const gid = account.value?.user.gid ?? null;
  const mine = useMemo(() => (gid ? userItems(gid) : null), [gid]);
  const settings = useItem(mine ? mine.settings : null);
  const me = account.value ? { gid: account.value.user.gid, name: account.value.user.name } : null;
  return { loaded: account.loaded && settings.loaded, account: account.value, me, mine, settings: settings.value ?? DEFAULT_SETTINGS };
}
