import type { Db } from '../../store/db.ts';
import type { AnySource, ReadContext } from '../../connectors/data-source.ts';
import { RemoteError, type RemoteErrorKind } from '../../connectors/remote-error.ts';
import type { ModelKey } from '../hris/models.ts';
import { type SyncRunRow, finishRun } from '../../store/queries/hris-sync-runs.ts';
import { noteSyncFailure } from '../integration-health.ts';
import { loadIntegrationCredentials } from '../integrations.ts';
import type { SyncCounts } from './apply.ts';
import { type PreparedSync, commitSnapshot } from './commit-snapshot.ts';
import { prepareSnapshot } from './prepare.ts';
import { type SourceRead, carryOverUnavailable, mergeDeltas, readSource } from './read-source.ts';
import { prepareIncremental } from './incremental.ts';
import type { SyncDeps } from './sync-deps.ts';
import { STORE_MAINTENANCE_KEY, STORE_MAINTENANCE_QUEUE } from '../jobs/queues.ts';
import { recordSyncFinished } from '../webhooks/record-event.ts';
import { blankDisabledChanges, blankDisabledFields, loadSyncScope, type SyncScope } from '../scopes/sync-scope.ts';

/**
 * Prepares what a read delivered: when every model came as changes, only the changed records and those
 * embedding them (prepareIncremental); otherwise the complete snapshot, with the stored records of
 * unavailable models carried over and the changes merged over the stored records.
 */
async function prepareRead(db: Db, integrationId: string, read: SourceRead, scope: SyncScope): Promise<PreparedSync> {
  // Turned-off fields are neither stored nor rendered: blanked in the changes the source sent and, on the
  // whole-snapshot path, in the snapshot once stored records are merged in.
  blankDisabledChanges(scope, read.deltas);
  const incremental = await prepareIncremental(db, integrationId, read);
  if (incremental) return { byModel: incremental.byModel, lookup: incremental.lookup, keepModels: read.unavailable, scope: incremental.scope };
  await carryOverUnavailable(db, integrationId, read);
  await mergeDeltas(db, integrationId, read);
  blankDisabledFields(scope, read.snapshot);
  const { byModel, lookup } = await prepareSnapshot(integrationId, read.snapshot);
  return { byModel, lookup, keepModels: read.unavailable };
}

/**
 * Reads the source and prepares what it delivered. The read's own records are not kept beyond this
 * call: the prepared records hold them as JSON text, and a sync of a large company then holds that
 * text alone while it writes (its largest share of memory).
 */
async function readAndPrepare(db: Db, source: AnySource, ctx: ReadContext, scope: SyncScope, lap: () => number,
): Promise<{ prepared: PreparedSync; unavailable: ModelKey[]; readMs: number }> {
  const read = await readSource(source, ctx);
  const readMs = lap();
  return { prepared: await prepareRead(db, ctx.integrationId, read, scope), unavailable: [...read.unavailable], readMs };
}

/** Records per page asked of a source: bounds what one page costs the source and the sync. */
const SOURCE_PAGE_SIZE = 1000;

/**
 * Where a successful run's time went, in milliseconds (logged with `sync succeeded`): reading the tool,
 * preparing what it sent (merging, hashing), and writing it: planning the changes against the stored
 * records (rendering) overlapped with writing them (staging and the commit).
 */
export interface SyncPhases {
  read: number;
  prepare: number;
  write: number;
}

/** Milliseconds since the last call (or since it was made), rounded. */
function stopwatch(): () => number {
  let mark = performance.now();
  return () => {
    const now = performance.now();
    const ms = Math.round(now - mark);
    mark = now;
    return ms;
  };
}

/** How many records a run created, updated or deleted. */
const changedRecords = (counts: SyncCounts): number =>
  Object.values(counts).reduce((sum, c) => sum + c.created + c.updated + c.deleted, 0);

/** The outcome of one run, as recorded in `sync_runs`. */
export interface SyncOutcome {
  status: 'SUCCEEDED' | 'FAILED';
  durationMs: number;
  error: string | null;
  /** When the source failed with a RemoteError: its kind and, for `rate_limited`, how long to wait before retrying. */
  remote?: { kind: RemoteErrorKind; retryAfterMs?: number };
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
    const source = (deps.sourceFor ?? ((tool: string) => deps.connectors.get(tool)?.source))(integration.tool);
    if (!source) throw new Error(`Tool '${integration.tool}' has no data source to sync from.`);
    const credentials = await (deps.credentialsFor ?? ((id: string) => loadIntegrationCredentials(deps, id)))(integration.id);
    const lastSuccess = await deps.db
      .selectFrom('sync_runs')
      .select('started_at')
      .where('integration_id', '=', integration.id)
      .where('status', '=', 'SUCCEEDED')
      .orderBy('started_at', 'desc')
      .executeTakeFirst();
    const scope = await loadSyncScope(deps.db, integration.id);
    const lap = stopwatch();
    const { prepared, unavailable, readMs } = await readAndPrepare(deps.db, source, {
      integrationId: integration.id, credentials, now, type: run.type, since: lastSuccess?.started_at ?? null,
      signal: deps.signal ?? new AbortController().signal, pageSize: SOURCE_PAGE_SIZE, runtime: deps.connectorRuntime, models: scope.models,
    }, scope, lap);
    const prepareMs = lap();
    const { counts } = await commitSnapshot(deps, integration.id, prepared, now, async (trx, result) => {
      const durationMs = Math.round(performance.now() - started);
      await finishRun(trx, run.id, { status: 'SUCCEEDED', finishedAt: deps.clock(), durationMs, counts: result, error: null });
      await recordSyncFinished(trx, integration.id, { id: run.id, status: 'SUCCEEDED', startedAt: now, finishedAt: deps.clock() }, result);
      if (deps.storeKind === 'pglite' && changedRecords(result) > 0) {
        // The embedded store has no autovacuum daemon: its maintenance runs now, not at its next tick, so the
        // next incremental sync's lookups (0022-hris-lookup-attrs) are planned with statistics of these rows.
        await deps.jobs.send(STORE_MAINTENANCE_QUEUE, {}, { trx, singletonKey: STORE_MAINTENANCE_KEY });
      }
    });
    const phasesMs: SyncPhases = { read: readMs, prepare: prepareMs, write: lap() };
    const durationMs = Math.round(performance.now() - started);
    deps.logger?.info({ syncId: run.id, integrationId: integration.id, durationMs, phasesMs, counts, ...(unavailable.length ? { unavailable } : {}) }, 'sync succeeded');
    return { status: 'SUCCEEDED', durationMs, error: null };
  } catch (err) {
    const durationMs = Math.round(performance.now() - started);
    const error = err instanceof Error ? err.message : String(err);
    deps.logger?.error({ err, syncId: run.id, integrationId: run.integration_id }, 'sync failed');
    await recordSyncFailure(deps, run, { startedAt: now, durationMs, error }, err);
    if (err instanceof RemoteError) {
      const { retryAfterMs } = err.details;
      return { status: 'FAILED', durationMs, error, remote: { kind: err.kind, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) } };
    }
    return { status: 'FAILED', durationMs, error };
  }
}

/**
 * The FAILED path of a run in ONE transaction: the run's failure, its `sync-finished` event and, when
 * the failure shows that the credentials stopped working, the integration's INVALID state with its
 * `integration-state-changed` event commit together or not at all (a store error leaves the run to
 * be retried by its job, with nothing half-written).
 */
async function recordSyncFailure(deps: SyncDeps, run: SyncRunRow, outcome: { startedAt: Date; durationMs: number; error: string }, err: unknown): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const finishedAt = deps.clock();
    await finishRun(trx, run.id, { status: 'FAILED', finishedAt, durationMs: outcome.durationMs, counts: null, error: outcome.error });
    await recordSyncFinished(trx, run.integration_id, { id: run.id, status: 'FAILED', startedAt: outcome.startedAt, finishedAt }, null, deps.jobs);
    await noteSyncFailure({ db: trx, clock: deps.clock, jobs: deps.jobs, logger: deps.logger }, run.integration_id, err);
  });
}
