import type { Kysely } from 'kysely';

/**
 * The console's integrations list: filtered by status, tool or setup status within one environment and
 * paged newest first by (created_at, id), so each filter reads an index range in page order instead of
 * every integration of the environment. Search by origin ID is an exact or prefix match on its own index.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('integrations_environment_page').on('integrations').columns(['environment_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('integrations_environment_status').on('integrations').columns(['environment_id', 'status', 'created_at', 'id']).execute();
  await db.schema.createIndex('integrations_environment_tool').on('integrations').columns(['environment_id', 'tool', 'created_at', 'id']).execute();
  await db.schema.createIndex('integrations_environment_setup').on('integrations').columns(['environment_id', 'setup_status', 'created_at', 'id']).execute();
  await db.schema.createIndex('integrations_environment_origin').on('integrations').columns(['environment_id', 'end_user_origin_id']).execute();
}
