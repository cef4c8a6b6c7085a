import { type Selectable, sql } from 'kysely';
import type { Db } from '../db.ts';
import type { WebhookDeliveriesTable, WebhookDeliveryStatus, WebhookEndpointsTable, WebhookSecretsTable } from '../schema.ts';

export type WebhookEndpointRow = Selectable<WebhookEndpointsTable>;
export type WebhookSecretRow = Selectable<WebhookSecretsTable>;
export type WebhookDeliveryRow = Selectable<WebhookDeliveriesTable>;

/** A delivery with what an attempt needs: the event's body and type, the endpoint's URL and environment. */
export type ClaimedDeliveryRow = WebhookDeliveryRow & {
  event_id: string;
  event_type: string;
  body: string;
  url: string;
  environment_id: string;
  environment_kind: 'production' | 'development';
  event_created_at: Date;
};

/**
 * Writes one event to the outbox and, in the same statement's transaction, one PENDING delivery for
 * every enabled endpoint of its environment that wants its type. Returns the event's sequence number
 * and the endpoints it is to be delivered to.
 */
export async function insertEventRow(
  trx: Db,
  event: { id: string; environmentId: string; type: string; integrationId: string | null; body: string; createdAt: Date },
  /** Deliver to this endpoint only, enabled or not (test events). */
  onlyEndpointId?: string,
): Promise<{ seq: number; endpointIds: string[] }> {
  const { seq } = await trx
    .insertInto('webhook_events')
    .values({
      id: event.id,
      environment_id: event.environmentId,
      type: event.type,
      integration_id: event.integrationId,
      body: event.body,
      created_at: event.createdAt,
    })
    .returning('seq')
    .executeTakeFirstOrThrow();
  const { rows } = await sql<{ endpoint_id: string }>`
    insert into webhook_deliveries (id, endpoint_id, event_seq, order_key, status, attempts, next_attempt_at, created_at)
    select gen_random_uuid()::text, e.id, ${seq}, ${event.integrationId ?? event.id}, 'PENDING', 0, ${event.createdAt}, ${event.createdAt}
    from webhook_endpoints e
    where e.environment_id = ${event.environmentId}
      and ${
        onlyEndpointId === undefined
          ? sql`e.enabled and (jsonb_array_length(e.event_types) = 0 or e.event_types @> jsonb_build_array(${event.type}::text))`
          : sql`e.id = ${onlyEndpointId}`
      }
    returning endpoint_id`.execute(trx);
  return { seq, endpointIds: rows.map((r) => r.endpoint_id) };
}

export async function findSecretRow(db: Db, environmentId: string, options: { forUpdate?: boolean } = {}): Promise<WebhookSecretRow | undefined> {
  let query = db.selectFrom('webhook_secrets').selectAll().where('environment_id', '=', environmentId);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** Inserts the environment's first secret; false when another creator won the race. */
export async function insertSecretRow(trx: Db, row: { environmentId: string; keyId: string; ciphertext: string; now: Date }): Promise<boolean> {
  const inserted = await trx
    .insertInto('webhook_secrets')
    .values({ environment_id: row.environmentId, key_id: row.keyId, ciphertext: row.ciphertext, created_at: row.now })
    .onConflict((oc) => oc.column('environment_id').doNothing())
    .returning('environment_id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function updateSecretRow(trx: Db, environmentId: string, values: Partial<Omit<WebhookSecretRow, 'environment_id'>>): Promise<void> {
  await trx.updateTable('webhook_secrets').set(values).where('environment_id', '=', environmentId).execute();
}

export async function insertEndpointRow(trx: Db, row: { id: string; environmentId: string; url: string; eventTypes: string[]; enabled: boolean; now: Date }): Promise<void> {
  await trx
    .insertInto('webhook_endpoints')
    .values({ id: row.id, environment_id: row.environmentId, url: row.url, event_types: JSON.stringify(row.eventTypes), enabled: row.enabled, created_at: row.now, updated_at: row.now })
    .execute();
}

/** One endpoint of a tenant (through its environment), optionally locked for an update. */
export async function findEndpointRow(
  db: Db,
  tenantId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<(WebhookEndpointRow & { environment_kind: 'production' | 'development' }) | undefined> {
  let query = db
    .selectFrom('webhook_endpoints')
    .innerJoin('environments', 'environments.id', 'webhook_endpoints.environment_id')
    .selectAll('webhook_endpoints')
    .select('environments.kind as environment_kind')
    .where('webhook_endpoints.id', '=', id)
    .where('environments.tenant_id', '=', tenantId);
  if (options.forUpdate) query = query.forUpdate('webhook_endpoints');
  return query.executeTakeFirst();
}

/** A tenant's endpoints, oldest first. */
export async function listEndpointRows(db: Db, tenantId: string): Promise<(WebhookEndpointRow & { environment_kind: 'production' | 'development' })[]> {
  return db
    .selectFrom('webhook_endpoints')
    .innerJoin('environments', 'environments.id', 'webhook_endpoints.environment_id')
    .selectAll('webhook_endpoints')
    .select('environments.kind as environment_kind')
    .where('environments.tenant_id', '=', tenantId)
    .orderBy('webhook_endpoints.created_at')
    .orderBy('webhook_endpoints.id')
    .execute();
}

export async function updateEndpointRow(trx: Db, id: string, values: { url?: string; event_types?: string; enabled?: boolean; updated_at: Date }): Promise<void> {
  await trx.updateTable('webhook_endpoints').set(values).where('id', '=', id).execute();
}

export async function deleteEndpointRow(trx: Db, id: string): Promise<void> {
  await trx.deleteFrom('webhook_endpoints').where('id', '=', id).execute();
}

/**
 * Endpoints with unfinished deliveries (pending, or claimed by an attempt that may have died): of the
 * given environments, or with deliveries of the given integration's events, when given.
 */
export async function listEndpointIdsWithUnfinished(db: Db, where: { environmentIds?: string[]; integrationId?: string } = {}): Promise<string[]> {
  if (where.environmentIds?.length === 0) return [];
  const { rows } = await sql<{ endpoint_id: string }>`
    select distinct d.endpoint_id from webhook_deliveries d
    join webhook_endpoints e on e.id = d.endpoint_id
    where d.status in ('PENDING', 'DELIVERING')
    ${where.environmentIds ? sql`and e.environment_id in (${sql.join(where.environmentIds)})` : sql``}
    ${where.integrationId ? sql`and d.order_key = ${where.integrationId}` : sql``}`.execute(db);
  return rows.map((r) => r.endpoint_id);
}

/**
 * When the endpoint may next have a delivery to claim: the earliest, over the heads of its order keys
 * (what claimDeliveryRows could take), of a PENDING head's retry time or a DELIVERING head's lease end
 * (its attempt may have died). Null when nothing is left to deliver.
 */
export async function nextDeliveryAt(db: Db, endpointId: string): Promise<Date | null> {
  const { rows } = await sql<{ at: Date | null }>`
    select min(case when status = 'PENDING' then next_attempt_at else lease_until end) as at
    from (
      select distinct on (order_key) status, next_attempt_at, lease_until
      from webhook_deliveries
      where endpoint_id = ${endpointId} and status in ('PENDING', 'DELIVERING')
      order by order_key, event_seq) heads`.execute(db);
  const at = rows[0]?.at ?? null;
  return at === null ? null : new Date(at);
}

/**
 * Deletes up to `limit` outbox events created before `before` none of whose deliveries is unfinished
 * (delivered, finally failed, or never addressed to an endpoint); their deliveries go with them
 * (cascade). Returns how many events were deleted.
 */
export async function deleteFinishedEventRows(db: Db, before: Date, limit: number): Promise<number> {
  const result = await sql`
    delete from webhook_events where seq in (
      select ev.seq from webhook_events ev
      where ev.created_at < ${before}
        and not exists (select 1 from webhook_deliveries d where d.event_seq = ev.seq and d.status in ('PENDING', 'DELIVERING'))
      order by ev.seq
      limit ${limit})`.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}

/**
 * Claims up to `limit` of one endpoint's due deliveries, each the oldest unfinished one of its order
 * key (a later event of the same integration waits for the earlier one; `distinct on` finds these heads
 * in one pass over the endpoint's unfinished deliveries), marking them DELIVERING until
 * `leaseUntil`. `FOR UPDATE SKIP LOCKED` lets concurrent claimers (other instances) take disjoint rows.
 */
export async function claimDeliveryRows(db: Db, endpointId: string, now: Date, leaseUntil: Date, limit: number): Promise<ClaimedDeliveryRow[]> {
  const { rows } = await sql<ClaimedDeliveryRow>`
    with claimed as (
      update webhook_deliveries set status = 'DELIVERING', lease_until = ${leaseUntil}, attempts = attempts + 1, last_attempt_at = ${now}
      where id in (
        select id from webhook_deliveries
        where id in (
          select id from (
            select distinct on (order_key) id, status, next_attempt_at, lease_until, event_seq
            from webhook_deliveries
            where endpoint_id = ${endpointId} and status in ('PENDING', 'DELIVERING')
            order by order_key, event_seq) heads
          where (status = 'PENDING' and next_attempt_at <= ${now}) or (status = 'DELIVERING' and lease_until <= ${now})
          order by event_seq
          limit ${limit})
        -- Re-checked on the locked row's latest version: a row another claimer just took no longer qualifies.
        and ((status = 'PENDING' and next_attempt_at <= ${now}) or (status = 'DELIVERING' and lease_until <= ${now}))
        for update skip locked)
      returning *)
    select claimed.*, ev.id as event_id, ev.type as event_type, ev.body, ev.created_at as event_created_at, ep.url, ep.environment_id, env.kind as environment_kind
    from claimed
    join webhook_events ev on ev.seq = claimed.event_seq
    join webhook_endpoints ep on ep.id = claimed.endpoint_id
    join environments env on env.id = ep.environment_id
    order by claimed.event_seq`.execute(db);
  return rows;
}

/** Records an attempt's outcome, only while this claim still holds the delivery (its lease is ours). */
export async function finishAttemptRow(
  db: Db,
  id: string,
  leaseUntil: Date,
  values: {
    status: WebhookDeliveryStatus;
    next_attempt_at: Date;
    last_status_code: number | null;
    last_latency_ms: number | null;
    last_error: string | null;
    last_response: string | null;
    delivered_at: Date | null;
  },
): Promise<boolean> {
  const result = await db
    .updateTable('webhook_deliveries')
    .set({ ...values, lease_until: null })
    .where('id', '=', id)
    .where('status', '=', 'DELIVERING')
    .where('lease_until', '=', leaseUntil)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** A delivery row with its event, for listings. */
export type DeliveryListRow = WebhookDeliveryRow & { event_id: string; event_type: string };

/** An endpoint's most recent deliveries, newest first. */
export async function listDeliveryRows(db: Db, endpointId: string, limit: number): Promise<DeliveryListRow[]> {
  return db
    .selectFrom('webhook_deliveries')
    .innerJoin('webhook_events', 'webhook_events.seq', 'webhook_deliveries.event_seq')
    .selectAll('webhook_deliveries')
    .select(['webhook_events.id as event_id', 'webhook_events.type as event_type'])
    .where('webhook_deliveries.endpoint_id', '=', endpointId)
    .orderBy('webhook_deliveries.event_seq', 'desc')
    .limit(limit)
    .execute();
}

/**
 * Puts finished deliveries of a tenant back in the queue, due now; `where` picks them (one, or those
 * that failed in a period), of one endpoint when `endpointId` is given. Returns them (ID and endpoint).
 */
export async function requeueDeliveryRows(
  db: Db,
  tenantId: string,
  now: Date,
  where: ({ id: string } | { failedSince: Date; failedBefore?: Date }) & { endpointId?: string },
): Promise<{ id: string; endpointId: string }[]> {
  let query = db
    .updateTable('webhook_deliveries')
    .set({ status: 'PENDING', attempts: 0, next_attempt_at: now, lease_until: null, created_at: now })
    .where('status', 'in', ['DELIVERED', 'FAILED'])
    .where('endpoint_id', 'in', (eb) =>
      eb
        .selectFrom('webhook_endpoints')
        .innerJoin('environments', 'environments.id', 'webhook_endpoints.environment_id')
        .select('webhook_endpoints.id')
        .where('environments.tenant_id', '=', tenantId),
    );
  query = 'id' in where ? query.where('id', '=', where.id) : query.where('status', '=', 'FAILED').where('last_attempt_at', '>=', where.failedSince);
  if ('failedBefore' in where && where.failedBefore) query = query.where('last_attempt_at', '<', where.failedBefore);
  if (where.endpointId) query = query.where('endpoint_id', '=', where.endpointId);
  const rows = await query.returning(['id', 'endpoint_id']).execute();
  return rows.map((r) => ({ id: r.id, endpointId: r.endpoint_id }));
}
