import express, { type ErrorRequestHandler, type Express } from 'express';
import { apiRoutes, type DemoContext } from './api.routes.ts';
import { DemoError } from './demo-error.ts';
import { DemoStore } from './demo-store.ts';
import { EmployeeSearch } from './employee-search.ts';
import { pageCsp, renderPage } from './page.ts';
import { PlugboardClient } from './plugboard-client.ts';
import { sameOrigin } from './same-origin.ts';
import { SyncTracker } from './sync-tracker.ts';
import { webAssets } from './web-assets.ts';

/** Where log lines go; pino's logger fits, as does `console`. */
export interface DemoLogger {
  info(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface DemoAppOptions {
  /** Plugboard's origin as the browser reaches it (it loads `connect.js` from there). */
  plugboardUrl: string;
  /** Plugboard's origin as this backend reaches it. @default plugboardUrl */
  plugboardApiUrl?: string;
  /** The demo's own state (API key and integrations). */
  store: DemoStore;
  logger?: DemoLogger;
  /** `Host` values naming this app (see sameOrigin); startDemo fills it once it listens. */
  hosts: Set<string>;
  /** Where the page's sources are (run from a build, this module is not beside them). @default WEB_DIR */
  webDir?: string;
}

/** The demo vendor app: its page, its page's assets and its backend API. Does not listen. */
export function createDemoApp(options: DemoAppOptions): { app: Express; context: DemoContext } {
  const { store } = options;
  const plugboardUrl = options.plugboardUrl.replace(/\/+$/, '');
  const client = new PlugboardClient(options.plugboardApiUrl ?? plugboardUrl, () => {
    if (!store.apiKey) throw new DemoError(503, 'NO_API_KEY', 'The demo has no API key yet. Start it with `npm start`.');
    return store.apiKey;
  });
  const search = new EmployeeSearch(client);
  const syncs = new SyncTracker(client);
  const context: DemoContext = { client, store, search, syncs, plugboardUrl };
  const origin = new URL(plugboardUrl).origin;

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    next();
  });
  app.use(sameOrigin(options.hosts));
  app.get('/', (_req, res) => {
    res.setHeader('Content-Security-Policy', pageCsp(origin));
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(renderPage(plugboardUrl));
  });
  app.use(webAssets(options.webDir));
  app.use('/api', express.json({ limit: '10kb' }), (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.use('/api', apiRoutes(context));
  app.use((_req, _res, next) => next(new DemoError(404, 'NOT_FOUND', 'Not found.')));

  const onError: ErrorRequestHandler = (err, req, res, _next) => {
    const answer =
      err instanceof DemoError
        ? err
        : (err as { type?: string }).type === 'entity.parse.failed'
          ? new DemoError(400, 'INPUT_INVALID', 'The request body is not valid JSON.')
          : new DemoError(500, 'DEMO.UNKNOWN_ERROR', 'Something went wrong in the demo backend. See its log for details.', err);
    // Only name, message and stack: SDK errors also carry whole HTTP responses.
    const cause = answer.cause instanceof Error ? { name: answer.cause.name, message: answer.cause.message, stack: answer.cause.stack } : answer.cause;
    if (cause !== undefined) options.logger?.error({ err: cause, method: req.method, path: req.path }, 'demo request failed');
    if (res.headersSent) return;
    res.status(answer.status).json({ error: { code: answer.code, message: answer.message } });
  };
  app.use(onError);
  return { app, context };
}
