import { type Kysely, sql } from 'kysely';

/**
 * Tamper evidence: TRUNCATE of the audit log is refused; audit rows carry a keyed hash chain
 * (`prev_hash`, `hash`, computed by the application with a key derived from the server secret, so the
 * database alone cannot forge it); disabling a key appends to `api_key_revocations`, an append-only,
 * chained list that authentication consults. `chain_heads` holds each chain's last hash; locking its
 * row serialises appends so concurrent writers never fork a chain. Rows written before this migration
 * have no hash and are reported as unchained by `audit verify`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_append_only()`.execute(db);
  await db.schema.alterTable('audit_log').addColumn('prev_hash', 'text').execute();
  await db.schema.alterTable('audit_log').addColumn('hash', 'text').execute();

  await db.schema
    .createTable('chain_heads')
    .addColumn('chain', 'text', (c) => c.primaryKey())
    .addColumn('last_hash', 'text', (c) => c.notNull())
    .execute();
  await sql`insert into chain_heads (chain, last_hash) values ('audit_log', 'genesis'), ('api_key_revocations', 'genesis')`.execute(db);

  await db.schema
    .createTable('api_key_revocations')
    .addColumn('seq', 'integer', (c) => c.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('api_key_revocations_key_hash').on('api_key_revocations').column('key_hash').execute();
  await sql`
    create function append_only() returns trigger language plpgsql as $$
    begin
      raise exception '% is append-only', tg_table_name;
    end $$`.execute(db);
  await sql`
    create trigger api_key_revocations_append_only before update or delete on api_key_revocations
    for each row execute function append_only()`.execute(db);
  await sql`
    create trigger api_key_revocations_no_truncate before truncate on api_key_revocations
    for each statement execute function append_only()`.execute(db);
}
