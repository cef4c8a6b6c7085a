import { type Config, loadConfig } from '../server/config.ts';
import { createLogger, logDestination } from '../server/logger.ts';
import { stopOnSignals } from '../server/shutdown.ts';
import { banner } from './banner.ts';
import { launch } from './launch.ts';
import { startErrorMessage } from './start-error.ts';
import { firstAdminLink } from '../server/domain/console/first-admin.ts';
import { limitHeapGrowth } from '../server/threads/heap-growth.ts';

/**
 * `npm start`: Plugboard and the demo vendor app in one process, the widget built on first start.
 * SIGINT/SIGTERM stop both gracefully; a second signal exits at once.
 */
async function main(config: Config): Promise<void> {
  limitHeapGrowth();
  // Synchronous log writes keep the banner after the start-up lines instead of in between them.
  const logger = createLogger(config.logLevel, logDestination(config.logFormat, !!process.stdout.isTTY));
  const launched = await launch(config, logger);
  process.stdout.write(`${banner(config, launched, process.stdout.isTTY, await firstAdminLink(launched.server.deps))}\n`);

  stopOnSignals(logger, 'the demo and Plugboard', () => launched.stop());
}

let config: Config | undefined;
try {
  config = loadConfig();
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
main(config).catch((err: unknown) => {
  console.error(startErrorMessage(err, config));
  process.exit(1);
});
