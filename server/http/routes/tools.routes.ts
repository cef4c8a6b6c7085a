import { Router } from 'express';
import type { AppDeps } from '../../deps.ts';
import { listEnabledConnectors } from '../../domain/tools.ts';
import { toApiTool } from '../mappers/tool.mapper.ts';
import { parseToolsCategory } from '../parsers/integrations.ts';
import { principalOf } from '../request-context.ts';
import { ok } from '../respond.ts';

/** `GET /v1/tools/{category}`: the tools enabled in the key's environment for a category. */
export function toolsRoutes(deps: AppDeps): Router {
  const router = Router();
  router.get('/tools/:category', async (req, res) => {
    const connectors = await listEnabledConnectors(deps, principalOf(req), parseToolsCategory(req.params.category));
    ok(res, { tools: connectors.map(toApiTool) });
  });
  return router;
}
