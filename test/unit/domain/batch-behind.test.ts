import { batchBehind } from '../../../server/domain/batch-behind.ts';

/** A promise and its resolve/reject, to hold a call in flight as long as a test needs. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('batchBehind', () => {
  describe('with callers arriving while a call for their key is in flight', () => {
    it('serves them all with one next call, each with its own answer in order of arrival', async () => {
      const calls: { key: string; callers: number }[] = [];
      const gates = [deferred<void>(), deferred<void>()];
      const run = batchBehind(async (key, callers) => {
        const call = calls.push({ key, callers });
        await gates[call - 1]!.promise;
        return Array.from({ length: callers }, (_, i) => `${call}.${i}`);
      });
      const first = run('k');
      const queued = [run('k'), run('k'), run('k')];
      gates[0]!.resolve();
      await expect(first).resolves.toBe('1.0');
      gates[1]!.resolve();
      await expect(Promise.all(queued)).resolves.toStrictEqual(['2.0', '2.1', '2.2']);
      expect(calls).toStrictEqual([
        { key: 'k', callers: 1 },
        { key: 'k', callers: 3 },
      ]);
    });

    it('never answers a caller with a call that began before it asked', async () => {
      let state = 'before';
      const gate = deferred<void>();
      const run = batchBehind(async (_key, callers) => {
        const seen = state;
        if (seen === 'before') await gate.promise;
        return Array.from({ length: callers }, () => seen);
      });
      const early = run('k');
      state = 'after';
      const late = run('k');
      gate.resolve();
      await expect(early).resolves.toBe('before');
      await expect(late).resolves.toBe('after');
    });
  });

  describe('with different keys', () => {
    it('runs their calls side by side', async () => {
      const gate = deferred<void>();
      const started: string[] = [];
      const run = batchBehind(async (key, callers) => {
        started.push(key);
        await gate.promise;
        return Array.from({ length: callers }, () => key);
      });
      const both = Promise.all([run('a'), run('b')]);
      expect(started).toStrictEqual(['a', 'b']);
      gate.resolve();
      await expect(both).resolves.toStrictEqual(['a', 'b']);
    });
  });

  describe('when a call fails', () => {
    it('rejects its callers and those waiting behind it at once, without another call', async () => {
      const gate = deferred<void>();
      let calls = 0;
      const run = batchBehind<string>(async () => {
        calls++;
        await gate.promise;
        throw new Error('store away');
      });
      const failed = run('k');
      const waiting = run('k');
      gate.reject(new Error('store away'));
      await expect(failed).rejects.toThrow('store away');
      await expect(waiting).rejects.toThrow('store away');
      expect(calls).toBe(1);
    });

    it('starts afresh for a caller that arrives after the failure', async () => {
      let calls = 0;
      const run = batchBehind(async (_key, callers) => {
        calls++;
        if (calls === 1) throw new Error('store away');
        return Array.from({ length: callers }, () => 'ok');
      });
      await expect(run('k')).rejects.toThrow('store away');
      await expect(run('k')).resolves.toBe('ok');
    });
  });

  describe('once every call has ended', () => {
    it('starts a fresh call for the next caller', async () => {
      const calls: number[] = [];
      const run = batchBehind(async (_key, callers) => {
        calls.push(callers);
        return Array.from({ length: callers }, () => calls.length);
      });
      await expect(run('k')).resolves.toBe(1);
      await expect(run('k')).resolves.toBe(2);
      expect(calls).toStrictEqual([1, 1]);
    });
  });
});
