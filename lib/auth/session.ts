/**
 * The signed-in state, held by the background only: which token to use, refreshing OAuth tokens
 * before they expire (and once on a 401), connecting and signing out. UIs see a
 * {@link SessionState}, which never contains a secret.
 */
import { AsanaError } from '../asana/errors';
import { createAsanaClient } from '../asana/client';
import type { User } from '../asana/schemas';
import { accountItem, oauthAppItem, type Account } from '../store';
import { exchangeCode, prepareAuthorization, readAuthorizationResponse, refreshAccessToken, revokeToken, type OAuthApp } from './oauth';
import { readSecrets, updateSecrets, type Secrets } from './vault';

/** What the UI may know about the connection. */
export interface SessionState {
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
  getRedirectURL: () => string;
  launchWebAuthFlow: (details: { url: string; interactive: boolean }) => Promise<string | undefined>;
}

/**
 * Refresh this long before Asana's expiry, so a request never starts with a dying token: five
 * minutes, or a tenth of the token's life when Asana issues short-lived ones.
 */
const refreshMargin = (lifetimeMs: number | undefined) => Math.min(5 * 60_000, (lifetimeMs ?? 3_600_000) / 10);

export type Session = ReturnType<typeof createSession>;

export function createSession(deps: SessionDeps) {
  let secretsCache: Secrets | null = null;
  let refreshing: Promise<boolean> | null = null;

  const secrets = async () => (secretsCache ??= await readSecrets());
  const saveSecrets = async (patch: Partial<Record<keyof Secrets, unknown>>) => {
    secretsCache = await updateSecrets(patch);
  };

  async function oauthApp(): Promise<OAuthApp | null> {
    const app = await oauthAppItem.getValue();
    const { clientSecret } = await secrets();
    if (!app?.clientId || !clientSecret) return null;
    return { clientId: app.clientId, clientSecret, redirectUri: deps.getRedirectURL() };
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
      try {
        const s = await secrets();
        const app = await oauthApp();
        if (!s.refreshToken || !app) return false;
        const tokens = await refreshAccessToken(app, s.refreshToken);
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
    const [account, app, s] = await Promise.all([accountItem.getValue(), oauthAppItem.getValue(), secrets()]);
    const connected = account !== null && Boolean(s.pat || s.accessToken);
    return {
      connected,
      method: connected ? account.method : null,
      user: connected ? account.user : null,
      workspaces: connected ? account.workspaces : [],
      oauth: { clientId: app?.clientId ?? null, hasClientSecret: Boolean(s.clientSecret), redirectUrl: deps.getRedirectURL() },
    };
  }

  async function remember(method: Account['method'], me: User): Promise<void> {
    await accountItem.setValue({
      method,
      user: { gid: me.gid, name: me.name, email: me.email },
      workspaces: me.workspaces.map((w) => ({ gid: w.gid, name: w.name ?? '' })),
      connectedAt: Date.now(),
    });
  }

  /** Checks a personal access token with `GET /users/me` and keeps it when Asana accepts it. */
  async function connectWithToken(token: string): Promise<SessionState> {
    const probe = createAsanaClient({ getToken: async () => token, maxGetAttempts: 2 });
    let me: User;
    try {
      me = await probe.getMe();
    } catch (error) {
      if (error instanceof AsanaError && error.code === 'unauthorized') {
        throw new AsanaError({
          code: 'unauthorized',
          message: `Asana refused this token${error.asanaMessage ? ` (“${error.asanaMessage}”)` : ''}. Copy the whole token again from Asana: profile photo → Settings → Apps → Developer apps (https://app.asana.com/0/my-apps), and paste it here.`,
        });
      }
      throw error;
    }
    await saveSecrets({ pat: token, accessToken: undefined, refreshToken: undefined, expiresAt: undefined, lifetimeMs: undefined });
    await remember('pat', me);
    return state();
  }

  /** Saves the user's Asana app (client id in storage, secret in the vault). */
  async function saveOAuthApp(clientId: string, clientSecret: string | undefined): Promise<SessionState> {
    await oauthAppItem.setValue({ clientId });
    if (clientSecret) await saveSecrets({ clientSecret });
    return state();
  }

  /** The whole OAuth flow: Asana's consent page, code exchange with PKCE, then `GET /users/me`. */
  async function connectWithOAuth(): Promise<SessionState> {
    const app = await oauthApp();
    if (!app) throw new AsanaError({ code: 'oauth', message: "Enter your Asana app's client ID and client secret first, then connect." });
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
            'The Asana sign-in window was closed before access was allowed. If Asana showed an error there, check that the redirect URL shown below is registered in your Asana app; otherwise connect again and choose Allow.'
          : `The Asana sign-in did not finish (${why}). Check that the redirect URL shown below is registered in your Asana app, then try again.`,
      });
    }
    if (!responseUrl) throw new AsanaError({ code: 'oauth', message: 'The Asana sign-in ended without an answer. Try connecting again.' });
    const code = readAuthorizationResponse(responseUrl, expectedState);
    const tokens = await exchangeCode(app, code, verifier);
    const probe = createAsanaClient({ getToken: async () => tokens.access_token, maxGetAttempts: 3 });
    const me = await probe.getMe();
    await saveSecrets({
      pat: undefined,
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
      expiresAt: Date.now() + tokens.expires_in * 1000,
      lifetimeMs: tokens.expires_in * 1000,
    });
    await remember('oauth', me);
    return state();
  }

  /** Forgets the token (revoking it with Asana for OAuth). The OAuth app settings stay for next time. */
  async function signOut(): Promise<SessionState> {
    const s = await secrets();
    const app = await oauthApp();
    if (s.refreshToken && app) await revokeToken(app, s.refreshToken).catch(() => undefined);
    await saveSecrets({ pat: undefined, accessToken: undefined, refreshToken: undefined, expiresAt: undefined, lifetimeMs: undefined });
    await accountItem.setValue(null);
    return state();
  }

  /** Re-reads the user's workspaces from Asana. */
  async function refreshAccount(me: User): Promise<SessionState> {
    const account = await accountItem.getValue();
    if (account) await remember(account.method, me);
    return state();
  }

  return { getToken, refresh, state, connectWithToken, saveOAuthApp, connectWithOAuth, signOut, refreshAccount };
}
