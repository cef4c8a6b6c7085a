import express, { type Express, Router } from 'express';
import type { AppDeps } from './deps.ts';
import { errorHandler, notFound } from './http/error-handler.ts';
import { requireApiKey } from './http/middleware/authenticate.ts';
import { jsonBody } from './http/middleware/json-body.ts';
import { rejectUnstorableUrl } from './http/middleware/input-guard.ts';
import { rejectOptions } from './http/middleware/options.ts';
import { counterStore, perKeyRateLimit } from './http/middleware/rate-limit.ts';
import { databaseRateLimitCounter } from './domain/rate-limit.ts';
import { requestLogging } from './http/middleware/request-logging.ts';
import { recordRequests } from './http/middleware/record-request.ts';
import { healthRoutes } from './http/routes/health.routes.ts';
import { DEFAULT_THROTTLE, failedAuthLimit, flowClientLimit, linkAttemptLimit } from './http/middleware/throttle.ts';
import { platformRoutes } from './http/routes/platform.routes.ts';
import { connectRoutes } from './http/routes/connect.routes.ts';
import { flowRoutes } from './http/routes/flow.routes.ts';
import { integrationsRoutes } from './http/routes/integrations.routes.ts';
import { toolsRoutes } from './http/routes/tools.routes.ts';
import { widgetRoutes } from './http/routes/widget.routes.ts';
import { landingRoutes } from './http/routes/landing.routes.ts';
import { hrisRoutes } from './http/routes/hris/hris.routes.ts';
import { syncRoutes } from './http/routes/hris/sync.routes.ts';
import { dashboardApiRoutes } from './http/routes/dashboard/dashboard-api.routes.ts';
import { dashboardPageRoutes } from './http/routes/dashboard-page.routes.ts';
import './http/request-context.ts';

export type { AppDeps };

/** Builds the Express app: middleware, routers, the one error handler. Does not listen. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.config.trustProxy);
  app.set('etag', false);
  app.use(requestLogging(deps.logger));

  app.use(healthRoutes(deps.db));
  app.use(rejectUnstorableUrl);
  app.use(rejectOptions);

  const throttle = { ...DEFAULT_THROTTLE, ...deps.throttle };
  const v1 = Router();
  v1.use(recordRequests(deps));
  v1.use(failedAuthLimit(throttle.failedAuthPerMinute));
  v1.use(requireApiKey(deps));
  v1.use(perKeyRateLimit(deps.config.rateLimitPerMinute, deps.rateLimits));
  v1.use(jsonBody());
  v1.use(platformRoutes());
  v1.use(connectRoutes(deps));
  v1.use(integrationsRoutes(deps));
  v1.use(toolsRoutes(deps));
  v1.use(hrisRoutes(deps));
  v1.use(syncRoutes(deps));
  app.use('/v1', v1);
  // The iframe's own API: no API key (the link token is the credential), its own JSON parser.
  app.use('/flow/v1', flowClientLimit(throttle.flowPerMinute));
  app.post('/flow/v1/connect', linkAttemptLimit(throttle, deps.storeKind === 'postgres' ? counterStore(databaseRateLimitCounter(deps, throttle.linkWindowMs), 'link:') : undefined));
  app.use('/flow/v1', flowRoutes(deps));
  // The console's API: session cookie + CSRF token, roles decided by domain/console/policy.ts.
  app.use('/dashboard/api', dashboardApiRoutes(deps));

  // The loader (/connect.js, /connect.mjs) and the flow page (/flow, /flow/assets/*), built by Vite.
  if (deps.widgetDevMiddleware) app.use(deps.widgetDevMiddleware);
  app.use(widgetRoutes(undefined, deps));
  app.use(dashboardPageRoutes());
  app.use(landingRoutes(() => ({ demoUrl: deps.demoUrl })));
  app.use(notFound);
  app.use(errorHandler);
  return app;
}
