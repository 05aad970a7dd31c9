/**
 * Everything that can go wrong talking to Asana, as typed errors with a message for people.
 * The background answers every failed request with `{code, message}` built from these.
 */

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
  const said = asanaMessage ? ` Asana said: “${asanaMessage}”` : '';
  switch (true) {
    case status === 401:
      return new AsanaError({ code: 'unauthorized', status, asanaMessage, message: `Asana did not accept the saved sign-in.${said} Reconnect in the extension's options.` });
    case status === 402:
      return new AsanaError({ code: 'payment_required', status, asanaMessage, message: `Time tracking is not available on this workspace's Asana plan.${said} Ask your Asana admin, or pick another workspace in the options.` });
    case status === 403:
      // Reads get 403 too (e.g. another user's time entries): "this change" would mislead there.
      return new AsanaError({ code: 'forbidden', status, asanaMessage, message: `Asana refused ${opts.isWrite === false ? 'access' : 'this change'}.${said}` });
    case status === 404:
      return new AsanaError({ code: 'not_found', status, asanaMessage, message: `Asana could not find it: it may have been deleted, or you may not have access.${said}` });
    case status === 429: {
      const seconds = Math.max(1, Math.round((opts.retryAfterMs ?? 1000) / 1000));
      return new AsanaError({ code: 'rate_limited', status, asanaMessage, retryAfterMs: opts.retryAfterMs, message: `Asana asked us to slow down; trying again in ${seconds} s.` });
    }
    case status >= 500: {
      const phrase = opts.phrase ? ` (error phrase “${opts.phrase}”)` : '';
      return new AsanaError({ code: 'server_error', status, asanaMessage, outcomeUnknown: opts.isWrite, message: `Asana had a problem (HTTP ${status})${phrase}. It will be tried again automatically.` });
    }
    default:
      return new AsanaError({ code: 'bad_request', status, asanaMessage, message: `Asana refused the request.${said || ` (HTTP ${status})`} Check the values and try again.` });
  }
}

export const networkError = (isWrite: boolean, detail?: string) =>
  new AsanaError({
    code: 'network',
    outcomeUnknown: isWrite,
    message: `Could not reach Asana${detail ? ` (${detail})` : ''}. Check your connection; it will be tried again automatically.`,
  });

export const malformedError = (what: string, isWrite: boolean) =>
  new AsanaError({
    code: 'malformed_response',
    outcomeUnknown: isWrite,
    message: `Asana sent a response we could not read (${what}). Try again; if it keeps happening, Asana may be having trouble.`,
  });

export const notConnectedError = () =>
  new AsanaError({ code: 'not_connected', message: 'Not connected to Asana. Open the extension options and connect your account.' });

/** Any thrown value as something the UI can show. */
export function toUserFacing(error: unknown): UserFacingError {
  if (error instanceof AsanaError) return error.toJSON();
  if (error && typeof error === 'object' && 'code' in error && 'message' in error && typeof (error as UserFacingError).message === 'string') {
    return { code: (error as UserFacingError).code, message: (error as UserFacingError).message };
  }
  return { code: 'internal', message: `Something went wrong inside the extension: ${error instanceof Error ? error.message : String(error)}. Try again.` };
}
