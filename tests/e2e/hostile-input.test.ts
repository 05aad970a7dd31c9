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
  it('refuses 1,000+ generated messages with an error, sends nothing to Asana, and the same worker answers afterwards', async () => {
    const worker = await h.serviceWorker();
    const marker = `worker-${Date.now()}-${Math.random()}`;
    await worker.evaluate((m) => ((globalThis as unknown as { __hostileMarker: string }).__hostileMarker = m), marker);
    const before = await h.storage(['outbox', 'timer', 'account', 'settings', 'oauthApp']);
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
    expect(await h.storage(['outbox', 'timer', 'account', 'settings', 'oauthApp'])).toEqual(before);
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
