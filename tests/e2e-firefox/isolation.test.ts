/**
 * Hostile messages and token isolation, from inside our own content script's world (Firefox: its
 * sandbox, reached by a privileged frame script; Chromium: the isolated world over CDP). Firefox
 * has no storage.session.setAccessLevel, so what a content script can and cannot reach there is
 * checked for itself: storage.local (readable: no secret in it), storage.session (absent), the
 * vault's database (the page's origin, not ours), and every message that could ask for a secret.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchDriver, type Driver, type Tab } from '../e2e/driver';
import { CHANNEL } from '../e2e/harness';
import { hostileMessagesScript } from '../e2e/hostile-messages';

let d: Driver;
beforeAll(async () => {
  d = await launchDriver({ connect: true });
});
afterAll(async () => d?.close());
afterEach(async () => {
  d.sandbox.faults.clear();
  await d.closeTabs();
});

const apiRequestsSince = (mark: number) => d.sandbox.stats.requests.filter((r) => r.seq >= mark && r.area === 'api');
const send = (type: string, payload: unknown) => `chrome.runtime.sendMessage(${JSON.stringify({ channel: CHANNEL, type, payload })})`;

describe('malformed messages from the content script', () => {
  it('refuses every generated message with an error, sends nothing to Asana, and the same background answers afterwards', async () => {
    const marker = `background-${Date.now()}-${Math.random()}`;
    await d.inBackground((g, m) => void (g.__hostileMarker = m), marker);
    const before = await d.storage(['outbox', d.userKey('timer'), 'account', d.userKey('settings'), 'ui', 'floating']);
    const page = await d.openAsana(`/0/${d.sandbox.seed.projects.website.gid}/list`); // our content script, no task
    await expect.poll(() => page.page().locator('.AsanaBaseTopbar').count()).toBe(1);
    const mark = d.sandbox.stats.mark();
    const started = Date.now();
    const result = (await d.inContentScript(page, hostileMessagesScript(CHANNEL, 20261201), 120_000)) as {
      total: number;
      refused: number;
      accepted: unknown[];
      otherErrors: unknown[];
      silent: unknown[];
      threw: unknown[];
      kinds: Record<string, number>;
      thrown?: string;
    };
    expect(result.thrown).toBeUndefined();
    console.log(`hostile input (${d.browser}): ${result.total} messages in ${((Date.now() - started) / 1000).toFixed(1)} s, ${result.refused} refused; by kind ${JSON.stringify(result.kinds)}`);
    expect(result.total).toBeGreaterThanOrEqual(1000);
    expect(result.accepted).toEqual([]);
    expect(result.otherErrors).toEqual([]);
    expect(result.silent).toEqual([]);
    expect(result.threw).toEqual([]);
    expect(result.refused).toBe(result.total);

    expect(apiRequestsSince(mark).map((r) => `${r.method} ${r.path}`)).toEqual([]);
    expect(await d.storage(['outbox', d.userKey('timer'), 'account', d.userKey('settings'), 'ui', 'floating'])).toEqual(before);
    expect(await Promise.all((await d.tabs()).map((t) => t.url()))).not.toContainEqual(expect.stringContaining('/options.html')); // ui.openOptions never honoured
    // The same background (not a restarted one), unpolluted, answers a valid message from the content script.
    expect(await d.backgroundRunning()).toBe(true);
    expect(await d.inBackground((g) => g.__hostileMarker)).toBe(marker);
    expect(await d.inBackground((g) => [new g.Object().polluted ?? null, new g.Object().isAdmin ?? null, g.Object.keys(g.Object.prototype).length])).toEqual([null, null, 0]);
    const task = d.sandbox.seed.ordinaryTasks[0]!;
    expect(await d.inContentScript(page, send('task.get', { taskGid: task.gid }))).toMatchObject({ ok: true, data: { gid: task.gid, name: task.name } });
  });
});

describe('the token stays out of reach of the page and the content script', () => {
  /** Everything the content script can reach that might hold a secret, as text. */
  async function contentScriptReaches(page: Tab) {
    const local = String(await d.inContentScript(page, 'chrome.storage.local.get(null).then((all) => JSON.stringify(all))'));
    const session = String(
      await d.inContentScript(page, 'chrome.storage.session ? chrome.storage.session.get(null).then((v) => JSON.stringify(v), (e) => "refused: " + e.message) : "refused: no storage.session here"'),
    );
    const databases = (await d.inContentScript(page, 'indexedDB.databases().then((list) => list.map((x) => x.name))')) as string[];
    // Opening the vault's name from here opens (and makes) a database of the page's origin: empty.
    const vault = await d.inContentScript(
      page,
      `new Promise((resolve) => { const q = indexedDB.open('asana-time-log-vault'); q.onsuccess = () => { const stores = [...q.result.objectStoreNames]; q.result.close(); indexedDB.deleteDatabase('asana-time-log-vault'); resolve(stores); }; q.onerror = () => resolve('refused: ' + q.error); })`,
    );
    const background = await d.inContentScript(page, 'typeof (globalThis.browser ?? chrome).runtime.getBackgroundPage');
    const types = ['session.get', 'session.getToken', 'session.connectToken', 'session.connectOAuth', 'session.refreshWorkspaces', 'vault.read'];
    const answers = JSON.stringify(await d.inContentScript(page, `Promise.all([${types.map((t) => send(t, {})).join(', ')}])`));
    return { local, session, databases, vault, background, answers };
  }

  /** Everything a web page can try towards the content script, and all it can see. */
  const pageSees = (page: Tab) =>
    page.evaluate(async (channel) => {
      const seen: string[] = [];
      window.addEventListener('message', (e) => seen.push(JSON.stringify(e.data)));
      for (const r of [{ channel, type: 'session.get', payload: {} }, { channel, type: 'session.getToken', payload: {} }, 'token']) {
        window.postMessage(r, '*');
        document.dispatchEvent(new CustomEvent(channel, { detail: r, bubbles: true, composed: true }));
      }
      await new Promise((r) => setTimeout(r, 0));
      const parts = [document.documentElement.outerHTML, JSON.stringify({ ...localStorage }), JSON.stringify({ ...sessionStorage }), document.cookie];
      for (const el of document.querySelectorAll('*')) if (el.shadowRoot) parts.push(el.shadowRoot.innerHTML);
      const api = (window as unknown as { browser?: { runtime?: unknown }; chrome?: { runtime?: { sendMessage?: unknown } } });
      return { seen: seen.join('\n'), everything: parts.join('\n'), extensionApi: typeof api.chrome?.runtime?.sendMessage + '/' + typeof api.browser?.runtime };
    }, CHANNEL);

  async function checkOutOfReach(secrets: string[]) {
    expect(secrets.every((s) => s.length >= 16)).toBe(true);
    const page = await d.openAsana(d.taskUrl(d.sandbox.seed.tasks.big.gid));
    await expect.poll(() => page.widget().getByTestId('total').text()).toMatch(/h/);
    const mark = d.sandbox.stats.mark();
    const seen = await pageSees(page);
    expect(seen.extensionApi).toBe('undefined/undefined');
    expect(apiRequestsSince(mark)).toEqual([]);
    const reached = await contentScriptReaches(page);
    expect(reached.local).toContain('"account"'); // storage.local is readable here (that is why no secret is in it)…
    expect(reached.session).toMatch(/^refused/);
    expect(reached.databases).not.toContain('asana-time-log-vault');
    expect(reached.vault).toEqual([]); // …and the vault's name opens nothing of ours
    expect(reached.background).toBe('undefined');
    expect(reached.answers).toContain('"connected":true');
    expect(reached.answers).toContain("can only be asked from the extension's own pages");
    for (const secret of secrets) {
      for (const [where, text] of Object.entries({ ...reached, ...seen })) expect(JSON.stringify(text), where).not.toContain(secret);
    }
    const options = await d.openOptions('#account');
    await expect.poll(() => options.page().getByTestId('connected-as').count()).toBe(1);
    const html = await options.evaluate(() => document.documentElement.outerHTML);
    for (const secret of secrets) expect(html).not.toContain(secret);
  }

  it('with a personal access token', async () => {
    await checkOutOfReach([d.sandbox.demoToken]);
  });

  it('with OAuth: the access token, the refresh token and the app’s client secret', async () => {
    const { world } = d.sandbox;
    await d.message('session.signOut', {});
    world.oauthApp.redirectUris.push(d.redirectUrl);
    const options = await d.openOptions('#account');
    await options.page().getByLabel('Client ID').fill(world.oauthApp.clientId);
    await options.page().getByLabel(/Client secret/).fill(world.oauthApp.clientSecret);
    await options.page().getByRole('button', { name: 'Save app' }).click();
    await expect.poll(() => options.page().getByRole('status').first().text()).toMatch(/App saved/);
    const next = d.nextTab();
    await options.page().getByRole('button', { name: 'Connect with Asana' }).click();
    const consent = await next;
    await consent.page().getByRole('button', { name: 'Allow' }).click();
    await expect.poll(() => options.page().getByTestId('connected-as').text(), { timeout: 15_000 }).toContain('(OAuth)');
    const issued = [...world.tokens.values()].filter((t) => t.kind === 'oauth' && t.user === d.sandbox.seed.users.me.gid && !t.revoked);
    expect(issued.length).toBeGreaterThan(0);
    await checkOutOfReach([...new Set([...issued.map((t) => t.token), ...issued.map((t) => t.refreshToken!).filter(Boolean), world.oauthApp.clientSecret])]);
  });
});
