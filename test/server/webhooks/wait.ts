/**
 * Polls `find` every 20 ms until it returns a value; fails after `timeoutMs` naming `what`. The default
 * leaves room for a loaded CI machine (the job queue polls, other files share the worker's store) within
 * the 30 s test timeout: a wait, never a measurement.
 */
export async function eventually<T>(find: () => T | undefined | false, what: string, timeoutMs = 25_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const found = find();
    if (found) return found;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
