/** PKCE (RFC 7636, S256) and the OAuth `state`, from the platform's crypto. */

const base64url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** A random URL-safe string from `bytes` random bytes. */
export function randomToken(bytes = 32): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** A code verifier: 43–128 characters from the unreserved set (64 random bytes → 86 chars). */
export const createCodeVerifier = (): string => randomToken(64);

/** BASE64URL(SHA256(verifier)), the S256 code challenge. */
export async function codeChallengeS256(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}
