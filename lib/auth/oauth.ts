/**
 * OAuth 2 authorization code grant with PKCE (S256) and `state`, against the user's own Asana app,
 * through browser.identity.launchWebAuthFlow. Asana's token endpoint requires the client secret
 * (FACTS.md §2), so the user enters it in the options page and it stays in the vault.
 */
import { t } from '../i18n';
import { ofetch } from 'ofetch';
import * as v from 'valibot';
import { AsanaError } from '../asana/errors';
import { TokenResponseSchema, type TokenResponse } from '../asana/schemas';
import { codeChallengeS256, createCodeVerifier, randomToken } from './pkce';

export const ASANA_ORIGIN = 'https://app.asana.com';
export const AUTHORIZE_URL = `${ASANA_ORIGIN}/-/oauth_authorize`;
export const TOKEN_URL = `${ASANA_ORIGIN}/-/oauth_token`;
export const REVOKE_URL = `${ASANA_ORIGIN}/-/oauth_revoke`;

export interface OAuthApp {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

const oauthError = (message: string) => new AsanaError({ code: 'oauth', message });

/** Builds the authorize URL and the values needed to finish the flow. */
export async function prepareAuthorization(app: Pick<OAuthApp, 'clientId' | 'redirectUri'>) {
  const verifier = createCodeVerifier();
  const state = randomToken(24);
  const url = new URL(AUTHORIZE_URL);
  url.search = new URLSearchParams({
    client_id: app.clientId,
    redirect_uri: app.redirectUri,
    response_type: 'code',
    state,
    code_challenge_method: 'S256',
    code_challenge: await codeChallengeS256(verifier),
    scope: 'default',
  }).toString();
  return { url: url.toString(), verifier, state };
}

/** Reads the redirect Asana sent us back to; checks `state`; returns the code. */
export function readAuthorizationResponse(responseUrl: string, expectedState: string): string {
  let url: URL;
  try {
    url = new URL(responseUrl);
  } catch {
    throw oauthError(t('oauthBadAddress'));
  }
  const params = url.searchParams.size > 0 ? url.searchParams : new URLSearchParams(url.hash.slice(1));
  if (params.get('state') !== expectedState) throw oauthError(t('oauthState'));
  const error = params.get('error');
  if (error === 'access_denied') throw oauthError(t('oauthDenied'));
  if (error) throw oauthError(t('oauthRefused', params.get('error_description') ?? error));
  const code = params.get('code');
  if (!code) throw oauthError(t('oauthNoCode'));
  return code;
}

async function postForm(url: string, form: Record<string, string>): Promise<unknown> {
  let res;
  try {
    res = await ofetch.raw<string, 'text'>(url, {
      method: 'POST',
      body: new URLSearchParams(form).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      retry: 1,
      retryStatusCodes: [502, 503, 504],
      timeout: 30_000,
      ignoreResponseError: true,
      responseType: 'text',
    });
  } catch (error) {
    throw new AsanaError({ code: 'network', message: t('oauthNetwork', error instanceof Error ? error.message : String(error)) });
  }
  let body: unknown = null;
  try {
    body = res._data ? JSON.parse(res._data) : null;
  } catch {
    body = null;
  }
  if (res.status >= 400) {
    const b = (body ?? {}) as { error?: string; error_description?: string };
    const detail = b.error_description ?? b.error ?? `HTTP ${res.status}`;
    // Asana's words (error_description), as Asana sent them; what to do in ours.
    const message = t(b.error === 'invalid_client' ? 'oauthTokenClient' : b.error === 'invalid_grant' ? 'oauthTokenGrant' : 'oauthToken', detail);
    throw new AsanaError({ code: res.status === 401 || b.error === 'invalid_grant' ? 'unauthorized' : 'oauth', status: res.status, message });
  }
  return body;
}

function parseTokens(body: unknown): TokenResponse {
  const parsed = v.safeParse(TokenResponseSchema, body);
  if (!parsed.success) throw new AsanaError({ code: 'malformed_response', message: t('oauthUnreadable') });
  return parsed.output;
}

/** Exchanges an authorization code (with its PKCE verifier) for tokens. */
export async function exchangeCode(app: OAuthApp, code: string, verifier: string): Promise<TokenResponse> {
  return parseTokens(
    await postForm(TOKEN_URL, {
      grant_type: 'authorization_code',
      client_id: app.clientId,
      client_secret: app.clientSecret,
      redirect_uri: app.redirectUri,
      code,
      code_verifier: verifier,
    }),
  );
}

/** A new access token from the refresh token. Asana may or may not send a new refresh token. */
export async function refreshAccessToken(app: OAuthApp, refreshToken: string): Promise<TokenResponse> {
  return parseTokens(
    await postForm(TOKEN_URL, {
      grant_type: 'refresh_token',
      client_id: app.clientId,
      client_secret: app.clientSecret,
      redirect_uri: app.redirectUri,
      refresh_token: refreshToken,
    }),
  );
}

/** Revokes the refresh token (and with it the access tokens). Best effort. */
export async function revokeToken(app: OAuthApp, refreshToken: string): Promise<void> {
  await postForm(REVOKE_URL, { client_id: app.clientId, client_secret: app.clientSecret, token: refreshToken });
}
