import type { Logger } from '../../logger.ts';
import { claimDeliveryRows, listDueEndpointIds } from '../../store/queries/webhooks.ts';
import { signingSecrets } from './webhook-secrets.ts';
import { type DeliveryDeps, LEASE_MS, type WebhookTransport, attemptDelivery } from './delivery.ts';
import { httpTransport } from './http-transport.ts';

export interface DispatcherOptions {
  /** How often due deliveries are looked for. @default 200 */
  pollMs?: number;
  /** Limits this dispatcher to some endpoints, e.g. test files sharing one database. @default every endpoint */
  accept?: (endpointId: string) => boolean;
  /** Deliveries in flight at once per endpoint (each the head of its integration's queue). @default 16 */
  perEndpoint?: number;
}

/** A running dispatcher: stop() ends claiming and resolves once the attempts in flight are recorded. */
export type StopDispatcher = () => Promise<void>;

/**
 * Delivers the outbox: every `pollMs` it finds endpoints with due deliveries and drains each endpoint
 * in its own loop, so a slow or dead endpoint only ever holds its own deliveries. State lives in the
 * store (claims with leases), so a restarted or second process picks up where another stopped. Kept
 * behind this function so the job queue can drive `attemptDelivery` instead later. Without a `transport`
 * it delivers over HTTP (httpTransport).
 */
export function startWebhookDispatcher(
  given: Omit<DeliveryDeps, 'transport'> & { transport?: WebhookTransport; logger?: Logger },
  options: DispatcherOptions = {},
): StopDispatcher {
  const own = given.transport ? undefined : httpTransport();
  const deps = { ...given, transport: given.transport ?? own! };
  const pollMs = options.pollMs ?? 200;
  const perEndpoint = options.perEndpoint ?? 16;
  const draining = new Map<string, Promise<void>>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const drain = async (endpointId: string) => {
    while (!stopped) {
      const now = deps.clock();
      const claimed = await claimDeliveryRows(deps.db, endpointId, now, new Date(now.getTime() + LEASE_MS), perEndpoint);
      if (claimed.length === 0) return;
      // One endpoint, one environment: its secrets are read once per batch.
      const secrets = await signingSecrets(deps.db, deps.secret, claimed[0]!.environment_id, now);
      await Promise.all(
        claimed.map((d) =>
          attemptDelivery(deps, d, secrets).catch((err: unknown) => deps.logger?.error({ err, deliveryId: d.id, endpointId }, 'webhook delivery attempt failed to record')),
        ),
      );
    }
  };

  const tick = async () => {
    try {
      for (const endpointId of await listDueEndpointIds(deps.db, deps.clock())) {
        if (stopped || draining.has(endpointId) || (options.accept && !options.accept(endpointId))) continue;
        const run = drain(endpointId)
          .catch((err: unknown) => deps.logger?.error({ err, endpointId }, 'webhook dispatch failed'))
          .finally(() => draining.delete(endpointId));
        draining.set(endpointId, run);
      }
    } catch (err) {
      if (!stopped) deps.logger?.error({ err }, 'webhook dispatcher poll failed');
    }
    if (!stopped) timer = setTimeout(() => void tick(), pollMs).unref();
  };
  timer = setTimeout(() => void tick(), 0).unref();

  return async () => {
    stopped = true;
    clearTimeout(timer);
    await Promise.all(draining.values());
    own?.close();
  };
}
