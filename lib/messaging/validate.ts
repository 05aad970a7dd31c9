/**
 * Checking a message before any handler runs, as pure functions: who sent it (this extension's
 * pages, or its content script in a tab), and whether it is a request of ours whose payload fits
 * its schema and that this sender may make. Unit- and mutation-tested where they live; the
 * listener that uses them is lib/messaging/server.ts.
 */
import { t } from '../i18n';
import * as v from 'valibot';
import type { Browser } from 'wxt/browser';
import { CHANNEL, CONTENT_SCRIPT_ALLOWED, requestSchemas, type RequestType } from './protocol';

type MessageSender = Browser.runtime.MessageSender;

export interface SenderInfo {
  /** True for the popup, options and other pages of this extension. */
  fromExtensionPage: boolean;
  tabId: number | undefined;
  /** The frame of the tab a content script runs in (0: the top frame). */
  frameId?: number;
  url: string | undefined;
  /** The address bar's URL of the sender's tab now (a page's pushState moves it; `url` stays the document's). */
  tabUrl?: string;
}

/** Why a message was refused before any handler ran. */
export class RefusedMessage extends Error {
  constructor(readonly code: 'invalid_request', message: string) {
    super(message);
  }
}

/** Classifies the sender. Anything not from this extension is refused. */
export function describeSender(sender: MessageSender, runtimeId: string, extensionOrigin: string): SenderInfo | null {
  if (!sender || sender.id !== runtimeId) return null;
  const url = typeof sender.url === 'string' ? sender.url : undefined;
  // The browser sets sender.url: a content script's is the web page's URL, never our origin.
  // (No extension page is web-accessible, so none can be framed by a site.)
  const fromExtensionPage = url !== undefined && url.startsWith(extensionOrigin);
  const tabUrl = typeof sender.tab?.url === 'string' ? { tabUrl: sender.tab.url } : {};
  return { fromExtensionPage, tabId: sender.tab?.id, ...(typeof sender.frameId === 'number' ? { frameId: sender.frameId } : {}), url, ...tabUrl };
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
    throw new RefusedMessage('invalid_request', t('refusedPayload', requestType, `${field ? `${field} ` : ''}${issue?.message ?? t('invalidPayload')}`));
  }
  return { type: requestType, payload: result.output };
}

