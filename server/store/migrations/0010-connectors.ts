import type { Kysely } from 'kysely';

/**
 * What real connectors keep: short-lived tokens obtained from the tools (for example Personio bearer
 * tokens), sealed like credentials, so a restart or another instance reuses them instead of asking
 * again; the operator's OAuth clients per environment and tool (secret sealed); and the state of OAuth
 * authorizations in progress (bound to a link, single use, with the PKCE verifier sealed).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('connector_tokens')
    .addColumn('integration_id', 'text', (c) => c.notNull().references('integrations.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('ciphertext', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('connector_tokens_pk', ['integration_id', 'purpose'])
    .execute();

  await db.schema
    .createTable('oauth_clients')
    .addColumn('environment_id', 'text', (c) => c.notNull().references('environments.id').onDelete('cascade'))
    .addColumn('tool', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('secret_ciphertext', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('oauth_clients_pk', ['environment_id', 'tool'])
    .execute();

  await db.schema
    .createTable('oauth_states')
    // Keyed hash of the `state` value; the value itself is never stored.
    .addColumn('state_hash', 'text', (c) => c.primaryKey())
    .addColumn('link_id', 'text', (c) => c.notNull().references('connection_links.id').onDelete('cascade'))
    .addColumn('tool', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('verifier_ciphertext', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('oauth_states').execute();
  await db.schema.dropTable('oauth_clients').execute();
  await db.schema.dropTable('connector_tokens').execute();
}
