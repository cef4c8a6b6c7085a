/** One caller's part of a batch: resolved or rejected once the call serving it ends. */
interface Waiter<T> {
  resolve(value: T): void;
  reject(err: unknown): void;
}

/**
 * Runs `work` for at most one call per key at a time. Callers that arrive while a call for their key is
 * in flight wait for the next call, which starts once that one has ended and serves all of them at once
 * (`work(key, n)` answers the n callers in their order of arrival). No caller is ever answered by work
 * that began before it asked, so a read still sees everything committed before its request arrived;
 * yet n concurrent callers of one key cost one round trip per batch instead of n queued on a row lock.
 * A failed call fails its callers and those waiting behind it alike.
 * State lives in the returned function: one per process, built by the composition root.
 */
export function batchBehind<T>(work: (key: string, callers: number) => Promise<T[]>): (key: string) => Promise<T> {
  // A key is present while a call for it is in flight; its list holds the callers waiting for the next one.
  const waiting = new Map<string, Waiter<T>[]>();

  async function drain(key: string, batch: Waiter<T>[]): Promise<void> {
    while (batch.length > 0) {
      try {
        const answers = await work(key, batch.length);
        batch.forEach((w, i) => w.resolve(answers[i]!));
      } catch (err) {
        // A failure (the store away or frozen) fails the callers waiting behind it too: making each
        // batch wait out its own timeout in turn would multiply the time to an answer during an outage.
        for (const w of [...batch, ...waiting.get(key)!]) w.reject(err);
        waiting.set(key, []);
      }
      batch = waiting.get(key)!;
      waiting.set(key, []);
    }
    waiting.delete(key);
  }

  return (key) =>
    new Promise<T>((resolve, reject) => {
      const queued = waiting.get(key);
      if (queued) {
        queued.push({ resolve, reject });
        return;
      }
      waiting.set(key, []);
      void drain(key, [{ resolve, reject }]);
    });
}
