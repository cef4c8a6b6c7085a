import type { Logger } from './logger.ts';

/**
 * Stops `what` gracefully on SIGTERM/SIGINT and exits 0 (1 if stopping failed); a second signal exits
 * at once. Shared by `server/index.ts` and the `npm start` launcher.
 */
export function stopOnSignals(logger: Logger, what: string, stop: () => Promise<void>): void {
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting without waiting');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, `shutting down ${what}: no new connections, finishing in-flight requests`);
    stop()
      .then(() => {
        logger.info('stopped');
        process.exit(0);
      })
      .catch((err: unknown) => {
        logger.error({ err }, 'error while stopping');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}
