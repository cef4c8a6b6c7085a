import fs from 'node:fs';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import type { Server } from 'node:http';
import { type AppDeps, createApp } from './app.ts';
import type { Config } from './config.ts';
import { recordPublicUrl } from './domain/public-url.ts';
import { createDeps, type DepsConfig, type DepsOverrides } from './composition-root.ts';
import { startWorkers } from './jobs/workers.ts';
import { startSyncThread } from './jobs/sync-thread-host.ts';
import { ensureDefaultTenant } from './domain/tenants.ts';
import type { Logger } from './logger.ts';
import { createHttpServer } from './http/server-limits.ts';
import type { Store } from './store/db.ts';

/** How long in-flight requests get to finish on shutdown before connections are cut. @default 10000 */
export const SHUTDOWN_GRACE_MS = 10_000;

/** How long running syncs get to finish on shutdown before they are left to be resumed elsewhere. @default 20000 */
export const SYNC_GRACE_MS = 20_000;

/** A listening Plugboard server with its store, and how to stop it gracefully. */
export interface RunningServer {
  /** Origin it listens on, e.g. `http://127.0.0.1:3000`. */
  url: string;
  deps: AppDeps;
  store: Store;
  /** Stops accepting, lets in-flight requests finish (up to SHUTDOWN_GRACE_MS) and running syncs (up to SYNC_GRACE_MS), closes the store. */
  stop(): Promise<void>;
}

/** What the start is about to do with the store: a first start says it takes a while, so it never looks stuck. */
function openingMessage(config: Pick<Config, 'databaseUrl' | 'dataDir'>): string {
  if (config.databaseUrl) return 'connecting to PostgreSQL, applying pending migrations and preparing the job queue';
  return fs.existsSync(path.join(config.dataDir, 'pglite'))
    ? `opening the embedded store in ${config.dataDir}`
    : `creating the embedded store in ${config.dataDir} (first start only: a few seconds)`;
}

/**
 * Opens the store (migrating it and creating the default tenant), builds the app and listens.
 * Used by `server/index.ts` and by the launcher that also runs the demo.
 */
export async function startServer(config: Config, logger: Logger, overrides: DepsOverrides = {}): Promise<RunningServer> {
  let stop: () => Promise<void> = async () => {};
  const opening = performance.now();
  logger.info(openingMessage(config));
  const { deps, store, close } = await createDeps(config, logger, {
    onLockLost: () => {
      // Another process may now write the same files: stop cleanly (no new requests or syncs) and exit non-zero.
      logger.error({ dataDir: config.dataDir }, 'lost the data directory lock; stopping');
      process.exitCode = 1;
      void stop().catch((err: unknown) => logger.error({ err }, 'error while stopping'));
    },
    storeThread: true,
    ...overrides,
  });
  stop = () => close();
  logger.info(`store and job queue ready in ${Math.round(performance.now() - opening)} ms`);
  await ensureDefaultTenant(store.db);
  const server: Server = createHttpServer(createApp(deps), config).listen(config.port, config.host);
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
  await recordPublicUrl(store.db, deps.config.publicUrl);
  const workerOptions = { resumeAllOnStart: store.kind === 'pglite' };
  // Syncs run in a thread of their own, off the API's event loop. A caller's own store, clock or tools
  // (functions, which cannot cross to a thread) keep them in this thread.
  const inThread = !overrides.store && !overrides.clock && !overrides.connectors && (store.kind === 'postgres' || !!store.connect);
  const stopWorkers: (graceMs: number) => Promise<void> = inThread
    ? await startSyncThread({
        logger,
        data: () => ({
          config: { ...pickDepsConfig(config), databaseMigrate: false },
          log: { level: logger.level, format: config.logFormat, isTTY: !!process.stdout.isTTY },
          secret: deps.secret,
          storePort: store.connect?.(),
          workers: workerOptions,
        }),
      })
    : await startWorkers(deps, workerOptions);
  // Announced once every start-up write is done: from here on a failing store answers requests, it no longer stops the start.
  logger.info({ url, store: store.kind }, `Plugboard listening on ${url}`);

  let stopping: Promise<void> | undefined;
  stop = () =>
    (stopping ??= (async () => {
      // No new jobs from now on; the sync in progress (if any) gets SYNC_GRACE_MS before the store closes.
      const workersStopped = stopWorkers(SYNC_GRACE_MS);
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
        for (const socket of unused) socket.destroy();
      });
      await workersStopped;
      await close({ graceMs: SYNC_GRACE_MS });
    })());
  return { url, deps, store, stop };
}

/** The part of the configuration a dependency graph is built from (what a sync thread gets). */
function pickDepsConfig(config: Config): DepsConfig {
  const { databaseUrl, dataDir, secretKey, publicUrl, trustProxy, rateLimitPerMinute, databaseMigrate, dbConnectTimeoutMs, dbStatementTimeoutMs, toolOrigins } = config;
  return { databaseUrl, dataDir, secretKey, publicUrl, trustProxy, rateLimitPerMinute, databaseMigrate, dbConnectTimeoutMs, dbStatementTimeoutMs, toolOrigins };
}
