import { insertEventRow } from '../../store/queries/webhooks.ts';
import type { Db } from '../../store/db.ts';
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

/** The wire body of an event: `{id, type, data}`, exactly the bytes that are signed and sent. */
export const eventBody = (id: string, event: Pick<WebhookEvent, 'type' | 'data'>): string => JSON.stringify({ id, type: event.type, data: event.data });

/**
 * Writes an event to the outbox with a new unique ID, plus a pending delivery for each endpoint that
 * wants it. Always pass the transaction of the change that caused it: the event exists exactly when
 * the change does. `onlyEndpointId` sends it to that endpoint alone (test events). Returns the event ID.
 */
export async function recordEvent(trx: Db, event: WebhookEvent, now: Date, onlyEndpointId?: string): Promise<string> {
  // The event and its deliveries are two statements: outside a transaction they get one of their own.
  if (!trx.isTransaction) return trx.transaction().execute((own) => recordEvent(own, event, now, onlyEndpointId));
  const id = newId();
  const row = { id, environmentId: event.environmentId, type: event.type, integrationId: event.integrationId, body: eventBody(id, event), createdAt: now };
  await insertEventRow(trx, row, onlyEndpointId);
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
export async function recordIntegrationCreated(trx: Db, integrationId: string, now: Date): Promise<void> {
  const r = await loadIntegration(trx, integrationId);
  if (r) await recordEvent(trx, integrationCreated(r), now);
}

/** `integration-state-changed` with the integration's state as it now is in `trx`. */
export async function recordIntegrationStateChanged(trx: Db, integrationId: string, now: Date): Promise<void> {
  const r = await loadIntegration(trx, integrationId);
  if (r) await recordEvent(trx, integrationStateChanged(r), now);
}

/**
 * `sync-finished`, and `data-changed` when the sync's counts show a change. Call inside the sync's commit;
 * a failed sync (no counts) records its event after the run's own failure record.
 */
export async function recordSyncFinished(trx: Db, integrationId: string, run: FinishedSync, counts: ChangeCounts | null): Promise<void> {
  const r = await loadIntegration(trx, integrationId);
  if (!r) return;
  await recordEvent(trx, syncFinished(r, run), run.finishedAt);
  const changed = counts ? dataChanged(r, counts) : null;
  if (changed) await recordEvent(trx, changed, run.finishedAt);
}

/** `connection-flow-failed`: the tool refused the credentials or was unreachable (nothing else changed). */
export async function recordConnectionFlowFailed(db: Db, flow: FailedFlow, now: Date): Promise<void> {
  await recordEvent(db, connectionFlowFailed(flow), now);
}
