import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';
import { lockDataDir } from './lock.ts';
import { migrateToLatest } from './migrations/index.ts';

export type Db = Kysely<Database>;

/** An open store: the kysely handle plus what it runs on and how to close it. */
export interface Store {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** The embedded database itself, for clients that need its simple protocol (the job queue's migrations). */
  pglite?: PGlite;
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
}

/** Opens PostgreSQL or the embedded PGlite store (taking the data directory's lock) and migrates it. */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  let store: Store;
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    store = { db, kind: 'postgres', close: () => db.destroy() };
  } else {
    let release: (() => Promise<void>) | undefined;
    let dir: string | undefined;
    if (options.dataDir) {
      release = await lockDataDir(options.dataDir);
      dir = path.join(options.dataDir, 'pglite');
      fs.mkdirSync(dir, { recursive: true });
    }
    const pglite = new PGlite(dir);
    const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
    store = {
      db,
      kind: 'pglite',
      pglite,
      close: async () => {
        await db.destroy();
        if (!pglite.closed) await pglite.close();
        await release?.();
      },
    };
  }
  if (options.migrate ?? true) {
    try {
      await migrateToLatest(store.db);
    } catch (err) {
      await store.close();
      throw err;
    }
  }
  return store;
}
