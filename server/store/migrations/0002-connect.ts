import { type Kysely, sql } from 'kysely';

/** Connection links, integrations (with encrypted credentials), activation tokens, per-environment tools. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('environment_tools')
    .addColumn('environment_id', 'text', (c) => c.notNull().references('environments.id').onDelete('cascade'))
    .addColumn('tool', 'text', (c) => c.notNull())
    .addColumn('enabled', 'boolean', (c) => c.notNull())
    .addPrimaryKeyConstraint('environment_tools_pk', ['environment_id', 'tool'])
    .execute();

  await db.schema
    .createTable('integrations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('environment_id', 'text', (c) => c.notNull().references('environments.id').onDelete('cascade'))
    .addColumn('tool', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('ACTIVE', 'INVALID', 'INACTIVE')`))
    .addColumn('inactive_reason', 'text')
    .addColumn('setup_status', 'text', (c) =>
      c.notNull().check(sql`setup_status in ('INCOMPLETE', 'FINAL_SYNC_PENDING', 'COMPLETED')`),
    )
    .addColumn('end_user_email', 'text')
    .addColumn('end_user_organization_name', 'text', (c) => c.notNull())
    .addColumn('end_user_origin_id', 'text')
    .addColumn('scope_config_id', 'text', (c) => c.notNull())
    .addColumn('remote_environment', 'text')
    .addColumn('credentials_key_id', 'text', (c) => c.notNull())
    .addColumn('credentials_ciphertext', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_api_request_at', 'timestamptz', (c) => c.notNull())
    .addColumn('data_expired_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('integrations_environment').on('integrations').columns(['environment_id', 'created_at']).execute();

  await db.schema
    .createTable('connection_links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('environment_id', 'text', (c) => c.notNull().references('environments.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('link_type', 'text', (c) => c.notNull().check(sql`link_type in ('EMBEDDED', 'MAGIC_LINK')`))
    .addColumn('integration_category', 'text', (c) => c.notNull())
    .addColumn('integration_tool', 'text')
    .addColumn('remote_environment', 'text')
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('scope_config_id', 'text')
    .addColumn('enable_filtering', 'boolean', (c) => c.notNull())
    .addColumn('enable_field_mapping', 'boolean', (c) => c.notNull())
    .addColumn('end_user_email', 'text')
    .addColumn('end_user_organization_name', 'text', (c) => c.notNull())
    .addColumn('end_user_origin_id', 'text')
    .addColumn('relink_integration_id', 'text', (c) => c.references('integrations.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('activation_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('integration_id', 'text', (c) => c.notNull().references('integrations.id').onDelete('cascade'))
    .addColumn('environment_id', 'text', (c) => c.notNull().references('environments.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('redeemed_at', 'timestamptz')
    .execute();
}
