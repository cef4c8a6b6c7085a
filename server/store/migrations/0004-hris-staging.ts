import { type Kysely, sql } from 'kysely';

/**
 * Keeps each synced record's unified form next to its wire JSON (so a change of the wire mapping can be
 * applied to stored data, and a model the remote cannot read this time keeps its records), and adds the
 * staging table a sync fills in small autocommitted batches before one short transaction applies it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // JSON of the unified record; null only for rows written before this migration (the next sync fills it).
  await db.schema.alterTable('hris_records').addColumn('record', 'text').execute();

  await db.schema
    .createTable('hris_record_stage')
    .addColumn('stage_id', 'text', (c) => c.notNull())
    .addColumn('integration_id', 'text', (c) => c.notNull().references('integrations.id').onDelete('cascade'))
    .addColumn('staged_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // 'insert' for new records, 'update' to overwrite a stored one (matched by model and seq).
    .addColumn('op', 'text', (c) => c.notNull().check(sql`op in ('insert', 'update')`))
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('remote_id', 'text', (c) => c.notNull())
    .addColumn('own_hash', 'text', (c) => c.notNull())
    .addColumn('nested_hash', 'text', (c) => c.notNull())
    .addColumn('body_hash', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('attrs', 'jsonb', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('record', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('hris_record_stage_by_stage').on('hris_record_stage').columns(['stage_id', 'op']).execute();
  await db.schema.createIndex('hris_record_stage_by_integration').on('hris_record_stage').columns(['integration_id', 'staged_at']).execute();
}
