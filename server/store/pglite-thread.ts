import type { PGlite, Transaction } from '@electric-sql/pglite';
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { runPGliteQuery } from './copy-from-stdin.ts';
import { openPGlite } from './open-pglite.ts';
import { type PGliteControl, type PGliteReply, type PGliteRequest, type PGliteRows, type PGliteStatus, serializeError } from './pglite-protocol.ts';

// The thread that owns the embedded store: PGlite (WASM Postgres) executes every statement here, so
// neither the API's event loop nor a sync's thread spends its time inside the database. Clients talk
// to it over MessagePorts (`pglite-remote.ts`); statements and transactions keep PGlite's own
// exclusivity (a transaction holds the one connection until it commits or rolls back).

/** What the owning process hands over when it starts the thread. */
export interface PGliteThreadData {
  /** The PGlite directory; `undefined` for an in-memory store. */
  dir?: string;
}

interface OpenTransaction {
  tx?: Transaction;
  finish: { resolve(): void; reject(err: Error): void };
  done: Promise<unknown>;
}

const rowsOf = (r: { rows: unknown[]; affectedRows?: number; fields: { name: string; dataTypeID: number }[] }): PGliteRows => ({
  rows: r.rows,
  affectedRows: r.affectedRows,
  fields: r.fields,
});

/** Answers one client's requests; its open transactions are rolled back if the client goes away. */
function serve(pglite: PGlite, port: MessagePort): void {
  const open = new Map<number, OpenTransaction>();

  const begin = async (id: number): Promise<void> => {
    let begun!: () => void;
    const started = new Promise<void>((resolve) => (begun = resolve));
    const entry = {} as OpenTransaction;
    const finished = new Promise<void>((resolve, reject) => (entry.finish = { resolve, reject }));
    entry.done = pglite.transaction(async (tx) => {
      entry.tx = tx;
      begun();
      await finished;
    });
    open.set(id, entry);
    // A BEGIN that fails settles `done` without ever starting.
    await Promise.race([started, entry.done]);
  };
  const transaction = (id: number): OpenTransaction & { tx: Transaction } => {
    const entry = open.get(id);
    if (!entry?.tx) throw new Error(`No open transaction ${id}.`);
    return entry as OpenTransaction & { tx: Transaction };
  };

  const handle = async (msg: PGliteRequest): Promise<unknown> => {
    switch (msg.op) {
      case 'query':
        return rowsOf(await runPGliteQuery(pglite, msg.sql, msg.params, pglite.Module.FS));
      case 'exec':
        return (await pglite.exec(msg.sql)).map(rowsOf);
      case 'begin':
        return begin(msg.tx);
      case 'txQuery':
        return rowsOf(await runPGliteQuery(transaction(msg.tx).tx, msg.sql, msg.params, pglite.Module.FS));
      case 'commit': {
        const entry = transaction(msg.tx);
        open.delete(msg.tx);
        entry.finish.resolve();
        await entry.done;
        return undefined;
      }
      case 'rollback': {
        const entry = open.get(msg.tx);
        open.delete(msg.tx);
        entry?.finish.reject(new Error('rolled back'));
        await entry?.done.catch(() => {});
        return undefined;
      }
    }
  };

  port.on('message', (msg: PGliteRequest) => {
    handle(msg).then(
      (result) => port.postMessage({ id: msg.id, result } satisfies PGliteReply),
      (err: unknown) => port.postMessage({ id: msg.id, error: serializeError(err) } satisfies PGliteReply),
    );
  });
  // A client thread that died (or closed its end) must not keep the single connection in a transaction.
  port.on('close', () => {
    for (const entry of open.values()) entry.finish.reject(new Error('client gone'));
    open.clear();
  });
}

async function main(): Promise<void> {
  const { dir } = workerData as PGliteThreadData;
  const control = parentPort!;
  let pglite: PGlite;
  try {
    pglite = await openPGlite(dir);
  } catch (err) {
    control.postMessage({ type: 'failed', error: serializeError(err) } satisfies PGliteStatus);
    return;
  }
  control.on('message', (msg: PGliteControl) => {
    if (msg.type === 'connect') serve(pglite, msg.port as unknown as MessagePort);
    else if (msg.type === 'close') {
      void (async () => {
        if (!pglite.closed) await pglite.close();
        control.postMessage({ type: 'closed' } satisfies PGliteStatus);
        // Ends this thread only, whatever client ports are still open.
        process.exit(0);
      })();
    }
  });
  control.postMessage({ type: 'ready' } satisfies PGliteStatus);
}

void main();
