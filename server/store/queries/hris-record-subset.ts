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
 * Which stored records of a model to load: all, those with these remote IDs, or those whose unified
 * field `field` holds one of `values` (a string, or an array of strings with `array`). With `attr` the
 * field is read from the row's `attrs`, where the sync stores the model's lookup fields (indexed by
 * 0022-hris-lookup-attrs), instead of from the unified record.
 */
export type StoredFilter = { remoteIds: readonly string[] } | { field: string; values: readonly string[]; array?: boolean; attr?: boolean } | null;

/**
 * A model key or a unified record's field, as an SQL literal (so the query matches the partial expression
 * indexes of 0022-hris-lookup-attrs): names from the catalogue, never from a request.
 */
const literal = (name: string) => {
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) throw new Error(`not a model or field name: ${name}`);
  return sql.lit(name);
};

/**
 * The query of loadStoredUnified (null when the filter names no values): the stored unified records of one
 * model that are not deleted, filtered (see StoredFilter), in seq order. By a lookup field (`attr`: `= any`,
 * the model and field as literals) the planner can use the partial expression indexes of
 * 0022-hris-lookup-attrs once the table has statistics.
 */
export function storedUnifiedQuery(integrationId: string, model: string, filter: StoredFilter = null) {
  const values = filter ? ('remoteIds' in filter ? filter.remoteIds : filter.values) : null;
  if (values && values.length === 0) return null;
  // The `json` type reads only up to the field; a jsonb cast would convert every record whole.
  const where = !filter
    ? sql``
    : 'remoteIds' in filter
      ? sql`and remote_id in (select unnest(${list(filter.remoteIds)}))`
      : filter.array
        ? sql`and (record::json -> ${literal(filter.field)})::jsonb ?| ${list(filter.values)}`
        : filter.attr
          ? sql`and (attrs ->> ${literal(filter.field)}) = any(${list(filter.values)})`
          : sql`and (record::json ->> ${literal(filter.field)}) = any(${list(filter.values)})`;
  return sql<{ seq: number; remote_id: string; record: string }>`
    select seq, remote_id, record from hris_records
    where integration_id = ${integrationId} and model = ${literal(model)} and remote_deleted_at is null and record is not null ${where}
    order by seq`;
}

/**
 * The stored unified records of one model that are not deleted, in seq order, filtered (see StoredFilter).
 * Rows without a unified form (older than 0004-hris-staging) are skipped: callers check `countWithoutUnified` first.
 */
export async function loadStoredUnified(db: Db, integrationId: string, model: string, filter: StoredFilter = null): Promise<StoredUnified[]> {
  const query = storedUnifiedQuery(integrationId, model, filter);
  if (!query) return [];
  const { rows } = await query.execute(db);
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

type StateRow = { model: string; seq: number; id: string; own_hash: string; nested_hash: string; body_hash: string; changed_ms: string;
  updated_ms: string; deleted: boolean };
const STATE_COLUMNS = sql`r.model, r.seq, r.id, r.own_hash, r.nested_hash, r.body_hash,
  (extract(epoch from r.changed_at) * 1000)::bigint::text as changed_ms, (extract(epoch from r.updated_at) * 1000)::bigint::text as updated_ms,
  r.remote_deleted_at is not null as deleted`;

/**
 * The stored states of the named records (deleted ones too), keyed `model\u0000id`: those whose seq is
 * known found by primary key, the others by Kombo ID. Also the highest seq per model over all of the
 * integration's records, and how many live records each model has.
 */
export async function loadRecordStatesFor(
  db: Db,
  integrationId: string,
  keys: readonly { model: string; id: string; seq?: number }[],
): Promise<{ states: Map<string, StoredRecordState>; maxSeq: Map<string, number>; live: Map<string, number> }> {
  const states = new Map<string, StoredRecordState>();
  const bySeq = keys.filter((k) => k.seq !== undefined);
  const byId = keys.filter((k) => k.seq === undefined);
  const rows: StateRow[] = [];
  if (bySeq.length > 0) {
    rows.push(...(await sql<StateRow>`select ${STATE_COLUMNS} from hris_records r
      join (select unnest(${list(bySeq.map((k) => k.model))}) as model, unnest(${list(bySeq.map((k) => String(k.seq)))})::int as seq) x
        on r.model = x.model and r.seq = x.seq
      where r.integration_id = ${integrationId}`.execute(db)).rows);
  }
  if (byId.length > 0) {
    rows.push(...(await sql<StateRow>`select ${STATE_COLUMNS} from hris_records r
      where r.integration_id = ${integrationId} and r.model in (select unnest(${list([...new Set(byId.map((k) => k.model))])}))
        and r.id in (select unnest(${list(byId.map((k) => k.id))}))`.execute(db)).rows);
  }
  for (const r of rows) {
    states.set(`${r.model}\u0000${r.id}`, { seq: Number(r.seq), ownHash: r.own_hash, nestedHash: r.nested_hash, bodyHash: r.body_hash,
      changedAt: Number(r.changed_ms), updatedAt: Number(r.updated_ms), deleted: r.deleted, seen: false });
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
