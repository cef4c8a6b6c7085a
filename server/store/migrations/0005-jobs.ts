import type { Kysely } from 'kysely';

/**
 * `sync_runs.job_id`: the job that runs a sync (pg-boss creates its own schema itself). With it a sweep
 * can fail the job of a run whose worker died, so the run is taken up again at once instead of at the
 * job's expiry. `activation_tokens.redeemed_by`: the API key that exchanged a token, so a retry by the
 * same key after a lost answer still learns the integration.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sync_runs').addColumn('job_id', 'text').execute();
  await db.schema.alterTable('activation_tokens').addColumn('redeemed_by', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('activation_tokens').dropColumn('redeemed_by').execute();
  await db.schema.alterTable('sync_runs').dropColumn('job_id').execute();
}
