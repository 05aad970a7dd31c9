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
