import { type Selectable, sql } from 'kysely';
import type { Db } from '../db.ts';
import type { SyncRunsTable } from '../schema.ts';

export type SyncRunRow = Selectable<SyncRunsTable>;

/**
 * Queues a run unless the integration already has one queued or running (the partial unique index
 * decides atomically, across processes). Returns the inserted row, or undefined when one exists.
 */
export async function insertQueuedRun(
  db: Db,
  run: { id: string; integrationId: string; type: 'FULL' | 'DELTA'; trigger: SyncRunRow['trigger']; queuedAt: Date },
): Promise<SyncRunRow | undefined> {
  const { rows } = await sql<SyncRunRow>`
    insert into sync_runs (id, integration_id, type, trigger, status, queued_at)
    values (${run.id}, ${run.integrationId}, ${run.type}, ${run.trigger}, 'QUEUED', ${run.queuedAt})
    on conflict (integration_id) where status in ('QUEUED', 'RUNNING') do nothing
    returning *`.execute(db);
  return rows[0];
}

/** The integration's queued or running sync, if any. */
export async function findActiveRun(db: Db, integrationId: string): Promise<SyncRunRow | undefined> {
  return db
    .selectFrom('sync_runs')
    .selectAll()
    .where('integration_id', '=', integrationId)
    .where('status', 'in', ['QUEUED', 'RUNNING'])
    .executeTakeFirst();
}

/** One sync run by ID. */
export async function findRun(db: Db, id: string): Promise<SyncRunRow | undefined> {
  return db.selectFrom('sync_runs').selectAll().where('id', '=', id).executeTakeFirst();
}

/** One sync run by ID, only if it belongs to the integration (another integration's ID finds nothing). */
export async function findIntegrationRun(db: Db, integrationId: string, id: string): Promise<SyncRunRow | undefined> {
  return db.selectFrom('sync_runs').selectAll().where('id', '=', id).where('integration_id', '=', integrationId).executeTakeFirst();
}

/** The integration's most recent runs, newest first. */
export async function listRuns(db: Db, integrationId: string, limit = 20): Promise<SyncRunRow[]> {
  return db.selectFrom('sync_runs').selectAll().where('integration_id', '=', integrationId).orderBy('queued_at', 'desc').limit(limit).execute();
}

/**
 * Claims one queued run for a worker and records its job; the conditional update decides, so of two
 * jobs for one run (a retry and a re-send after a crash) only one ever starts it. Heartbeats use the
 * database's clock, so instances with skewed clocks agree on staleness.
 */
export async function claimRun(db: Db, id: string, worker: string, jobId: string, now: Date): Promise<SyncRunRow | undefined> {
  const { rows } = await sql<SyncRunRow>`
    update sync_runs set status = 'RUNNING', started_at = ${now}, heartbeat_at = now(), worker = ${worker}, job_id = ${jobId}
    where id = ${id} and status = 'QUEUED'
    returning *`.execute(db);
  return rows[0];
}

/** Records that the run's worker is alive; false when the run is no longer this worker's. */
export async function beatRun(db: Db, id: string, worker: string): Promise<boolean> {
  const result = await sql`update sync_runs set heartbeat_at = now() where id = ${id} and worker = ${worker} and status = 'RUNNING'`.execute(db);
  return Number(result.numAffectedRows ?? 0) > 0;
}

/**
 * Puts RUNNING runs whose worker has been silent for `staleSeconds` back to QUEUED (a crashed or
 * killed process; its snapshot was never committed, as commits are atomic) and returns them with the
 * job that ran them. `id` limits it to one run.
 */
export async function requeueStaleRuns(db: Db, staleSeconds: number, id?: string): Promise<{ id: string; integration_id: string; job_id: string | null }[]> {
  const { rows } = await sql<{ id: string; integration_id: string; job_id: string | null }>`
    update sync_runs set status = 'QUEUED', started_at = null, heartbeat_at = null, worker = null
    where status = 'RUNNING' and (heartbeat_at is null or heartbeat_at < now() - make_interval(secs => ${staleSeconds}))
      and (${id ?? null}::text is null or id = ${id ?? null})
    returning id, integration_id, job_id`.execute(db);
  return rows;
}

/** Records the end of a run. */
export async function finishRun(
  db: Db,
  id: string,
  result: { status: 'SUCCEEDED' | 'FAILED'; finishedAt: Date; durationMs: number; counts: Record<string, unknown> | null; error: string | null },
): Promise<void> {
  await db
    .updateTable('sync_runs')
    .set({
      status: result.status,
      finished_at: result.finishedAt,
      duration_ms: result.durationMs,
      counts: result.counts === null ? null : JSON.stringify(result.counts),
      error: result.error,
    })
    .where('id', '=', id)
    .execute();
}

/**
 * ACTIVE integrations of the given tools (and environments, when given) with no queued or running sync
 * and none queued since `dueBefore`: those a scheduled sync is due for.
 */
export async function listDueIntegrations(db: Db, tools: string[], dueBefore: Date, environmentIds?: string[]): Promise<string[]> {
  if (tools.length === 0 || environmentIds?.length === 0) return [];
  let query = db
    .selectFrom('integrations as i')
    .select('i.id')
    .where('i.status', '=', 'ACTIVE')
    .where('i.tool', 'in', tools);
  if (environmentIds) query = query.where('i.environment_id', 'in', environmentIds);
  const due = await query
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('sync_runs as r').select('r.id').whereRef('r.integration_id', '=', 'i.id')
        .where((w) => w.or([w('r.status', 'in', ['QUEUED', 'RUNNING']), w('r.queued_at', '>=', dueBefore)])))),
    )
    .execute();
  return due.map((r) => r.id);
}

/** When the integration's last successful FULL sync started, or null when none succeeded yet. */
export async function lastSucceededFullSyncAt(db: Db, integrationId: string): Promise<Date | null> {
  const row = await db
    .selectFrom('sync_runs')
    .select('started_at')
    .where('integration_id', '=', integrationId)
    .where('type', '=', 'FULL')
    .where('status', '=', 'SUCCEEDED')
    .orderBy('started_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.started_at ?? null;
}
