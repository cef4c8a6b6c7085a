import type { Db } from '../../store/db.ts';
import type { EnvironmentKind } from '../../store/schema.ts';
import { deleteRequestLogsThrough, findRetentionDays, listOldestRequestLogs, listRetentionRows, upsertRetentionDays } from '../../store/queries/request-logs.ts';
import { appendAudit } from '../audit.ts';
import type { Actor, StoreDeps } from '../deps.ts';
import { inputInvalid } from '../errors.ts';
import type { EnvironmentRef } from '../tools.ts';

/** How long an environment keeps its request log unless configured. */
export const DEFAULT_RETENTION_DAYS: Record<EnvironmentKind, number> = { production: 30, development: 7 };

/** The bounds of the setting (the migration checks them too). */
export const RETENTION_DAYS_MIN = 1;
export const RETENTION_DAYS_MAX = 365;

/** Rows deleted per statement, so pruning never holds a long lock. @default 5000 */
export const RETENTION_BATCH = 5_000;

const DAY_MS = 86_400_000;

/** An environment's retention in days (its setting, else the default of its kind). */
export async function getLogRetention(db: Db, env: EnvironmentRef): Promise<{ days: number; isDefault: boolean }> {
  const days = await findRetentionDays(db, env.environmentId);
  return days === undefined ? { days: DEFAULT_RETENTION_DAYS[env.environment], isDefault: true } : { days, isDefault: false };
}

/** Changes an environment's retention, audited with before and after in the same transaction. */
export async function setLogRetention(deps: StoreDeps, by: Actor, env: EnvironmentRef, days: number): Promise<{ days: number; isDefault: boolean }> {
  if (!Number.isInteger(days) || days < RETENTION_DAYS_MIN || days > RETENTION_DAYS_MAX) {
    throw inputInvalid(`Invalid request body: days must be a whole number from ${RETENTION_DAYS_MIN} to ${RETENTION_DAYS_MAX}.`);
  }
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const before = await getLogRetention(trx, env);
    await upsertRetentionDays(trx, env.environmentId, days, now);
    await appendAudit(
      trx,
      by,
      {
        tenantId: env.tenantId,
        environmentId: env.environmentId,
        action: 'logs.retention_changed',
        targetType: 'environment',
        targetId: env.environmentId,
        before: { retention_days: before.days },
        after: { retention_days: days },
        at: now,
      },
      deps.secret,
    );
  });
  return { days, isDefault: false };
}

/**
 * The retention job: in every environment, deletes the entries older than its retention, in batches
 * along the primary key from the oldest: entries are written in time order (give or take a batch), so
 * the first batch that holds a young entry is the last one with anything to delete. Returns how many
 * entries it deleted.
 */
export async function pruneRequestLogs(deps: Pick<StoreDeps, 'db' | 'clock'>): Promise<number> {
  const now = deps.clock().getTime();
  let deleted = 0;
  for (const env of await listRetentionRows(deps.db)) {
    const before = new Date(now - (env.days ?? DEFAULT_RETENTION_DAYS[env.kind]) * DAY_MS);
    for (;;) {
      const oldest = await listOldestRequestLogs(deps.db, env.environment_id, RETENTION_BATCH);
      if (oldest.length === 0 || oldest[0]!.at >= before) break;
      deleted += await deleteRequestLogsThrough(deps.db, env.environment_id, oldest[oldest.length - 1]!.seq, before);
      if (oldest.length < RETENTION_BATCH || oldest.some((row) => row.at >= before)) break;
    }
  }
  return deleted;
}
