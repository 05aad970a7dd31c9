/**
 * The background's side of the protocol: one `runtime.onMessage` listener, registered
 * synchronously at start-up, that refuses anything not from this extension, validates every
 * payload with valibot, enforces what content scripts may ask for, and answers
 * `{ok, data}` or `{ok: false, error: {code, message}}`.
 */
import { t } from '../i18n';
import { browser, type Browser } from 'wxt/browser';
import { toUserFacing } from '../asana/errors';
import type { RequestType, ResponseEnvelope, Responses, ValidPayload } from './protocol';
import { describeSender, validateMessage, type SenderInfo } from './validate';

export { RefusedMessage, describeSender, validateMessage, type SenderInfo } from './validate';

export type Handlers = { [K in RequestType]: (payload: ValidPayload<K>, sender: SenderInfo) => Promise<Responses[K]> | Responses[K] };

type MessageSender = Browser.runtime.MessageSender;

/**
 * Registers the single message listener. Call synchronously at the top of the background's
 * main(): a stopped service worker is woken by the message and must find the listener there.
 */
export function registerMessageHandlers(handlers: Handlers, onRefused?: (reason: string) => void): void {
  const extensionOrigin = browser.runtime.getURL('/');
  browser.runtime.onMessage.addListener((raw: unknown, sender: MessageSender, sendResponse: (r: unknown) => void) => {
    const info = describeSender(sender, browser.runtime.id, extensionOrigin);
    if (!info) return undefined; // not ours: say nothing, so another listener (or none) can answer
    let request: { type: RequestType; payload: unknown };
    try {
      request = validateMessage(raw, info);
    } catch (error) {
      onRefused?.(error instanceof Error ? error.message : String(error));
      sendResponse({ ok: false, error: { code: 'invalid_request', message: error instanceof Error ? error.message : t('refused_') } } satisfies ResponseEnvelope<never>);
      return undefined;
    }
    const handler = handlers[request.type] as (p: unknown, s: SenderInfo) => Promise<unknown> | unknown;
    Promise.resolve()
      .then(() => handler(request.payload, info))
      .then(
        (data) => sendResponse({ ok: true, data: data ?? null }),
        (error: unknown) => sendResponse({ ok: false, error: toUserFacing(error) }),
      );
    // Keep the channel open for the asynchronous answer (works in Chrome, Firefox and WXT's fake browser).
    return true;
  });
}
