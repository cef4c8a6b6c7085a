import { insertEventRow } from '../../store/queries/webhooks.ts';
import type { Db } from '../../store/db.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import { newId } from '../ids.ts';
import { type IntegrationRecord, toIntegrationRecord } from '../integrations.ts';
import {
  type ChangeCounts,
  type FailedFlow,
  type FinishedSync,
  type WebhookEvent,
  connectionFlowFailed,
  dataChanged,
  integrationCreated,
  integrationStateChanged,
  syncFinished,
} from './events.ts';
import { queueDrain } from './drain-endpoint.ts';

/** The wire body of an event: `{id, type, data}`, exactly the bytes that are signed and sent. */
export const eventBody = (id: string, event: Pick<WebhookEvent, 'type' | 'data'>): string => JSON.stringify({ id, type: event.type, data: event.data });

/** How an event's deliveries get going. */
export interface RecordEventOptions {
  /**
   * The job queue: a drain of each addressed endpoint is queued in the same transaction. Without it
   * the deliveries wait for the endpoint's next drain (another event's, a retry's, or the resume at
   * a worker's start).
   */
  jobs?: JobQueue;
  /** Deliver to this endpoint alone, enabled or not (test events). */
  onlyEndpointId?: string;
}

/**
 * Writes an event to the outbox with a new unique ID, plus a pending delivery for each endpoint that
 * wants it, and queues their delivery. Always pass the transaction of the change that caused it: the
 * event and its delivery jobs exist exactly when the change does. Returns the event ID.
 */
export async function recordEvent(trx: Db, event: WebhookEvent, now: Date, options: RecordEventOptions = {}): Promise<string> {
  // The event, its deliveries and their jobs are several statements: outside a transaction they get one of their own.
  if (!trx.isTransaction) return trx.transaction().execute((own) => recordEvent(own, event, now, options));
  const id = newId();
  const row = { id, environmentId: event.environmentId, type: event.type, integrationId: event.integrationId, body: eventBody(id, event), createdAt: now };
  const { endpointIds } = await insertEventRow(trx, row, options.onlyEndpointId);
  if (options.jobs) for (const endpointId of endpointIds) await queueDrain(options.jobs, endpointId, { trx });
  return id;
}

async function loadIntegration(trx: Db, integrationId: string): Promise<IntegrationRecord | undefined> {
  const row = await trx
    .selectFrom('integrations')
    .innerJoin('environments', 'environments.id', 'integrations.environment_id')
    .selectAll('integrations')
    .select(['environments.kind as environment_kind', 'environments.tenant_id'])
    .where('integrations.id', '=', integrationId)
    .executeTakeFirst();
  return row ? toIntegrationRecord(row) : undefined;
}

/** `integration-created` for a just-inserted integration (call inside the flow's transaction). */
export async function recordIntegrationCreated(trx: Db, integrationId: string, now: Date, jobs: JobQueue): Promise<void> {
  const r = await loadIntegration(trx, integrationId);
  if (r) await recordEvent(trx, integrationCreated(r), now, { jobs });
}

/** `integration-state-changed` with the integration's state as it now is in `trx`. */
export async function recordIntegrationStateChanged(trx: Db, integrationId: string, now: Date, jobs: JobQueue): Promise<void> {
  const r = await loadIntegration(trx, integrationId);
  if (r) await recordEvent(trx, integrationStateChanged(r), now, { jobs });
}

/**
 * `sync-finished`, and `data-changed` when the sync's counts show a change. Call inside the sync's commit;
 * a failed sync (no counts) records its event with the run's own failure record. Without `jobs`, the
 * sync job queues the drains once the run is over (runSyncJob).
 */
export async function recordSyncFinished(trx: Db, integrationId: string, run: FinishedSync, counts: ChangeCounts | null, jobs?: JobQueue): Promise<void> {
  const r = await loadIntegration(trx, integrationId);
  if (!r) return;
  await recordEvent(trx, syncFinished(r, run), run.finishedAt, { jobs });
  const changed = counts ? dataChanged(r, counts) : null;
  if (changed) await recordEvent(trx, changed, run.finishedAt, { jobs });
}

/** `connection-flow-failed`: the tool refused the credentials or was unreachable (nothing else changed). */
export async function recordConnectionFlowFailed(db: Db, flow: FailedFlow, now: Date, jobs: JobQueue): Promise<void> {
  await recordEvent(db, connectionFlowFailed(flow), now, { jobs });
}
