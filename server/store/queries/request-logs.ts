import { type Insertable, sql } from 'kysely';
import type { Db } from '../db.ts';
import type { RequestLogsTable } from '../schema.ts';

export type RequestLogInsert = Insertable<RequestLogsTable>;

/** One request log row with its key's display prefix (null once the key is gone). */
export interface RequestLogRow {
  seq: string;
  environment_id: string;
  request_id: string;
  at: Date;
  method: string;
  path: string;
  status: number;
  latency_ms: number;
  api_key_id: string;
  key_prefix: string | null;
  integration_id: string | null;
}

/** What the logs page filters on; every field optional, all of them combined. */
export interface RequestLogFilter {
  statusFrom?: number;
  statusTo?: number;
  method?: string;
  pathContains?: string;
  integrationId?: string;
  keyPrefix?: string;
  from?: Date;
  to?: Date;
  /** Only rows older than this `seq` (the keyset cursor). */
  beforeSeq?: string;
}

/**
 * Writes a batch of entries in one multi-row insert. The rows travel as one JSON parameter expanded
 * by `jsonb_to_recordset`: a thousand rows cost one short statement to build and bind, not ten
 * thousand placeholders (on the embedded store this runs on the request thread).
 */
export async function insertRequestLogRows(db: Db, rows: RequestLogInsert[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    insert into request_logs (environment_id, request_id, at, method, path, status, latency_ms, api_key_id, integration_id)
    select environment_id, request_id, at, method, path, status, latency_ms, api_key_id, integration_id
    from json_to_recordset(${JSON.stringify(rows)}::json) as r(environment_id text, request_id text, at timestamptz, method text, path text, status integer, latency_ms integer, api_key_id text, integration_id text)
  `.execute(db);
}

const selectRows = (db: Db) =>
  db
    .selectFrom('request_logs')
    .leftJoin('api_keys', 'api_keys.id', 'request_logs.api_key_id')
    .select([
      sql<string>`request_logs.seq::text`.as('seq'),
      'request_logs.environment_id',
      'request_logs.request_id',
      'request_logs.at',
      'request_logs.method',
      'request_logs.path',
      'request_logs.status',
      'request_logs.latency_ms',
      'request_logs.api_key_id',
      'api_keys.display_prefix as key_prefix',
      'request_logs.integration_id',
    ]);

/** An environment's entries matching `filter`, newest first, at most `limit`. */
export async function listRequestLogRows(db: Db, environmentId: string, filter: RequestLogFilter, limit: number): Promise<RequestLogRow[]> {
  let q = selectRows(db).where('request_logs.environment_id', '=', environmentId);
  if (filter.statusFrom !== undefined) q = q.where('request_logs.status', '>=', filter.statusFrom);
  if (filter.statusTo !== undefined) q = q.where('request_logs.status', '<=', filter.statusTo);
  if (filter.method) q = q.where('request_logs.method', '=', filter.method);
  // strpos, not LIKE: the user's text is matched literally, `%` and `_` included.
  if (filter.pathContains) q = q.where(sql<boolean>`strpos(lower(request_logs.path), ${filter.pathContains.toLowerCase()}) > 0`);
  if (filter.integrationId) q = q.where('request_logs.integration_id', '=', filter.integrationId);
  if (filter.keyPrefix) q = q.where(sql<boolean>`strpos(api_keys.display_prefix, ${filter.keyPrefix}) = 1`);
  if (filter.from) q = q.where('request_logs.at', '>=', filter.from);
  if (filter.to) q = q.where('request_logs.at', '<', filter.to);
  if (filter.beforeSeq) q = q.where(sql<boolean>`request_logs.seq < ${filter.beforeSeq}::bigint`);
  return q.orderBy('request_logs.seq', 'desc').limit(limit).execute();
}

/** The newest entry with `requestId` in an environment, if written. */
export async function findRequestLogRow(db: Db, environmentId: string, requestId: string): Promise<RequestLogRow | undefined> {
  return selectRows(db)
    .where('request_logs.environment_id', '=', environmentId)
    .where('request_logs.request_id', '=', requestId)
    .orderBy('request_logs.seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** An environment's oldest `limit` entries (seq and time), oldest first, along the primary key. */
export async function listOldestRequestLogs(db: Db, environmentId: string, limit: number): Promise<{ seq: string; at: Date }[]> {
  return db
    .selectFrom('request_logs')
    .select([sql<string>`seq::text`.as('seq'), 'at'])
    .where('environment_id', '=', environmentId)
    // The table's bigint column, not the text alias above (which would order '10' before '9').
    .orderBy('request_logs.seq', 'asc')
    .limit(limit)
    .execute();
}

/** Deletes an environment's entries up to and including `throughSeq` that are older than `before`; returns how many. */
export async function deleteRequestLogsThrough(db: Db, environmentId: string, throughSeq: string, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('request_logs')
    .where('environment_id', '=', environmentId)
    .where(sql<boolean>`seq <= ${throughSeq}::bigint`)
    .where('at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Every environment with its kind and retention setting (null: the default). */
export async function listRetentionRows(db: Db): Promise<{ environment_id: string; kind: 'production' | 'development'; days: number | null }[]> {
  return db
    .selectFrom('environments')
    .leftJoin('request_log_retention', 'request_log_retention.environment_id', 'environments.id')
    .select(['environments.id as environment_id', 'environments.kind', 'request_log_retention.days'])
    .execute();
}

/** An environment's retention setting, if one was ever saved. */
export async function findRetentionDays(db: Db, environmentId: string): Promise<number | undefined> {
  const row = await db.selectFrom('request_log_retention').select('days').where('environment_id', '=', environmentId).executeTakeFirst();
  return row?.days;
}

/** Saves an environment's retention setting. */
export async function upsertRetentionDays(db: Db, environmentId: string, days: number, at: Date): Promise<void> {
  await db
    .insertInto('request_log_retention')
    .values({ environment_id: environmentId, days, updated_at: at })
    .onConflict((oc) => oc.column('environment_id').doUpdateSet({ days, updated_at: at }))
    .execute();
}
