import { type Request, Router } from 'express';
import type { AppDeps } from '../../../deps.ts';
import { createApiKey, disableApiKey, getApiKey, listApiKeys } from '../../../domain/api-keys.ts';
import { userActor } from '../../../domain/console/user-record.ts';
import { inputInvalid } from '../../../domain/errors.ts';
import { listIntegrations } from '../../../domain/integrations.ts';
import { createLink } from '../../../domain/links.ts';
import { getEnvironment } from '../../../domain/tenants.ts';
import type { EnvironmentRef } from '../../../domain/tools.ts';
import { toApiLink } from '../../mappers/link.mapper.ts';
import { parseCreateLinkBody } from '../../parsers/connect.ts';
import { ok } from '../../respond.ts';
import { parseCreateKeyBody } from './console.parsers.ts';
import { toApiConsoleIntegration, toApiConsoleKey } from './console.mappers.ts';
import { allow, consoleSessionOf, environmentParam } from './console-session.ts';

/** Per-environment console routes under `/environments/:environment` (production or development). */
export function environmentRoutes(deps: AppDeps): Router {
  const router = Router();
  const base = '/environments/:environment';

  async function environmentOf(req: Request): Promise<EnvironmentRef> {
    const tenantId = consoleSessionOf(req).user.tenantId;
    const env = await getEnvironment(deps.db, tenantId, environmentParam(req));
    return { tenantId, environmentId: env.id, environment: env.kind };
  }

  router.get(`${base}/api-keys`, allow('api_keys.read'), async (req, res) => {
    const environment = environmentParam(req);
    const keys = await listApiKeys(deps.db, consoleSessionOf(req).user.tenantId);
    ok(res, { results: keys.filter((k) => k.environment === environment).map(toApiConsoleKey) });
  });

  router.post(`${base}/api-keys`, allow('api_keys.write'), async (req, res) => {
    const { user } = consoleSessionOf(req);
    const body = parseCreateKeyBody(req.body);
    const { key, info } = await createApiKey(deps, userActor(user), {
      tenantId: user.tenantId,
      environment: environmentParam(req),
      name: body.name ?? null,
      expiresAt: body.expires_at ? new Date(body.expires_at) : null,
    });
    ok(res, { key, api_key: toApiConsoleKey(info) });
  });

  router.post(`${base}/api-keys/:id/disable`, allow('api_keys.write'), async (req, res) => {
    const { user } = consoleSessionOf(req);
    const id = req.params.id as string;
    // A key of the other environment is as unknown here as a key that does not exist.
    const current = await getApiKey(deps.db, user.tenantId, id);
    if (current.environment !== environmentParam(req)) throw inputInvalid(`No API key with ID '${id}' exists.`);
    const info = await disableApiKey(deps, userActor(user), user.tenantId, id);
    ok(res, { api_key: toApiConsoleKey(info) });
  });

  router.get(`${base}/integrations`, allow('integrations.read'), async (req, res) => {
    const env = await environmentOf(req);
    const integrations = await listIntegrations(deps.db, { environmentId: env.environmentId });
    ok(res, { results: integrations.map(toApiConsoleIntegration) });
  });

  router.post(`${base}/links`, allow('links.create'), async (req, res) => {
    const link = await createLink(deps, await environmentOf(req), parseCreateLinkBody(req.body));
    ok(res, toApiLink(deps.config.publicUrl, link));
  });

  return router;
}
