import { type Kysely, sql } from 'kysely';

/**
 * An environment's scope configuration: the unified read models and fields it turned off (Kombo
 * read-model IDs such as `hris_employees`, field IDs as in the API). No row means everything enabled.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('environment_scopes')
    .addColumn('environment_id', 'text', (c) => c.primaryKey().references('environments.id').onDelete('cascade'))
    // Read-model IDs turned off as a whole: not read by the sync, refused by their list endpoints.
    .addColumn('disabled_models', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    // Read-model ID -> field IDs turned off: not stored by the sync, served as null.
    .addColumn('disabled_fields', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('environment_scopes').execute();
}
