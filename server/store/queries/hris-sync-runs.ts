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
 * Claims the oldest queued run for this worker. `FOR UPDATE SKIP LOCKED` makes concurrent claimers on
 * PostgreSQL pick different rows (or none), so no run is ever started twice.
 */
export async function claimQueuedRun(db: Db, worker: string, now: Date): Promise<SyncRunRow | undefined> {
  const { rows } = await sql<SyncRunRow>`
    update sync_runs set status = 'RUNNING', started_at = ${now}, heartbeat_at = ${now}, worker = ${worker}
    where id = (select id from sync_runs where status = 'QUEUED' order by queued_at, id limit 1 for update skip locked)
      and status = 'QUEUED'
    returning *`.execute(db);
  return rows[0];
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

/** Fails runs whose worker stopped reporting (crashed process) so the integration can sync again. */
export async function failStaleRuns(db: Db, heartbeatBefore: Date, now: Date): Promise<number> {
  const result = await db
    .updateTable('sync_runs')
    .set({ status: 'FAILED', finished_at: now, error: 'The worker running this sync stopped responding.' })
    .where('status', '=', 'RUNNING')
    .where('heartbeat_at', '<', heartbeatBefore)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Queues a SCHEDULED sync for every ACTIVE integration of the given tools (and environments, when
 * given) whose last run was queued before `dueBefore` (or that never ran). Returns how many were queued.
 */
export async function queueDueRuns(
  db: Db,
  tools: string[],
  dueBefore: Date,
  now: Date,
  newId: () => string,
  environmentIds?: string[],
): Promise<number> {
  if (tools.length === 0 || environmentIds?.length === 0) return 0;
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
  let queued = 0;
  for (const { id } of due) {
    if (await insertQueuedRun(db, { id: newId(), integrationId: id, type: 'DELTA', trigger: 'SCHEDULED', queuedAt: now })) queued++;
  }
  return queued;
}
