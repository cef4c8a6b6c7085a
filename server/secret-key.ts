import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Decodes `SECRET_KEY` (64 hex characters, or base64 of >= 32 bytes); refuses weak values. */
export function decodeSecret(value: string): Buffer {
  if (/^[0-9a-f]{64,}$/i.test(value)) return Buffer.from(value, 'hex');
  const buf = Buffer.from(value, 'base64');
  if (buf.length >= 32 && /^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) return buf;
  throw new Error('SECRET_KEY must be 64+ hex characters or base64 of at least 32 bytes (e.g. `openssl rand -base64 32`).');
}

/**
 * The server secret: `SECRET_KEY` when set (required when several instances share PostgreSQL),
 * otherwise `<DATA_DIR>/secret.key`, created with mode 600 on first start.
 */
export function loadSecret(secretKey: string | undefined, dataDir: string): Buffer {
  if (secretKey) return decodeSecret(secretKey);
  const file = path.join(dataDir, 'secret.key');
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    fs.writeFileSync(file, crypto.randomBytes(32).toString('base64'), { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return decodeSecret(fs.readFileSync(file, 'utf8').trim());
}
