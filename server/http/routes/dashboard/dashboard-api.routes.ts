import { Router } from 'express';
import type { AppDeps } from '../../../deps.ts';
import { jsonBody } from '../../middleware/json-body.ts';
import { auditRoutes } from './audit.routes.ts';
import { authRoutes } from './auth.routes.ts';
import { configurationRoutes } from './configuration.routes.ts';
import { environmentRoutes } from './environment.routes.ts';
import { loadConsoleSession, requireCsrf } from './console-session.ts';
import { mfaRoutes } from './mfa.routes.ts';
import { samlAcsRoutes, ssoRoutes } from './sso.routes.ts';
import { usersRoutes } from './users.routes.ts';
import { webhooksRoutes } from './webhooks.routes.ts';
import { logsRoutes } from './logs.routes.ts';
import { overviewRoutes } from './overview.routes.ts';

/**
 * The console's JSON API, mounted at `/dashboard/api`: session cookie plus `X-CSRF-Token` on every
 * state-changing request; each route's access decided by the policy table (`allow(action)`).
 */
export function dashboardApiRoutes(deps: AppDeps): Router {
  const router = Router();
  router.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  // The SAML ACS takes the IdP's form POST: before the JSON-only body parser and the CSRF check.
  router.use(samlAcsRoutes(deps));
  router.use(jsonBody());
  router.use(loadConsoleSession(deps));
  router.use(requireCsrf(deps));
  router.use(authRoutes(deps));
  router.use(usersRoutes(deps));
  router.use(environmentRoutes(deps));
  router.use(auditRoutes(deps));
  router.use(mfaRoutes(deps));
  router.use(ssoRoutes(deps));
  router.use(webhooksRoutes(deps));
  router.use(configurationRoutes(deps));
  router.use(logsRoutes(deps));
  router.use(overviewRoutes(deps));
  return router;
}
