/**
 * Everything that can go wrong talking to Asana, as typed errors with a message for people.
 * The background answers every failed request with `{code, message}` built from these.
 */

import { t } from '../i18n';

export type ErrorCode =
  | 'not_connected'
  | 'unauthorized'
  | 'payment_required'
  | 'forbidden'
  | 'not_found'
  | 'bad_request'
  | 'rate_limited'
  | 'server_error'
  | 'network'
  | 'malformed_response'
  | 'invalid_request'
  | 'oauth'
  | 'internal';

/** What the UI receives: a code to branch on and a message to show as it is. */
export interface UserFacingError {
  code: ErrorCode;
  message: string;
}

export class AsanaError extends Error implements UserFacingError {
  readonly code: ErrorCode;
  /** HTTP status, when Asana answered. */
  readonly status: number | undefined;
  /** Asana's own words (`errors[0].message`), when it gave any. */
  readonly asanaMessage: string | undefined;
  /** How long Asana asked us to wait (429 Retry-After), in ms. */
  readonly retryAfterMs: number | undefined;
  /**
   * For writes: the request may have been applied although we got no answer (connection dropped,
   * 5xx, unreadable body). The outbox checks Asana before sending such a write again.
   */
  readonly outcomeUnknown: boolean;

  constructor(init: { code: ErrorCode; message: string; status?: number; asanaMessage?: string; retryAfterMs?: number; outcomeUnknown?: boolean }) {
    super(init.message);
    this.name = 'AsanaError';
    this.code = init.code;
    this.status = init.status;
    this.asanaMessage = init.asanaMessage;
    this.retryAfterMs = init.retryAfterMs;
    this.outcomeUnknown = init.outcomeUnknown ?? false;
  }

  /** Worth trying again later without changing anything. */
  get retryable(): boolean {
    return this.code === 'rate_limited' || this.code === 'server_error' || this.code === 'network' || this.code === 'malformed_response';
  }

  toJSON(): UserFacingError {
    return { code: this.code, message: this.message };
  }
}

/** Builds the error for an HTTP answer from Asana, in words a person can act on. */
export function errorFromStatus(status: number, asanaMessage: string | undefined, opts: { retryAfterMs?: number; phrase?: string; isWrite?: boolean } = {}): AsanaError {
  // Asana's own words, as Asana sent them (in the language of the Asana account), labelled as Asana's.
  const said = asanaMessage ? ` ${t('asanaSaid', asanaMessage)}` : '';
  switch (true) {
    case status === 401:
      return new AsanaError({ code: 'unauthorized', status, asanaMessage, message: t('err401', said) });
    case status === 402:
      return new AsanaError({ code: 'payment_required', status, asanaMessage, message: t('err402', said) });
    case status === 403:
      // Reads get 403 too (e.g. another user's time entries): "this change" would mislead there.
      return new AsanaError({ code: 'forbidden', status, asanaMessage, message: t(opts.isWrite === false ? 'err403Read' : 'err403', said) });
    case status === 404:
      return new AsanaError({ code: 'not_found', status, asanaMessage, message: t('err404', said) });
    case status === 429: {
      const seconds = Math.max(1, Math.round((opts.retryAfterMs ?? 1000) / 1000));
      return new AsanaError({ code: 'rate_limited', status, asanaMessage, retryAfterMs: opts.retryAfterMs, message: t('err429', seconds) });
    }
    case status >= 500:
      return new AsanaError({ code: 'server_error', status, asanaMessage, outcomeUnknown: opts.isWrite, message: opts.phrase ? t('err5xxPhrase', status, opts.phrase) : t('err5xx', status) });
    default:
      return new AsanaError({ code: 'bad_request', status, asanaMessage, message: t('err4xx', said || ` (HTTP ${status})`) });
  }
}

export const networkError = (isWrite: boolean, detail?: string) =>
  new AsanaError({
    code: 'network',
    outcomeUnknown: isWrite,
    message: detail ? t('errNetworkDetail', detail) : t('errNetwork'),
  });

export const malformedError = (what: string, isWrite: boolean) =>
  new AsanaError({
    code: 'malformed_response',
    outcomeUnknown: isWrite,
    message: t('errMalformed', what),
  });

export const notConnectedError = () =>
  new AsanaError({ code: 'not_connected', message: t('errNotConnected') });

/** Any thrown value as something the UI can show. */
export function toUserFacing(error: unknown): UserFacingError {
  if (error instanceof AsanaError) return error.toJSON();
  if (error && typeof error === 'object' && 'code' in error && 'message' in error && typeof (error as UserFacingError).message === 'string') {
    return { code: (error as UserFacingError).code, message: (error as UserFacingError).message };
  }
  return { code: 'internal', message: t('errInternal', error instanceof Error ? error.message : String(error)) };
}
