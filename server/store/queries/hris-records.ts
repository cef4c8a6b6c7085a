import { setImmediate } from 'node:timers/promises';
import { sql } from 'kysely';
import type { Db } from '../db.ts';

/** What the sync needs to know of a stored record to decide whether it changed. */
export interface StoredRecordState {
  seq: number;
  ownHash: string;
  nestedHash: string;
  bodyHash: string;
  changedAt: number;
  updatedAt: number;
  deleted: boolean;
  seen: boolean;
}

/** A row to insert or overwrite (changed_at/updated_at as ISO strings). */
export interface RecordWrite {
  model: string;
  seq: number;
  id: string;
  remoteId: string;
  ownHash: string;
  nestedHash: string;
  bodyHash: string;
  changedAt: string;
  updatedAt: string;
  attrs: string;
  body: string;
  /** JSON of the unified record. */
  record: string;
}

/**
 * Rows per statement. Each statement's packed text is built in the sync's thread and copied to the
 * store (and, on the embedded store, into its thread), so it is held several times over while it runs.
 * Peak server RSS during a 10k Sandbox sync on the embedded store (bench `during-sync`, two runs each):
 * 1,186 and 1,218 MB with 4,000 rows, 971 and 957 MB with 1,000, at the same sync time. Once the
 * allocator returned large blocks (MALLOC_ENV), fewer rows paid off again: 616 and 632 MB with 500 against
 * 623-687 MB with 1,000, connect to COMPLETED in 17.7-18.7 s against 17.5-20.1 s, and the API's p99
 * during the sync 1.13-1.35x of idle against 1.63-2.05x. 250 rows reached 575-600 MB but slowed the sync
 * (20.5-23.2 s). On PostgreSQL the write was no slower with 500 (5.7-7.3 s against 6.1-6.7 s in-process).
 */
const BATCH = 500;

/**
 * Every stored record of an integration, keyed `model\u0000id`, plus the highest seq per model.
 * Read as one packed text value: materialising tens of thousands of rows one by one costs far more.
 */
export async function loadRecordStates(db: Db, integrationId: string): Promise<{ states: Map<string, StoredRecordState>; maxSeq: Map<string, number> }> {
  const { rows } = await sql<{ packed: string | null }>`
    select string_agg(concat_ws('|', model, seq, id, own_hash, nested_hash, body_hash,
      (extract(epoch from changed_at) * 1000)::bigint, (extract(epoch from updated_at) * 1000)::bigint,
      coalesce((extract(epoch from remote_deleted_at) * 1000)::bigint::text, '')), chr(10)) as packed
    from hris_records where integration_id = ${integrationId}`.execute(db);
  const states = new Map<string, StoredRecordState>();
  const maxSeq = new Map<string, number>();
  const packed = rows[0]?.packed;
  if (!packed) return { states, maxSeq };
  for (const line of packed.split('\n')) {
    const [model, seq, id, ownHash, nestedHash, bodyHash, changedAt, updatedAt, deletedAt] = line.split('|') as string[] as [
      string, string, string, string, string, string, string, string, string,
    ];
    const s = Number(seq);
    if (s > (maxSeq.get(model) ?? 0)) maxSeq.set(model, s);
    states.set(`${model}\u0000${id}`, { seq: s, ownHash, nestedHash, bodyHash, changedAt: Number(changedAt), updatedAt: Number(updatedAt),
      deleted: deletedAt !== '', seen: false });
  }
  return { states, maxSeq };
}

/**
 * Columns travel as one text parameter each, values joined by U+0001 and split server-side: far cheaper
 * than array parameters (whose client-side serialisation dominates on PGlite). JSON text never contains
 * a raw U+0001 (JSON.stringify escapes control characters), nor do IDs, hashes or timestamps.
 * The parameter is the column's UTF-8 bytes, each value written once straight into one buffer: a joined
 * string would be copied by the join, scanned again for its UTF-8 length and encoded by the driver.
 * Bytes go to the store in binary format, which for text is its UTF-8 (PGlite: see open-pglite.ts).
 * In-process 10k Sandbox syncs, alternating with joined strings: write 4.5 / 4.5 / 4.3 s against
 * 4.9 / 5.3 / 5.2 s on PostgreSQL, 5.8 / 5.9 s against 7.1 / 7.1 s on PGlite; the process's RSS after the
 * sync 480-495 MB against 580-608 MB on PostgreSQL, 690 against 920-980 MB on PGlite.
 */
function pack<T>(rows: readonly T[], pick: (row: T) => string | number): Buffer {
  const texts = rows.map((row) => String(pick(row)));
  // One leading separator per value; the first one makes an empty first element, dropped again by [2:]
  // (string_to_array of '' is an empty array, not {''}).
  let size = texts.length;
  for (const text of texts) size += Buffer.byteLength(text);
  const bytes = Buffer.allocUnsafe(size);
  let at = 0;
  for (const text of texts) {
    bytes[at++] = 1;
    at += bytes.write(text, at);
  }
  return bytes;
}
const col = (packed: Buffer) => sql`(string_to_array(${packed}::text, chr(1)))[2:]`;

type Columns = ReturnType<typeof columns>;

const columns = (rows: RecordWrite[]) => ({
  model: col(pack(rows, (r) => r.model)),
  seq: col(pack(rows, (r) => r.seq)),
  id: col(pack(rows, (r) => r.id)),
  remoteId: col(pack(rows, (r) => r.remoteId)),
  own: col(pack(rows, (r) => r.ownHash)),
  nested: col(pack(rows, (r) => r.nestedHash)),
  bodyHash: col(pack(rows, (r) => r.bodyHash)),
  changed: col(pack(rows, (r) => r.changedAt)),
  updated: col(pack(rows, (r) => r.updatedAt)),
  attrs: col(pack(rows, (r) => r.attrs)),
  body: col(pack(rows, (r) => r.body)),
  record: col(pack(rows, (r) => r.record)),
});

/** Lets a statement that was just issued reach the store before this thread turns to other work. */
const handOver = () => setImmediate();

/**
 * Runs `write` over `rows` in batches of BATCH, one statement at a time, packing the next batch while
 * the store executes the current one (PostgreSQL, or PGlite in its own thread, works meanwhile).
 */
async function inBatches(rows: RecordWrite[], write: (c: Columns) => Promise<unknown>): Promise<void> {
  let next = rows.length > 0 ? columns(rows.slice(0, BATCH)) : null;
  for (let i = 0; next; i += BATCH) {
    const running = write(next);
    // Keep a failed statement's rejection handled while the next batch is packed.
    running.catch(() => undefined);
    await handOver();
    next = i + BATCH < rows.length ? columns(rows.slice(i + BATCH, i + 2 * BATCH)) : null;
    await running;
  }
}

/** Overwrites changed records (matched by model and seq) and clears their deletion mark. */
export async function updateRecords(db: Db, integrationId: string, rows: RecordWrite[]): Promise<void> {
  await inBatches(rows, (c) =>
    sql`
      update hris_records as r set remote_id = x.remote_id, own_hash = x.own_hash, nested_hash = x.nested_hash, body_hash = x.body_hash,
        changed_at = x.changed_at::timestamptz, updated_at = x.updated_at::timestamptz, remote_deleted_at = null, attrs = x.attrs::jsonb, body = x.body,
        record = x.record
      from unnest(${c.model}, ${c.seq}, ${c.remoteId}, ${c.own}, ${c.nested}, ${c.bodyHash}, ${c.changed}, ${c.updated}, ${c.attrs}, ${c.body}, ${c.record})
        as x(model, seq, remote_id, own_hash, nested_hash, body_hash, changed_at, updated_at, attrs, body, record)
      where r.integration_id = ${integrationId} and r.model = x.model and r.seq = x.seq::int`.execute(db));
}

/**
 * Stages rows for a later applyStagedRecords, in batches of one autocommitted statement each: on the
 * embedded store other queries run between the batches instead of waiting for one long transaction.
 */
export async function stageRecords(db: Db, integrationId: string, stageId: string, op: 'insert' | 'update', rows: RecordWrite[]): Promise<void> {
  await inBatches(rows, (c) =>
    sql`
      insert into hris_record_stage (stage_id, integration_id, op, model, seq, id, remote_id, own_hash, nested_hash, body_hash, changed_at, updated_at, attrs, body, record)
      select ${stageId}, ${integrationId}, ${op}, x.model, x.seq::int, x.id, x.remote_id, x.own_hash, x.nested_hash, x.body_hash, x.changed_at::timestamptz,
        x.updated_at::timestamptz, x.attrs::jsonb, x.body, x.record
      from unnest(${c.model}, ${c.seq}, ${c.id}, ${c.remoteId}, ${c.own}, ${c.nested}, ${c.bodyHash}, ${c.changed}, ${c.updated}, ${c.attrs}, ${c.body}, ${c.record})
        as x(model, seq, id, remote_id, own_hash, nested_hash, body_hash, changed_at, updated_at, attrs, body, record)`.execute(db));
}

/** Copies a stage into hris_records (inside the sync's transaction): two set-based statements, no parameters to parse. */
export async function applyStagedRecords(trx: Db, integrationId: string, stageId: string): Promise<void> {
  await sql`
    insert into hris_records (integration_id, model, seq, id, remote_id, own_hash, nested_hash, body_hash, changed_at, updated_at, remote_deleted_at, attrs, body, record)
    select integration_id, model, seq, id, remote_id, own_hash, nested_hash, body_hash, changed_at, updated_at, null, attrs, body, record
    from hris_record_stage where stage_id = ${stageId} and op = 'insert'`.execute(trx);
  await sql`
    update hris_records as r set remote_id = s.remote_id, own_hash = s.own_hash, nested_hash = s.nested_hash, body_hash = s.body_hash,
      changed_at = s.changed_at, updated_at = s.updated_at, remote_deleted_at = null, attrs = s.attrs, body = s.body, record = s.record
    from hris_record_stage as s
    where s.stage_id = ${stageId} and s.op = 'update' and r.integration_id = ${integrationId} and r.model = s.model and r.seq = s.seq`.execute(trx);
}

/**
 * Serialises the commits of one integration's data across connections and instances, until the end of
 * the transaction `trx`.
 */
export async function lockIntegrationData(trx: Db, integrationId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`plugboard-sync:${integrationId}`}, 0))`.execute(trx);
}

/**
 * Deletes the records of an integration whose data version is still 0, i.e. rows of a first sync that
 * was written in place and never committed (see commitSnapshot). Under the integration's lock, so it
 * never races a commit: once a version is committed, nothing is deleted.
 */
export async function dropUncommittedRecords(db: Db, integrationId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await lockIntegrationData(trx, integrationId);
    await sql`delete from hris_records where integration_id = ${integrationId}
      and not exists (select 1 from hris_data_versions where integration_id = ${integrationId})`.execute(trx);
  });
}

/** How many records (deleted ones too) an integration has stored. */
export async function countRecords(db: Db, integrationId: string): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from hris_records where integration_id = ${integrationId}`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/**
 * Drops a stage (applied or abandoned), and stages of the integration a crashed process left behind
 * (older than an hour by the database's clock: a live stage lasts seconds, from planning to commit).
 */
export async function dropStage(db: Db, integrationId: string, stageId: string): Promise<void> {
  await sql`delete from hris_record_stage where integration_id = ${integrationId} and (stage_id = ${stageId} or staged_at < now() - interval '1 hour')`.execute(db);
}

/**
 * The stored unified records of one model (not deleted), in first-seen order, and how many stored
 * records have none (written before 0004-hris-staging).
 */
export async function loadUnifiedRecords(db: Db, integrationId: string, model: string): Promise<{ records: unknown[]; missing: number }> {
  const rows = await db.selectFrom('hris_records').select('record').where('integration_id', '=', integrationId).where('model', '=', model)
    .where('remote_deleted_at', 'is', null).orderBy('seq').execute();
  const records: unknown[] = [];
  let missing = 0;
  for (const row of rows) {
    if (row.record === null) missing++;
    else records.push(JSON.parse(row.record) as unknown);
  }
  return { records, missing };
}

/** Marks records the source no longer returned as deleted (updated_at moves too, for `updated_after`). */
export async function markRecordsDeleted(db: Db, integrationId: string, rows: { model: string; seq: number }[], at: Date): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    await sql`
      update hris_records as r set remote_deleted_at = ${at}, updated_at = ${at}
      from unnest(${col(pack(batch, (b) => b.model))}, ${col(pack(batch, (b) => b.seq))}) as x(model, seq)
      where r.integration_id = ${integrationId} and r.model = x.model and r.seq = x.seq::int`.execute(db);
  }
}

/** Marks the integration's data as changed (inside the sync's transaction); returns the new version. */
export async function bumpDataVersion(db: Db, integrationId: string): Promise<number> {
  const row = await db
    .insertInto('hris_data_versions')
    .values({ integration_id: integrationId, version: 1 })
    .onConflict((oc) => oc.column('integration_id').doUpdateSet({ version: sql<number>`hris_data_versions.version + 1` }))
    .returning('version')
    .executeTakeFirstOrThrow();
  return row.version;
}

/** The integration's data version (0 before its first sync). */
export async function readDataVersion(db: Db, integrationId: string): Promise<number> {
  const row = await db.selectFrom('hris_data_versions').select('version').where('integration_id', '=', integrationId).executeTakeFirst();
  return row?.version ?? 0;
}
