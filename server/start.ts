import type { AddressInfo, Socket } from 'node:net';
import type { Server } from 'node:http';
import { type AppDeps, createApp } from './app.ts';
import type { Config } from './config.ts';
import { configureConnectors } from './connectors/http/runtime.ts';
import { connectorTokenStore } from './domain/connector-tokens.ts';
import { AuthCache } from './domain/auth-cache.ts';
import { markStaleIntegrations } from './domain/lifecycle.ts';
import { startSyncScheduler } from './domain/sync/scheduler.ts';
import { runInitialSync } from './domain/sync/worker.ts';
import { hrisSyncDeps } from './http/routes/hris/sync-deps.ts';
import { ensureDefaultTenant } from './domain/tenants.ts';
import type { Logger } from './logger.ts';
import { loadSecret } from './secret-key.ts';
import { openStore, type Store } from './store/db.ts';

/** How long in-flight requests get to finish on shutdown before connections are cut. @default 10000 */
export const SHUTDOWN_GRACE_MS = 10_000;

/** How often development integrations are checked for staleness. @default 1 hour */
export const STALE_SWEEP_MS = 60 * 60 * 1000;

/** Runs `job` now and every `everyMs`, logging failures; returns the stop function. */
function every(everyMs: number, logger: Logger, name: string, job: () => Promise<unknown>): () => void {
  const run = () => {
    job().catch((err: unknown) => logger.error({ err, job: name }, 'periodic job failed'));
  };
  run();
  const timer = setInterval(run, everyMs).unref();
  return () => clearInterval(timer);
}

/** A listening Plugboard server with its store, and how to stop it gracefully. */
export interface RunningServer {
  /** Origin it listens on, e.g. `http://127.0.0.1:3000`. */
  url: string;
  deps: AppDeps;
  store: Store;
  /** Stops accepting, lets in-flight requests finish (up to SHUTDOWN_GRACE_MS), stops jobs, closes the store. */
  stop(): Promise<void>;
}

/**
 * Opens the store (migrating it and creating the default tenant), builds the app and listens.
 * Used by `server/index.ts` and by the launcher that also runs the demo.
 */
export async function startServer(config: Config, logger: Logger, extra: Pick<AppDeps, 'widgetDevMiddleware'> = {}): Promise<RunningServer> {
  const secret = loadSecret(config.secretKey, config.dataDir);
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await ensureDefaultTenant(store.db);
  configureConnectors({ origins: config.toolOrigins, logger, tokenStore: connectorTokenStore({ db: store.db, secret, clock: () => new Date() }) });
  // The embedded store is owned by this process alone, so key states can be cached here (see AuthCache).
  const authCache = store.kind === 'pglite' ? new AuthCache() : undefined;
  const base = { db: store.db, clock: () => new Date(), secret, logger };
  const sync = hrisSyncDeps(base);
  const deps: AppDeps = {
    ...base,
    config,
    storeKind: store.kind,
    authCache,
    onIntegrationConnected: (id) => runInitialSync(sync, id),
    ...extra,
  };
  const server: Server = createApp(deps).listen(config.port, config.host);
  // Browsers open sockets ahead of use (preconnect). Node never counts a socket that carried no request
  // as idle, so close() would wait out the grace period for them: track them and close them on stop.
  const unused = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    unused.add(socket);
    socket.once('close', () => unused.delete(socket));
  });
  server.on('request', (req: { socket: Socket }) => unused.delete(req.socket));
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}`;
  logger.info({ url, store: store.kind }, `Plugboard listening on ${url}`);
  const stopScheduler = startSyncScheduler(sync);
  const stopJobs = [
    every(STALE_SWEEP_MS, logger, 'stale-integrations', async () => {
      const ids = await markStaleIntegrations(deps);
      if (ids.length) logger.info({ integrations: ids }, 'development integrations unused for 14 days marked INACTIVE');
    }),
  ];

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      for (const stopJob of stopJobs) stopJob();
      // No new syncs from now on; the one in progress (if any) finishes before the store closes.
      const schedulerStopped = stopScheduler();
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
        for (const socket of unused) socket.destroy();
      });
      await schedulerStopped;
      await store.close();
    })());
  return { url, deps, store, stop };
}
