import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../store/db.ts';
import {
  applyStagedRecords, bumpDataVersion, countRecords, dropStage, dropUncommittedRecords, lockIntegrationData, markRecordsDeleted, readDataVersion,
} from '../../store/queries/hris-records.ts';
import { noteDataVersion } from '../hris/data-versions.ts';
import { type PlanOptions, type PlanSummary, type SyncCounts, stageWrites, streamPlan, writePlanned } from './apply.ts';
import type { PreparedByModel, RecordLookup } from './prepare.ts';
import type { SyncDeps } from './sync-deps.ts';

/** A prepared snapshot and how its plan is made (so a re-plan inside the transaction makes it alike). */
export interface PreparedSync extends PlanOptions {
  byModel: PreparedByModel;
  lookup: RecordLookup;
}

/** Runs inside a commit's transaction once the plan is written (the run's bookkeeping). */
export type AfterCommit = (trx: Db, counts: SyncCounts) => Promise<void>;

/** What a committed sync wrote. */
export interface Committed {
  counts: SyncCounts;
  version: number;
  replanned: boolean;
}

/**
 * The write half of a sync: plans the prepared records against the stored ones (streamPlan) and writes
 * the plan, so that it commits in ONE transaction under the integration's advisory lock, which also
 * bumps the data version, completes the setup (FINAL_SYNC_PENDING -> COMPLETED), clears
 * `data_expired_at` and runs `also` (the run's bookkeeping). Planning and writing overlap: the store
 * writes one part of the plan while the next is rendered.
 * - On PostgreSQL (`deps.storeKind`) the plan is made and written inside the transaction itself, which
 *   readers do not wait for.
 * - On PGlite (and when unknown) the plan's parts are written in autocommitted statements (API queries
 *   run between them), so that readers still see the previous snapshot:
 *   - an integration's first sync (data version 0) writes them in place, as nothing is served before a
 *     version is committed (listRecords); the transaction then only commits the version. A first sync
 *     that fails or dies midway leaves rows without a version, deleted on failure or, after a crash,
 *     when the next sync of the integration starts.
 *   - later syncs stage them; the transaction copies the stage into place, or, if another sync committed
 *     since the plan was made, plans again and writes directly. A sync that dies midway leaves only stage
 *     rows, dropped on failure or, after a crash, by a later sync of the integration.
 */
export async function commitSnapshot(
  deps: SyncDeps,
  integrationId: string,
  prepared: PreparedSync,
  at: Date,
  also?: AfterCommit,
): Promise<Committed> {
  // PostgreSQL readers are not blocked by a writing transaction: staging would only copy the rows twice.
  if (deps.storeKind === 'postgres') return commitStaged(deps, integrationId, prepared, at, null, also);
  if ((await readDataVersion(deps.db, integrationId)) === 0) return commitFirstInPlace(deps, integrationId, prepared, at, also);
  const stageId = randomUUID();
  try {
    const staged = await stageSnapshot(deps, integrationId, prepared, at, stageId);
    return await commitStaged(deps, integrationId, prepared, at, staged, also);
  } finally {
    // Best effort: a stage left behind (store gone away) is dropped by a later sync of the integration.
    await dropStage(deps.db, integrationId, stageId).catch(() => undefined);
  }
}

/**
 * The first sync of an integration on the embedded store (see commitSnapshot): rows left by one that
 * never committed are deleted, the plan is written in place outside any transaction, and the
 * transaction commits version 1 only if no other sync committed meanwhile and every row written is
 * there (a concurrent first sync would have failed on, or deleted, some of them).
 */
async function commitFirstInPlace(
  deps: SyncDeps,
  integrationId: string,
  prepared: PreparedSync,
  at: Date,
  also?: AfterCommit,
): Promise<Committed> {
  await dropUncommittedRecords(deps.db, integrationId);
  try {
    const plan = await streamPlan(deps.db, integrationId, prepared.byModel, prepared.lookup, deps.mappers, at, prepared,
      (writes) => writePlanned(deps.db, integrationId, writes));
    const written = Object.values(plan.counts).reduce((sum, c) => sum + c.created, 0);
    const result = await deps.db.transaction().execute(async (trx) => {
      await lockIntegrationData(trx, integrationId);
      if ((await readDataVersion(trx, integrationId)) !== 0 || (await countRecords(trx, integrationId)) !== written) {
        throw new Error('Another sync of the integration wrote its data meanwhile; nothing of this sync was committed.');
      }
      return finishCommit(trx, integrationId, plan, also);
    });
    noteDataVersion(deps.db, integrationId, result.version);
    return { ...result, replanned: false };
  } catch (err) {
    // Best effort: rows left behind (store gone away) are deleted when the next sync starts.
    await dropUncommittedRecords(deps.db, integrationId).catch(() => undefined);
    throw err;
  }
}

/** A plan whose writes were staged under `stageId` (see commitSnapshot). */
export interface StagedPlan {
  stageId: string;
  plan: PlanSummary;
}

/** Plans the prepared records against the stored ones and stages the writes, outside any transaction. */
export async function stageSnapshot(deps: SyncDeps, integrationId: string, prepared: PreparedSync, at: Date, stageId: string): Promise<StagedPlan> {
  const plan = await streamPlan(deps.db, integrationId, prepared.byModel, prepared.lookup, deps.mappers, at, prepared,
    (writes) => stageWrites(deps.db, integrationId, stageId, writes));
  return { stageId, plan };
}

/**
 * The transaction of commitSnapshot: applies `staged` if nothing committed since it was planned;
 * otherwise (or with nothing staged) plans inside the transaction and writes directly.
 */
export async function commitStaged(
  deps: SyncDeps,
  integrationId: string,
  prepared: PreparedSync,
  at: Date,
  staged: StagedPlan | null,
  also?: AfterCommit,
): Promise<Committed> {
  const result = await deps.db.transaction().execute(async (trx) => {
    await lockIntegrationData(trx, integrationId);
    const current = await readDataVersion(trx, integrationId);
    const replanned = staged !== null && current !== staged.plan.version;
    let plan: PlanSummary;
    if (staged && !replanned) {
      plan = staged.plan;
      await applyStagedRecords(trx, integrationId, staged.stageId);
    } else {
      plan = await streamPlan(trx, integrationId, prepared.byModel, prepared.lookup, deps.mappers, at, prepared,
        (writes) => writePlanned(trx, integrationId, writes));
    }
    return { ...(await finishCommit(trx, integrationId, plan, also)), replanned };
  });
  noteDataVersion(deps.db, integrationId, result.version);
  return result;
}

/**
 * The end of every commit (inside its transaction, once the plan's rows are in place): marks what the
 * source no longer returned as deleted, bumps the data version, completes the setup, clears
 * `data_expired_at` and runs `also`.
 */
async function finishCommit(trx: Db, integrationId: string, plan: PlanSummary, also?: AfterCommit,
): Promise<{ counts: SyncCounts; version: number }> {
  await markRecordsDeleted(trx, integrationId, plan.gone, plan.at);
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
  return { counts: plan.counts, version };
}
