import { type Kysely, sql } from 'kysely';

/**
 * Webhooks on the job queue: the outbox retention sweep finds old events by their age, so events get
 * an index on `created_at` (the deliveries' unfinished check uses their unique (event_seq, endpoint_id)).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index webhook_events_created_at on webhook_events (created_at)`.execute(db);
}
