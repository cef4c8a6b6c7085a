import { type DeliveryListRow, listDeliveryRows, requeueDeliveryRows } from '../../store/queries/webhooks.ts';
import type { WebhookDeliveryStatus } from '../../store/schema.ts';
import { appendAudit } from '../audit.ts';
import type { Actor, DomainDeps, StoreDeps } from '../deps.ts';
import type { Db } from '../../store/db.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import { queueDrain } from './drain-endpoint.ts';
import { inputInvalid } from '../errors.ts';
import { getEndpoint } from './endpoints.ts';

/** One event's delivery to one endpoint, as the operator sees it. */
export interface WebhookDelivery {
  id: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastLatencyMs: number | null;
  lastError: string | null;
  /** The first bytes of the receiver's last answer. */
  lastResponse: string | null;
  /** When the next attempt is due (PENDING only). */
  nextAttemptAt: Date | null;
  lastAttemptAt: Date | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

const toDelivery = (r: DeliveryListRow): WebhookDelivery => ({
  id: r.id,
  endpointId: r.endpoint_id,
  eventId: r.event_id,
  eventType: r.event_type,
  status: r.status,
  attempts: r.attempts,
  lastStatusCode: r.last_status_code,
  lastLatencyMs: r.last_latency_ms,
  lastError: r.last_error,
  lastResponse: r.last_response,
  nextAttemptAt: r.status === 'PENDING' ? r.next_attempt_at : null,
  lastAttemptAt: r.last_attempt_at,
  deliveredAt: r.delivered_at,
  createdAt: r.created_at,
});

/** An endpoint's most recent deliveries, newest event first. */
export async function listDeliveries(db: Db, tenantId: string, endpointId: string, limit = 50): Promise<WebhookDelivery[]> {
  await getEndpoint(db, tenantId, endpointId);
  return (await listDeliveryRows(db, endpointId, limit)).map(toDelivery);
}

/** What re-sending needs: the store, and the job queue that delivers. */
export type ResendDeps = StoreDeps & Pick<DomainDeps, 'jobs'>;

/** Queues one drain per endpoint of the re-queued deliveries, in their transaction. */
async function queueDrains(trx: Db, jobs: JobQueue, requeued: { endpointId: string }[]): Promise<void> {
  for (const endpointId of new Set(requeued.map((r) => r.endpointId))) await queueDrain(jobs, endpointId, { trx });
}

/**
 * Queues a finished (delivered or failed) delivery again, due now, with a fresh retry period: the
 * receiver gets the same event ID and body again. Audited.
 */
export async function resendDelivery(deps: ResendDeps, by: Actor, tenantId: string, deliveryId: string, only: { endpointId?: string } = {}): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock();
    const requeued = await requeueDeliveryRows(trx, tenantId, now, { id: deliveryId, ...only });
    if (requeued.length === 0) throw inputInvalid(`No delivered or failed webhook delivery with ID '${deliveryId}'.`);
    await queueDrains(trx, deps.jobs, requeued);
    await appendAudit(trx, by, { tenantId, environmentId: null, action: 'webhook_delivery.resent', targetType: 'webhook_delivery', targetId: deliveryId, before: null, after: null, at: now }, deps.secret);
  });
}

/**
 * Queues again every delivery of the tenant (of one endpoint, when given) that failed with a last
 * attempt at or after `since` (and before `until`, when given). Returns how many.
 */
export async function resendFailedDeliveries(
  deps: ResendDeps,
  by: Actor,
  tenantId: string,
  since: Date,
  only: { endpointId?: string; until?: Date } = {},
): Promise<number> {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock();
    const requeued = await requeueDeliveryRows(trx, tenantId, now, { failedSince: since, failedBefore: only.until, endpointId: only.endpointId });
    await queueDrains(trx, deps.jobs, requeued);
    await appendAudit(trx, by, {
      tenantId,
      environmentId: null,
      action: 'webhook_delivery.resent_failed',
      targetType: 'tenant',
      targetId: tenantId,
      before: null,
      after: { since: since.toISOString(), ...(only.until ? { until: only.until.toISOString() } : {}), ...(only.endpointId ? { endpoint_id: only.endpointId } : {}), count: requeued.length },
      at: now,
    }, deps.secret);
    return requeued.length;
  });
}
