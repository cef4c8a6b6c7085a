import { type Kysely, sql } from 'kysely';

/**
 * The request log's rows no longer check their environment against `environments` on insert. Every
 * logged request paid for that check (on the embedded store, about a third of a row's insert: the
 * referential trigger runs a lookup and a row lock per row), and it guarded nothing: environments are
 * never deleted, and the environment of an entry is the one that authenticated the request.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table request_logs drop constraint request_logs_environment_id_fkey`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table request_logs add constraint request_logs_environment_id_fkey foreign key (environment_id) references environments (id) on delete cascade`.execute(db);
}
