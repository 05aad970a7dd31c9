/**
 * Offset tokens and paging.
 *
 * Tokens are opaque to clients but are, like the one real Asana offset seen in the wild, HS256
 * JWTs: the payload holds the sort key of the last item served (keyset paging, so entries added
 * or deleted between pages neither repeat nor vanish), a hash binding the token to the request it
 * came from, a sequence number and an expiry. A token that fails to decode, has a bad signature,
 * or belongs to another query is "invalid"; one past its lifetime, or issued before
 * `expireAll()`, is "expired". Both are 400s naming `offset`, with different messages.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { badRequest } from './errors.ts';

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64url');
const HEADER = b64(JSON.stringify({ typ: 'JWT', alg: 'HS256' }));

interface OffsetPayload {
  /** Sort key of the last item of the previous page. */
  k: string;
  /** Hash of the request scope. */
  s: string;
  /** Issue sequence number (for expire-on-demand). */
  n: number;
  iat: number;
  /** Expiry, epoch ms. */
  exp: number;
}

export class OffsetCodec {
  private readonly secret = randomBytes(32);
  private seq = 0;
  private minValidSeq = 0;

  constructor(public ttlMs: number) {}

  private sign(data: string): string {
    return createHmac('sha256', this.secret).update(data).digest('base64url');
  }

  issue(scope: string, lastKey: string): string {
    const now = Date.now();
    const payload: OffsetPayload = { k: lastKey, s: scopeHash(scope), n: this.seq++, iat: now, exp: now + this.ttlMs };
    const body = `${HEADER}.${b64(JSON.stringify(payload))}`;
    return `${body}.${this.sign(body)}`;
  }

  /** The last key the token carries; throws Asana's 400 when invalid or expired. */
  decode(token: string, scope: string): string {
    const invalid = badRequest('offset', 'Your pagination token is invalid.');
    const parts = token.split('.');
    if (parts.length !== 3) throw invalid;
    const [header, body, sig] = parts as [string, string, string];
    const expected = Buffer.from(this.sign(`${header}.${body}`));
    const given = Buffer.from(sig);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalid;
    let payload: OffsetPayload;
    try {
      payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as OffsetPayload;
    } catch {
      throw invalid;
    }
    if (payload.s !== scopeHash(scope) || typeof payload.k !== 'string') throw invalid;
    if (payload.n < this.minValidSeq || Date.now() >= payload.exp) {
      throw badRequest('offset', 'Your pagination token has expired.');
    }
    return payload.k;
  }

  /** Every token issued so far becomes expired (faults.expireOffsets()). */
  expireAll(): void {
    this.minValidSeq = this.seq;
  }
}

function scopeHash(scope: string): string {
  return createHash('sha256').update(scope).digest('base64url').slice(0, 16);
}

/** Sort key of a gid-ordered list (digit strings compared numerically). */
export const gidKey = (gid: string) => gid.padStart(24, '0');

export interface PageRequest {
  /** Validated limit, or null when the request had none (⇒ everything, and no next_page key). */
  limit: number | null;
  offset: string | null;
}

/** Reads and validates `limit` (1..100) and `offset` from the query. */
export function readPageRequest(query: URLSearchParams): PageRequest {
  const rawLimit = query.get('limit');
  let limit: number | null = null;
  if (rawLimit !== null) {
    if (!/^\d+$/.test(rawLimit.trim()) || Number(rawLimit) < 1 || Number(rawLimit) > 100) {
      throw badRequest('limit', `Must be an integer between 1 and 100, got ${JSON.stringify(rawLimit)}.`);
    }
    limit = Number(rawLimit);
  }
  const offset = query.get('offset');
  if (offset !== null && offset.trim() === '') throw badRequest('offset', 'Your pagination token is invalid.');
  return { limit, offset };
}

export interface NextPage {
  offset: string;
  path: string;
  uri: string;
}

/**
 * Cuts one page out of `items` (already sorted by `keyOf`, ascending). `scope` identifies the
 * query (path + filters + user) so that a token cannot be replayed on another list. Offsets work
 * without `limit` too (the rest is returned), although clients only get them with one.
 */
export function paginate<T>(
  items: readonly T[], keyOf: (item: T) => string, page: PageRequest, codec: OffsetCodec, scope: string,
  relativePath: string, query: URLSearchParams, apiBase: string,
): { items: T[]; nextPage?: NextPage | null } {
  let rest = items;
  if (page.offset !== null) {
    const after = codec.decode(page.offset, scope);
    rest = items.filter((item) => keyOf(item) > after);
  }
  if (page.limit === null) return { items: [...rest] };
  const pageItems = rest.slice(0, page.limit);
  if (rest.length <= page.limit) return { items: pageItems, nextPage: null };
  const last = pageItems[pageItems.length - 1] as T;
  const offset = codec.issue(scope, keyOf(last));
  const q = new URLSearchParams();
  for (const [k, v] of query) if (k !== 'offset') q.append(k, v);
  q.append('offset', offset);
  const path = `${relativePath}?${q.toString()}`;
  return { items: pageItems, nextPage: { offset, path, uri: `${apiBase}${path}` } };
}
