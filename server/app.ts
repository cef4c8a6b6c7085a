import express, { type Express, type RequestHandler, Router } from 'express';
import type { Config } from './config.ts';
import type { DomainDeps } from './domain/deps.ts';
import type { Logger } from './logger.ts';
import { errorHandler, notFound } from './http/error-handler.ts';
import { requireApiKey } from './http/middleware/authenticate.ts';
import { jsonBody } from './http/middleware/json-body.ts';
import { databaseRateLimitStore, perKeyRateLimit } from './http/middleware/rate-limit.ts';
import { requestLogging } from './http/middleware/request-logging.ts';
import { platformRoutes } from './http/routes/platform.routes.ts';
import { connectRoutes } from './http/routes/connect.routes.ts';
import { flowRoutes } from './http/routes/flow.routes.ts';
import { integrationsRoutes } from './http/routes/integrations.routes.ts';
import { toolsRoutes } from './http/routes/tools.routes.ts';
import { widgetRoutes } from './http/routes/widget.routes.ts';
import { hrisRoutes } from './http/routes/hris/hris.routes.ts';
import { syncRoutes } from './http/routes/hris/sync.routes.ts';
import { hrisSyncDeps } from './http/routes/hris/sync-deps.ts';
import { dashboardApiRoutes } from './http/routes/dashboard/dashboard-api.routes.ts';
import { dashboardPageRoutes } from './http/routes/dashboard-page.routes.ts';
import './http/request-context.ts';

/** Everything the HTTP app needs, injected so tests run the real app on their own database and clock. */
export interface AppDeps extends DomainDeps {
  config: Pick<Config, 'publicUrl' | 'trustProxy' | 'rateLimitPerMinute'>;
  logger: Logger;
  /** `postgres` shares rate-limit counters through the database; `pglite` keeps them in memory. */
  storeKind: 'pglite' | 'postgres';
  /** Called once the flow's answer for a connected or relinked integration has been sent; the sync engine uses it (runInitialSync). */
  onIntegrationConnected?: (integrationId: string) => void | Promise<void>;
  /** `npm run dev` only: Vite's dev middleware, answering the flow page before the build does (hot reload). */
  widgetDevMiddleware?: RequestHandler;
}

/** Builds the Express app: middleware, routers, the one error handler. Does not listen. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.config.trustProxy);
  app.set('etag', false);
  app.use(requestLogging(deps.logger));

  app.get('/healthz', (_req, res) => {
    res.status(200).json({ status: 'ok' });
  });

  const v1 = Router();
  v1.use(requireApiKey(deps));
  v1.use(perKeyRateLimit(deps.config.rateLimitPerMinute, deps.storeKind === 'postgres' ? databaseRateLimitStore(deps.db) : undefined));
  v1.use(jsonBody());
  v1.use(platformRoutes());
  v1.use(connectRoutes(deps));
  v1.use(integrationsRoutes(deps));
  v1.use(toolsRoutes(deps));
  v1.use(hrisRoutes(deps));
  v1.use(syncRoutes(hrisSyncDeps(deps)));
  app.use('/v1', v1);
  // The iframe's own API: no API key (the link token is the credential), its own JSON parser.
  app.use('/flow/v1', flowRoutes(deps));
  // The console's API: session cookie + CSRF token, roles decided by domain/console/policy.ts.
  app.use('/dashboard/api', dashboardApiRoutes(deps));

  // The loader (/connect.js, /connect.mjs) and the flow page (/flow, /flow/assets/*), built by Vite.
  if (deps.widgetDevMiddleware) app.use(deps.widgetDevMiddleware);
  app.use(widgetRoutes());
  app.use(dashboardPageRoutes());
  app.use(notFound);
  app.use(errorHandler);
  return app;
}
