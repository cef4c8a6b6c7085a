import { parentPort, workerData } from 'node:worker_threads';
import type { SyncThreadCommand, SyncThreadStatus } from '../../server/jobs/sync-thread.ts';

// A stand-in for the sync thread: its first start runs, then fails with an uncaught error (as a bug in
// a sync would); later starts run until told to stop, like the real thread.
const { attempt } = workerData as { attempt: number };
const control = parentPort!;
control.on('message', (command: SyncThreadCommand) => {
  if (command.type !== 'stop') return;
  control.postMessage({ type: 'stopped' } satisfies SyncThreadStatus);
  process.exit(0);
});
control.postMessage({ type: 'running' } satisfies SyncThreadStatus);
if (attempt === 1) setTimeout(() => {
  throw new Error('sync thread bug');
}, 10);
