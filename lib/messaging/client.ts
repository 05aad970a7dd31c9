/**
 * Sending requests to the background from any context (content script, popup, options).
 * Types only come from the protocol, so this file stays tiny in every bundle.
 */
import { browser } from 'wxt/browser';
import type { UserFacingError } from '../asana/errors';
import { t } from '../i18n';
import { CHANNEL } from './channel';
import type { RequestPayload, RequestType, ResponseEnvelope, Responses } from './protocol';

/** A failed request, carrying the background's `{code, message}` for the UI to show. */
export class RequestError extends Error implements UserFacingError {
  constructor(
    readonly code: UserFacingError['code'],
    message: string,
  ) {
    super(message);
    this.name = 'RequestError';
  }
}

/** Sends one request and resolves with its typed answer, or throws a {@link RequestError}. */
export async function send<K extends RequestType>(type: K, ...args: RequestPayload<K> extends Record<string, never> | undefined ? [payload?: RequestPayload<K>] : [payload: RequestPayload<K>]): Promise<Responses[K]> {
  let response: ResponseEnvelope<Responses[K]> | undefined;
  try {
    response = (await browser.runtime.sendMessage({ channel: CHANNEL, type, payload: args[0] ?? {} })) as ResponseEnvelope<Responses[K]> | undefined;
  } catch (error) {
    throw new RequestError('internal', t('noBackground', error instanceof Error ? error.message : String(error)));
  }
  if (!response || typeof response !== 'object') throw new RequestError('internal', t('noAnswer'));
  if (response.ok) return response.data;
  throw new RequestError(response.error.code as UserFacingError['code'], response.error.message);
}

/** The message to show for anything thrown by {@link send}. */
export const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));
