import crypto from 'node:crypto';

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Unbiased random string over `alphabet` from crypto.randomBytes (rejection sampling). */
export function randomString(length: number, alphabet: string = BASE62): string {
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < length) {
    for (const byte of crypto.randomBytes(length * 2)) {
      if (byte < limit) out += alphabet[byte % alphabet.length];
      if (out.length === length) break;
    }
  }
  return out;
}

/** A new random 24-character base58 object ID, the shape Kombo uses (about 140 bits). */
export const newId = (): string => randomString(24, BASE58);

/** Encodes a non-negative integer in base62, left-padded to `width`. */
export function toBase62(value: number, width: number): string {
  let n = value;
  let out = '';
  do {
    out = BASE62[n % 62] + out;
    n = Math.floor(n / 62);
  } while (n > 0);
  return out.padStart(width, '0');
}

/**
 * A deterministic 24-character base58 ID derived from parts (e.g. integration ID, model and remote ID):
 * the same inputs always give the same ID, different integrations never share one.
 */
export function derivedId(...parts: string[]): string {
  // One-shot hash: about twice as fast as createHash() for the tens of thousands of IDs a sync derives.
  const digest = crypto.hash('sha256', parts.join('\u0000'), 'buffer');
  let out = '';
  for (let i = 0; out.length < 24; i++) out += BASE58[digest[i]! % 58];
  return out;
}
