import { appendAudit } from '../audit.ts';
import type { Actor, DomainDeps, StoreDeps } from '../deps.ts';
import type { IntegrationRecord } from '../integrations.ts';
import { getEndpoint } from './endpoints.ts';
import { type WebhookEvent, integrationCreated } from './events.ts';
import { recordEvent } from './record-event.ts';

/** The made-up integration a test event describes: recognisable, never one that exists. */
function sampleIntegration(environmentId: string, now: Date): IntegrationRecord {
  return {
    id: 'sandbox:TestEventTestEventTestEv',
    tenantId: '',
    environmentId,
    environment: 'development',
    tool: 'sandbox',
    category: 'HRIS',
    status: 'ACTIVE',
    inactiveReason: null,
    setupStatus: 'COMPLETED',
    endUser: { email: 'test@example.com', organizationName: 'Webhook test', originId: 'webhook-test' },
    scopeConfigId: '',
    remoteEnvironment: null,
    createdAt: now,
    updatedAt: now,
    lastApiRequestAt: now,
    dataExpiredAt: null,
  };
}

/**
 * Sends one endpoint (enabled or not) an `integration-created` event about a made-up Sandbox integration
 * (`sandbox:TestEvent…`, organisation "Webhook test"), through the same outbox, signing and retries as
 * real events. Audited. Returns the event ID.
 */
export async function sendTestEvent(deps: StoreDeps & Pick<DomainDeps, 'jobs'>, by: Actor, tenantId: string, endpointId: string): Promise<string> {
  const endpoint = await getEndpoint(deps.db, tenantId, endpointId);
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock();
    const event: WebhookEvent = { ...integrationCreated(sampleIntegration(endpoint.environmentId, now)), integrationId: null };
    const id = await recordEvent(trx, event, now, { jobs: deps.jobs, onlyEndpointId: endpoint.id });
    await appendAudit(trx, by, { tenantId, environmentId: endpoint.environmentId, action: 'webhook_endpoint.tested', targetType: 'webhook_endpoint', targetId: endpoint.id, before: null, after: { event_id: id }, at: now }, deps.secret);
    return id;
  });
}
