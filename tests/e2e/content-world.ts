/**
 * Evaluating code in our content script's isolated world over the DevTools protocol: what a
 * compromised or confused content script could do (Playwright's page.evaluate runs in the page's
 * main world, which has no access to the extension at all).
 */
import type { CDPSession, Page } from 'playwright-core';
import type { Harness } from './harness';

/** Evaluates `expression` (awaited, returned by value) in the content script's world on `page`. */
export async function inContentScript(h: Harness, page: Page, expression: string, timeoutMs = 60_000): Promise<unknown> {
  const cdp: CDPSession = await h.context.newCDPSession(page);
  try {
    const contexts: Array<{ id: number; origin: string; name: string; auxData?: { type?: string } }> = [];
    cdp.on('Runtime.executionContextCreated', (e: { context: (typeof contexts)[number] }) => contexts.push(e.context));
    await cdp.send('Runtime.enable');
    const ours = contexts.find((c) => c.auxData?.type === 'isolated' && (c.origin.includes(h.extensionId) || c.name.includes('Asana Time Log')));
    if (!ours) throw new Error(`content script world not found among ${contexts.map((c) => `${c.name}|${c.origin}`).join(', ')}`);
    const result = (await cdp.send('Runtime.evaluate', { expression, contextId: ours.id, awaitPromise: true, returnByValue: true, timeout: timeoutMs })) as {
      result: { value?: unknown };
      exceptionDetails?: { exception?: { description?: string }; text?: string };
    };
    if (result.exceptionDetails) return { thrown: result.exceptionDetails.exception?.description ?? result.exceptionDetails.text ?? 'error' };
    return result.result.value;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/**
 * Resolves once our content script has run on `page`: its isolated world exists and answers.
 * (Its start-up decides synchronously whether a page gets a widget, so after this a missing
 * widget is a finding, not a race.)
 */
export async function contentScriptReady(h: Harness, page: Page, timeoutMs = 15_000): Promise<void> {
  const cdp: CDPSession = await h.context.newCDPSession(page);
  try {
    const isOurs = (c: { origin: string; name: string; auxData?: { type?: string } }) =>
      c.auxData?.type === 'isolated' && (c.origin.includes(h.extensionId) || c.name.includes('Asana Time Log'));
    const found = new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`our content script did not run on ${page.url()} within ${timeoutMs} ms`)), timeoutMs);
      cdp.on('Runtime.executionContextCreated', (e: { context: { id: number; origin: string; name: string; auxData?: { type?: string } } }) => {
        if (!isOurs(e.context)) return;
        clearTimeout(timer);
        resolve(e.context.id);
      });
    });
    await cdp.send('Runtime.enable');
    const contextId = await found;
    await cdp.send('Runtime.evaluate', { expression: '0', contextId });
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}
