import { Router } from 'express';
import type { AppDeps } from '../../../deps.ts';
import { apiKeysRoutes } from './api-keys.routes.ts';
import { integrationsConsoleRoutes } from './integrations.routes.ts';

/** Per-environment console routes under `/environments/:environment` (production or development). */
export function environmentRoutes(deps: AppDeps): Router {
  const router = Router();
  router.use(apiKeysRoutes(deps));
  router.use(integrationsConsoleRoutes(deps));
  return router;
}
