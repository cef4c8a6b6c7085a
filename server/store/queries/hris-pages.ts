import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../db.ts';

/** One condition on a record's stored filter attributes. */
export type AttrFilter =
  /** attrs[attr] is one of the values; a null value also matches a missing/null attribute. */
  | { kind: 'in'; attr: string; values: (string | null)[] }
  /** attrs[attr] (an array) shares at least one value. */
  | { kind: 'overlaps'; attr: string; values: string[] }
  /** attrs[attr] contains the text, case-insensitively. */
  | { kind: 'contains'; attr: string; value: string }
  /** attrs[attr][key] equals the JSON value (a JSON null also matches a missing key). */
  | { kind: 'json_equals'; attr: string; key: string; value: string | number | boolean | null }
  /** attrs[attr] compared as text (ISO timestamps and yyyy-MM-dd dates sort as text); null never matches. */
  | { kind: 'compare'; attr: string; op: '<' | '<=' | '>=' | '>'; value: string };

/** One keyset page of one model. */
export interface PageQuery {
  model: string;
  pageSize: number;
  /** The `seq` of the last record of the previous page (0 for the first page). */
  after: number;
  updatedAfter: Date | null;
  includeDeleted: boolean;
  ids: string[] | null;
  remoteIds: string[] | null;
  filters: AttrFilter[];
}

// A leading separator, dropped again by [2:], because string_to_array('') is an empty array, not {''}.
const list = (values: string[]) => sql`(string_to_array(${`\u0001${values.join('\u0001')}`}::text, chr(1)))[2:]`;
const iso = (column: string) => sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

function condition(f: AttrFilter): RawBuilder<unknown> {
  const attr = sql`attrs->>${f.attr}`;
  switch (f.kind) {
    case 'in': {
      const values = f.values.filter((v): v is string => v !== null);
      const matchNull = f.values.includes(null);
      if (values.length === 0) return matchNull ? sql`${attr} is null` : sql`false`;
      return matchNull ? sql`(${attr} = any(${list(values)}) or ${attr} is null)` : sql`${attr} = any(${list(values)})`;
    }
    case 'overlaps':
      return sql`(attrs->${f.attr}) ?| ${list(f.values)}`;
    case 'contains':
      return sql`${attr} ilike ${`%${f.value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`;
    case 'json_equals':
      return f.value === null
        ? sql`coalesce(attrs->${f.attr}->${f.key}, 'null'::jsonb) = 'null'::jsonb`
        : sql`attrs->${f.attr}->${f.key} = ${JSON.stringify(f.value)}::jsonb`;
    case 'compare':
      return sql`${attr} ${sql.raw(f.op)} ${f.value}`;
  }
}

/**
 * Reads one keyset page and joins the stored wire JSON in the database: one statement, one text value
 * back. Fetches one row more than asked to know whether a next page exists.
 */
export async function readRecordPage(
  db: Db,
  integrationId: string,
  q: PageQuery,
  withTimestamps: boolean,
): Promise<{ results: string; lastSeq: number | null; hasMore: boolean }> {
  const where: RawBuilder<unknown>[] = [sql`integration_id = ${integrationId}`, sql`model = ${q.model}`, sql`seq > ${q.after}`];
  if (!q.includeDeleted) where.push(sql`remote_deleted_at is null`);
  if (q.updatedAfter) where.push(sql`updated_at > ${q.updatedAfter}`);
  if (q.ids) where.push(sql`id = any(${list(q.ids)})`);
  if (q.remoteIds) where.push(sql`remote_id = any(${list(q.remoteIds)})`);
  for (const f of q.filters) where.push(condition(f));
  const item = withTimestamps
    ? sql`body || ',"changed_at":"' || ${iso('changed_at')} || '","remote_deleted_at":' || coalesce('"' || ${iso('remote_deleted_at')} || '"', 'null') || '}'`
    : sql`body`;
  const { rows } = await sql<{ results: string | null; last_seq: number | null; fetched: number }>`
    select string_agg(item, ',' order by seq) filter (where rn <= ${q.pageSize}) as results,
      max(seq) filter (where rn <= ${q.pageSize}) as last_seq, count(*)::int as fetched
    from (
      select seq, row_number() over (order by seq) as rn, ${item} as item
      from (select seq, body, changed_at, remote_deleted_at from hris_records where ${sql.join(where, sql` and `)} order by seq limit ${q.pageSize + 1}) page
    ) numbered`.execute(db);
  const row = rows[0];
  return { results: row?.results ?? '', lastSeq: row?.last_seq ?? null, hasMore: (row?.fetched ?? 0) > q.pageSize };
}
