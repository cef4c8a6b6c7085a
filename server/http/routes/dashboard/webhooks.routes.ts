import { type Request, Router } from 'express';
import type { AppDeps } from '../../../deps.ts';
import { userActor } from '../../../domain/console/user-record.ts';
import { inputInvalid } from '../../../domain/errors.ts';
import { listDeliveries, resendDelivery, resendFailedDeliveries } from '../../../domain/webhooks/deliveries.ts';
import { type WebhookEndpoint, createEndpoint, deleteEndpoint, getEndpoint, listEndpoints, rotateSecret, updateEndpoint } from '../../../domain/webhooks/endpoints.ts';
import { WEBHOOK_EVENT_TYPES } from '../../../domain/webhooks/events.ts';
import { sendTestEvent } from '../../../domain/webhooks/test-event.ts';
import { ROTATION_WINDOW_MS } from '../../../domain/webhooks/webhook-secrets.ts';
import { ok } from '../../respond.ts';
import { allow, consoleSessionOf, environmentParam } from './console-session.ts';
import { toApiWebhookDelivery, toApiWebhookEndpoint } from '../../mappers/webhook.mapper.ts';
import { parseCreateWebhookBody, parseResendFailedBody, parseUpdateWebhookBody } from './webhooks.parsers.ts';

/**
 * The console's webhooks, per environment under `/environments/:environment/webhooks`: endpoints,
 * the secret (shown once when created or rotated), deliveries, re-sends and test events. The same
 * domain functions as `npm run cli -- webhooks ...`.
 */
export function webhooksRoutes(deps: AppDeps): Router {
  const router = Router();
  const base = '/environments/:environment/webhooks';

  /** The endpoint `:id` of the session's tenant in the route's environment; one of the other environment is as unknown as none. */
  async function endpointOf(req: Request): Promise<WebhookEndpoint> {
    const id = req.params.id as string;
    const endpoint = await getEndpoint(deps.db, consoleSessionOf(req).user.tenantId, id);
    if (endpoint.environment !== environmentParam(req)) throw inputInvalid(`No webhook endpoint with ID '${id}'.`);
    return endpoint;
  }

  router.get(base, allow('webhooks.read'), async (req, res) => {
    const environment = environmentParam(req);
    const endpoints = await listEndpoints(deps.db, consoleSessionOf(req).user.tenantId);
    ok(res, { results: endpoints.filter((e) => e.environment === environment).map(toApiWebhookEndpoint), event_types: WEBHOOK_EVENT_TYPES });
  });

  router.post(base, allow('webhooks.write'), async (req, res) => {
    const { user } = consoleSessionOf(req);
    const { endpoint, secret } = await createEndpoint(deps, userActor(user), { tenantId: user.tenantId, environment: environmentParam(req), ...parseCreateWebhookBody(req.body) });
    ok(res, { endpoint: toApiWebhookEndpoint(endpoint), secret });
  });

  router.post(`${base}/rotate-secret`, allow('webhooks.write'), async (req, res) => {
    const { user } = consoleSessionOf(req);
    const secret = await rotateSecret(deps, userActor(user), user.tenantId, environmentParam(req));
    ok(res, { secret, previous_secret_valid_until: new Date(deps.clock().getTime() + ROTATION_WINDOW_MS).toISOString() });
  });

  router.patch(`${base}/:id`, allow('webhooks.write'), async (req, res) => {
    const { user } = consoleSessionOf(req);
    const change = parseUpdateWebhookBody(req.body);
    const endpoint = await updateEndpoint(deps, userActor(user), user.tenantId, (await endpointOf(req)).id, change);
    ok(res, { endpoint: toApiWebhookEndpoint(endpoint) });
  });

  router.delete(`${base}/:id`, allow('webhooks.write'), async (req, res) => {
    const { user } = consoleSessionOf(req);
    const endpoint = await deleteEndpoint(deps, userActor(user), user.tenantId, (await endpointOf(req)).id);
    ok(res, { endpoint: toApiWebhookEndpoint(endpoint) });
  });

  router.get(`${base}/:id/deliveries`, allow('webhooks.read'), async (req, res) => {
    const endpoint = await endpointOf(req);
    const deliveries = await listDeliveries(deps.db, consoleSessionOf(req).user.tenantId, endpoint.id);
    ok(res, { results: deliveries.map(toApiWebhookDelivery) });
  });

  router.post(`${base}/:id/test`, allow('webhooks.write'), async (req, res) => {
    const { user } = consoleSessionOf(req);
    const eventId = await sendTestEvent(deps, userActor(user), user.tenantId, (await endpointOf(req)).id);
    ok(res, { event_id: eventId });
  });

  router.post(`${base}/:id/deliveries/:deliveryId/resend`, allow('webhooks.write'), async (req, res) => {
    const { user } = consoleSessionOf(req);
    const endpoint = await endpointOf(req);
    await resendDelivery(deps, userActor(user), user.tenantId, req.params.deliveryId as string, { endpointId: endpoint.id });
    ok(res, { resent: 1 });
  });

  router.post(`${base}/:id/resend-failed`, allow('webhooks.write'), async (req, res) => {
    const { user } = consoleSessionOf(req);
    const endpoint = await endpointOf(req);
    const { since, until } = parseResendFailedBody(req.body);
    const count = await resendFailedDeliveries(deps, userActor(user), user.tenantId, since, { endpointId: endpoint.id, ...(until ? { until } : {}) });
    ok(res, { resent: count });
  });

  return router;
}
