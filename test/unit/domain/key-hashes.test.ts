import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KeyHashes } from '../../../server/domain/key-hashes.ts';
import { keyedHash } from '../../../server/domain/secrets.ts';

const secret = crypto.randomBytes(32);

describe('KeyHashes', () => {
  it('computes the keyed hash of a key it does not know', () => {
    expect(new KeyHashes(secret).of('pb_dev_example')).toBe(keyedHash(secret, 'pb_dev_example'));
  });

  it('answers a remembered key from memory, without hashing it again', () => {
    const hashes = new KeyHashes(secret);
    // A value no HMAC gives: only the memory can answer it.
    hashes.remember('pb_dev_example', 'remembered');
    expect(hashes.of('pb_dev_example')).toBe('remembered');
    expect(hashes.of('pb_dev_other')).toBe(keyedHash(secret, 'pb_dev_other'));
  });

  it('keeps at most 10,000 keys, dropping the oldest first', () => {
    const hashes = new KeyHashes(secret);
    for (let i = 0; i <= 10_000; i++) hashes.remember(`key-${i}`, `remembered-${i}`);
    expect(hashes.of('key-0')).toBe(keyedHash(secret, 'key-0'));
    expect(hashes.of('key-1')).toBe('remembered-1');
    expect(hashes.of('key-10000')).toBe('remembered-10000');
  });
});
