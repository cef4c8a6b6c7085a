import fs from 'node:fs';
import path from 'node:path';
import { WIDGET_BUILD_STAMP, WIDGET_BUILD_STARTED, WIDGET_DIST_DIR } from '../server/widget-build.ts';
import { describeIdleRss, freePort, settledRssMb, spawnBuiltServer, tempDir } from './lib/processes.ts';
import type { Row } from './lib/table.ts';

/**
 * The idle RSS of a server whose start built the widget, as the first start and the first start after
 * an upgrade do, on the embedded store: the build must leave nothing behind in the server's memory.
 * Marks the current build stale (the rebuild produces the same files), starts the server on a fresh
 * data directory and measures it once settled.
 */
export async function benchFirstStartIdle(): Promise<Row> {
  fs.rmSync(path.join(WIDGET_DIST_DIR, WIDGET_BUILD_STAMP), { force: true });
  const server = await spawnBuiltServer({ DATA_DIR: tempDir('first-start'), PORT: String(await freePort()) });
  try {
    const built = server.output().includes(WIDGET_BUILD_STARTED);
    await new Promise((r) => setTimeout(r, 2000));
    const idle = await settledRssMb(server.process.pid!);
    return {
      what: 'server RSS idle after a first start: new data directory, widget built at the start (pglite)',
      value: built ? describeIdleRss(idle) : `not measured: the server did not build the widget`,
      budget: '<= 250 MB',
      pass: built && idle.settledMb <= 250,
    };
  } finally {
    await server.stop();
  }
}
