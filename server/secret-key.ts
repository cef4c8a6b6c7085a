import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const SECRET_FORMAT = '64+ hex characters or base64 of at least 32 bytes (e.g. `openssl rand -base64 32`)';

/** Decodes a secret (64 hex characters, or base64 of >= 32 bytes); refuses weak values, naming `source`. */
export function decodeSecret(value: string, source = 'SECRET_KEY'): Buffer {
  if (/^[0-9a-f]{64,}$/i.test(value)) return Buffer.from(value, 'hex');
  const buf = Buffer.from(value, 'base64');
  if (buf.length >= 32 && /^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) return buf;
  throw new Error(`${source} must be ${SECRET_FORMAT}.`);
}

export interface LoadSecretOptions {
  /** The store already holds keys, credentials or links sealed with a secret: never generate a new one. */
  storeUsesSecret?: boolean;
}

/**
 * The server secret: `SECRET_KEY` when set (required when several instances share PostgreSQL),
 * otherwise `<DATA_DIR>/secret.key`, created with mode 600 on first start. Refuses to start (rather than
 * silently generating a new secret that would lock out every key) when the store already uses one.
 */
export function loadSecret(secretKey: string | undefined, dataDir: string, options: LoadSecretOptions = {}): Buffer {
  if (secretKey) return decodeSecret(secretKey);
  const file = path.join(dataDir, 'secret.key');
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (!fs.existsSync(file) && options.storeUsesSecret) {
    throw new Error(
      `${file} is missing, but the store holds API keys and credentials sealed with it. Restore secret.key from ` +
        'a backup (or set SECRET_KEY to the same secret); a new secret would make every API key and credential unusable.',
    );
  }
  try {
    fs.writeFileSync(file, crypto.randomBytes(32).toString('base64'), { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const value = fs.readFileSync(file, 'utf8').trim();
  if (!value) {
    throw new Error(`${file} is empty. Restore it from a backup (or set SECRET_KEY); it must hold ${SECRET_FORMAT}.`);
  }
  return decodeSecret(value, file);
}
