import path from 'node:path';
import { DemoStore } from '../demo/server/demo-store.ts';
import { type RunningDemo, startDemo } from '../demo/server/start-demo.ts';
import type { AppDeps } from '../server/app.ts';
import type { Config } from '../server/config.ts';
import type { Logger } from '../server/logger.ts';
import { type RunningServer, startServer } from '../server/start.ts';
import { ensureWidgetBuilt } from '../server/widget-build.ts';
import { PROJECT_ROOT } from '../server/project-root.ts';
import { recordPublicUrl } from '../server/domain/public-url.ts';
import { ensureDemoKey } from './demo-key.ts';

/** Plugboard and the demo vendor app, running in one process. */
export interface Launched {
  server: RunningServer;
  demo: RunningDemo;
  /** Whether this start created the demo's API key (first start, or the old one stopped working). */
  createdDemoKey: boolean;
  /** Stops the demo, then Plugboard (in-flight requests finish, the store closes). */
  stop(): Promise<void>;
}

/** The demo's own data directory (its state file with its API key). */
export const demoDataDir = (config: Pick<Config, 'dataDir'>) => path.join(config.dataDir, 'demo');

/**
 * What `npm start` runs: builds the widget if needed, starts Plugboard, gives the demo a working
 * development key, and starts the demo on `config.demoPort` (its own origin).
 */
export async function launch(config: Config, logger: Logger, extra: Pick<AppDeps, 'widgetDevMiddleware'> = {}): Promise<Launched> {
  await ensureWidgetBuilt(logger);
  const server = await startServer(config, logger, extra);
  // Port 0 (tests, screenshots) is only known now: links and the loader URL must carry the real one.
  const publicUrl = new URL(server.deps.config.publicUrl);
  if (publicUrl.port === '0') {
    publicUrl.port = new URL(server.url).port;
    server.deps.config.publicUrl = publicUrl.origin;
    await recordPublicUrl(server.deps.db, publicUrl.origin);
  }
  try {
    const store = new DemoStore(demoDataDir(config));
    const createdDemoKey = await ensureDemoKey(server, store);
    if (createdDemoKey) logger.info('created a development API key for the demo (kept in its data directory, not shown)');
    const demo = await startDemo({
      port: config.demoPort,
      host: config.host,
      // The browser loads the loader and the flow from the public URL; the demo's backend calls the API directly.
      plugboardUrl: server.deps.config.publicUrl,
      plugboardApiUrl: server.url,
      store,
      logger: logger.child({ component: 'demo' }),
      webDir: path.join(PROJECT_ROOT, 'demo/web'),
    });
    logger.info({ url: demo.url }, `demo vendor app listening on ${demo.url}`);
    server.deps.demoUrl = demo.url;
    let stopping: Promise<void> | undefined;
    const stop = () => (stopping ??= demo.stop().finally(() => server.stop()));
    return { server, demo, createdDemoKey, stop };
  } catch (err) {
    await server.stop();
    throw err;
  }
}
