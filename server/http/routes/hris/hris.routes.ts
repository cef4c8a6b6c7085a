import { Router } from 'express';
import type { DomainDeps } from '../../../domain/deps.ts';
import { assertModelReadable } from '../../../domain/hris/access.ts';
import { listRecords } from '../../../domain/hris/list-records.ts';
import { requireIntegration } from '../../middleware/integration.ts';
import { integrationOf } from '../../request-context.ts';
import { okPrerendered } from '../../respond.ts';
import { LIST_ENDPOINTS, parseListQuery } from './list-params.ts';

/**
 * Every HRIS list endpoint (`GET /hris/<model>` with X-Integration-Id): records come pre-rendered from
 * the store, so a handler is one query and one write.
 */
export function hrisRoutes(deps: DomainDeps): Router {
  const router = Router();
  router.use('/hris', requireIntegration(deps, { errors: 'hris' }));
  for (const endpoint of LIST_ENDPOINTS) {
    router.get(`/hris/${endpoint.path}`, async (req, res) => {
      const integration = integrationOf(req);
      assertModelReadable(integration, endpoint.model);
      const query = parseListQuery(endpoint, req.query);
      const page = await listRecords(deps.db, integration.id, query);
      okPrerendered(res, `{"next":${JSON.stringify(page.next)},"results":[${page.resultsJson}]}`);
    });
  }
  return router;
}
