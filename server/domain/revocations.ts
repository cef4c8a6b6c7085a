import type { Db } from '../store/db.ts';
import { advanceChain, chainHash, lockChainHead } from './audit-chain.ts';

/** What the revocation chain hashes of a row. */
export const revocationContent = (row: { key_id: string; key_hash: string; revoked_at: Date }) => [row.key_id, row.key_hash, row.revoked_at.toISOString()];

/**
 * Appends a key's revocation to the append-only, chained revocation list (same transaction as the
 * disabling). Authentication refuses any key whose hash is listed, so deleting a disabled key's row and
 * inserting it again does not bring it back.
 */
export async function appendRevocation(trx: Db, secret: Buffer, revoked: { keyId: string; keyHash: string; at: Date }): Promise<void> {
  const row = { key_id: revoked.keyId, key_hash: revoked.keyHash, revoked_at: revoked.at };
  const prevHash = await lockChainHead(trx, 'api_key_revocations');
  const hash = chainHash(secret, 'api_key_revocations', prevHash, revocationContent(row));
  await trx.insertInto('api_key_revocations').values({ ...row, prev_hash: prevHash, hash }).execute();
  await advanceChain(trx, 'api_key_revocations', hash);
}
