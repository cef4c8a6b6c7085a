import { inject } from 'vitest';
import { openStore, type Store } from '../../server/store/db.ts';

export type StoreName = 'pglite' | 'postgres';

/**
 * This test worker's PostgreSQL database (`VITEST_POOL_ID` numbers the workers from 1), or '' when
 * TEST_DATABASE_URL is unset. Workers run at once, each on a database of its own.
 */
export function workerPostgresUrl(): string {
  const urls = inject('postgresUrls');
  if (urls.length === 0) return '';
  const worker = Math.max(1, Number(process.env.VITEST_POOL_ID) || 1);
  return urls[(worker - 1) % urls.length]!;
}

const open = new Map<StoreName, Promise<Store>>();

/**
 * One migrated store per kind per test worker (a fresh PGlite costs ~2 s and ~800 MB, so it is shared;
 * tests isolate themselves by creating their own tenant). Never close it in a test.
 */
export function sharedStore(name: StoreName): Promise<Store> {
  let store = open.get(name);
  if (!store) {
    store =
      name === 'pglite'
        ? openStore({})
        : openStore({ databaseUrl: workerPostgresUrl(), poolSize: 8, migrate: false });
    open.set(name, store);
  }
  return store;
}

/** The stores a store-touching test runs on: PGlite always, PostgreSQL too when TEST_DATABASE_URL is set. */
export const STORE_NAMES: StoreName[] = workerPostgresUrl() ? ['pglite', 'postgres'] : ['pglite'];

/** A PostgreSQL store of its own (its own pool), e.g. to play a second server instance. */
export async function separatePostgresStore(): Promise<Store> {
  return openStore({ databaseUrl: workerPostgresUrl(), poolSize: 4, migrate: false });
}
