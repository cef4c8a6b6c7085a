import crypto from 'node:crypto';

/** Keyed hash (HMAC-SHA256 with the server secret) used to store API keys and link/activation tokens. */
export function keyedHash(secret: Buffer, value: string): string {
  return crypto.createHmac('sha256', secret).update(value, 'utf8').digest('hex');
}

/** Constant-time equality of two hex digests of the same algorithm. */
export function digestsEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}

/** Derives an independent sub-key from the server secret for one purpose (HKDF-SHA256). */
export function deriveKey(secret: Buffer, purpose: string, length = 32): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', secret, Buffer.alloc(0), purpose, length));
}
