import { type Kysely, sql } from 'kysely';

/**
 * Webhooks: each environment's signing secret (sealed, with the previous one during a rotation), its
 * endpoints, the outbox of events (written in the transaction of the change that caused them) and one
 * delivery per (event, endpoint) that the dispatcher claims, retries and records.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('webhook_secrets')
    .addColumn('environment_id', 'text', (c) => c.primaryKey().references('environments.id').onDelete('cascade'))
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('ciphertext', 'text', (c) => c.notNull())
    // The secret before the last rotation: still signed with until previous_expires_at.
    .addColumn('previous_key_id', 'text')
    .addColumn('previous_ciphertext', 'text')
    .addColumn('previous_expires_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('rotated_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('webhook_endpoints')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('environment_id', 'text', (c) => c.notNull().references('environments.id').onDelete('cascade'))
    .addColumn('url', 'text', (c) => c.notNull())
    // Event types it wants; empty means every type.
    .addColumn('event_types', 'jsonb', (c) => c.notNull())
    .addColumn('enabled', 'boolean', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('webhook_endpoints_environment').on('webhook_endpoints').column('environment_id').execute();

  await db.schema
    .createTable('webhook_events')
    // Delivery order: assigned at insert, so per integration it follows commit order of the causes.
    .addColumn('seq', 'serial', (c) => c.primaryKey())
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('environment_id', 'text', (c) => c.notNull().references('environments.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('integration_id', 'text')
    // The exact JSON body that is signed and sent, every attempt the same bytes.
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('endpoint_id', 'text', (c) => c.notNull().references('webhook_endpoints.id').onDelete('cascade'))
    .addColumn('event_seq', 'integer', (c) => c.notNull().references('webhook_events.seq').onDelete('cascade'))
    // Deliveries with the same key go out one after the other in event order (the integration, else the event).
    .addColumn('order_key', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('PENDING', 'DELIVERING', 'DELIVERED', 'FAILED')`))
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull())
    // While DELIVERING: when another claimer may take it over (the process died mid-attempt).
    .addColumn('lease_until', 'timestamptz')
    .addColumn('last_attempt_at', 'timestamptz')
    .addColumn('last_status_code', 'integer')
    .addColumn('last_latency_ms', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('last_response', 'text')
    .addColumn('delivered_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('webhook_deliveries_event_endpoint', ['event_seq', 'endpoint_id'])
    .execute();
  await sql`create index webhook_deliveries_due on webhook_deliveries (endpoint_id, next_attempt_at) where status in ('PENDING', 'DELIVERING')`.execute(db);
  await sql`create index webhook_deliveries_order on webhook_deliveries (endpoint_id, order_key, event_seq) where status in ('PENDING', 'DELIVERING')`.execute(db);
  await db.schema.createIndex('webhook_deliveries_endpoint').on('webhook_deliveries').columns(['endpoint_id', 'created_at']).execute();
}
