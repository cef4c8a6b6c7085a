import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openStore } from '../../server/store/db.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /**
     * Fresh, migrated PostgreSQL databases for this run, one per test worker (see workerPostgresUrl), or
     * none when TEST_DATABASE_URL is unset.
     */
    postgresUrls: string[];
  }
}

/** Runs `statement` on the server of `base` (as the maintenance connection it names). */
async function admin(base: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
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
  const names = Array.from({ length: workers }, (_, i) => `${prefix}_${i + 1}`);
  const urlOf = (name: string) => {
    const url = new URL(base);
    url.pathname = `/${name}`;
    return url.toString();
  };
  await admin(base, `create database ${names[0]}`);
  const store = await openStore({ databaseUrl: urlOf(names[0]!), poolSize: 1 });
  await store.close();
  // A copy of the migrated database costs a fraction of migrating another one.
  for (const name of names.slice(1)) await admin(base, `create database ${name} template ${names[0]}`);
  project.provide('postgresUrls', names.map(urlOf));
  return async () => {
    for (const name of names) await admin(base, `drop database if exists ${name} with (force)`);
  };
}
