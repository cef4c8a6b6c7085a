import type { WebhookDelivery } from '../../domain/webhooks/deliveries.ts';
import type { WebhookEndpoint } from '../../domain/webhooks/endpoints.ts';

/** An endpoint as the console API and the CLI's --json show it (never its secret). */
export function toApiWebhookEndpoint(e: WebhookEndpoint) {
  return {
    id: e.id,
    environment: e.environment,
    url: e.url,
    event_types: e.eventTypes,
    enabled: e.enabled,
    created_at: e.createdAt.toISOString(),
    updated_at: e.updatedAt.toISOString(),
  };
}

/** One delivery: its event, attempts, the receiver's last answer (status, latency, first bytes) and the next retry. */
export function toApiWebhookDelivery(d: WebhookDelivery) {
  return {
    id: d.id,
    event_id: d.eventId,
    event_type: d.eventType,
    status: d.status,
    attempts: d.attempts,
    last_status_code: d.lastStatusCode,
    last_latency_ms: d.lastLatencyMs,
    last_error: d.lastError,
    last_response: d.lastResponse,
    next_attempt_at: d.nextAttemptAt?.toISOString() ?? null,
    last_attempt_at: d.lastAttemptAt?.toISOString() ?? null,
    delivered_at: d.deliveredAt?.toISOString() ?? null,
    created_at: d.createdAt.toISOString(),
  };
}
