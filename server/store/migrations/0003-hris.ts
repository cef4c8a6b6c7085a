import { type Kysely, sql } from 'kysely';

/**
 * Synced HRIS records (one table for every unified model, each row holding its pre-rendered wire JSON
 * so a page is one indexed read) and the sync runs that wrote them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('hris_records')
    .addColumn('integration_id', 'text', (c) => c.notNull().references('integrations.id').onDelete('cascade'))
    .addColumn('model', 'text', (c) => c.notNull())
    // Keyset order: assigned once when a record is first seen, never changes, so pages stay stable.
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('remote_id', 'text', (c) => c.notNull())
    .addColumn('own_hash', 'text', (c) => c.notNull())
    .addColumn('nested_hash', 'text', (c) => c.notNull())
    .addColumn('body_hash', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'timestamptz', (c) => c.notNull())
    // changed_at, or later when nested data that `updated_after` covers changed, or when deleted.
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('remote_deleted_at', 'timestamptz')
    .addColumn('attrs', 'jsonb', (c) => c.notNull())
    // The wire JSON object without its closing brace and without changed_at/remote_deleted_at.
    .addColumn('body', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('hris_records_pk', ['integration_id', 'model', 'seq'])
    .execute();

  // Bumped by every committed sync: read caches of HRIS pages compare it before answering from memory.
  await db.schema
    .createTable('hris_data_versions')
    .addColumn('integration_id', 'text', (c) => c.primaryKey().references('integrations.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sync_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('integration_id', 'text', (c) => c.notNull().references('integrations.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('FULL', 'DELTA')`))
    .addColumn('trigger', 'text', (c) => c.notNull().check(sql`trigger in ('INITIAL', 'SCHEDULED', 'FORCED')`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')`))
    .addColumn('queued_at', 'timestamptz', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz')
    .addColumn('finished_at', 'timestamptz')
    .addColumn('heartbeat_at', 'timestamptz')
    .addColumn('worker', 'text')
    .addColumn('duration_ms', 'integer')
    .addColumn('counts', 'jsonb')
    .addColumn('error', 'text')
    .execute();
  // At most one queued-or-running sync per integration: the database itself refuses a second one.
  await sql`create unique index sync_runs_one_active on sync_runs (integration_id) where status in ('QUEUED', 'RUNNING')`.execute(db);
  await sql`create index sync_runs_queued on sync_runs (queued_at) where status = 'QUEUED'`.execute(db);
  await db.schema.createIndex('sync_runs_integration').on('sync_runs').columns(['integration_id', 'queued_at']).execute();
}
