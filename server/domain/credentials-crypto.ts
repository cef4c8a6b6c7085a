import crypto from 'node:crypto';
import { deriveKey } from './secrets.ts';

/** The key id new credentials are sealed with; older ids stay readable for rotation. */
export const CURRENT_CREDENTIALS_KEY_ID = 'v1';

const KEY_PURPOSES: Record<string, string> = { v1: 'credentials:v1' };
const IV_BYTES = 12;
const TAG_BYTES = 16;

function keyFor(secret: Buffer, keyId: string): Buffer {
  const purpose = KEY_PURPOSES[keyId];
  if (!purpose) throw new Error(`Unknown credentials key id '${keyId}'.`);
  return deriveKey(secret, purpose);
}

/** Credentials sealed for storage: which key, and base64 of iv | tag | ciphertext. */
export interface SealedCredentials {
  keyId: string;
  ciphertext: string;
}

/**
 * Encrypts an integration's credentials with AES-256-GCM under a key derived from the server secret.
 * The integration ID is bound as associated data, so a ciphertext copied onto another integration
 * fails to decrypt instead of lending it someone else's credentials.
 */
export function sealCredentials(secret: Buffer, integrationId: string, credentials: Readonly<Record<string, string>>): SealedCredentials {
  const iv = crypto.randomBytes(IV_BYTES);
  const cipher = crypto.createCipheriv('aes-256-gcm', keyFor(secret, CURRENT_CREDENTIALS_KEY_ID), iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(integrationId, 'utf8'));
  const data = Buffer.concat([cipher.update(JSON.stringify(credentials), 'utf8'), cipher.final()]);
  return { keyId: CURRENT_CREDENTIALS_KEY_ID, ciphertext: Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64') };
}

/** Decrypts what `sealCredentials` produced for the same integration ID; throws when anything was altered. */
export function openCredentials(secret: Buffer, integrationId: string, sealed: SealedCredentials): Record<string, string> {
  const raw = Buffer.from(sealed.ciphertext, 'base64');
  const decipher = crypto.createDecipheriv('aes-256-gcm', keyFor(secret, sealed.keyId), raw.subarray(0, IV_BYTES), {
    authTagLength: TAG_BYTES,
  });
  decipher.setAAD(Buffer.from(integrationId, 'utf8'));
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  const plain = Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
  return JSON.parse(plain.toString('utf8')) as Record<string, string>;
}
