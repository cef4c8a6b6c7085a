import { type Kysely, sql } from 'kysely';

/** The lookup fields of the catalogue when this migration was written: the model holding each, and the field. */
const LOOKUP_FIELDS: readonly (readonly [model: string, field: string])[] = [
  ['employees', 'managerRemoteId'],
  ['employments', 'employeeRemoteId'],
  ['time_off_balances', 'employeeRemoteId'],
  ['performance_reviews', 'revieweeRemoteId'],
  ['performance_reviews', 'reviewerRemoteId'],
];

const indexName = (model: string, field: string) => sql.id(`hris_records_${model}_${field}`);

/**
 * The indexes of 0021-hris-record-lookups read each reference out of the unified record's JSON text, so
 * every write of such a record parsed its JSON once per index: on the first sync of a 10k Sandbox company
 * about 0.2 s of PostgreSQL's time and 0.5 s of the embedded store's. The sync now stores these fields in
 * `attrs` too (jsonb, parsed once on write whatever the indexes), and the same indexes read them there.
 * Stored rows (and stage rows) get the fields from their unified record here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [model, field] of LOOKUP_FIELDS) {
    await sql`drop index if exists ${indexName(model, field)}`.execute(db);
    for (const table of ['hris_records', 'hris_record_stage']) {
      await sql`update ${sql.table(table)} set attrs = attrs || jsonb_build_object(${sql.lit(field)}::text, record::json ->> ${sql.lit(field)})
        where model = ${sql.lit(model)} and record is not null`.execute(db);
    }
    await sql`create index ${indexName(model, field)} on hris_records (integration_id, (attrs ->> ${sql.lit(field)})) where model = ${sql.lit(model)}`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [model, field] of LOOKUP_FIELDS) {
    await sql`drop index if exists ${indexName(model, field)}`.execute(db);
    await sql`create index ${indexName(model, field)} on hris_records (integration_id, (record::json ->> ${sql.lit(field)})) where model = ${sql.lit(model)}`.execute(db);
  }
}
