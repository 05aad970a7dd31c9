/**
 * Bearer token resolution. PATs never expire; OAuth access tokens expire after `expires_in` and
 * die with their refresh token on revoke. Anything else is 401 "Not Authorized".
 */
import type { TokenRecord, UserRecord } from './types.ts';
import type { World } from './world.ts';

export type AuthResult =
  | { ok: true; user: UserRecord; token: TokenRecord }
  | { ok: false; reason: 'missing' | 'unknown' | 'expired' | 'revoked'; token: string | null };

/** The token of an `Authorization: Bearer …` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m ? (m[1] as string) : null;
}

export function authenticate(world: World, header: string | undefined, now = Date.now()): AuthResult {
  const raw = bearerToken(header);
  if (!raw) return { ok: false, reason: 'missing', token: null };
  const token = world.tokens.get(raw);
  if (!token) return { ok: false, reason: 'unknown', token: raw };
  if (token.revoked) return { ok: false, reason: 'revoked', token: raw };
  if (token.expiresAt !== null && now >= token.expiresAt) return { ok: false, reason: 'expired', token: raw };
  const user = world.users.get(token.user);
  if (!user) return { ok: false, reason: 'unknown', token: raw };
  return { ok: true, user, token };
}
