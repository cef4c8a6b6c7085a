import { once } from 'node:events';
import { BACKGROUND_NICENESS_STEPS, currentThreadId } from '../../../server/threads/thread-priority.ts';
import { spawnThread } from '../../../server/threads/spawn-thread.ts';
import { nicenessOf, threadIds } from '../../helpers/threads.ts';

const ownTid = () => currentThreadId()!;

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
      const others = threadIds().filter((t) => t !== tid);
      expect(others.filter((t) => nicenessOf(t) === lowered)).toStrictEqual([]);
    } finally {
      await thread.terminate();
    }
  });
});
