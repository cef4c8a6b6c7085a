import fs from 'node:fs';
import type { MessagePort } from 'node:worker_threads';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from './pglite-dialect.ts';
import type { Database } from './schema.ts';
import { checkEmbeddedStore, secureDataDir } from './data-dir.ts';
import { lockDataDir } from './lock.ts';
import { migrateToLatest } from './migrations/index.ts';
import { createPostgresPool } from './postgres-pool.ts';
import { type RemotePGlite, remotePGlite, startPGliteThread } from './pglite-remote.ts';
import { runModuleProcess } from '../threads/run-module-process.ts';
import { siblingModule } from '../threads/spawn-thread.ts';

export type Db = Kysely<Database>;

/** An open store: the kysely handle plus what it runs on and how to close it. */
export interface Store {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** The embedded database itself, for clients that need its simple protocol (the job queue's migrations). */
  pglite?: Pick<PGlite, 'exec'> | RemotePGlite;
  /**
   * Embedded store run in a thread of its own: a new port to it, for another thread of this process
   * (see `openStoreOverPort`). Absent when the store lives in this thread or is PostgreSQL.
   */
  connect?: () => MessagePort;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** PostgreSQL connection string; when absent the embedded PGlite store is used. */
  databaseUrl?: string;
  /** Directory of the embedded store; `undefined` means in memory (tests). */
  dataDir?: string;
  /** Apply pending migrations before returning. @default true */
  migrate?: boolean;
  /** Pool size for PostgreSQL. @default 10 */
  poolSize?: number;
  /** PostgreSQL: longest wait for a connection (new or pooled). @default 5000 */
  connectTimeoutMs?: number;
  /** PostgreSQL: longest a statement may run before it is cancelled. @default 5000 */
  statementTimeoutMs?: number;
  /** Embedded store: called when the data directory's lock is lost (the file removed or taken over by hand). */
  onLockLost?: () => void;
  /** Told about what opening the store repaired (file modes), for the log. */
  onNotice?: (message: string, fields: Record<string, unknown>) => void;
  /** Told about PostgreSQL connection errors no query is waiting for (restart, failover, terminated backend). */
  onConnectionError?: (err: Error) => void;
  /**
   * Embedded store: run PGlite in a thread of its own, so that executing statements never holds up
   * this thread's event loop (the server's API). @default false (in this thread, as tests and the CLI use it)
   */
  thread?: boolean;
  /** Embedded store in a thread: called if that thread ends unasked (the store is then gone). */
  onThreadExit?: (code: number) => void;
}

/** Default bound on every wait for the store, so a lost or frozen database never holds a request long. */
export const STORE_TIMEOUT_MS = 5_000;

/** Opens PostgreSQL or the embedded PGlite store (taking the data directory's lock) and migrates it. */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const migrate = options.migrate ?? true;
  // Set where opening already migrated the store (the embedded store on disk, in its thread).
  let migrated = false;
  let store: Store;
  if (options.databaseUrl) {
    const pool = createPostgresPool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      connectTimeoutMs: options.connectTimeoutMs ?? STORE_TIMEOUT_MS,
      statementTimeoutMs: options.statementTimeoutMs ?? STORE_TIMEOUT_MS,
      onConnectionError: options.onConnectionError ?? (() => {}),
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    store = { db, kind: 'postgres', close: () => db.destroy() };
  } else {
    let release: (() => Promise<void>) | undefined;
    let dir: string | undefined;
    if (options.dataDir) {
      const repaired = secureDataDir(options.dataDir);
      if (repaired) options.onNotice?.('repaired file modes in the data directory (directories 700, files 600)', { dataDir: options.dataDir, repaired });
      release = await lockDataDir(options.dataDir, { onLost: options.onLockLost });
      dir = path.join(options.dataDir, 'pglite');
      try {
        checkEmbeddedStore(dir, options.dataDir);
      } catch (err) {
        await release();
        throw err;
      }
      fs.mkdirSync(dir, { recursive: true });
      if (options.thread && migrate && !fs.existsSync(path.join(dir, 'PG_VERSION'))) {
        try {
          await createEmbeddedStoreApart(dir);
        } catch (err) {
          await release();
          throw new Error(`The embedded store in ${dir} could not be created: ${(err as Error).message}`, { cause: err });
        }
      }
    }
    const opened = options.thread ? openThreaded(dir, options.onThreadExit) : openInProcess(dir);
    let embedded: Store;
    try {
      embedded = await opened;
    } catch (err) {
      await release?.();
      // PGlite reports a damaged store as a bare "Aborted()": say which store and what to do.
      throw new Error(
        `The embedded store in ${dir} could not be opened (${(err as Error).message.split('.')[0]}). It may be damaged: ` +
          'restore the data directory from a backup, or move its pglite folder aside to start with an empty store.',
        { cause: err },
      );
    }
    if (dir && options.thread && migrate) {
      try {
        embedded = await migrateInPassingThread(embedded, () => openThreaded(dir, options.onThreadExit));
        migrated = true;
      } catch (err) {
        await release?.();
        throw err;
      }
    }
    store = {
      ...embedded,
      close: async () => {
        await embedded.close();
        await release?.();
      },
    };
  }
  if (migrate && !migrated) {
    try {
      await migrateToLatest(store.db);
    } catch (err) {
      await store.close();
      throw err;
    }
  }
  // PGlite (Emscripten) sets the modes of the files it writes itself, ignoring the umask: tighten what it
  // wrote while opening and migrating. The 700 directory keeps other users out of anything written later.
  if (store.kind === 'pglite' && options.dataDir) secureDataDir(options.dataDir);
  return store;
}

/** PGlite in this thread, behind our PGlite dialect. */
async function openInProcess(dir: string | undefined): Promise<Store> {
  // Loaded on use: a server on PostgreSQL, or with the store in its own thread, never holds PGlite's ~40 MB.
  const { openPGlite } = await import('./open-pglite.ts');
  const pglite = await openPGlite(dir);
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    kind: 'pglite',
    pglite,
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}

/**
 * Creates a new embedded store in `dir` and applies the migrations in a child process, for a server that
 * will run the store in a thread. Creating the database and its schema leaves the process that does it
 * a few hundred MB larger for good (PGlite's WebAssembly memory never shrinks, and what its thread
 * allocated stays with the process's allocator after the thread ends): a server's first start idled at
 * 440-770 MB, a restart on the same data at 235. A child process gives all of it back when it exits.
 */
async function createEmbeddedStoreApart(dir: string): Promise<void> {
  await runModuleProcess(siblingModule(import.meta.url, 'create-embedded-store'), [dir]);
}

/**
 * Migrates an embedded store on disk that runs in a thread and, when that changed its schema (an
 * upgrade), closes the thread and returns the store opened again in a fresh one (`reopen`): a thread's
 * end gives back the WebAssembly memory the migrations grew. Closes the store if a migration fails.
 */
async function migrateInPassingThread(store: Store, reopen: () => Promise<Store>): Promise<Store> {
  let applied: number;
  try {
    applied = await migrateToLatest(store.db);
  } catch (err) {
    await store.close();
    throw err;
  }
  if (applied === 0) return store;
  await store.close();
  return reopen();
}

/** PGlite in a thread of its own; this thread reaches it over a port, like any other thread of the process. */
async function openThreaded(dir: string | undefined, onExit?: (code: number) => void): Promise<Store> {
  const thread = await startPGliteThread(dir, onExit);
  const store = openStoreOverPort(thread.connect());
  return {
    ...store,
    connect: () => thread.connect(),
    close: async () => {
      await store.close();
      await thread.close();
    },
  };
}

/**
 * The embedded store as seen from another thread of the process that owns it, over a port from the
 * owner's `store.connect()`. Closing it closes the port only; the owner closes the store.
 */
export function openStoreOverPort(port: MessagePort): Store {
  const pglite = remotePGlite(port);
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return { db, kind: 'pglite', pglite, close: () => db.destroy() };
}
