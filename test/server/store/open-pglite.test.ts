import { sql } from 'kysely';
import { EMBEDDED_SHARED_BUFFERS } from '../../../server/store/open-pglite.ts';
import { sharedStore } from '../../helpers/stores.ts';

describe('the embedded store', () => {
  it(`keeps a buffer cache of ${EMBEDDED_SHARED_BUFFERS}, not PostgreSQL's 128 MB that PGlite would hold resident from the start`, async () => {
    const store = await sharedStore('pglite');
    const { rows } = await sql<{ shared_buffers: string }>`show shared_buffers`.execute(store.db);
    expect(rows).toStrictEqual([{ shared_buffers: '16MB' }]);
  });
});
