// @vitest-environment node
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { openStore, type Store } from '../../../server/store/db.ts';
import { migrateToLatest } from '../../../server/store/migrations/index.ts';
import * as latest from '../../../server/store/migrations/0023-hris-inline-records.ts';
import { runModuleProcess } from '../../../server/threads/run-module-process.ts';
import { tempDataDir } from '../../helpers/cli.ts';

const CREATE_ENTRY = new URL('../../../server/store/create-embedded-store.ts', import.meta.url);

const migrationNames = async (db: Store['db']) =>
  (await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db)).rows.map((r) => r.name);

// What `npm start` does with its data directory: a new store is created and migrated by a child process
// (the memory that costs leaves with it), an upgraded one is migrated in a thread that is then replaced.
describe('the embedded store on disk, opened for a server (in its own thread)', () => {
  it('is created and migrated apart on the first start, then opened in its thread with nothing left to apply', async () => {
    const dataDir = tempDataDir();
    const store = await openStore({ dataDir, thread: true });
    try {
      expect(fs.existsSync(path.join(dataDir, 'pglite', 'PG_VERSION'))).toBe(true);
      expect(await migrateToLatest(store.db)).toBe(0);
      // The schema is there and writable through the thread.
      await sql`insert into tenants (id, slug, name) values ('t_probe', 'probe', 'Probe')`.execute(store.db);
      expect((await sql<{ name: string }>`select name from tenants where id = 't_probe'`.execute(store.db)).rows).toStrictEqual([{ name: 'Probe' }]);
    } finally {
      await store.close();
    }
  }, 120_000);

  it('applies an upgrade\'s migrations at the start, then serves (from the thread opened after them) with the data kept', async () => {
    const dataDir = tempDataDir();
    const first = await openStore({ dataDir, thread: true });
    let all: string[];
    try {
      all = await migrationNames(first.db);
      await sql`insert into tenants (id, slug, name) values ('t_kept', 'kept', 'Kept')`.execute(first.db);
      // The store as the release before this one left it: without the latest migration.
      await latest.down(first.db as unknown as Parameters<typeof latest.down>[0]);
      await sql`delete from kysely_migration where name = ${all.at(-1)!}`.execute(first.db);
    } finally {
      await first.close();
    }
    const upgraded = await openStore({ dataDir, thread: true });
    try {
      expect(await migrationNames(upgraded.db)).toStrictEqual(all);
      expect((await sql<{ name: string }>`select name from tenants where id = 't_kept'`.execute(upgraded.db)).rows).toStrictEqual([{ name: 'Kept' }]);
    } finally {
      await upgraded.close();
    }
  }, 120_000);

  it('says why the child could not create the store', async () => {
    await expect(runModuleProcess(CREATE_ENTRY, [])).rejects.toThrow('create-embedded-store: give the store directory.');
  }, 60_000);
});
