import crypto from 'node:crypto';

/** The header Kombo's receivers verify. */
export const SIGNATURE_HEADER = 'X-Kombo-Signature';

/** Kombo's method: HMAC-SHA256 keyed with the webhook secret over the raw UTF-8 body, base64url without padding. */
export function signBody(secret: string, body: string): string {
  return crypto.createHmac('sha256', secret).update(body, 'utf8').digest('base64url');
}

/**
 * The header value for `secrets` (current first). Outside a rotation it is exactly one signature, as
 * Kombo sends it; during a rotation window the previous secret's signature follows after a comma, so a
 * receiver accepting any listed signature keeps verifying while it switches secrets.
 */
export function signatureHeader(secrets: readonly string[], body: string): string {
  return secrets.map((s) => signBody(s, body)).join(',');
}
