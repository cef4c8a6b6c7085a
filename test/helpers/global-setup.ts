import type { TestProject } from 'vitest/node';
import { openStore } from '../../server/store/db.ts';
import { createDatabase } from './scratch-database.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /**
     * Fresh, migrated PostgreSQL databases for this run, one per test worker (see workerPostgresUrl), or
     * none when TEST_DATABASE_URL is unset.
     */
    postgresUrls: string[];
  }
}

/**
 * When TEST_DATABASE_URL is set, creates throwaway databases for this run (so runs never see each
 * other's rows): one migrated database, then a copy of it for every further test worker, so that two
 * workers' job queues, sweeps and advisory locks never meet, as two test files in one worker never run
 * at once. All are dropped at the end.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) {
    project.provide('postgresUrls', []);
    return async () => {};
  }
  const workers = Math.max(1, Number(project.vitest.config.maxWorkers) || 1);
  const prefix = `plugboard_test_${process.pid}_${Date.now()}`;
  const first = await createDatabase(base, `${prefix}_1`);
  const store = await openStore({ databaseUrl: first.url, poolSize: 1 });
  await store.close();
  const databases = [first];
  // A copy of the migrated database costs a fraction of migrating another one.
  for (let i = 2; i <= workers; i++) databases.push(await createDatabase(base, `${prefix}_${i}`, `${prefix}_1`));
  project.provide('postgresUrls', databases.map((d) => d.url));
  return async () => {
    for (const database of databases) await database.drop();
  };
}
