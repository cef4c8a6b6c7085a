import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openStore } from '../../server/store/db.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A fresh, migrated PostgreSQL database for this run, or '' when TEST_DATABASE_URL is unset. */
    postgresUrl: string;
  }
}

/**
 * When TEST_DATABASE_URL is set, creates a throwaway database for this run (so runs never see each
 * other's rows), migrates it once, and drops it at the end.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) {
    project.provide('postgresUrl', '');
    return async () => {};
  }
  const name = `plugboard_test_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const store = await openStore({ databaseUrl: url.toString(), poolSize: 1 });
  await store.close();
  project.provide('postgresUrl', url.toString());
  return async () => {
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    await client.query(`drop database if exists ${name} with (force)`);
    await client.end();
  };
}
