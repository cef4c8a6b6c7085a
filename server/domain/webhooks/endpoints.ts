import type { Db } from '../../store/db.ts';
import {
  type WebhookEndpointRow,
  deleteEndpointRow,
  findEndpointRow,
  insertEndpointRow,
  listEndpointRows,
  updateEndpointRow,
} from '../../store/queries/webhooks.ts';
import type { EnvironmentKind } from '../../store/schema.ts';
import { appendAudit } from '../audit.ts';
import type { Actor, StoreDeps } from '../deps.ts';
import { inputInvalid } from '../errors.ts';
import { newId } from '../ids.ts';
import { getEnvironment } from '../tenants.ts';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from './events.ts';
import { type ResolveHost, checkTarget } from './url-safety.ts';
import { ensureWebhookSecret, rotateWebhookSecret } from './webhook-secrets.ts';

/** An endpoint as the domain sees it. */
export interface WebhookEndpoint {
  id: string;
  environmentId: string;
  environment: EnvironmentKind;
  url: string;
  /** Empty: every event type. */
  eventTypes: WebhookEventType[];
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** What endpoint management needs besides the store: name resolution for the URL check. */
export type EndpointDeps = StoreDeps & { resolve?: ResolveHost };

const toEndpoint = (row: WebhookEndpointRow & { environment_kind: EnvironmentKind }): WebhookEndpoint => ({
  id: row.id,
  environmentId: row.environment_id,
  environment: row.environment_kind,
  url: row.url,
  eventTypes: row.event_types as WebhookEventType[],
  enabled: row.enabled,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** The audit trail keeps the endpoint's settings, never the secret. */
const auditView = (e: WebhookEndpoint) => ({ url: e.url, environment: e.environment, event_types: e.eventTypes, enabled: e.enabled });

/** Known event types, de-duplicated; INPUT_INVALID naming unknown ones. */
export function parseEventTypes(types: readonly string[]): WebhookEventType[] {
  const unknown = types.filter((t) => !(WEBHOOK_EVENT_TYPES as readonly string[]).includes(t));
  if (unknown.length) throw inputInvalid(`Unknown event type(s): ${unknown.join(', ')}. Known: ${WEBHOOK_EVENT_TYPES.join(', ')}.`);
  return [...new Set(types as WebhookEventType[])];
}

async function assertUrlAllowed(deps: EndpointDeps, url: string, environment: EnvironmentKind): Promise<void> {
  const target = await checkTarget(url, environment, deps.resolve);
  if ('refused' in target) throw inputInvalid(target.refused);
}

async function audit(trx: Db, secret: Buffer, by: Actor, tenantId: string, environmentId: string, action: string, id: string, before: object | null, after: object | null, at: Date) {
  await appendAudit(trx, by, {
    tenantId,
    environmentId,
    action,
    targetType: 'webhook_endpoint',
    targetId: id,
    before: before as Record<string, unknown> | null,
    after: after as Record<string, unknown> | null,
    at,
  }, secret);
}

/**
 * Creates an endpoint after checking its URL (scheme, and in production that it resolves only to public
 * addresses). The environment's webhook secret is created with its first endpoint and returned once
 * (`secret`); later creations return null.
 */
export async function createEndpoint(
  deps: EndpointDeps,
  by: Actor,
  input: { tenantId: string; environment: EnvironmentKind; url: string; eventTypes: string[] },
): Promise<{ endpoint: WebhookEndpoint; secret: string | null }> {
  const eventTypes = parseEventTypes(input.eventTypes);
  await assertUrlAllowed(deps, input.url, input.environment);
  const env = await getEnvironment(deps.db, input.tenantId, input.environment);
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock();
    const id = newId();
    await insertEndpointRow(trx, { id, environmentId: env.id, url: input.url, eventTypes, enabled: true, now });
    const secret = await ensureWebhookSecret(trx, deps.secret, env.id, now);
    const endpoint: WebhookEndpoint = { id, environmentId: env.id, environment: input.environment, url: input.url, eventTypes, enabled: true, createdAt: now, updatedAt: now };
    await audit(trx, deps.secret, by, input.tenantId, env.id, 'webhook_endpoint.created', id, null, auditView(endpoint), now);
    if (secret) {
      await appendAudit(trx, by, { tenantId: input.tenantId, environmentId: env.id, action: 'webhook_secret.created', targetType: 'environment', targetId: env.id, before: null, after: null, at: now }, deps.secret);
    }
    return { endpoint, secret };
  });
}

/** A tenant's endpoints, oldest first. */
export async function listEndpoints(db: Db, tenantId: string): Promise<WebhookEndpoint[]> {
  return (await listEndpointRows(db, tenantId)).map(toEndpoint);
}

/** One endpoint of the tenant, or INPUT_INVALID. */
export async function getEndpoint(db: Db, tenantId: string, id: string): Promise<WebhookEndpoint> {
  const row = await findEndpointRow(db, tenantId, id);
  if (!row) throw inputInvalid(`No webhook endpoint with ID '${id}'.`);
  return toEndpoint(row);
}

/** Changes an endpoint's URL (checked like on creation), event types or enabled flag, audited. */
export async function updateEndpoint(
  deps: EndpointDeps,
  by: Actor,
  tenantId: string,
  id: string,
  change: { url?: string; eventTypes?: string[]; enabled?: boolean },
): Promise<WebhookEndpoint> {
  const current = await getEndpoint(deps.db, tenantId, id);
  if (change.url !== undefined) await assertUrlAllowed(deps, change.url, current.environment);
  const eventTypes = change.eventTypes === undefined ? undefined : parseEventTypes(change.eventTypes);
  return deps.db.transaction().execute(async (trx) => {
    const row = await findEndpointRow(trx, tenantId, id, { forUpdate: true });
    if (!row) throw inputInvalid(`No webhook endpoint with ID '${id}'.`);
    const before = toEndpoint(row);
    const now = deps.clock();
    await updateEndpointRow(trx, id, {
      url: change.url,
      event_types: eventTypes === undefined ? undefined : JSON.stringify(eventTypes),
      enabled: change.enabled,
      updated_at: now,
    });
    const after: WebhookEndpoint = { ...before, url: change.url ?? before.url, eventTypes: eventTypes ?? before.eventTypes, enabled: change.enabled ?? before.enabled, updatedAt: now };
    await audit(trx, deps.secret, by, tenantId, before.environmentId, 'webhook_endpoint.updated', id, auditView(before), auditView(after), now);
    return after;
  });
}

/** Deletes an endpoint with its deliveries, audited. The environment's secret stays. */
export async function deleteEndpoint(deps: StoreDeps, by: Actor, tenantId: string, id: string): Promise<WebhookEndpoint> {
  return deps.db.transaction().execute(async (trx) => {
    const row = await findEndpointRow(trx, tenantId, id, { forUpdate: true });
    if (!row) throw inputInvalid(`No webhook endpoint with ID '${id}'.`);
    const before = toEndpoint(row);
    await deleteEndpointRow(trx, id);
    await audit(trx, deps.secret, by, tenantId, before.environmentId, 'webhook_endpoint.deleted', id, auditView(before), null, deps.clock());
    return before;
  });
}

/**
 * Rotates the environment's webhook secret, audited: returns the new secret (shown once). The previous
 * one keeps signing alongside it for the rotation window.
 */
export async function rotateSecret(deps: StoreDeps, by: Actor, tenantId: string, environment: EnvironmentKind): Promise<string> {
  const env = await getEnvironment(deps.db, tenantId, environment);
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock();
    const secret = await rotateWebhookSecret(trx, deps.secret, env.id, now);
    if (!secret) throw inputInvalid(`The ${environment} environment has no webhook secret yet: it is created with the first endpoint.`);
    await appendAudit(trx, by, { tenantId, environmentId: env.id, action: 'webhook_secret.rotated', targetType: 'environment', targetId: env.id, before: null, after: null, at: now }, deps.secret);
    return secret;
  });
}
