import { Router } from 'express';
import type { AppDeps } from '../../../deps.ts';
import { environmentOverview } from '../../../domain/overview.ts';
import { toApiOverview } from '../../mappers/request-log.mapper.ts';
import { ok } from '../../respond.ts';
import { allow } from './console-session.ts';
import { environmentRefOf } from './environment-ref.ts';

/** The console's overview of an environment: integration counts, what needs attention, recent `/v1` errors. */
export function overviewRoutes(deps: AppDeps): Router {
  const router = Router();
  router.get('/environments/:environment/overview', allow('integrations.read'), async (req, res) => {
    ok(res, toApiOverview(await environmentOverview(deps, await environmentRefOf(deps.db, req))));
  });
  return router;
}
