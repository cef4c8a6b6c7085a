import fs from 'node:fs';
import { once } from 'node:events';
import { BACKGROUND_NICENESS_STEPS } from '../../../server/threads/thread-priority.ts';
import { spawnThread } from '../../../server/threads/spawn-thread.ts';

/** A thread's niceness as the kernel schedules it (field 19 of /proc/<pid>/task/<tid>/stat). */
function nicenessOf(tid: number): number {
  const stat = fs.readFileSync(`/proc/${process.pid}/task/${tid}/stat`, 'utf8');
  // Fields after the command name (in parentheses, which may hold spaces): state is field 3.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[19 - 3]);
}

const ownTid = () => Number(fs.readlinkSync('/proc/thread-self').split('/').at(-1));

describe('lowerThreadPriority', () => {
  it('lowers the priority of the thread that calls it and of no other thread', async () => {
    const before = nicenessOf(ownTid());
    const thread = spawnThread(new URL('../../fakes/background-thread.ts', import.meta.url), null);
    try {
      const [{ tid }] = (await once(thread, 'message')) as [{ tid: number | null }];
      expect(tid).toBeTypeOf('number');
      expect(tid).not.toBe(ownTid());
      const lowered = Math.min(19, before + BACKGROUND_NICENESS_STEPS);
      expect(nicenessOf(tid!)).toBe(lowered);
      expect(nicenessOf(ownTid())).toBe(before);
      const others = fs.readdirSync(`/proc/${process.pid}/task`).map(Number).filter((t) => t !== tid);
      expect(others.filter((t) => nicenessOf(t) === lowered)).toStrictEqual([]);
    } finally {
      await thread.terminate();
    }
  });
});
