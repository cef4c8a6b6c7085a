import { type Kysely, sql } from 'kysely';

/**
 * Per-environment settings the operator sets (CLI now, the console later): the vendor's branding shown
 * in the flow, the "Don't see your tool?" contact link, whether preselected tools skip the consent step,
 * and the origins allowed to embed the flow. No row means every default.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('environment_settings')
    .addColumn('environment_id', 'text', (c) => c.primaryKey().references('environments.id').onDelete('cascade'))
    .addColumn('display_name', 'text')
    .addColumn('logo_url', 'text')
    .addColumn('primary_color', 'text')
    .addColumn('privacy_policy_url', 'text')
    .addColumn('support_email', 'text')
    .addColumn('support_url', 'text')
    .addColumn('missing_tool_url', 'text')
    .addColumn('skip_consent_for_preselected', 'boolean', (c) => c.notNull().defaultTo(false))
    // Exact http(s) origins; empty means any origin may frame the flow.
    .addColumn('allowed_origins', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();

  // Facts about the running installation other processes need, e.g. the public URL the server runs
  // on, so the CLI prints links that work without being told PUBLIC_URL again.
  await db.schema
    .createTable('instance_settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('instance_settings').execute();
  await db.schema.dropTable('environment_settings').execute();
}
