/**
 * The signed-in state, held by the background only: which token to use, refreshing OAuth tokens
 * before they expire (and once on a 401), connecting, a sign-in Asana refuses, and signing out.
 * The account (who is signed in) is a guarded item: its truth is in the vault with the token, so
 * nothing a content script writes to storage.local can change who the background acts as. UIs
 * see a {@link SessionState}, which never contains a secret.
 */
import { t } from '../i18n';
import { AsanaError } from '../asana/errors';
import type { AsanaClient } from '../asana/client';
import type { User } from '../asana/schemas';
import { accountItem } from '../storage/items';
import type { Account } from '../storage/schemas';
import type { Store } from '../storage/store';
import type { Secrets, Vault } from '../storage/vault';
import { exchangeCode, prepareAuthorization, readAuthorizationResponse, refreshAccessToken, revokeToken, type OAuthApp } from './oauth';

/** What the UI may know about the connection. */
export interface SessionState {
  /** `connected`: Asana accepts the sign-in; `refused`: it no longer does (reconnect); `signed-out`. */
  status: 'connected' | 'refused' | 'signed-out';
  /** True when connected (kept for older callers; `status` says more). */
  connected: boolean;
  method: 'pat' | 'oauth' | null;
  user: Account['user'] | null;
  workspaces: Account['workspaces'];
  oauth: {
    clientId: string | null;
    hasClientSecret: boolean;
    /** The redirect URL to register in the Asana app (browser.identity.getRedirectURL()). */
    redirectUrl: string;
  };
}

export interface SessionDeps {
  store: Store;
  vault: Vault;
  /** The one Asana client (its pools and 429 cool-down cover the sign-in checks too). */
  client: () => AsanaClient;
  getRedirectURL: () => string;
  launchWebAuthFlow: (details: { url: string; interactive: boolean }) => Promise<string | undefined>;
  /** Told when the account changes (connected, refused, signed out). */
  changed?: (state: Account | null) => void;
}

/**
 * Refresh this long before Asana's expiry, so a request never starts with a dying token: five
 * minutes, or a tenth of the token's life when Asana issues short-lived ones.
 */
const refreshMargin = (lifetimeMs: number | undefined) => Math.min(5 * 60_000, (lifetimeMs ?? 3_600_000) / 10);

const NO_TOKENS = { pat: undefined, accessToken: undefined, refreshToken: undefined, expiresAt: undefined, lifetimeMs: undefined } as const;

export type Session = ReturnType<typeof createSession>;

export function createSession(deps: SessionDeps) {
  const { store, vault } = deps;
  let secretsCache: Secrets | null = null;
  let refreshing: Promise<boolean> | null = null;
  /** Bumped by every sign-in and sign-out: a refresh begun before one must not store its tokens after it. */
  let generation = 0;

  const secrets = async () => (secretsCache ??= await vault.readSecrets());
  const saveSecrets = async (patch: Partial<Record<keyof Secrets, unknown>>) => {
    secretsCache = await vault.updateSecrets(patch);
  };

  async function oauthApp(): Promise<OAuthApp | null> {
    const { clientId, clientSecret } = await secrets();
    if (!clientId || !clientSecret) return null;
    return { clientId, clientSecret, redirectUri: deps.getRedirectURL() };
  }

  /** The account the background acts for, from the vault (null when signed out). */
  const account = (): Promise<Account | null> => store.get(accountItem);

  async function setAccount(next: Account | null): Promise<void> {
    await store.set(accountItem, next);
    deps.changed?.(next);
  }

  /** The token for the next request: the PAT, or a fresh OAuth access token. */
  async function getToken(): Promise<string | null> {
    const s = await secrets();
    if (s.pat) return s.pat;
    if (!s.accessToken) return null;
    if (s.refreshToken && s.expiresAt !== undefined && s.expiresAt - refreshMargin(s.lifetimeMs) < Date.now()) {
      await refresh();
      return (await secrets()).accessToken ?? null;
    }
    return s.accessToken;
  }

  /** Refreshes the OAuth access token; single-flight. Resolves false when there is nothing to refresh or Asana refused. */
  function refresh(): Promise<boolean> {
    refreshing ??= (async () => {
      const started = generation;
      try {
        const s = await secrets();
        const app = await oauthApp();
        if (!s.refreshToken || !app) return false;
        const tokens = await refreshAccessToken(app, s.refreshToken);
        // Signed out (or signed in anew) while Asana answered: these tokens are nobody's now, so
        // they are given back to Asana rather than kept.
        if (generation !== started) {
          if (tokens.refresh_token) await revokeToken(app, tokens.refresh_token).catch(() => undefined);
          return false;
        }
        await saveSecrets({
          accessToken: tokens.access_token,
          refreshToken: tokens.refresh_token ?? s.refreshToken,
          expiresAt: Date.now() + tokens.expires_in * 1000,
          lifetimeMs: tokens.expires_in * 1000,
        });
        return true;
      } catch {
        return false;
      } finally {
        refreshing = null;
      }
    })();
    return refreshing;
  }

  async function state(): Promise<SessionState> {
    const [acct, s] = await Promise.all([account(), secrets()]);
    const signedIn = acct !== null && Boolean(s.pat || s.accessToken);
    const status = !signedIn ? 'signed-out' : acct.status;
    return {
      status,
      connected: status === 'connected',
      method: signedIn ? acct.method : null,
      user: signedIn ? acct.user : null,
      workspaces: signedIn ? acct.workspaces : [],
      oauth: { clientId: s.clientId ?? null, hasClientSecret: Boolean(s.clientSecret), redirectUrl: deps.getRedirectURL() },
    };
  }

  const accountFrom = (method: Account['method'], me: User): Account => ({
    method,
    user: { gid: me.gid, name: me.name, email: me.email },
    workspaces: me.workspaces.map((w) => ({ gid: w.gid, name: w.name ?? '' })),
    connectedAt: Date.now(),
    status: 'connected',
  });

  /** Checks a personal access token with `GET /users/me` and keeps it when Asana accepts it. */
  async function connectWithToken(token: string): Promise<SessionState> {
    let me: User;
    try {
      me = await deps.client().getMe(token);
    } catch (error) {
      if (error instanceof AsanaError && error.code === 'unauthorized') {
        throw new AsanaError({
          code: 'unauthorized',
          message: error.asanaMessage ? t('tokenRefusedSaid', error.asanaMessage) : t('tokenRefused'),
        });
      }
      throw error;
    }
    generation++;
    await saveSecrets({ ...NO_TOKENS, pat: token });
    await setAccount(accountFrom('pat', me));
    return state();
  }

  /** Saves the user's Asana app (client id and secret, in the vault). */
  async function saveOAuthApp(clientId: string, clientSecret: string | undefined): Promise<SessionState> {
    await saveSecrets(clientSecret ? { clientId, clientSecret } : { clientId });
    return state();
  }

  /** The whole OAuth flow: Asana's consent page, code exchange with PKCE, then `GET /users/me`. */
  async function connectWithOAuth(): Promise<SessionState> {
    const app = await oauthApp();
    if (!app) throw new AsanaError({ code: 'oauth', message: t('oauthAppFirst') });
    const { url, verifier, state: expectedState } = await prepareAuthorization(app);
    let responseUrl: string | undefined;
    try {
      responseUrl = await deps.launchWebAuthFlow({ url, interactive: true });
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      const closed = /did not approve|closed|cancel/i.test(why);
      throw new AsanaError({
        code: 'oauth',
        message: closed
          ? // Firefox leaves the window open on Asana's error page (e.g. an unregistered redirect URL) until it is closed.
            t('oauthClosed')
          : t('oauthNotFinished', why),
      });
    }
    if (!responseUrl) throw new AsanaError({ code: 'oauth', message: t('oauthNoAnswer') });
    const code = readAuthorizationResponse(responseUrl, expectedState);
    const tokens = await exchangeCode(app, code, verifier);
    const me = await deps.client().getMe(tokens.access_token);
    generation++;
    await saveSecrets({
      ...NO_TOKENS,
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
      expiresAt: Date.now() + tokens.expires_in * 1000,
      lifetimeMs: tokens.expires_in * 1000,
    });
    await setAccount(accountFrom('oauth', me));
    return state();
  }

  /**
   * Forgets the token (revoking it with Asana for OAuth). A refresh still under way is waited for
   * and its tokens thrown away, so that no token comes back after sign-out. The OAuth app stays.
   */
  async function signOut(): Promise<SessionState> {
    generation++;
    if (refreshing) await refreshing;
    const s = await secrets();
    const app = await oauthApp();
    await saveSecrets(NO_TOKENS);
    await setAccount(null);
    if (s.refreshToken && app) await revokeToken(app, s.refreshToken).catch(() => undefined);
    return state();
  }

  /**
   * Forgets what this session holds in memory, after the vault was emptied ("Remove all data"):
   * the OAuth app's client id and secret go with the tokens, and a refresh begun before keeps
   * none of its tokens. Call after {@link signOut}, which revokes the OAuth grant with Asana.
   */
  function forget(): void {
    generation++;
    secretsCache = null;
  }

  /** Asana answered 401 and no refresh cured it: the saved sign-in is no longer accepted. */
  async function markRefused(): Promise<void> {
    const acct = await account();
    if (acct && acct.status !== 'refused') await setAccount({ ...acct, status: 'refused' });
  }

  /** Re-reads the user's workspaces from Asana. */
  async function refreshAccount(me: User): Promise<SessionState> {
    const acct = await account();
    if (acct && acct.user.gid === me.gid) await setAccount({ ...accountFrom(acct.method, me), connectedAt: acct.connectedAt });
    return state();
  }

  /** The OAuth client id the version before this one kept in storage.local, moved into the vault. */
  async function adoptOAuthClientId(clientId: string): Promise<void> {
    if (!(await secrets()).clientId) await saveSecrets({ clientId });
  }

  return { getToken, refresh, state, account, connectWithToken, saveOAuthApp, connectWithOAuth, signOut, forget, markRefused, refreshAccount, adoptOAuthClientId };
}
