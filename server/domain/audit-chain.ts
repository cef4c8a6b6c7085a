import crypto from 'node:crypto';
import type { Db } from '../store/db.ts';
import { deriveKey } from './secrets.ts';

/** The chains kept: the audit log and the list of revoked API keys. */
export type ChainName = 'audit_log' | 'api_key_revocations';

/** The `prev_hash` of a chain's first row. */
export const GENESIS = 'genesis';

/** JSON with object keys sorted at every level: jsonb reorders keys, the hash must not care. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/**
 * The keyed hash linking one row to the previous: HMAC-SHA256 under a key derived from the server
 * secret for this chain, over the previous hash and the row's canonical content. Whoever can write the
 * database but does not hold the secret cannot produce a valid chain.
 */
export function chainHash(secret: Buffer, chain: ChainName, prevHash: string, content: unknown): string {
  return crypto
    .createHmac('sha256', deriveKey(secret, `plugboard ${chain} chain v1`))
    .update(prevHash)
    .update('\n')
    .update(canonicalJson(content))
    .digest('hex');
}

/** Locks the chain's head for this transaction and returns its last hash; pair with {@link advanceChain}. */
export async function lockChainHead(trx: Db, chain: ChainName): Promise<string> {
  const row = await trx.selectFrom('chain_heads').select('last_hash').where('chain', '=', chain).forUpdate().executeTakeFirstOrThrow();
  return row.last_hash;
}

/** Moves the chain's head to the row just appended (same transaction as {@link lockChainHead}). */
export async function advanceChain(trx: Db, chain: ChainName, hash: string): Promise<void> {
  await trx.updateTable('chain_heads').set({ last_hash: hash }).where('chain', '=', chain).execute();
}
