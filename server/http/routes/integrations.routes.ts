import { Router } from 'express';
import type { AppDeps } from '../../deps.ts';
import type { Actor } from '../../domain/deps.ts';
import { deleteIntegration, setIntegrationEnabled } from '../../domain/integrations.ts';
import { accessIntegration } from '../../domain/lifecycle.ts';
import { createRelinkLink } from '../../domain/links.ts';
import { getScopeConfig } from '../../domain/scopes/scope-config.ts';
import { toApiIntegrationDetails } from '../mappers/integration.mapper.ts';
import { toApiLink } from '../mappers/link.mapper.ts';
import { parseRelinkBody } from '../parsers/connect.ts';
import { parseDeleteBody, parseEnabledBody } from '../parsers/integrations.ts';
import { principalOf } from '../request-context.ts';
import { ok } from '../respond.ts';

const apiActor = (keyId: string): Actor => ({ actor: `api-key:${keyId}`, source: 'api' });

/**
 * Integration management by path ID (Express decodes the SDK's `sandbox%3A...`). Every route only sees
 * the key's environment: another environment's or tenant's integration is INTEGRATION_NOT_FOUND.
 */
export function integrationsRoutes(deps: AppDeps): Router {
  const router = Router();

  router.get('/integrations/:integration_id', async (req, res) => {
    const integration = await accessIntegration(deps, principalOf(req), req.params.integration_id);
    ok(res, toApiIntegrationDetails(integration, deps.connectors.get(integration.tool), await getScopeConfig(deps.db, integration.environmentId)));
  });

  router.delete('/integrations/:integration_id', async (req, res) => {
    parseDeleteBody(req.body);
    const principal = principalOf(req);
    await deleteIntegration(deps, apiActor(principal.keyId), { environmentId: principal.environmentId }, req.params.integration_id);
    ok(res, {});
  });

  router.put('/integrations/:integration_id/enabled', async (req, res) => {
    const value = parseEnabledBody(req.body);
    const principal = principalOf(req);
    await setIntegrationEnabled(deps, apiActor(principal.keyId), { environmentId: principal.environmentId }, req.params.integration_id, value);
    ok(res, {});
  });

  router.post('/integrations/:integration_id/relink', async (req, res) => {
    const input = parseRelinkBody(req.body);
    const link = await createRelinkLink(deps, principalOf(req), req.params.integration_id, input);
    ok(res, toApiLink(deps.config.publicUrl, link));
  });

  return router;
}
