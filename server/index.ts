import { loadConfig } from './config.ts';
import { createLogger, logDestination } from './logger.ts';
import { stopOnSignals } from './shutdown.ts';
import { startServer } from './start.ts';
import { ensureWidgetBuilt } from './widget-build.ts';
import { limitHeapGrowth } from './threads/heap-growth.ts';

/** Reads the configuration, starts the server, and shuts it down gracefully on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  limitHeapGrowth();
  const config = loadConfig();
  const logger = createLogger(config.logLevel, logDestination(config.logFormat, !!process.stdout.isTTY));
  await ensureWidgetBuilt(logger);
  const running = await startServer(config, logger);
  stopOnSignals(logger, 'Plugboard', () => running.stop());
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
