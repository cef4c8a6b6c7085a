import crypto from 'node:crypto';
import pg from 'pg';

/** Runs one statement on the server of `url` as the role the URL names (in tests, the databases' owner). */
export async function runAsOwner(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** `base` (any database's URL) pointing at the database `name` on the same server. */
export function databaseUrl(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A throwaway PostgreSQL database and how to drop it (also while clients are still connected). */
export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** Creates the database `name` on the server of `base` (as a copy of `template` when given). */
export async function createDatabase(base: string, name: string, template?: string): Promise<ScratchDatabase> {
  await runAsOwner(base, `create database ${name}${template ? ` template ${template}` : ''}`);
  return { url: databaseUrl(base, name), drop: () => runAsOwner(base, `drop database if exists ${name} with (force)`) };
}

/** A new database of its own on the server of `base`, named `<prefix>_<random>`: a test's or a bench's own queue, locks and rows. */
export function scratchDatabase(base: string, prefix: string): Promise<ScratchDatabase> {
  return createDatabase(base, `${prefix}_${crypto.randomBytes(4).toString('hex')}`);
}
