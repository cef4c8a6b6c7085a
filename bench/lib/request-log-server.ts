import type { Server } from 'node:http';
import { createApp } from '../../server/app.ts';
import { createDeps } from '../../server/composition-root.ts';
import { createLogger } from '../../server/logger.ts';

// Two apps over one store in one process: request logging on (as a server runs) and off. The embedded
// store runs in its own thread, as `npm start` runs it, so the log's inserts execute where the server's do.
// A third app without logging is the control: two identical apps show the measurement's noise floor.
// argv: data dir, port with logging, port without, the control's port, and a PostgreSQL URL (else the embedded store).
const [dataDir, portOn, portOff, portControl, databaseUrl] = process.argv.slice(2);
const logger = createLogger('warn');
const { deps, close } = await createDeps(
  { databaseUrl: databaseUrl || undefined, dataDir: dataDir!, secretKey: undefined, publicUrl: `http://127.0.0.1:${portOn}`, trustProxy: false, rateLimitPerMinute: 1_000_000_000 },
  logger,
  { storeThread: true },
);
const listen = (app: ReturnType<typeof createApp>, port: string) =>
  new Promise<Server>((resolve) => {
    const server = app.listen(Number(port), '127.0.0.1', () => resolve(server));
  });
const unlogged = { ...deps, requestLog: undefined };
const servers = [await listen(createApp(deps), portOn!), await listen(createApp(unlogged), portOff!), await listen(createApp(unlogged), portControl!)];
console.log('request-log bench ready');
process.on('SIGTERM', () => {
  for (const s of servers) s.closeAllConnections();
  void Promise.all(servers.map((s) => new Promise((r) => s.close(r))))
    .then(() => close())
    .then(() => process.exit(0));
});
