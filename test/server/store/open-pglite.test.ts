import { sql } from 'kysely';
import { EMBEDDED_SHARED_BUFFERS, EMBEDDED_WAL_BUFFERS } from '../../../server/store/open-pglite.ts';
import { sharedStore } from '../../helpers/stores.ts';

describe('the embedded store', () => {
  it(`keeps a buffer cache of ${EMBEDDED_SHARED_BUFFERS}, not PostgreSQL's 128 MB that PGlite would hold resident from the start`, async () => {
    const store = await sharedStore('pglite');
    const { rows } = await sql<{ shared_buffers: string }>`show shared_buffers`.execute(store.db);
    expect(rows).toStrictEqual([{ shared_buffers: '16MB' }]);
  });

  it(`buffers ${EMBEDDED_WAL_BUFFERS} of WAL, so a sync's WAL reaches the files in fewer writes than with the 512 kB PostgreSQL derives`, async () => {
    const store = await sharedStore('pglite');
    const { rows } = await sql<{ wal_buffers: string }>`show wal_buffers`.execute(store.db);
    expect(rows).toStrictEqual([{ wal_buffers: '4MB' }]);
  });

  it('takes a text parameter given as UTF-8 bytes as its text, in binary format, and refuses bytes that are not UTF-8', async () => {
    const store = await sharedStore('pglite');
    const { rows } = await sql<{ text: string; length: number }>`select ${Buffer.from('Jürgen \u{1F600}')}::text as text, length(${Buffer.from('Jürgen')}::text) as length`.execute(store.db);
    const refused = await sql`select ${Buffer.from([0x61, 0x00])}::text`.execute(store.db).catch((err: { code: string }) => err.code);
    expect([rows, refused]).toStrictEqual([[{ text: 'Jürgen \u{1F600}', length: 6 }], '22021']);
  });
});
