import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { siblingModule, spawnThread } from '../threads/spawn-thread.ts';
import { deserializeError, type PGliteControl, type PGliteReply, type PGliteRequest, type PGliteRows, type PGliteStatus } from './pglite-protocol.ts';
import type { PGliteThreadData } from './pglite-thread.ts';
import type { PGliteLike } from './pglite-dialect.ts';
import { StoreUnavailableError } from './store-errors.ts';


/** A PGlite living in another thread, seen through one MessagePort: what kysely and the job queue use of it. */
export interface RemotePGlite extends PGliteLike {
  /** Several statements without parameters (the job queue's migration scripts). */
  exec(sql: string): Promise<PGliteRows[]>;
}

type Pending = { resolve(value: unknown): void; reject(err: Error): void };

/**
 * A client of the store's thread over `port`. Each statement is one message there and back; a
 * transaction is begun, used and ended by id, holding the store's single connection meanwhile.
 * Closing it closes only this port, never the store.
 */
export function remotePGlite(port: MessagePort): RemotePGlite {
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let nextTx = 1;
  let closed = false;
  port.on('message', (reply: PGliteReply) => {
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    if ('error' in reply) waiting.reject(deserializeError(reply.error));
    else waiting.resolve(reply.result);
  });
  const gone = () => {
    closed = true;
    // Unavailable, not a bug: requests answer 503 while the store is gone.
    for (const waiting of pending.values()) waiting.reject(new StoreUnavailableError('The embedded store is closed.'));
    pending.clear();
  };
  port.on('close', gone);
  type Request = PGliteRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;
  const call = <T>(request: Request): Promise<T> => {
    if (closed) return Promise.reject(new StoreUnavailableError('The embedded store is closed.'));
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      port.postMessage({ ...request, id });
    });
  };
  return {
    get closed() {
      return closed;
    },
    waitReady: Promise.resolve(),
    relaysStatements: true,
    query: <T>(sql: string, params: unknown[] = []) => call<PGliteRows>({ op: 'query', sql, params }) as never as Promise<{ rows: T[]; fields: PGliteRows['fields'] }>,
    exec: (sql: string) => call<PGliteRows[]>({ op: 'exec', sql }),
    async transaction(callback) {
      const tx = nextTx++;
      await call({ op: 'begin', tx });
      let result;
      try {
        result = await callback({
          relaysStatements: true,
          query: <T>(sql: string, params: unknown[] = []) => call<PGliteRows>({ op: 'txQuery', tx, sql, params }) as never as Promise<{ rows: T[]; fields: PGliteRows['fields'] }>,
        });
      } catch (err) {
        await call({ op: 'rollback', tx }).catch(() => {});
        throw err;
      }
      await call({ op: 'commit', tx });
      return result;
    },
    async close() {
      if (closed) return;
      port.close();
      gone();
    },
  };
}

/** The thread that owns the embedded store, as its owning process sees it. */
export interface PGliteThread {
  /** A new port to the store, for this thread or to hand to another one (transfer it). */
  connect(): MessagePort;
  /** Closes the store (its files flushed) and ends the thread. */
  close(): Promise<void>;
}

/**
 * Starts the thread that owns the embedded store in `dir` (in memory when absent) and waits until the
 * store is open. Rejects with the store's own error when it cannot be opened.
 */
export async function startPGliteThread(dir: string | undefined, onExit: (code: number) => void = () => {}): Promise<PGliteThread> {
  const thread = spawnThread(siblingModule(import.meta.url, 'pglite-thread'), { dir } satisfies PGliteThreadData);
  let closing = false;
  await new Promise<void>((resolve, reject) => {
    const onMessage = (status: PGliteStatus) => {
      if (status.type === 'ready') resolve();
      else if (status.type === 'failed') reject(deserializeError(status.error));
    };
    thread.on('message', onMessage);
    thread.once('error', reject);
    thread.once('exit', (code) => reject(new Error(`The embedded store's thread ended (exit code ${code}).`)));
  }).catch(async (err: unknown) => {
    await thread.terminate();
    throw err;
  });
  thread.removeAllListeners();
  thread.on('error', () => {});
  thread.on('exit', (code) => {
    if (!closing) onExit(code);
  });
  return {
    connect() {
      const { port1, port2 } = new MessageChannel();
      thread.postMessage({ type: 'connect', port: port1 } satisfies PGliteControl, [port1]);
      return port2;
    },
    async close() {
      if (closing) return;
      closing = true;
      const exited = new Promise<void>((resolve) => thread.once('exit', () => resolve()));
      thread.postMessage({ type: 'close' } satisfies PGliteControl);
      await exited;
    },
  };
}
