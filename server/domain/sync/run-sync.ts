import { sql } from 'kysely';
import type { Db } from '../../store/db.ts';
import { getConnector } from '../../connectors/registry.ts';
import { bumpDataVersion, readDataVersion } from '../../store/queries/hris-records.ts';
import { noteDataVersion } from '../hris/data-versions.ts';
import { type SyncRunRow, finishRun } from '../../store/queries/hris-sync-runs.ts';
import { noteSyncFailure } from '../integration-health.ts';
import { loadIntegrationCredentials } from '../integrations.ts';
import { type SyncCounts, type SyncPlan, planSnapshot, writePlan } from './apply.ts';
import { type PreparedByModel, type RecordLookup, prepareSnapshot } from './prepare.ts';
import type { SyncDeps } from './sync-deps.ts';

/**
 * The write half of a sync: ONE transaction under the integration's advisory lock that re-plans if
 * another sync committed since `planned` was computed, writes the records, bumps the data version,
 * completes the setup (FINAL_SYNC_PENDING -> COMPLETED), clears `data_expired_at`, and runs `also`
 * (the run's bookkeeping) before committing.
 */
export async function commitSnapshot(
  deps: SyncDeps,
  integrationId: string,
  prepared: { byModel: PreparedByModel; lookup: RecordLookup },
  planned: SyncPlan,
  also?: (trx: Db, counts: SyncCounts) => Promise<void>,
): Promise<{ counts: SyncCounts; version: number; replanned: boolean }> {
  const result = await deps.db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtextextended(${`plugboard-sync:${integrationId}`}, 0))`.execute(trx);
    const current = await readDataVersion(trx, integrationId);
    const replanned = current !== planned.version;
    const plan = replanned ? await planSnapshot(trx, integrationId, prepared.byModel, prepared.lookup, deps.mappers, planned.at) : planned;
    await writePlan(trx, integrationId, plan);
    const version = await bumpDataVersion(trx, integrationId);
    await trx
      .updateTable('integrations')
      .set({
        setup_status: sql`case when setup_status = 'FINAL_SYNC_PENDING' then 'COMPLETED' else setup_status end`,
        data_expired_at: null,
      })
      .where('id', '=', integrationId)
      .execute();
    await also?.(trx, plan.counts);
    return { counts: plan.counts, version, replanned };
  });
  noteDataVersion(deps.db, integrationId, result.version);
  return result;
}

/** The outcome of one run, as recorded in `sync_runs`. */
export interface SyncOutcome {
  status: 'SUCCEEDED' | 'FAILED';
  durationMs: number;
  error: string | null;
}

/**
 * Executes a claimed run: reads the source, prepares and renders every record outside any transaction,
 * then commits everything at once (commitSnapshot), so a failing source or write leaves the previously
 * synced data untouched.
 */
export async function executeRun(deps: SyncDeps, run: SyncRunRow): Promise<SyncOutcome> {
  const started = performance.now();
  const now = deps.clock();
  try {
    const integration = await deps.db
      .selectFrom('integrations')
      .select(['id', 'tool', 'status'])
      .where('id', '=', run.integration_id)
      .executeTakeFirstOrThrow();
    // Disabled after the run was queued: syncs are paused while an integration is inactive.
    if (integration.status === 'INACTIVE') throw new Error('The integration is inactive; its syncs are paused.');
    const source = (deps.sourceFor ?? ((tool: string) => getConnector(tool)?.source))(integration.tool);
    if (!source) throw new Error(`Tool '${integration.tool}' has no data source to sync from.`);
    const credentials = await (deps.credentialsFor ?? ((id: string) => loadIntegrationCredentials(deps, id)))(integration.id);
    const lastSuccess = await deps.db
      .selectFrom('sync_runs')
      .select('started_at')
      .where('integration_id', '=', integration.id)
      .where('status', '=', 'SUCCEEDED')
      .orderBy('started_at', 'desc')
      .executeTakeFirst();
    const snapshot = await source.readHris({ integrationId: integration.id, credentials, now, type: run.type, since: lastSuccess?.started_at ?? null });
    const { byModel, lookup } = await prepareSnapshot(integration.id, snapshot);
    const planned = await planSnapshot(deps.db, integration.id, byModel, lookup, deps.mappers, now);

    const { counts } = await commitSnapshot(deps, integration.id, { byModel, lookup }, planned, async (trx, result) => {
      const durationMs = Math.round(performance.now() - started);
      await finishRun(trx, run.id, { status: 'SUCCEEDED', finishedAt: deps.clock(), durationMs, counts: result, error: null });
    });
    const durationMs = Math.round(performance.now() - started);
    deps.logger?.info({ syncId: run.id, integrationId: integration.id, durationMs, counts }, 'sync succeeded');
    return { status: 'SUCCEEDED', durationMs, error: null };
  } catch (err) {
    const durationMs = Math.round(performance.now() - started);
    const error = err instanceof Error ? err.message : String(err);
    deps.logger?.error({ err, syncId: run.id, integrationId: run.integration_id }, 'sync failed');
    await finishRun(deps.db, run.id, { status: 'FAILED', finishedAt: deps.clock(), durationMs, counts: null, error });
    await noteSyncFailure(deps, run.integration_id, err);
    return { status: 'FAILED', durationMs, error };
  }
}
