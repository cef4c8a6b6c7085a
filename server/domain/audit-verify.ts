import type { Selectable } from 'kysely';
import type { Db } from '../store/db.ts';
import type { ApiKeyRevocationsTable, AuditLogTable } from '../store/schema.ts';
import { type ChainName, chainHash, GENESIS } from './audit-chain.ts';
import { auditContent } from './audit.ts';
import { digestsEqual } from './secrets.ts';
import { revocationContent } from './revocations.ts';

/** The outcome of walking one chain from its first row. */
export type ChainReport =
  | { chain: ChainName; ok: true; rows: number; unchained: number }
  | { chain: ChainName; ok: false; rows: number; seq: number | null; reason: string };

const BATCH = 1000;

interface ChainedRow {
  seq: number;
  prev_hash: string | null;
  hash: string | null;
}

/**
 * Walks a chain in order, recomputing every keyed hash, and reports the first broken link: a row whose
 * content no longer matches its hash, a row that does not point at its predecessor (inserted, removed or
 * reordered rows), an unchained row after the chain began, or a head that names another last row (rows
 * cut off the end). Rows older than the chain (no hash at all, written before it existed) are counted.
 */
async function walk<R extends ChainedRow>(
  db: Db,
  secret: Buffer,
  chain: ChainName,
  page: (afterSeq: number) => Promise<R[]>,
  content: (row: R) => unknown,
): Promise<ChainReport> {
  let expected = GENESIS;
  let rows = 0;
  let unchained = 0;
  let afterSeq = 0;
  for (;;) {
    const batch = await page(afterSeq);
    for (const row of batch) {
      rows++;
      afterSeq = row.seq;
      if (row.hash === null && row.prev_hash === null && expected === GENESIS) {
        unchained++;
        continue;
      }
      if (row.prev_hash !== expected) {
        return { chain, ok: false, rows, seq: row.seq, reason: 'it does not follow the previous entry (an entry was removed, inserted or reordered)' };
      }
      if (row.hash === null || !digestsEqual(row.hash, chainHash(secret, chain, expected, content(row)))) {
        return { chain, ok: false, rows, seq: row.seq, reason: 'its content does not match its hash (the entry was changed)' };
      }
      expected = row.hash;
    }
    if (batch.length < BATCH) break;
  }
  const head = await db.selectFrom('chain_heads').select('last_hash').where('chain', '=', chain).executeTakeFirst();
  if (!head || head.last_hash !== expected) {
    return { chain, ok: false, rows, seq: null, reason: 'the chain head names a later entry that is missing (entries were removed from the end)' };
  }
  return { chain, ok: true, rows, unchained };
}

/** Verifies the audit log's chain and the revocation list's chain; see {@link walk}. */
export async function verifyChains(db: Db, secret: Buffer): Promise<ChainReport[]> {
  const audit = await walk<Selectable<AuditLogTable>>(
    db,
    secret,
    'audit_log',
    (afterSeq) => db.selectFrom('audit_log').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(BATCH).execute(),
    auditContent,
  );
  const revocations = await walk<Selectable<ApiKeyRevocationsTable>>(
    db,
    secret,
    'api_key_revocations',
    (afterSeq) => db.selectFrom('api_key_revocations').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(BATCH).execute(),
    revocationContent,
  );
  return [audit, revocations];
}
