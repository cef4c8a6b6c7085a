import { type Kysely, sql } from 'kysely';

/**
 * Per-key request counters are written on every `/v1` request (on PostgreSQL) and are not data worth a
 * WAL flush each: an unlogged table commits without waiting for the disk. The price is deliberate: after
 * a database crash (not a clean restart) PostgreSQL empties unlogged tables, so every key starts a fresh
 * window, at worst letting one extra window's budget through. Replicas do not see the table either;
 * counters are only ever read and written on the primary.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table rate_limits set unlogged`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table rate_limits set logged`.execute(db);
}
