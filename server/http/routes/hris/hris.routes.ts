import { Router } from 'express';
import type { DomainDeps } from '../../../domain/deps.ts';
import { assertModelReadable } from '../../../domain/hris/access.ts';
import { currentDataVersion } from '../../../domain/hris/data-versions.ts';
import { listRecords } from '../../../domain/hris/list-records.ts';
import { getScopeConfig } from '../../../domain/scopes/scope-config.ts';
import { assertModelInScope, hiddenFieldsOf, withHiddenFieldsNull } from '../../../domain/scopes/serve-scope.ts';
import { requireIntegration } from '../../middleware/integration.ts';
import { integrationOf } from '../../request-context.ts';
import { okPrerendered, successEnvelope } from '../../respond.ts';
import { LIST_ENDPOINTS, parseListQuery } from './list-params.ts';
import { PageCache } from './page-cache.ts';

/**
 * Every HRIS list endpoint (`GET /hris/<model>` with X-Integration-Id): records come pre-rendered from
 * the store, so a page is one query; pages asked again before the next sync come from memory.
 */
export function hrisRoutes(deps: DomainDeps & { storeKind: 'pglite' | 'postgres' }, cache = new PageCache()): Router {
  const router = Router();
  router.use('/hris', requireIntegration(deps, { errors: 'hris' }));
  for (const endpoint of LIST_ENDPOINTS) {
    router.get(`/hris/${endpoint.path}`, async (req, res) => {
      const integration = integrationOf(req);
      assertModelReadable(integration, endpoint.model, deps.connectors);
      const scope = await getScopeConfig(deps.db, integration.environmentId);
      assertModelInScope(scope, endpoint.model);
      const hidden = hiddenFieldsOf(scope, endpoint.model);
      const version = await currentDataVersion(deps.db, integration.id, deps.storeKind === 'pglite');
      // The hidden fields are part of the key: a scope change does not move the data version.
      const key = PageCache.key(integration.id, hidden.key ? `${endpoint.path}\u0000${hidden.key}` : endpoint.path, req.query);
      const cached = cache.get(key, version);
      if (cached) {
        okPrerendered(res, cached);
        return;
      }
      const query = parseListQuery(endpoint, req.query);
      const page = await listRecords(deps.db, integration.id, query, version);
      const body = successEnvelope(`{"next":${JSON.stringify(page.next)},"results":[${withHiddenFieldsNull(page.resultsJson, hidden)}]}`);
      cache.set(key, version, body);
      okPrerendered(res, body);
    });
  }
  return router;
}
