import { type Kysely, sql } from 'kysely';

/**
 * The request log: one row per authenticated `/v1` request (never bodies, query values or keys), written
 * in batches by the server, paged newest first by `seq`, pruned per environment by the retention job;
 * and each environment's retention setting (no row means the default for its kind). Every index costs
 * each logged request (on the embedded store, on the request thread): the primary key (environment,
 * seq) serves paging and pruning (`at` grows with `seq`), the request id index serves `log_url`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('request_logs')
    .addColumn('seq', 'bigserial', (c) => c.notNull())
    .addColumn('environment_id', 'text', (c) => c.notNull().references('environments.id').onDelete('cascade'))
    // The request id (echoed in X-Request-Id and in log_url); a client may send its own, so not unique.
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    // The request path with ids, token-bearing segments scrubbed, without the query string.
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('latency_ms', 'integer', (c) => c.notNull())
    // No foreign key: a key's entries outlive nothing, but inserts must not wait on the keys table.
    .addColumn('api_key_id', 'text', (c) => c.notNull())
    .addColumn('integration_id', 'text')
    .addPrimaryKeyConstraint('request_logs_pkey', ['environment_id', 'seq'])
    .execute();
  await db.schema.createIndex('request_logs_request_id').on('request_logs').columns(['request_id']).execute();

  await db.schema
    .createTable('request_log_retention')
    .addColumn('environment_id', 'text', (c) => c.primaryKey().references('environments.id').onDelete('cascade'))
    .addColumn('days', 'integer', (c) => c.notNull().check(sql`days between 1 and 365`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('request_log_retention').execute();
  await db.schema.dropTable('request_logs').execute();
}
