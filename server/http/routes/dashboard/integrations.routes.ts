import { type Request, Router } from 'express';
import type { AppDeps } from '../../../deps.ts';
import { deleteIntegrationConfirmed, forceSyncFromConsole } from '../../../domain/console/integration-actions.ts';
import { getIntegrationDetails } from '../../../domain/integration-details.ts';
import { searchIntegrations } from '../../../domain/integration-search.ts';
import { setIntegrationEnabled } from '../../../domain/integrations.ts';
import { type CreatedLink, createLink, createRelinkLink } from '../../../domain/links.ts';
import { listEnabledConnectors } from '../../../domain/tools.ts';
import { toApiLink } from '../../mappers/link.mapper.ts';
import { parseCreateLinkBody, parseRelinkBody } from '../../parsers/connect.ts';
import { ok } from '../../respond.ts';
import { toApiConsoleIntegration } from './console.mappers.ts';
import { allow, consoleActorOf } from './console-session.ts';
import { environmentRefOf } from './environment-ref.ts';
import { toApiForcedSync, toApiIntegrationDetails, toApiIntegrationPage } from './integrations.mappers.ts';
import { parseDeleteConfirmationBody, parseEnabledBody, parseIntegrationListQuery } from './integrations.parsers.ts';

/**
 * The integrations pages' API under `/environments/:environment`: the searchable, paged list, one
 * integration's details and sync history, its actions, and new connection links. An integration of the
 * other environment is INTEGRATION_NOT_FOUND, as on `/v1`.
 */
export function integrationsConsoleRoutes(deps: AppDeps): Router {
  const router = Router();
  const base = '/environments/:environment';

  const environmentOf = (req: Request) => environmentRefOf(deps.db, req);
  const scopeOf = async (req: Request) => ({ environmentId: (await environmentOf(req)).environmentId });
  const idOf = (req: Request) => req.params.id as string;
  // The console shows when the link stops working, next to the link itself.
  const linkAnswer = (link: CreatedLink) => ({ ...toApiLink(deps.config.publicUrl, link), expires_at: link.expiresAt.toISOString() });

  router.get(`${base}/integrations`, allow('integrations.read'), async (req, res) => {
    const { filter, limit, cursor } = parseIntegrationListQuery(req.query);
    const page = await searchIntegrations(deps.db, { ...filter, ...(await scopeOf(req)) }, { limit, cursor });
    ok(res, toApiIntegrationPage(page));
  });

  router.get(`${base}/integrations/:id`, allow('integrations.read'), async (req, res) => {
    ok(res, toApiIntegrationDetails(await getIntegrationDetails(deps.db, await scopeOf(req), idOf(req))));
  });

  router.put(`${base}/integrations/:id/enabled`, allow('integrations.write'), async (req, res) => {
    const value = parseEnabledBody(req.body);
    const record = await setIntegrationEnabled(deps, consoleActorOf(req), await scopeOf(req), idOf(req), value);
    ok(res, { integration: toApiConsoleIntegration(record) });
  });

  router.post(`${base}/integrations/:id/force-sync`, allow('integrations.write'), async (req, res) => {
    ok(res, toApiForcedSync(await forceSyncFromConsole(deps, consoleActorOf(req), await scopeOf(req), idOf(req))));
  });

  router.post(`${base}/integrations/:id/relink`, allow('links.create'), async (req, res) => {
    const input = parseRelinkBody(req.body);
    ok(res, linkAnswer(await createRelinkLink(deps, await environmentOf(req), idOf(req), input, consoleActorOf(req))));
  });

  router.delete(`${base}/integrations/:id`, allow('integrations.write'), async (req, res) => {
    const confirmation = parseDeleteConfirmationBody(req.body);
    await deleteIntegrationConfirmed(deps, consoleActorOf(req), await scopeOf(req), idOf(req), confirmation);
    ok(res, {});
  });

  // The new-link form's tool choices: the HRIS tools enabled in this environment.
  router.get(`${base}/links/tools`, allow('links.create'), async (req, res) => {
    const connectors = await listEnabledConnectors(deps, await environmentOf(req), 'HRIS');
    ok(res, { results: connectors.map((c) => ({ id: c.tool.id, label: c.tool.label })) });
  });

  router.post(`${base}/links`, allow('links.create'), async (req, res) => {
    const input = parseCreateLinkBody(req.body);
    ok(res, linkAnswer(await createLink(deps, await environmentOf(req), input, consoleActorOf(req))));
  });

  return router;
}
