import type { Insertable } from 'kysely';
import type { Db } from '../db.ts';
import type { ActivationTokensTable } from '../schema.ts';

export async function insertActivationTokenRow(db: Db, values: Insertable<ActivationTokensTable>): Promise<void> {
  await db.insertInto('activation_tokens').values(values).execute();
}

/**
 * Redeems a token of one environment in a single conditional UPDATE: unredeemed and unexpired or nothing.
 * Concurrent redemptions serialise on the row, so exactly one gets the integration ID.
 */
export async function redeemActivationTokenRow(db: Db, tokenHash: string, environmentId: string, now: Date, keyId: string): Promise<string | undefined> {
  const row = await db
    .updateTable('activation_tokens')
    .set({ redeemed_at: now, redeemed_by: keyId })
    .where('token_hash', '=', tokenHash)
    .where('environment_id', '=', environmentId)
    .where('redeemed_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('integration_id')
    .executeTakeFirst();
  return row?.integration_id;
}

/** Why a token of this environment could not be redeemed: it was already, it expired, or it does not exist here. */
export async function activationTokenState(
  db: Db,
  tokenHash: string,
  environmentId: string,
): Promise<{ redeemedAt: Date | null; redeemedBy: string | null; expiresAt: Date; integrationId: string } | undefined> {
  const row = await db
    .selectFrom('activation_tokens')
    .select(['redeemed_at', 'redeemed_by', 'expires_at', 'integration_id'])
    .where('token_hash', '=', tokenHash)
    .where('environment_id', '=', environmentId)
    .executeTakeFirst();
  return row && { redeemedAt: row.redeemed_at, redeemedBy: row.redeemed_by, expiresAt: row.expires_at, integrationId: row.integration_id };
}
