import type { AddressInfo } from 'node:net';
import { createApp } from './app.ts';
import { AuthCache } from './domain/auth-cache.ts';
import { loadConfig } from './config.ts';
import { ensureDefaultTenant } from './domain/tenants.ts';
import { createLogger } from './logger.ts';
import { loadSecret } from './secret-key.ts';
import { openStore } from './store/db.ts';

/** How long in-flight requests get to finish after SIGTERM before connections are cut. */
const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const secret = loadSecret(config.secretKey, config.dataDir);
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await ensureDefaultTenant(store.db);
  // The embedded store is owned by this process alone, so key states can be cached here (see AuthCache).
  const authCache = store.kind === 'pglite' ? new AuthCache() : undefined;
  const app = createApp({ db: store.db, clock: () => new Date(), secret, config, logger, storeKind: store.kind, authCache });
  const server = app.listen(config.port, config.host, () => {
    const { port } = server.address() as AddressInfo;
    logger.info({ port, store: store.kind }, `Plugboard listening on http://${config.host}:${port}`);
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: no new connections, finishing in-flight requests');
    const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
    server.close(() => {
      clearTimeout(force);
      store
        .close()
        .then(() => logger.info('stopped'))
        .catch((err: unknown) => logger.error({ err }, 'error while closing the store'))
        .finally(() => process.exit(0));
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
