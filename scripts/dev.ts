import pino from 'pino';
import { loadConfig } from '../server/config.ts';
import { createLogger } from '../server/logger.ts';
import { banner } from './banner.ts';
import { launch } from './launch.ts';
import { startWidgetDev } from './widget-dev.ts';

/**
 * `npm run dev`: like `npm start`, plus hot reload. Vite's dev middleware serves the flow page (edits
 * under widget/app apply without a reload); `tsx watch` restarts this process when server, demo backend
 * or script files change; the demo page's modules are re-read on every reload.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  // Synchronous log writes keep the banner after the start-up lines instead of in between them.
  const logger = createLogger(config.logLevel, pino.destination({ dest: 1, sync: true }));
  const widgetDev = await startWidgetDev();
  const launched = await launch(config, logger, { widgetDevMiddleware: widgetDev.middleware });
  process.stdout.write(`${banner(config, launched, process.stdout.isTTY)}\n  Hot reload: the flow (Vite), the server and the demo backend (restart on save).\n\n`);

  let stopping = false;
  const shutdown = () => {
    if (stopping) process.exit(1);
    stopping = true;
    launched
      .stop()
      .then(() => widgetDev.close())
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        logger.error({ err }, 'error while stopping');
        process.exit(1);
      });
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
