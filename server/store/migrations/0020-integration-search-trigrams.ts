import { type Kysely, sql } from 'kysely';

/**
 * The console's integrations search ("contains" on organisation name and email, "starts with" on the
 * integration and origin IDs) reads a trigram index instead of every integration of the environment:
 * with 10,000 integrations, a search matching a hundred of them cost two sequential scans (the page and
 * the count) of about 12 ms each on the embedded store; through the index the count takes about 1 ms.
 *
 * The index needs the `pg_trgm` extension (part of PostgreSQL's contrib modules, trusted since 13, and
 * loaded into every embedded store). Where it is neither installed nor creatable by the migrating role,
 * the index is left out: the search answers the same, by scanning.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{ installed: boolean; creatable: boolean }>`
    select
      exists (select 1 from pg_extension where extname = 'pg_trgm') as installed,
      exists (
        select 1 from pg_available_extension_versions v
        where v.name = 'pg_trgm' and v.version = (select default_version from pg_available_extensions where name = 'pg_trgm')
          and ((select rolsuper from pg_roles where rolname = current_user) or (v.trusted and has_database_privilege(current_database(), 'CREATE')))
      ) as creatable
  `.execute(db);
  const { installed, creatable } = rows[0]!;
  if (!installed && !creatable) return;
  if (!installed) await sql`create extension if not exists pg_trgm`.execute(db);
  await sql`
    create index integrations_search on integrations using gin (
      lower(end_user_organization_name) gin_trgm_ops,
      lower(end_user_email) gin_trgm_ops,
      id gin_trgm_ops,
      end_user_origin_id gin_trgm_ops
    ) with (fastupdate = off)
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // The extension stays: another schema object of the database may have come to use it.
  await sql`drop index if exists integrations_search`.execute(db);
}
