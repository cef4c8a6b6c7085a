import { Router } from 'express';
import type { AppDeps } from '../../deps.ts';
import { redeemActivationToken } from '../../domain/activation.ts';
import { createLink } from '../../domain/links.ts';
import { toApiIntegrationByToken } from '../mappers/integration.mapper.ts';
import { toApiLink } from '../mappers/link.mapper.ts';
import { parseActivateBody, parseCreateLinkBody } from '../parsers/connect.ts';
import { principalOf } from '../request-context.ts';
import { ok } from '../respond.ts';

/** Kombo Connect: create links, and exchange activation tokens for integrations. */
export function connectRoutes(deps: AppDeps): Router {
  const router = Router();

  router.post('/connect/create-link', async (req, res) => {
    const link = await createLink(deps, principalOf(req), parseCreateLinkBody(req.body));
    ok(res, toApiLink(deps.config.publicUrl, link));
  });

  router.get('/connect/integration-by-token/:token', async (req, res) => {
    const integration = await redeemActivationToken(deps, principalOf(req), req.params.token);
    ok(res, toApiIntegrationByToken(integration));
  });

  /** Deprecated in Kombo, kept for clients that still call it: same exchange, token in the body. */
  router.post('/connect/activate-integration', async (req, res) => {
    const integration = await redeemActivationToken(deps, principalOf(req), parseActivateBody(req.body));
    ok(res, toApiIntegrationByToken(integration));
  });

  return router;
}
