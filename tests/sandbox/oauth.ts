/**
 * OAuth 2 authorization-code grant with PKCE, as FACTS.md §2 describes Asana's:
 * - GET  /-/oauth_authorize  consent page (Allow / Deny) for the signed-in (demo) user; an unknown
 *   client_id or unregistered redirect_uri gets a plain error page, other errors are redirected.
 * - POST /-/oauth_authorize  the consent form → 302 to redirect_uri with code+state or error+state.
 * - POST /-/oauth_token      form-encoded; authorization_code and refresh_token grants.
 * - POST /-/oauth_revoke     revokes a refresh token and every access token issued from it.
 * The client secret is required by default (Asana documents it as required; whether a public
 * PKCE client works without it is unverified) — `oauth.requireSecret: false` relaxes that.
 */
import { createHash, randomBytes } from 'node:crypto';
import { escapeHtml } from './resources.ts';
import type { World } from './world.ts';

export interface OAuthOptions {
  /** Lifetime of access tokens in seconds (default 3600). */
  expiresIn?: number;
  /** Require client_secret on the token and revoke endpoints (default true). */
  requireSecret?: boolean;
  /** Lifetime of authorization codes in ms (default 10 minutes). */
  codeTtlMs?: number;
}

export interface PlainResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const OOB = 'urn:ietf:wg:oauth:2.0:oob';
const KNOWN_SCOPES = new Set([
  'default', 'openid', 'email', 'profile', 'attachments:read', 'attachments:write', 'attachments:delete',
  'custom_fields:read', 'custom_fields:write', 'goals:read', 'jobs:read', 'portfolios:read', 'portfolios:write',
  'projects:read', 'projects:write', 'projects:delete', 'project_sections:read', 'stories:read', 'stories:write',
  'tags:read', 'tags:write', 'tasks:read', 'tasks:write', 'tasks:delete', 'teams:read', 'users:read',
  'workspaces:read', 'workspaces.typeahead:read', 'time_tracking_categories:read', 'time_tracking_categories:write',
  'time_tracking_categories:delete', 'time_tracking_entries:read', 'timesheet_approval_statuses:read',
  'timesheet_approval_statuses:write', 'webhooks:read', 'webhooks:write', 'webhooks:delete',
]);

const json = (status: number, body: unknown): PlainResponse => ({
  status, headers: { 'content-type': 'application/json; charset=UTF-8', 'cache-control': 'no-store' }, body: JSON.stringify(body),
});
const oauthError = (status: number, error: string, description: string) => json(status, { error, error_description: description });
const redirect = (location: string): PlainResponse => ({ status: 302, headers: { location, 'cache-control': 'no-store' }, body: '' });
const html = (status: number, body: string): PlainResponse => ({
  status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }, body,
});

/** The redirect URI with parameters added (keeping any query it already had). */
function withParams(uri: string, params: Record<string, string>): string {
  const url = new URL(uri);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
}

export const pkceChallenge = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

export class OAuthServer {
  constructor(private readonly world: World, private readonly options: OAuthOptions = {}) {}

  private get expiresIn(): number {
    return this.options.expiresIn ?? 3600;
  }

  private errorPage(message: string): PlainResponse {
    return html(400, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Error - Asana</title></head>
<body><h1>Error</h1><p class="OAuthError">${escapeHtml(message)}</p></body></html>`);
  }

  /**
   * Shared checks of the authorize request. Returns either the validated parameters or the
   * response to send (an error page, or an error redirect once the redirect URI is trusted).
   */
  private validate(p: URLSearchParams): { ok: true; redirectUri: string; state: string } | { ok: false; response: PlainResponse } {
    const app = this.world.oauthApp;
    const clientId = p.get('client_id') ?? '';
    const redirectUri = p.get('redirect_uri') ?? '';
    if (clientId !== app.clientId) return { ok: false, response: this.errorPage(`Unknown client_id: ${clientId || '(missing)'}. The application is not registered.`) };
    if (!app.redirectUris.includes(redirectUri)) {
      return { ok: false, response: this.errorPage(`The redirect_uri ${redirectUri || '(missing)'} does not match any redirect URL registered for ${app.name}.`) };
    }
    const state = p.get('state') ?? '';
    const fail = (error: string, description: string) =>
      ({ ok: false as const, response: redirect(withParams(redirectUri, { error, error_description: description, state })) });
    const responseType = p.get('response_type') ?? '';
    if (responseType === 'token') return fail('unsupported_response_type', 'The token response type is deprecated.');
    if (responseType !== 'code') return fail('unsupported_response_type', `Unsupported response_type: ${responseType || '(missing)'}.`);
    if (!state) return fail('invalid_request', 'state: Missing input');
    const challenge = p.get('code_challenge');
    const method = p.get('code_challenge_method');
    if (challenge && method !== 'S256') return fail('invalid_request', 'code_challenge_method must be S256.');
    if (!challenge && method) return fail('invalid_request', 'code_challenge: Missing input');
    const scopes = (p.get('scope') ?? '').split(/\s+/).filter(Boolean);
    const unknown = scopes.find((s) => !KNOWN_SCOPES.has(s));
    if (unknown) return fail('invalid_scope', `Unknown scope: ${unknown}`);
    return { ok: true, redirectUri, state };
  }

  /** GET /-/oauth_authorize: the consent page. */
  authorizePage(query: URLSearchParams): PlainResponse {
    const v = this.validate(query);
    if (!v.ok) return v.response;
    const user = this.world.demoUser();
    const app = this.world.oauthApp;
    const hidden = ['client_id', 'redirect_uri', 'response_type', 'state', 'code_challenge', 'code_challenge_method', 'scope']
      .map((k) => `<input type="hidden" name="${k}" value="${escapeHtml(query.get(k) ?? '')}">`).join('\n      ');
    const scope = query.get('scope') || 'default';
    return html(200, `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Authorize ${escapeHtml(app.name)} - Asana</title>
<style>
  body { font-family: system-ui, sans-serif; background: #f6f8f9; color: #1e1f21; display: flex; justify-content: center; padding-top: 10vh; }
  .OAuthConsent { background: #fff; border: 1px solid #e0e0e0; border-radius: 8px; padding: 32px; max-width: 420px; }
  button { font-size: 16px; padding: 8px 20px; border-radius: 6px; border: 1px solid #c0c0c0; cursor: pointer; margin-right: 8px; }
  #allow { background: #4573d2; color: #fff; border-color: #4573d2; }
</style></head>
<body>
  <main class="OAuthConsent">
    <h1><span class="OAuthConsent-app">${escapeHtml(app.name)}</span> would like to access your Asana account</h1>
    <p class="OAuthConsent-user">Signed in as <strong>${escapeHtml(user.name)}</strong> (${escapeHtml(user.email)})</p>
    <p class="OAuthConsent-scope">Requested access: <code>${escapeHtml(scope)}</code></p>
    <form method="post" action="/-/oauth_authorize">
      ${hidden}
      <button type="submit" id="allow" name="decision" value="allow">Allow</button>
      <button type="submit" id="deny" name="decision" value="deny">Deny</button>
    </form>
  </main>
</body></html>`);
  }

  /** POST /-/oauth_authorize: the user's decision. */
  decide(form: URLSearchParams): PlainResponse {
    const v = this.validate(form);
    if (!v.ok) return v.response;
    if (form.get('decision') !== 'allow') return redirect(withParams(v.redirectUri, { error: 'access_denied', state: v.state }));
    const code = randomBytes(24).toString('base64url');
    this.world.oauth.codes.set(code, {
      code, clientId: this.world.oauthApp.clientId, redirectUri: v.redirectUri, user: this.world.demoUser().gid,
      codeChallenge: form.get('code_challenge') || null, scope: form.get('scope') || 'default',
      expiresAt: Date.now() + (this.options.codeTtlMs ?? 10 * 60_000), used: false,
    });
    if (v.redirectUri === OOB) {
      return html(200, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Authorization code - Asana</title></head>
<body><p>Copy this code into the application:</p><code id="oauth-code">${escapeHtml(code)}</code></body></html>`);
    }
    return redirect(withParams(v.redirectUri, { code, state: v.state }));
  }

  /** Client authentication shared by the token and revoke endpoints. */
  private checkClient(p: URLSearchParams): PlainResponse | null {
    const app = this.world.oauthApp;
    if (!p.get('client_id')) return oauthError(401, 'invalid_client', 'client_id: Missing input');
    if (p.get('client_id') !== app.clientId) return oauthError(401, 'invalid_client', 'The client_id is not a registered application.');
    const secret = p.get('client_secret');
    if (!secret && this.options.requireSecret !== false) return oauthError(401, 'invalid_client', 'client_secret: Missing input');
    if (secret && secret !== app.clientSecret) return oauthError(401, 'invalid_client', 'The client_secret is incorrect.');
    return null;
  }

  private issueAccessToken(user: string, refreshToken: string): { token: string; expiresIn: number } {
    const token = `${randomBytes(30).toString('base64url')}`;
    this.world.tokens.set(token, {
      token, user, kind: 'oauth', expiresAt: Date.now() + this.expiresIn * 1000, refreshToken, revoked: false,
    });
    return { token, expiresIn: this.expiresIn };
  }

  private userData(gid: string) {
    const u = this.world.users.get(gid);
    return { id: Number(gid), gid, name: u?.name ?? '', email: u?.email ?? '' };
  }

  /** POST /-/oauth_token */
  token(p: URLSearchParams): PlainResponse {
    const grantType = p.get('grant_type');
    if (grantType !== 'authorization_code' && grantType !== 'refresh_token') {
      return oauthError(400, 'unsupported_grant_type', `Unsupported grant_type: ${grantType ?? '(missing)'}.`);
    }
    const clientError = this.checkClient(p);
    if (clientError) return clientError;

    if (grantType === 'refresh_token') {
      const rt = p.get('refresh_token');
      if (!rt) return oauthError(400, 'invalid_request', 'refresh_token: Missing input');
      const grant = this.world.oauth.grants.get(rt);
      if (!grant || grant.revoked || grant.clientId !== this.world.oauthApp.clientId) {
        return oauthError(400, 'invalid_grant', 'The refresh token is invalid or has been revoked.');
      }
      const access = this.issueAccessToken(grant.user, rt);
      // Asana's docs imply no new refresh token on refresh: clients keep the one they have.
      return json(200, { access_token: access.token, expires_in: access.expiresIn, token_type: 'bearer', data: this.userData(grant.user) });
    }

    const codeValue = p.get('code');
    if (!codeValue) return oauthError(400, 'invalid_request', 'code: Missing input');
    const code = this.world.oauth.codes.get(codeValue);
    if (!code || code.used) return oauthError(400, 'invalid_grant', 'The authorization code is invalid or has already been used.');
    if (Date.now() >= code.expiresAt) return oauthError(400, 'invalid_grant', 'The authorization code has expired.');
    if ((p.get('redirect_uri') ?? '') !== code.redirectUri) {
      return oauthError(400, 'invalid_grant', 'The redirect_uri does not match the one used in the authorization request.');
    }
    if (code.codeChallenge) {
      const verifier = p.get('code_verifier');
      if (!verifier) return oauthError(400, 'invalid_grant', 'code_verifier: Missing input');
      if (pkceChallenge(verifier) !== code.codeChallenge) {
        return oauthError(400, 'invalid_grant', 'The code_verifier does not match the code_challenge.');
      }
    }
    code.used = true;
    const refreshToken = `2/${code.user}/${randomBytes(8).readBigUInt64BE() % 10n ** 16n}:${randomBytes(16).toString('hex')}`;
    this.world.oauth.grants.set(refreshToken, { refreshToken, clientId: code.clientId, user: code.user, scope: code.scope, revoked: false });
    const access = this.issueAccessToken(code.user, refreshToken);
    return json(200, {
      access_token: access.token, expires_in: access.expiresIn, token_type: 'bearer', refresh_token: refreshToken,
      data: this.userData(code.user),
    });
  }

  /** POST /-/oauth_revoke */
  revoke(p: URLSearchParams): PlainResponse {
    const clientError = this.checkClient(p);
    if (clientError) return clientError;
    const token = p.get('token');
    if (!token) return oauthError(400, 'invalid_request', 'token: Missing input');
    const asAccess = this.world.tokens.get(token);
    if (asAccess) return oauthError(400, 'unsupported_token_type', 'Only refresh tokens can be revoked; bearer tokens are not accepted.');
    const grant = this.world.oauth.grants.get(token);
    if (grant) {
      grant.revoked = true;
      for (const t of this.world.tokens.values()) if (t.refreshToken === token) t.revoked = true;
    }
    return { status: 200, headers: { 'cache-control': 'no-store' }, body: '' };
  }
}
