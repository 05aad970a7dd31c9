import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { api, TODAY } from './helpers.ts';
import { pkceChallenge, startSandbox, type Sandbox } from './index.ts';

const REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ today: TODAY, oauth: { expiresIn: 3600 } });
});
afterAll(() => sb.close());
beforeEach(() => {
  sb.reset();
  sb.world.oauthApp.redirectUris.push(REDIRECT);
});

const app = () => sb.world.oauthApp;

function authorizeUrl(params: Record<string, string> = {}): string {
  const p = new URLSearchParams({
    client_id: app().clientId, redirect_uri: REDIRECT, response_type: 'code', state: 'st-123', scope: 'default', ...params,
  });
  return `${sb.url}/-/oauth_authorize?${p}`;
}

/** Submits the consent form like a browser would (the page's hidden fields + the clicked button). */
async function consent(pageUrl: string, decision: 'allow' | 'deny'): Promise<Response> {
  const page = await fetch(pageUrl);
  const html = await page.text();
  const fields = new URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields.append(m[1]!, m[2]!.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>'));
  }
  fields.append('decision', decision);
  return fetch(`${sb.url}/-/oauth_authorize`, {
    method: 'POST', body: fields, headers: { 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual',
  });
}

async function tokenRequest(params: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  const r = await fetch(`${sb.url}/-/oauth_token`, { method: 'POST', body: new URLSearchParams(params) });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
}

async function codeFor(verifier: string | null): Promise<string> {
  const extra: Record<string, string> = verifier ? { code_challenge: pkceChallenge(verifier), code_challenge_method: 'S256' } : {};
  const r = await consent(authorizeUrl(extra), 'allow');
  expect(r.status).toBe(302);
  const location = new URL(r.headers.get('location')!);
  expect(location.origin + location.pathname).toBe(REDIRECT);
  expect(location.searchParams.get('state')).toBe('st-123');
  return location.searchParams.get('code')!;
}

const exchange = (code: string, verifier: string | null, overrides: Record<string, string> = {}) => tokenRequest({
  grant_type: 'authorization_code', client_id: app().clientId, client_secret: app().clientSecret, redirect_uri: REDIRECT, code,
  ...(verifier ? { code_verifier: verifier } : {}), ...overrides,
});

describe('authorize page', () => {
  it('names the app and the signed-in user, with Allow and Deny buttons, no external resources', async () => {
    const r = await fetch(authorizeUrl());
    expect(r.status).toBe(200);
    const html = await r.text();
    expect(html).toContain('Time Log Sandbox App');
    expect(html).toContain(sb.seed.users.me.name);
    expect(html).toMatch(/<button[^>]*>Allow<\/button>/);
    expect(html).toMatch(/<button[^>]*>Deny<\/button>/);
    expect(html).not.toMatch(/(src|href)="https?:/);
  });

  it('unknown client_id or unregistered redirect_uri → plain error page, no redirect', async () => {
    for (const params of [{ client_id: '999' }, { redirect_uri: 'https://evil.example/cb' }] as Array<Record<string, string>>) {
      const r = await fetch(authorizeUrl(params), { redirect: 'manual' });
      expect(r.status).toBe(400);
      expect(r.headers.get('location')).toBeNull();
      expect(await r.text()).toMatch(/Error/);
    }
  });

  it('other errors are redirected back with the state', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ response_type: 'token' }, 'unsupported_response_type'],
      [{ state: '' }, 'invalid_request'],
      [{ code_challenge: 'abc', code_challenge_method: 'plain' }, 'invalid_request'],
      [{ scope: 'default nonsense:scope' }, 'invalid_scope'],
    ];
    for (const [params, error] of cases) {
      const r = await fetch(authorizeUrl(params), { redirect: 'manual' });
      expect(r.status).toBe(302);
      const loc = new URL(r.headers.get('location')!);
      expect(loc.searchParams.get('error')).toBe(error);
    }
  });

  it('Deny → access_denied with the state', async () => {
    const r = await consent(authorizeUrl(), 'deny');
    expect(r.status).toBe(302);
    const loc = new URL(r.headers.get('location')!);
    expect(loc.searchParams.get('error')).toBe('access_denied');
    expect(loc.searchParams.get('state')).toBe('st-123');
    expect(loc.searchParams.get('code')).toBeNull();
  });

  it('redirect URIs can be changed through the admin endpoint', async () => {
    const uri = 'https://zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz.chromiumapp.org/';
    const r = await fetch(`${sb.url}/_sandbox/oauth/redirect-uris`, { method: 'POST', body: JSON.stringify({ add: uri }) });
    expect(r.status).toBe(200);
    expect(sb.world.oauthApp.redirectUris).toContain(uri);
    expect((await fetch(authorizeUrl({ redirect_uri: uri }))).status).toBe(200);
    await fetch(`${sb.url}/_sandbox/oauth/redirect-uris`, { method: 'POST', body: JSON.stringify({ redirectUris: [REDIRECT] }) });
    expect(sb.world.oauthApp.redirectUris).toEqual([REDIRECT]);
  });
});

describe('token endpoint', () => {
  it('PKCE code exchange → working bearer token with the user data', async () => {
    const verifier = randomBytes(32).toString('base64url');
    const code = await codeFor(verifier);
    const r = await exchange(code, verifier);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ token_type: 'bearer', expires_in: 3600, data: { gid: sb.seed.users.me.gid, name: sb.seed.users.me.name, email: sb.seed.users.me.email } });
    expect((r.body.data as { id: number }).id).toBe(Number(sb.seed.users.me.gid));
    expect(typeof r.body.refresh_token).toBe('string');
    const me = await api(sb, 'GET', '/users/me', { token: r.body.access_token as string });
    expect(me.body.data.gid).toBe(sb.seed.users.me.gid);
    expect(sb.stats.find({ user: sb.seed.users.me.gid }).at(-1)?.tokenKind).toBe('oauth');
  });

  it('the code is single-use', async () => {
    const verifier = randomBytes(32).toString('base64url');
    const code = await codeFor(verifier);
    expect((await exchange(code, verifier)).status).toBe(200);
    const again = await exchange(code, verifier);
    expect(again.status).toBe(400);
    expect(again.body.error).toBe('invalid_grant');
  });

  it('refuses a wrong verifier, a missing verifier, a wrong secret, a wrong redirect, an unknown client', async () => {
    const verifier = randomBytes(32).toString('base64url');
    const cases: Array<[string | null, Record<string, string>, number, string]> = [
      ['wrong-verifier-wrong-verifier-wrong-verifier', {}, 400, 'invalid_grant'],
      [null, {}, 400, 'invalid_grant'],
      [verifier, { client_secret: 'nope' }, 401, 'invalid_client'],
      [verifier, { client_secret: '' }, 401, 'invalid_client'],
      [verifier, { redirect_uri: 'http://localhost:8765/oauth/callback' }, 400, 'invalid_grant'],
      [verifier, { client_id: '1' }, 401, 'invalid_client'],
      [verifier, { grant_type: 'password' }, 400, 'unsupported_grant_type'],
      [verifier, { code: 'not-a-code' }, 400, 'invalid_grant'],
    ];
    for (const [v, overrides, status, error] of cases) {
      const code = await codeFor(verifier);
      const r = await exchange(code, v, overrides);
      expect(r.status, JSON.stringify(overrides)).toBe(status);
      expect(r.body.error).toBe(error);
      expect(typeof r.body.error_description).toBe('string');
    }
  });

  it('codes expire', async () => {
    const fast = await startSandbox({ today: TODAY, oauth: { codeTtlMs: 30 } });
    try {
      fast.world.oauthApp.redirectUris.push(REDIRECT);
      const a = fast.world.oauthApp;
      const form = new URLSearchParams({ client_id: a.clientId, redirect_uri: REDIRECT, response_type: 'code', state: 's', decision: 'allow' });
      const r = await fetch(`${fast.url}/-/oauth_authorize`, { method: 'POST', body: form, redirect: 'manual' });
      const code = new URL(r.headers.get('location')!).searchParams.get('code')!;
      await new Promise((res) => setTimeout(res, 60));
      const t = await fetch(`${fast.url}/-/oauth_token`, {
        method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', client_id: a.clientId, client_secret: a.clientSecret, redirect_uri: REDIRECT, code }),
      });
      expect(t.status).toBe(400);
      expect(((await t.json()) as { error_description: string }).error_description).toMatch(/expired/);
    } finally {
      await fast.close();
    }
  });

  it('refresh grant issues a new access token and no new refresh token', async () => {
    const code = await codeFor(null);
    const first = await exchange(code, null);
    const r = await tokenRequest({ grant_type: 'refresh_token', client_id: app().clientId, client_secret: app().clientSecret, refresh_token: first.body.refresh_token as string });
    expect(r.status).toBe(200);
    expect(r.body.access_token).not.toBe(first.body.access_token);
    expect(r.body.refresh_token).toBeUndefined();
    expect(r.body.token_type).toBe('bearer');
    expect((await api(sb, 'GET', '/users/me', { token: r.body.access_token as string })).status).toBe(200);
    const bad = await tokenRequest({ grant_type: 'refresh_token', client_id: app().clientId, client_secret: app().clientSecret, refresh_token: 'x' });
    expect(bad).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('revoke kills the refresh token and its access tokens (→ 401)', async () => {
    const code = await codeFor(null);
    const t = await exchange(code, null);
    const refreshed = await tokenRequest({ grant_type: 'refresh_token', client_id: app().clientId, client_secret: app().clientSecret, refresh_token: t.body.refresh_token as string });
    const bearerRefused = await fetch(`${sb.url}/-/oauth_revoke`, {
      method: 'POST', body: new URLSearchParams({ client_id: app().clientId, client_secret: app().clientSecret, token: t.body.access_token as string }),
    });
    expect(bearerRefused.status).toBe(400);
    const wrongSecret = await fetch(`${sb.url}/-/oauth_revoke`, {
      method: 'POST', body: new URLSearchParams({ client_id: app().clientId, client_secret: 'x', token: t.body.refresh_token as string }),
    });
    expect(wrongSecret.status).toBe(401);
    const r = await fetch(`${sb.url}/-/oauth_revoke`, {
      method: 'POST', body: new URLSearchParams({ client_id: app().clientId, client_secret: app().clientSecret, token: t.body.refresh_token as string }),
    });
    expect(r.status).toBe(200);
    for (const token of [t.body.access_token, refreshed.body.access_token] as string[]) {
      const me = await api(sb, 'GET', '/users/me', { token });
      expect(me.status).toBe(401);
      expect(me.body.errors[0].message).toBe('Not Authorized');
    }
    const refresh = await tokenRequest({ grant_type: 'refresh_token', client_id: app().clientId, client_secret: app().clientSecret, refresh_token: t.body.refresh_token as string });
    expect(refresh.body.error).toBe('invalid_grant');
    const unknown = await fetch(`${sb.url}/-/oauth_revoke`, {
      method: 'POST', body: new URLSearchParams({ client_id: app().clientId, client_secret: app().clientSecret, token: 'never-issued' }),
    });
    expect(unknown.status).toBe(200);
  });

  it('access tokens expire after expires_in (→ 401)', async () => {
    const short = await startSandbox({ today: TODAY, oauth: { expiresIn: 1 } });
    try {
      short.world.oauthApp.redirectUris.push(REDIRECT);
      const a = short.world.oauthApp;
      const form = new URLSearchParams({ client_id: a.clientId, redirect_uri: REDIRECT, response_type: 'code', state: 's', decision: 'allow' });
      const r = await fetch(`${short.url}/-/oauth_authorize`, { method: 'POST', body: form, redirect: 'manual' });
      const code = new URL(r.headers.get('location')!).searchParams.get('code')!;
      const t = (await (await fetch(`${short.url}/-/oauth_token`, {
        method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', client_id: a.clientId, client_secret: a.clientSecret, redirect_uri: REDIRECT, code }),
      })).json()) as { access_token: string; expires_in: number };
      expect(t.expires_in).toBe(1);
      expect((await api(short, 'GET', '/users/me', { token: t.access_token })).status).toBe(200);
      // Expire it without waiting a whole second.
      short.world.tokens.get(t.access_token)!.expiresAt = Date.now() - 1;
      expect((await api(short, 'GET', '/users/me', { token: t.access_token })).status).toBe(401);
    } finally {
      await short.close();
    }
  });

  it('requireSecret: false allows a public PKCE client', async () => {
    const pub = await startSandbox({ today: TODAY, oauth: { requireSecret: false } });
    try {
      pub.world.oauthApp.redirectUris.push(REDIRECT);
      const a = pub.world.oauthApp;
      const verifier = randomBytes(32).toString('base64url');
      const form = new URLSearchParams({
        client_id: a.clientId, redirect_uri: REDIRECT, response_type: 'code', state: 's', decision: 'allow',
        code_challenge: pkceChallenge(verifier), code_challenge_method: 'S256',
      });
      const r = await fetch(`${pub.url}/-/oauth_authorize`, { method: 'POST', body: form, redirect: 'manual' });
      const code = new URL(r.headers.get('location')!).searchParams.get('code')!;
      const t = await fetch(`${pub.url}/-/oauth_token`, {
        method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', client_id: a.clientId, redirect_uri: REDIRECT, code, code_verifier: verifier }),
      });
      expect(t.status).toBe(200);
    } finally {
      await pub.close();
    }
  });
});
