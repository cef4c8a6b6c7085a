import type { Db } from '../../store/db.ts';
import { claimDeliveryRows, listEndpointIdsWithUnfinished, nextDeliveryAt } from '../../store/queries/webhooks.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import { WEBHOOK_DRAIN_QUEUE } from '../jobs/queues.ts';
import { type DeliveryDeps, LEASE_MS, attemptDelivery } from './delivery.ts';
import { signingSecrets } from './webhook-secrets.ts';

/** The data of a drain job. */
export interface DrainJob {
  endpointId: string;
}

/** Where drain failures are reported (ids only, never bodies or secrets). */
export interface DrainLogger {
  error(obj: object, msg?: string): void;
}

/** What draining an endpoint needs: attempting deliveries, and the job queue to come back later. */
export type DrainDeps = DeliveryDeps & { jobs: JobQueue; logger?: DrainLogger };

export interface DrainOptions {
  /** Deliveries in flight at once per endpoint (each the head of its integration's queue). @default 16 */
  perEndpoint?: number;
  /**
   * Waits no longer than this before looking again while deliveries wait for a retry: for tests whose
   * clock moves by hand (a retry is due when the injected clock says so). @default no limit
   */
  maxWaitMs?: number;
  /** A drain that has run this long hands the rest to a fresh job, so no job outlives its expiry. @default 30000 */
  sliceMs?: number;
  /** Aborted when the process stops taking work: a drain waiting in itself hands over to a job at once. */
  signal?: AbortSignal;
}

/**
 * A delivery due within this long is waited for in the drain itself: a new job would be fetched no
 * sooner (the queue's polling interval is longer). @default 250
 */
export const HOLD_MS = 250;

/**
 * Queues a drain of one endpoint, in `trx` when given (it then exists exactly when the transaction
 * commits). A drain due now has the endpoint as its key, so however many events are written while
 * one waits, one drain delivers them all; a later one (a retry) is keyed by its second as well, so it
 * never stands in the way of a drain due sooner.
 */
export async function queueDrain(jobs: JobQueue, endpointId: string, options: { trx?: Db; afterMs?: number } = {}): Promise<void> {
  const afterMs = options.afterMs ?? 0;
  await jobs.send<DrainJob>(WEBHOOK_DRAIN_QUEUE, { endpointId }, {
    singletonKey: afterMs > 0 ? `${endpointId}@${Math.ceil((Date.now() + afterMs) / 1000)}` : endpointId,
    ...(afterMs > 0 ? { startAfterSeconds: afterMs / 1000 } : {}),
    ...(options.trx ? { trx: options.trx } : {}),
  });
}

/**
 * The handler of a drain job: delivers the endpoint's due deliveries, `perEndpoint` at a time (each the
 * oldest unfinished one of its integration, so per integration the order holds), until none is due;
 * then, when some wait for a retry, queues the next drain for when the first of them is due. State
 * lives in the store (claims with leases): two drains of one endpoint, in one process or two, take
 * disjoint deliveries, and a drain whose process died is taken over when its claims' leases end.
 */
export async function drainEndpoint(deps: DrainDeps, endpointId: string, options: DrainOptions = {}): Promise<void> {
  const started = performance.now();
  const perEndpoint = options.perEndpoint ?? 16;
  const sliceOver = () => performance.now() - started >= (options.sliceMs ?? 30_000);
  for (;;) {
    const now = deps.clock();
    const claimed = await claimDeliveryRows(deps.db, endpointId, now, new Date(now.getTime() + LEASE_MS), perEndpoint);
    if (claimed.length > 0) {
      // One endpoint, one environment: its secrets are read once per batch.
      const secrets = await signingSecrets(deps.db, deps.secret, claimed[0]!.environment_id, now);
      await Promise.all(
        claimed.map((d) =>
          attemptDelivery(deps, d, secrets).catch((err: unknown) => deps.logger?.error({ err, deliveryId: d.id, endpointId }, 'webhook delivery attempt failed to record')),
        ),
      );
      if (sliceOver()) return queueDrain(deps.jobs, endpointId);
      continue;
    }
    const next = await nextDeliveryAt(deps.db, endpointId);
    if (next === null) return;
    const dueInMs = Math.max(0, next.getTime() - deps.clock().getTime());
    const waitMs = Math.min(dueInMs, options.maxWaitMs ?? dueInMs);
    if (waitMs > HOLD_MS || sliceOver() || options.signal?.aborted) return queueDrain(deps.jobs, endpointId, { afterMs: waitMs });
    await new Promise((resolve) => setTimeout(resolve, waitMs));
  }
}

/**
 * Queues a drain of every endpoint with unfinished deliveries of the integration's events: for events
 * written without the job queue at hand (a sync's success commit), right after their transaction.
 */
export async function queueIntegrationDrains(deps: { db: Db; jobs: JobQueue }, integrationId: string): Promise<void> {
  for (const endpointId of await listEndpointIdsWithUnfinished(deps.db, { integrationId })) await queueDrain(deps.jobs, endpointId);
}
