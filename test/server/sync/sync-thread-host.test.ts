import { Writable } from 'node:stream';
import { startSyncThread } from '../../../server/jobs/sync-thread-host.ts';
import type { SyncThreadData } from '../../../server/jobs/sync-thread.ts';
import { createLogger } from '../../../server/logger.ts';
import { waitUntil } from '../../helpers/cli.ts';

describe('the sync thread of a server', () => {
  it('logs an error in the thread and starts the thread again; stopping ends it', async () => {
    const logs: string[] = [];
    const logger = createLogger('info', new Writable({ write: (chunk, _enc, done) => (logs.push(String(chunk)), done()) }));
    let attempts = 0;
    const stop = await startSyncThread({
      logger,
      restartMs: 10,
      entry: new URL('../../fakes/failing-sync-thread.ts', import.meta.url),
      data: () => ({ attempt: ++attempts }) as unknown as SyncThreadData,
    });
    await waitUntil(() => attempts === 2, 'the thread to be started again', 30_000);
    await stop(1000);
    const messages = logs.map((line) => JSON.parse(line) as { msg: string; err?: { message: string } });
    expect(messages.map((m) => [m.msg, m.err?.message])).toStrictEqual([
      ['sync thread failed', 'sync thread bug'],
      ['sync thread ended; starting it again', undefined],
    ]);
    expect(attempts).toBe(2);
  }, 60_000);
});
