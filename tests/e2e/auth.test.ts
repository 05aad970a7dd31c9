/**
 * Signing in, in the browser: a personal access token, a refused token, OAuth with PKCE through
 * the sandbox's consent page (launchWebAuthFlow, headless), refresh on expiry and on 401, sign
 * out with revocation, and where the secrets live: out of reach of content scripts and pages.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CDPSession, Page } from 'playwright-core';
import { CHANNEL, Harness, widget } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await Harness.launch();
});
afterAll(async () => h?.close());
afterEach(async () => {
  await h.message('session.signOut', {});
  for (const p of h.context.pages().slice(1)) await p.close();
});

const me = () => h.sandbox.seed.users.me;
const oauthTokensOf = (userGid: string) => [...h.sandbox.world.tokens.values()].filter((t) => t.kind === 'oauth' && t.user === userGid);

async function connectWithOAuth(options: Page, choice: 'Allow' | 'Deny') {
  const app = h.sandbox.world.oauthApp;
  await options.getByLabel('Client ID').fill(app.clientId);
  await options.getByLabel(/Client secret/).fill(app.clientSecret);
  await options.getByRole('button', { name: 'Save app' }).click();
  await expect.poll(() => options.getByRole('status').textContent()).toMatch(/App saved/);
  const consent = h.context.waitForEvent('page', { timeout: 15_000 });
  await options.getByRole('button', { name: 'Connect with Asana' }).click();
  const page = await consent;
  await page.waitForLoadState();
  expect(await page.textContent('body')).toContain(app.name);
  await page.getByRole('button', { name: choice }).click();
}

describe('personal access token', () => {
  it('connects with a token and shows “Connected as NAME (email)”', async () => {
    const options = await h.openOptions('#account');
    await options.getByLabel('Personal access token', { exact: true }).fill(me().token);
    await options.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect.poll(() => options.getByTestId('connected-as').textContent()).toContain(`Connected as ${me().name} (${me().email})`);
    // The token itself is nowhere on the page.
    expect(await options.content()).not.toContain(me().token);
  });

  it('shows Asana’s refusal of a bad token, and stays disconnected', async () => {
    const options = await h.openOptions('#account');
    await options.getByLabel('Personal access token', { exact: true }).fill('0/not-a-real-token');
    await options.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect.poll(() => options.getByRole('alert').textContent()).toMatch(/Asana refused this token \(“Not Authorized”\)\. Copy the whole token again/);
    expect((await h.message('session.get', {})).data.connected).toBe(false);
  });

  it('asks for a token before sending anything when the field is empty', async () => {
    const options = await h.openOptions('#account');
    const before = h.sandbox.stats.requests.length;
    await options.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect.poll(() => options.getByRole('alert').textContent()).toMatch(/Paste your personal access token first/);
    expect(h.sandbox.stats.requests.length).toBe(before);
  });
});

describe('OAuth with PKCE through the sandbox consent page', () => {
  it('shows the redirect URL to register, signs in, refreshes, and signs out revoking the token', async () => {
    const options = await h.openOptions('#account');
    const redirect = await options.getByTestId('redirect-url').textContent();
    expect(redirect).toBe(`https://${h.extensionId}.chromiumapp.org/`);
    h.sandbox.world.oauthApp.redirectUris.push(redirect!);

    await connectWithOAuth(options, 'Allow');
    await expect.poll(() => options.getByTestId('connected-as').textContent(), { timeout: 15_000 }).toContain(`Connected as ${me().name} (${me().email}) with your Asana app (OAuth)`);
    // The code exchange used PKCE: the sandbox checked the verifier against the S256 challenge.
    const exchanges = h.sandbox.stats.requests.filter((r) => r.path === '/-/oauth_token' && r.status === 200);
    expect(exchanges.length).toBeGreaterThanOrEqual(1);
    expect(oauthTokensOf(me().gid).length).toBeGreaterThanOrEqual(1);

    // Make the stored token about to expire: the next request refreshes it first, without a 401.
    const worker = await h.serviceWorker();
    await worker.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('asana-time-log-vault');
          open.onsuccess = () => {
            const tx = open.result.transaction('secrets', 'readwrite');
            const store = tx.objectStore('secrets');
            const get = store.get('secrets');
            get.onsuccess = () => store.put({ ...get.result, expiresAt: Date.now() + 1000 }, 'secrets');
            tx.oncomplete = () => resolve();
            tx.onerror = () => reject(tx.error);
          };
        }),
    );
    await h.stopServiceWorker(); // drop the in-memory copy, as Chrome would after idling
    const refreshesBefore = h.sandbox.stats.requests.filter((r) => r.path === '/-/oauth_token').length;
    const unauthorizedBefore = h.sandbox.stats.requests.filter((r) => r.status === 401).length;
    const page = await h.openAsana(h.taskUrl(h.sandbox.seed.tasks.empty.gid));
    await expect.poll(() => widget(page).getByText('No time logged on this task yet.').count()).toBe(1);
    expect(h.sandbox.stats.requests.filter((r) => r.path === '/-/oauth_token').length).toBe(refreshesBefore + 1);
    expect(h.sandbox.stats.requests.filter((r) => r.status === 401).length).toBe(unauthorizedBefore);

    // Sign out: the refresh token is revoked in Asana.
    await options.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => options.getByRole('status').first().textContent()).toMatch(/Signed out/);
    const grants = [...h.sandbox.world.oauth.grants.values()].filter((g) => g.user === me().gid);
    expect(grants.length).toBeGreaterThan(0);
    expect(grants.every((g) => g.revoked)).toBe(true);
  });

  it('keeps no token from a refresh still under way when the person signs out', async () => {
    const options = await h.openOptions('#account');
    h.sandbox.world.oauthApp.redirectUris.push(`https://${h.extensionId}.chromiumapp.org/`);
    await connectWithOAuth(options, 'Allow');
    await expect.poll(() => options.getByTestId('connected-as').count(), { timeout: 15_000 }).toBe(1);
    const worker = await h.serviceWorker();
    const readVault = () =>
      worker.evaluate(
        () =>
          new Promise<Record<string, unknown>>((resolve, reject) => {
            const open = indexedDB.open('asana-time-log-vault');
            open.onsuccess = () => {
              const get = open.result.transaction('secrets', 'readonly').objectStore('secrets').get('secrets');
              get.onsuccess = () => resolve(get.result ?? {});
              get.onerror = () => reject(get.error);
            };
          }),
      );
    await worker.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('asana-time-log-vault');
          open.onsuccess = () => {
            const tx = open.result.transaction('secrets', 'readwrite');
            const store = tx.objectStore('secrets');
            const get = store.get('secrets');
            get.onsuccess = () => store.put({ ...get.result, expiresAt: Date.now() + 1000 }, 'secrets');
            tx.oncomplete = () => resolve();
            tx.onerror = () => reject(tx.error);
          };
        }),
    );
    await h.stopServiceWorker();
    // Asana holds the refresh for two seconds; the person signs out meanwhile.
    h.sandbox.faults.latency(2_000, { path: '/-/oauth_token' });
    const held = h.sandbox.faults.injected.latency;
    const mark = h.sandbox.stats.mark();
    const page = await h.openAsana(h.taskUrl(h.sandbox.seed.tasks.empty.gid));
    // The widget's first request needs a fresh token: the refresh reaches Asana, and is held there.
    await expect.poll(() => h.sandbox.faults.injected.latency).toBeGreaterThan(held);
    const signedOut = await h.message('session.signOut', { pending: 'keep' });
    h.sandbox.faults.clear();
    expect(signedOut).toMatchObject({ ok: true, data: { status: 'signed-out' } });
    // The refresh has answered by now (sign-out waited for it): none of its tokens was kept.
    expect(h.sandbox.stats.since(mark).filter((r) => r.path === '/-/oauth_token' && r.status === 200).length).toBe(1);
    const vault = await readVault();
    expect(vault).not.toHaveProperty('accessToken');
    expect(vault).not.toHaveProperty('refreshToken');
    expect((await h.message('session.get', {})).data).toMatchObject({ status: 'signed-out', connected: false });
    // …and Asana was given them back: every grant of this user is revoked.
    const grants = [...h.sandbox.world.oauth.grants.values()].filter((g) => g.user === me().gid);
    expect(grants.every((g) => g.revoked)).toBe(true);
    await expect.poll(() => widget(page).getByText(/Connect your Asana account/).count()).toBe(1);
  });

  it('refreshes once and retries when Asana answers 401 to a token it revoked', async () => {
    const options = await h.openOptions('#account');
    h.sandbox.world.oauthApp.redirectUris.push(`https://${h.extensionId}.chromiumapp.org/`);
    await connectWithOAuth(options, 'Allow');
    await expect.poll(() => options.getByTestId('connected-as').count(), { timeout: 15_000 }).toBe(1);
    for (const t of oauthTokensOf(me().gid)) t.revoked = true; // access tokens only; the grant stays
    const before401 = h.sandbox.stats.requests.filter((r) => r.status === 401).length;
    const page = await h.openAsana(h.taskUrl(h.sandbox.seed.tasks.big.gid));
    await expect.poll(() => widget(page).getByTestId('total').textContent()).toMatch(/h/);
    expect(h.sandbox.stats.requests.filter((r) => r.status === 401).length).toBe(before401 + 1);
  });

  it('says what happened when the user chooses Deny', async () => {
    const options = await h.openOptions('#account');
    h.sandbox.world.oauthApp.redirectUris.push(`https://${h.extensionId}.chromiumapp.org/`);
    await connectWithOAuth(options, 'Deny');
    await expect.poll(() => options.getByRole('alert').textContent(), { timeout: 15_000 }).toMatch(/You chose not to allow access in Asana/);
  });

  it('says what to check when the redirect URL is not registered', async () => {
    const options = await h.openOptions('#account');
    const app = h.sandbox.world.oauthApp;
    app.redirectUris = app.redirectUris.filter((u) => !u.includes('chromiumapp.org'));
    await options.getByLabel('Client ID').fill(app.clientId);
    await options.getByLabel(/Client secret/).fill(app.clientSecret);
    await options.getByRole('button', { name: 'Save app' }).click();
    await options.getByRole('button', { name: 'Connect with Asana' }).click();
    // Asana answers with an error page instead of a consent page; Chromium gives up on it.
    await expect.poll(() => options.getByRole('alert').textContent(), { timeout: 15_000 }).toMatch(/redirect URL shown below is registered/);
    expect((await h.message('session.get', {})).data.connected).toBe(false);
  });
});

describe('secrets stay in the background', () => {
  /** Evaluates an expression in our content script's isolated world on `page`. */
  async function inContentScript(page: Page, expression: string): Promise<unknown> {
    const cdp: CDPSession = await h.context.newCDPSession(page);
    const contexts: Array<{ id: number; origin: string; name: string; auxData?: { type?: string } }> = [];
    cdp.on('Runtime.executionContextCreated', (e: { context: (typeof contexts)[number] }) => contexts.push(e.context));
    await cdp.send('Runtime.enable');
    const ours = contexts.find((c) => c.auxData?.type === 'isolated' && (c.origin.includes(h.extensionId) || c.name.includes('Asana Time Log')));
    if (!ours) throw new Error(`content script world not found among ${contexts.map((c) => `${c.name}|${c.origin}`).join(', ')}`);
    const result = (await cdp.send('Runtime.evaluate', { expression, contextId: ours.id, awaitPromise: true, returnByValue: true })) as {
      result: { value?: unknown };
      exceptionDetails?: { exception?: { description?: string } };
    };
    await cdp.detach();
    if (result.exceptionDetails) return { thrown: result.exceptionDetails.exception?.description ?? 'error' };
    return result.result.value;
  }

  it('a content script cannot read the token through storage, the database or messages', async () => {
    await h.connectWithToken(me().token);
    const page = await h.openAsana(h.taskUrl(h.sandbox.seed.tasks.big.gid));
    await expect.poll(() => widget(page).getByTestId('total').textContent()).toMatch(/h/);
    const token = me().token;

    const local = await inContentScript(page, 'chrome.storage.local.get(null).then((all) => JSON.stringify(all))');
    expect(typeof local).toBe('string');
    expect(local as string).toContain('account'); // it can read storage.local (that is why no secret is there)…
    expect(local as string).not.toContain(token); // …and the token is not in it

    const session = await inContentScript(page, 'chrome.storage.session.get(null).then((v) => JSON.stringify(v), (e) => "refused: " + e.message)');
    expect(String(session)).toMatch(/refused|not allowed/i);

    // IndexedDB here is the web page's origin, not the extension's: the vault is not listed.
    const dbs = await inContentScript(page, 'indexedDB.databases().then((d) => d.map((x) => x.name))');
    expect(dbs).not.toContain('asana-time-log-vault');

    // No message answers with a token; account-level requests are refused from here.
    const state = await inContentScript(page, `chrome.runtime.sendMessage({ channel: '${CHANNEL}', type: 'session.get', payload: {} }).then((r) => JSON.stringify(r))`);
    expect(String(state)).toContain(me().name);
    expect(String(state)).not.toContain(token);
    const refused = await inContentScript(page, `chrome.runtime.sendMessage({ channel: '${CHANNEL}', type: 'session.connectToken', payload: { token: 'x' } }).then((r) => JSON.stringify(r))`);
    expect(String(refused)).toMatch(/can only be asked from the extension's own pages/);

    // The page itself (main world) sees nothing either: not in the DOM, not in its storage.
    const html = await page.evaluate(() => {
      const parts = [document.documentElement.outerHTML];
      for (const el of document.querySelectorAll('*')) if (el.shadowRoot) parts.push(el.shadowRoot.innerHTML);
      return parts.join('\n') + JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage });
    });
    expect(html).not.toContain(token);
  });

  it('the token survives a browser restart (it is not in session storage)', async () => {
    await h.connectWithToken(me().token);
    await h.restartBrowser();
    expect((await h.message('session.get', {})).data).toMatchObject({ connected: true, user: { name: me().name } });
  });
});
