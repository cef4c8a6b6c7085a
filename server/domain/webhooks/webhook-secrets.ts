import type { Db } from '../../store/db.ts';
import { findSecretRow, insertSecretRow, updateSecretRow } from '../../store/queries/webhooks.ts';
import { openCredentials, sealCredentials } from '../credentials-crypto.ts';
import { randomString } from '../ids.ts';

/** How long the previous secret keeps signing after a rotation. @default 24 hours */
export const ROTATION_WINDOW_MS = 24 * 60 * 60 * 1000;

/** A new webhook secret: `whsec_` and 40 random base62 characters (about 238 bits). */
export const newWebhookSecret = (): string => `whsec_${randomString(40)}`;

/** The secret is sealed like tool credentials, with the environment as associated data. */
const identity = (environmentId: string) => `webhook-secret:${environmentId}`;
const seal = (serverSecret: Buffer, environmentId: string, value: string) => sealCredentials(serverSecret, identity(environmentId), { secret: value });
const open = (serverSecret: Buffer, environmentId: string, keyId: string, ciphertext: string) =>
  openCredentials(serverSecret, identity(environmentId), { keyId, ciphertext }).secret!;

/** Creates the environment's secret unless it has one; returns the new plaintext (shown once) or null. */
export async function ensureWebhookSecret(trx: Db, serverSecret: Buffer, environmentId: string, now: Date): Promise<string | null> {
  if (await findSecretRow(trx, environmentId)) return null;
  const value = newWebhookSecret();
  const sealed = seal(serverSecret, environmentId, value);
  return (await insertSecretRow(trx, { environmentId, keyId: sealed.keyId, ciphertext: sealed.ciphertext, now })) ? value : null;
}

/**
 * Replaces the environment's secret with a new one; the old one keeps signing (second signature) for
 * ROTATION_WINDOW_MS. Returns the new plaintext, or null when the environment has no secret yet.
 */
export async function rotateWebhookSecret(trx: Db, serverSecret: Buffer, environmentId: string, now: Date, windowMs = ROTATION_WINDOW_MS): Promise<string | null> {
  const row = await findSecretRow(trx, environmentId, { forUpdate: true });
  if (!row) return null;
  const value = newWebhookSecret();
  const sealed = seal(serverSecret, environmentId, value);
  await updateSecretRow(trx, environmentId, {
    key_id: sealed.keyId,
    ciphertext: sealed.ciphertext,
    previous_key_id: row.key_id,
    previous_ciphertext: row.ciphertext,
    previous_expires_at: new Date(now.getTime() + windowMs),
    rotated_at: now,
  });
  return value;
}

/** The secrets deliveries are signed with right now: the current one, then the previous while its window lasts. */
export async function signingSecrets(db: Db, serverSecret: Buffer, environmentId: string, now: Date): Promise<string[]> {
  const row = await findSecretRow(db, environmentId);
  if (!row) return [];
  const secrets = [open(serverSecret, environmentId, row.key_id, row.ciphertext)];
  if (row.previous_ciphertext && row.previous_key_id && row.previous_expires_at && row.previous_expires_at > now) {
    secrets.push(open(serverSecret, environmentId, row.previous_key_id, row.previous_ciphertext));
  }
  return secrets;
}
