import { deleteFinishedEventRows } from '../../store/queries/webhooks.ts';
import type { StoreDeps } from '../deps.ts';

/** Delivered and finally failed outbox events are kept this long (for the deliveries view and re-sends). @default 30 days */
export const OUTBOX_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

/** Events deleted per statement: short statements, so deliveries going on beside are never held up long. @default 1000 */
export const OUTBOX_RETENTION_BATCH = 1_000;

/**
 * Deletes the outbox events older than the retention none of whose deliveries is still unfinished
 * (with their deliveries), batch by batch until none is left. An event still being delivered or
 * retried stays whatever its age. Returns how many events were deleted.
 */
export async function deleteExpiredOutboxRows(
  deps: Pick<StoreDeps, 'db' | 'clock'>,
  options: { retentionMs?: number; batchSize?: number } = {},
): Promise<number> {
  const before = new Date(deps.clock().getTime() - (options.retentionMs ?? OUTBOX_RETENTION_MS));
  const batchSize = options.batchSize ?? OUTBOX_RETENTION_BATCH;
  let total = 0;
  for (;;) {
    const deleted = await deleteFinishedEventRows(deps.db, before, batchSize);
    total += deleted;
    if (deleted < batchSize) return total;
  }
}
