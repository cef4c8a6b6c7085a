import { sql } from 'kysely';
import { openStore, openStoreOverPort, type Store } from '../../../server/store/db.ts';
import { remotePGlite } from '../../../server/store/pglite-remote.ts';

// The embedded store in a thread of its own, reached over MessagePorts (what `npm start` runs on).
describe('the embedded store in its own thread', () => {
  let store: Store;
  let other: Store;

  beforeAll(async () => {
    store = await openStore({ thread: true });
    other = openStoreOverPort(store.connect!());
    await sql`create table thread_probe (id int primary key, note text not null, data bytea)`.execute(store.db);
  }, 120_000);
  afterAll(async () => {
    await other?.close();
    await store?.close();
  });

  const count = async (db: Store['db']) => Number((await sql<{ n: string }>`select count(*) as n from thread_probe`.execute(db)).rows[0]!.n);

  it('is migrated, returns typed values and reports SQLSTATE codes as an in-process store does', async () => {
    const migrated = (await sql<{ name: string }>`select name from kysely_migration`.execute(store.db)).rows;
    await sql`insert into thread_probe values (1, 'one', ${Buffer.from([1, 2, 3])})`.execute(store.db);
    const row = (await sql<{ id: number; data: Uint8Array; at: Date }>`select id, data, now() as at from thread_probe where id = 1`.execute(other.db)).rows[0]!;
    const duplicate = await sql`insert into thread_probe values (1, 'again', null)`.execute(other.db).catch((err: { code: string; constraint: string }) => err);
    expect({
      migrated: migrated.length > 0,
      id: row.id,
      data: [...row.data],
      at: row.at instanceof Date,
      duplicate: { code: (duplicate as { code: string }).code, constraint: (duplicate as { constraint: string }).constraint },
    }).toStrictEqual({ migrated: true, id: 1, data: [1, 2, 3], at: true, duplicate: { code: '23505', constraint: 'thread_probe_pkey' } });
  });

  it('takes a text parameter given as UTF-8 bytes (a Uint8Array once it crossed to the thread) as its text, and refuses bytes that are not UTF-8', async () => {
    const note = (await sql<{ note: string }>`select ${Buffer.from('Jürgen \u{1F600}')}::text as note`.execute(other.db)).rows[0]!.note;
    const refused = await sql`select ${Buffer.from([0x61, 0xff])}::text`.execute(store.db).catch((err: { code: string }) => err.code);
    expect([note, refused]).toStrictEqual(['Jürgen \u{1F600}', '22021']);
  });

  it('gives a transaction the one connection: another client waits and never sees its uncommitted or rolled-back rows', async () => {
    let seenMeanwhile: Promise<number> | undefined;
    const failed = await store.db
      .transaction()
      .execute(async (trx) => {
        await sql`insert into thread_probe values (10, 'uncommitted', null)`.execute(trx);
        seenMeanwhile = count(other.db);
        await sql`insert into thread_probe values (11, 'uncommitted', null)`.execute(trx);
        await sql`insert into thread_probe values (10, 'duplicate', null)`.execute(trx);
      })
      .catch((err: { code: string }) => err.code);
    expect([failed, await seenMeanwhile, await count(store.db)]).toStrictEqual(['23505', 1, 1]);
  });

  it('rolls back the open transaction of a client that goes away, and keeps serving the others', async () => {
    const client = remotePGlite(store.connect!());
    let inside!: () => void;
    const begun = new Promise<void>((resolve) => (inside = resolve));
    // The client's own callback never returns (a thread that died mid-transaction does not either).
    void client.transaction(async (tx) => {
      await tx.query(`insert into thread_probe values (20, 'abandoned', null)`);
      inside();
      await new Promise(() => {});
    });
    await begun;
    await client.close();
    // Answered at all only once the abandoned transaction let go of the connection; its row is gone.
    expect(await count(other.db)).toBe(1);
  });
});
