import { sql } from 'kysely';
import type { Db } from '../db.ts';
import type { StoredRecordState } from './hris-records.ts';

/** A stored, not deleted, unified record with its position (seq) among its model's records. */
export interface StoredUnified {
  seq: number;
  remoteId: string;
  record: unknown;
}

const SEP = '\u0001';
// One text parameter split server-side (see hris-records.ts): cheaper than an array parameter on PGlite.
const list = (values: readonly string[]) => sql`(string_to_array(${SEP + values.join(SEP)}::text, chr(1)))[2:]`;

/**
 * The stored unified records of one model that are not deleted, in seq order: all of them, or only
 * those with the given remote IDs. Rows without a unified form (older than 0004-hris-staging) are skipped:
 * callers check `countWithoutUnified` first.
 */
export async function loadStoredUnified(db: Db, integrationId: string, model: string, remoteIds?: readonly string[]): Promise<StoredUnified[]> {
  if (remoteIds && remoteIds.length === 0) return [];
  const { rows } = await sql<{ seq: number; remote_id: string; record: string }>`
    select seq, remote_id, record from hris_records
    where integration_id = ${integrationId} and model = ${model} and remote_deleted_at is null and record is not null
      ${remoteIds ? sql`and remote_id = any(${list(remoteIds)})` : sql``}
    order by seq`.execute(db);
  return rows.map((r) => ({ seq: Number(r.seq), remoteId: r.remote_id, record: JSON.parse(r.record) as unknown }));
}

/** How many live stored records of these models have no unified form (written before 0004-hris-staging). */
export async function countWithoutUnified(db: Db, integrationId: string, models: readonly string[]): Promise<number> {
  if (models.length === 0) return 0;
  const { rows } = await sql<{ n: number | string }>`
    select count(*) as n from hris_records
    where integration_id = ${integrationId} and model = any(${list(models)}) and remote_deleted_at is null and record is null`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/**
 * The stored states of the named records (deleted ones too), keyed `model\u0000id`, the highest seq
 * per model over all of the integration's records, and how many live records each model has.
 */
export async function loadRecordStatesFor(
  db: Db,
  integrationId: string,
  keys: readonly { model: string; id: string }[],
): Promise<{ states: Map<string, StoredRecordState>; maxSeq: Map<string, number>; live: Map<string, number> }> {
  const states = new Map<string, StoredRecordState>();
  if (keys.length > 0) {
    const { rows } = await sql<{ model: string; seq: number; id: string; own_hash: string; nested_hash: string; body_hash: string;
      changed_ms: string; updated_ms: string; deleted: boolean }>`
      select r.model, r.seq, r.id, r.own_hash, r.nested_hash, r.body_hash,
        (extract(epoch from r.changed_at) * 1000)::bigint::text as changed_ms, (extract(epoch from r.updated_at) * 1000)::bigint::text as updated_ms,
        r.remote_deleted_at is not null as deleted
      from hris_records r
      join unnest(${list(keys.map((k) => k.model))}, ${list(keys.map((k) => k.id))}) as x(model, id) on r.model = x.model and r.id = x.id
      where r.integration_id = ${integrationId}`.execute(db);
    for (const r of rows) {
      states.set(`${r.model}\u0000${r.id}`, { seq: Number(r.seq), ownHash: r.own_hash, nestedHash: r.nested_hash, bodyHash: r.body_hash,
        changedAt: Number(r.changed_ms), updatedAt: Number(r.updated_ms), deleted: r.deleted, seen: false });
    }
  }
  const { rows: totals } = await sql<{ model: string; max_seq: number; live: number | string }>`
    select model, max(seq) as max_seq, count(*) filter (where remote_deleted_at is null) as live
    from hris_records where integration_id = ${integrationId} group by model`.execute(db);
  const maxSeq = new Map<string, number>();
  const live = new Map<string, number>();
  for (const t of totals) {
    maxSeq.set(t.model, Number(t.max_seq));
    live.set(t.model, Number(t.live));
  }
  return { states, maxSeq, live };
}
