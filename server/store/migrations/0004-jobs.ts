import type { Kysely } from 'kysely';

/**
 * The job that runs a sync (pg-boss creates its own schema itself). With it a sweep can fail the job
 * of a run whose worker died, so the run is taken up again at once instead of at the job's expiry.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sync_runs').addColumn('job_id', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sync_runs').dropColumn('job_id').execute();
}
