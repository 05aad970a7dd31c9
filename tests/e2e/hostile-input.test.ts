/**
 * Hostile input, in real Chromium with the built extension: a flood of malformed and unexpected
 * messages from a content script, malformed answers from Asana, markup in Asana's strings, and
 * a web page trying to get at the token. What is checked is what the background answers, what
 * the sandbox received, and what a person sees.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { inContentScript } from './content-world';
import { CHANNEL, Harness, formatMinutes, widget } from './harness';
import { requestSchemas } from '../../lib/messaging/protocol';
import { hostileMessagesScript } from './hostile-messages';

let h: Harness;
beforeAll(async () => {
  h = await Harness.launch({ connect: true });
});
afterAll(async () => h?.close());
afterEach(async () => {
  for (const p of h.context.pages().slice(1)) await p.close();
  h.sandbox.faults.clear();
});

const sum = (entries: Array<{ duration_minutes: number }>) => entries.reduce((s, e) => s + e.duration_minutes, 0);
const apiRequestsSince = (mark: number) => h.sandbox.stats.requests.filter((r) => r.seq >= mark && r.area === 'api');

/** An Asana page with our content script but no task (so the widget sends nothing by itself). */
async function asanaHome(): Promise<Page> {
  const page = await h.openAsana(`/0/${h.sandbox.seed.projects.website.gid}/list`);
  await page.waitForLoadState('load');
  return page;
}

describe('malformed messages from a content script', () => {
  it('the generator covers every request type the background knows', () => {
    const script = hostileMessagesScript(CHANNEL, 1);
    const missing = Object.keys(requestSchemas).filter((type) => !script.includes(`'${type}'`));
    expect(missing).toEqual([]);
  });

  it('refuses 1,000+ generated messages with an error, sends nothing to Asana, and the same worker answers afterwards', async () => {
    const worker = await h.serviceWorker();
    const marker = `worker-${Date.now()}-${Math.random()}`;
    await worker.evaluate((m) => ((globalThis as unknown as { __hostileMarker: string }).__hostileMarker = m), marker);
    const kept = ['outbox', 'account', h.userKey('timer'), h.userKey('settings'), 'ui'];
    const before = await h.storage(kept);
    const page = await asanaHome();
    const mark = h.sandbox.stats.mark();
    const started = Date.now();
    const result = (await inContentScript(h, page, hostileMessagesScript(CHANNEL, 20260311), 180_000)) as {
      total: number;
      refused: number;
      accepted: unknown[];
      otherErrors: unknown[];
      silent: unknown[];
      threw: Array<{ kind: string; message: string; threw: string }>;
      kinds: Record<string, number>;
      sample: string[];
      thrown?: string;
    };
    expect(result.thrown).toBeUndefined();
    console.log(`hostile input: ${result.total} messages in ${((Date.now() - started) / 1000).toFixed(1)} s, ${result.refused} refused; by kind ${JSON.stringify(result.kinds)}; e.g. ${JSON.stringify(result.sample)}`);
    expect(result.total).toBeGreaterThanOrEqual(1000);
    expect(result.accepted).toEqual([]);
    expect(result.otherErrors).toEqual([]);
    expect(result.silent).toEqual([]);
    expect(result.threw).toEqual([]);
    expect(result.refused).toBe(result.total);

    // Nothing reached Asana, and nothing the extension keeps changed.
    expect(apiRequestsSince(mark).map((r) => `${r.method} ${r.path}`)).toEqual([]);
    expect(await h.storage(kept)).toEqual(before);
    expect(h.context.pages().some((p) => p.url().includes('/options.html'))).toBe(false); // ui.openOptions was never honoured

    // The same worker (not a restarted one) is alive, unpolluted, and answers a valid message from the content script.
    const same = h.context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${h.extensionId}/`));
    expect(same).toBe(worker);
    expect(await worker.evaluate(() => (globalThis as unknown as { __hostileMarker?: string }).__hostileMarker)).toBe(marker);
    expect(await worker.evaluate(() => [({} as Record<string, unknown>).polluted, ({} as Record<string, unknown>).isAdmin, Object.keys(Object.prototype).length])).toEqual([
      undefined,
      undefined,
      0,
    ]);
    const task = h.sandbox.seed.ordinaryTasks[0]!;
    const valid = (await inContentScript(h, page, `chrome.runtime.sendMessage({ channel: '${CHANNEL}', type: 'task.get', payload: { taskGid: '${task.gid}' } })`)) as { ok: boolean; data?: { name: string } };
    expect(valid).toMatchObject({ ok: true, data: { gid: task.gid, name: task.name } });
    const session = (await inContentScript(h, page, `chrome.runtime.sendMessage({ channel: '${CHANNEL}', type: 'session.get', payload: {} })`)) as { ok: boolean; data?: { connected: boolean } };
    expect(session).toMatchObject({ ok: true, data: { connected: true } });
  });
});

describe('malformed answers from Asana', () => {
  for (const kind of ['invalid-json', 'wrong-shape'] as const) {
    it(`the widget says Asana sent something it could not read (${kind}), offers Retry, and Retry works once Asana is fixed`, async () => {
      const { seed, world, faults } = h.sandbox;
      const task = world.addTask({ name: `Malformed answers (${kind})`, projects: [seed.projects.website.gid] });
      world.addEntries(task.gid, 5, seed.users.me.gid);
      faults.inject({ kind, method: 'GET', path: `/tasks/${task.gid}/time_tracking_entries`, count: Infinity });
      let dialogs = 0;
      const page = await h.openAsana(h.taskUrl(task.gid));
      page.on('dialog', (d) => {
        dialogs++;
        void d.dismiss();
      });
      const w = widget(page);
      const problem = w.getByRole('alert').filter({ hasText: 'Could not load the time entries' });
      await expect.poll(() => problem.count(), { timeout: 45_000 }).toBe(1);
      expect(await problem.textContent()).toMatch(/Asana sent a response we could not read/);
      expect(faults.injected[kind]).toBeGreaterThan(1); // a GET is retried before giving up
      expect(await w.getByTestId('total').textContent()).toBe('…'); // no made-up figure
      faults.clear();
      await problem.getByRole('button', { name: 'Retry' }).click();
      await expect.poll(() => w.getByTestId('total').textContent()).toBe(formatMinutes(sum(world.entriesOfTask(task.gid))));
      expect(await w.getByRole('alert').count()).toBe(0);
      expect(dialogs).toBe(0);
    });
  }
});

describe('Asana strings are text in the popup', () => {
  it('shows markup in typeahead results, the chosen task, the confirmation and recent tasks as text', async () => {
    const { seed, world } = h.sandbox;
    const hostile = world.tasks.get(seed.tasks.hostile.gid)!;
    const project = world.addProject({ name: '<b>Bold</b> project <img src=x onerror=alert(2)>' });
    hostile.projects = [...hostile.projects, project.gid];
    const home = await h.openAsana(`/0/home/${seed.workspaces.main.gid}`);
    const popup = await h.openPopupOver(home);
    let dialogs = 0;
    popup.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    const search = popup.getByRole('combobox', { name: 'Find a task' });
    await search.fill('Launch');
    const options = popup.getByRole('listbox', { name: 'Matching tasks' }).getByRole('option');
    await expect.poll(async () => (await options.allTextContents()).some((t) => t.startsWith(hostile.name))).toBe(true);
    const texts = await options.allTextContents();
    const index = texts.findIndex((t) => t.startsWith(hostile.name));
    expect(texts[index]).toContain(project.name); // the project names, as text too
    expect(await popup.locator('main img, main script, main b').count()).toBe(0);
    for (let i = 0; i < index; i++) await search.press('ArrowDown');
    await search.press('Enter');
    await expect.poll(() => popup.locator('.tl-task').textContent()).toBe(hostile.name);
    const before = world.entriesOfTask(hostile.gid).length;
    await popup.getByLabel('Duration').fill('10m');
    await popup.getByLabel('Duration').press('Enter');
    await expect.poll(() => world.entriesOfTask(hostile.gid).length).toBe(before + 1);
    await expect.poll(() => popup.getByRole('status').first().textContent()).toContain(`Logged 10 min to “${hostile.name}”.`);
    expect(await popup.locator('main img, main script, main b').count()).toBe(0);

    // Next time, with nothing typed, it is the first recent task: text again.
    const again = await h.openPopupOver(home);
    again.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    await expect.poll(() => again.getByRole('listbox', { name: 'Recent tasks' }).getByRole('option').first().textContent()).toBe(hostile.name);
    expect(await again.locator('main img, main script, main b').count()).toBe(0);
    expect(dialogs).toBe(0);
  });
});

describe('the token stays out of reach of the page and the content script', () => {
  /** All that a web page can try towards our content script, and all it can observe. */
  async function pageTries(page: Page): Promise<string> {
    return page.evaluate(async (channel) => {
      const seen: string[] = [];
      let resolveSentinel: () => void = () => undefined;
      const sentinel = new Promise<void>((r) => (resolveSentinel = r));
      window.addEventListener('message', (e) => (e.data === 'sentinel' ? resolveSentinel() : seen.push(JSON.stringify(e.data))));
      for (const type of ['asana-time-log', channel, 'session.get'])
        document.addEventListener(type, (e) => seen.push(JSON.stringify((e as CustomEvent).detail ?? null)));
      const requests = [
        { channel, type: 'session.get', payload: {} },
        { channel, type: 'session.connectToken', payload: { token: 'x' } },
        { channel, type: 'session.getToken', payload: {} },
        { channel, type: 'task.get', payload: { taskGid: '1' } },
        { type: 'getToken' },
        'token',
      ];
      const host = document.querySelector('asana-time-log');
      for (const r of requests) {
        window.postMessage(r, '*');
        window.postMessage(JSON.stringify(r), '*');
        for (const target of [window, document, document.documentElement, host].filter(Boolean) as EventTarget[]) {
          for (const type of ['message', 'asana-time-log', 'wxt:locationchange', channel, 'session.get']) {
            target.dispatchEvent(new CustomEvent(type, { detail: r, bubbles: true, composed: true }));
          }
          target.dispatchEvent(new MessageEvent('message', { data: r }));
        }
      }
      window.postMessage('sentinel', '*');
      await sentinel; // every message posted before it has been delivered, to every listener
      const chromeInPage = (window as unknown as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome;
      const parts = [document.documentElement.outerHTML, JSON.stringify({ ...localStorage }), JSON.stringify({ ...sessionStorage }), document.cookie];
      for (const el of document.querySelectorAll('*')) if (el.shadowRoot) parts.push(el.shadowRoot.innerHTML); // our widget's root is open
      return JSON.stringify({ seen, extensionApi: typeof chromeInPage?.runtime?.sendMessage, everything: parts.join('\n') });
    }, CHANNEL);
  }

  /** What the content script can reach: storage, session storage, the vault's database, and messages. */
  async function contentScriptReaches(page: Page): Promise<{ local: string; session: string; databases: unknown; answers: string }> {
    const local = String(await inContentScript(h, page, 'chrome.storage.local.get(null).then((all) => JSON.stringify(all))'));
    const session = String(await inContentScript(h, page, 'chrome.storage.session.get(null).then((v) => JSON.stringify(v), (e) => "refused: " + e.message)'));
    const databases = await inContentScript(h, page, 'indexedDB.databases().then((d) => d.map((x) => x.name))');
    const types = ['session.get', 'session.getToken', 'session.connectToken', 'session.connectOAuth', 'session.refreshWorkspaces', 'vault.read', 'task.get'];
    const answers = String(
      await inContentScript(
        h,
        page,
        `Promise.all(${JSON.stringify(types)}.map((type) => chrome.runtime.sendMessage({ channel: '${CHANNEL}', type, payload: type === 'task.get' ? { taskGid: '${h.sandbox.seed.tasks.big.gid}' } : {} }))).then((r) => JSON.stringify(r))`,
      ),
    );
    return { local, session, databases, answers };
  }

  async function checkOutOfReach(secrets: string[]) {
    expect(secrets.every((s) => s.length >= 16)).toBe(true);
    const page = await h.openAsana(h.taskUrl(h.sandbox.seed.tasks.big.gid));
    await expect.poll(() => widget(page).getByTestId('total').textContent()).toMatch(/h/);
    const mark = h.sandbox.stats.mark();
    const seenByPage = JSON.parse(await pageTries(page)) as { seen: string[]; extensionApi: string; everything: string };
    expect(seenByPage.extensionApi).toBe('undefined'); // no extension API in the page's world (nothing is externally_connectable)
    expect(apiRequestsSince(mark)).toEqual([]); // nothing the page did made the extension call Asana
    const reached = await contentScriptReaches(page);
    expect(reached.session).toMatch(/refused|not allowed/i);
    expect(reached.databases).not.toContain('asana-time-log-vault');
    expect(reached.answers).toContain('"connected":true');
    expect(reached.answers).toContain('can only be asked from the extension');
    for (const secret of secrets) {
      expect(seenByPage.seen.join('\n')).not.toContain(secret);
      expect(seenByPage.everything).not.toContain(secret);
      expect(reached.local).not.toContain(secret);
      expect(reached.answers).not.toContain(secret);
    }
    // Nor an extension page's DOM (the options page shows the account, never the token).
    const options = await h.openOptions('#account');
    await expect.poll(() => options.getByTestId('connected-as').count()).toBe(1);
    const optionsHtml = await options.content();
    for (const secret of secrets) expect(optionsHtml).not.toContain(secret);
  }

  it('with a personal access token', async () => {
    await checkOutOfReach([h.sandbox.demoToken]);
  });

  it('with OAuth: the access token, the refresh token and the app’s client secret', async () => {
    const { world } = h.sandbox;
    await h.message('session.signOut', {});
    world.oauthApp.redirectUris.push(`https://${h.extensionId}.chromiumapp.org/`);
    const options = await h.openOptions('#account');
    await options.getByLabel('Client ID').fill(world.oauthApp.clientId);
    await options.getByLabel(/Client secret/).fill(world.oauthApp.clientSecret);
    await options.getByRole('button', { name: 'Save app' }).click();
    await expect.poll(() => options.getByRole('status').textContent()).toMatch(/App saved/);
    const consent = h.context.waitForEvent('page', { timeout: 15_000 });
    await options.getByRole('button', { name: 'Connect with Asana' }).click();
    const page = await consent;
    await page.waitForLoadState();
    await page.getByRole('button', { name: 'Allow' }).click();
    await expect.poll(() => options.getByTestId('connected-as').textContent(), { timeout: 15_000 }).toContain('(OAuth)');
    const issued = [...world.tokens.values()].filter((t) => t.kind === 'oauth' && t.user === h.sandbox.seed.users.me.gid && !t.revoked);
    expect(issued.length).toBeGreaterThan(0);
    const secrets = [...new Set([...issued.map((t) => t.token), ...issued.map((t) => t.refreshToken!).filter(Boolean), world.oauthApp.clientSecret])];
    await checkOutOfReach(secrets);
  });
});

describe('the page can neither learn our id nor switch the widget off (issue 13)', () => {
  it('posts nothing naming us to the page, and a forged "content script started" event leaves the widget working', async () => {
    const { seed, world } = h.sandbox;
    const page = await h.context.newPage();
    // Before any script of the page: every message and custom event the page could see.
    await page.addInitScript(() => {
      const heard: string[] = ((window as unknown as { __heard: string[] }).__heard = []);
      window.addEventListener('message', (e) => heard.push(`message ${JSON.stringify(e.data)}`), true);
      const dispatch = EventTarget.prototype.dispatchEvent;
      EventTarget.prototype.dispatchEvent = function (event: Event) {
        heard.push(`event ${event.type}`);
        return dispatch.call(this, event);
      };
    });
    await page.goto(h.taskUrl(seed.tasks.big.gid));
    const w = widget(page);
    await expect.poll(() => w.getByTestId('total').textContent()).toBe(formatMinutes(sum(world.entriesOfTask(seed.tasks.big.gid))));
    const heard = await page.evaluate(() => (window as unknown as { __heard: string[] }).__heard);
    expect(heard.filter((line) => line.includes(h.extensionId) || line.includes('wxt'))).toEqual([]);

    // What WXT's content-script context listened for (its id-prefixed name, and without it), as
    // a CustomEvent on document and as a posted message.
    await page.evaluate((id) => {
      for (const name of [`${id}:asana:wxt:content-script-started`, 'wxt:content-script-started', `${id}:asana-page:wxt:content-script-started`]) {
        document.dispatchEvent(new CustomEvent(name, { detail: { contentScriptName: 'asana', messageId: 'forged' } }));
        window.postMessage({ type: name, contentScriptName: 'asana', messageId: 'forged' }, '*');
      }
      window.dispatchEvent(new CustomEvent('wxt:locationchange', { detail: {} }));
    }, h.extensionId);
    // Still there, still following the task the person opens, still logging.
    const next = seed.ordinaryTasks[3]!;
    await page.evaluate((path) => (window as unknown as { __sandboxNavigate: (p: string) => void }).__sandboxNavigate(path), new URL(h.taskUrl(next.gid)).pathname);
    await expect.poll(() => w.getAttribute('data-task-gid')).toBe(next.gid);
    const before = world.entriesOfTask(next.gid).length;
    await w.getByLabel('Duration').fill('7m');
    await w.getByLabel('Duration').press('Enter');
    await expect.poll(() => world.entriesOfTask(next.gid).length).toBe(before + 1);
    expect(await page.locator('asana-time-log').count()).toBe(1);
    await page.close();
  });
});
