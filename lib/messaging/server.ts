/**
 * The background's side of the protocol: one `runtime.onMessage` listener, registered
 * synchronously at start-up, that refuses anything not from this extension, validates every
 * payload with valibot, enforces what content scripts may ask for, and answers
 * `{ok, data}` or `{ok: false, error: {code, message}}`.
 */
import { t } from '../i18n';
import * as v from 'valibot';
import { browser, type Browser } from 'wxt/browser';
import { toUserFacing } from '../asana/errors';
import { CHANNEL, CONTENT_SCRIPT_ALLOWED, requestSchemas, type RequestType, type ResponseEnvelope, type Responses, type ValidPayload } from './protocol';

export interface SenderInfo {
  /** True for the popup, options and other pages of this extension. */
  fromExtensionPage: boolean;
  tabId: number | undefined;
  url: string | undefined;
}

export type Handlers = { [K in RequestType]: (payload: ValidPayload<K>, sender: SenderInfo) => Promise<Responses[K]> | Responses[K] };

/** Why a message was refused before any handler ran. */
export class RefusedMessage extends Error {
  constructor(readonly code: 'invalid_request', message: string) {
    super(message);
  }
}

type MessageSender = Browser.runtime.MessageSender;

/** Classifies the sender. Anything not from this extension is refused. */
export function describeSender(sender: MessageSender, runtimeId: string, extensionOrigin: string): SenderInfo | null {
  if (!sender || sender.id !== runtimeId) return null;
  const url = typeof sender.url === 'string' ? sender.url : undefined;
  // The browser sets sender.url: a content script's is the web page's URL, never our origin.
  // (No extension page is web-accessible, so none can be framed by a site.)
  const fromExtensionPage = url !== undefined && url.startsWith(extensionOrigin);
  return { fromExtensionPage, tabId: sender.tab?.id, url };
}

/** Validates one raw message; returns the typed request or throws {@link RefusedMessage}. */
export function validateMessage(raw: unknown, sender: SenderInfo): { type: RequestType; payload: unknown } {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new RefusedMessage('invalid_request', t('refusedNotObject'));
  const { channel, type, payload } = raw as Record<string, unknown>;
  if (channel !== CHANNEL) throw new RefusedMessage('invalid_request', t('refusedChannel'));
  if (typeof type !== 'string' || !Object.hasOwn(requestSchemas, type)) throw new RefusedMessage('invalid_request', t('refusedType'));
  const requestType = type as RequestType;
  if (!sender.fromExtensionPage && !CONTENT_SCRIPT_ALLOWED.has(requestType)) {
    throw new RefusedMessage('invalid_request', t('refusedPagesOnly', requestType));
  }
  // The payload is an object, or absent. (valibot's object schemas take an array for an object, so
  // `[]` passed for a request with no required field, and `null` was read as "nothing".)
  if (payload !== undefined && (payload === null || typeof payload !== 'object' || Array.isArray(payload))) {
    throw new RefusedMessage('invalid_request', t('refusedPayloadObject', requestType));
  }
  const result = v.safeParse(requestSchemas[requestType], payload ?? {});
  if (!result.success) {
    const issue = result.issues[0];
    const field = issue ? v.getDotPath(issue) : null;
    throw new RefusedMessage('invalid_request', t('refusedPayload', requestType, field ? `${field} ` : '', issue?.message ?? t('invalidPayload')));
  }
  return { type: requestType, payload: result.output };
}

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
