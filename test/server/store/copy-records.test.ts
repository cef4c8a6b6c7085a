import { sql } from 'kysely';
import { testDeps, createTestTenant } from '../../helpers/app.ts';
import { createTestIntegration } from '../../helpers/integrations.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';
import { openStore, type Store } from '../../../server/store/db.ts';
import { copyRecords } from '../../../server/store/queries/copy-records.ts';
import type { RecordWrite } from '../../../server/store/queries/hris-records.ts';

/** Rows with what is easy to get wrong: non-ASCII and astral characters, JSON escapes, empty text, milliseconds, a large seq. */
const ROWS: RecordWrite[] = [
  {
    model: 'employees', seq: 1, id: 'emp-1', remoteId: 'r-1', ownHash: 'own', nestedHash: '', bodyHash: 'body',
    changedAt: '2026-03-02T08:00:00.123Z', updatedAt: '2026-03-02T09:30:00.000Z',
    attrs: JSON.stringify({ employment_status: 'ACTIVE', custom_fields: { size: 'S', remote: false }, managerRemoteId: null }),
    body: JSON.stringify({ id: 'emp-1', first_name: 'Zoë', note: 'line\nbreak "quoted" \\ back — 😀' }).slice(0, -1),
    record: JSON.stringify({ remoteId: 'r-1', firstName: 'Zoë', note: 'tab\there' }),
  },
  {
    model: 'employments', seq: 2_000_000_000, id: 'emp-2', remoteId: 'r-2', ownHash: 'o2', nestedHash: 'n2', bodyHash: 'b2',
    changedAt: '1999-12-31T23:59:59.999Z', updatedAt: '2030-01-01T00:00:00.001Z',
    attrs: JSON.stringify({ employeeRemoteId: 'r-1' }),
    body: '{"id":"emp-2"', record: '{}',
  },
];

/** The rows of an integration as written, read back into RecordWrite's shape. */
async function readBack(db: Store['db'], integrationId: string): Promise<RecordWrite[]> {
  const { rows } = await sql<Record<string, string | number | boolean>>`
    select model, seq, id, remote_id, own_hash, nested_hash, body_hash, attrs::text as attrs, body, record, remote_deleted_at is null as live,
      (extract(epoch from changed_at) * 1000)::bigint::text as changed_ms, (extract(epoch from updated_at) * 1000)::bigint::text as updated_ms
    from hris_records where integration_id = ${integrationId} order by seq`.execute(db);
  return rows.map((r) => {
    expect(r.live).toBe(true);
    return {
      model: String(r.model), seq: Number(r.seq), id: String(r.id), remoteId: String(r.remote_id), ownHash: String(r.own_hash),
      nestedHash: String(r.nested_hash), bodyHash: String(r.body_hash),
      changedAt: new Date(Number(r.changed_ms)).toISOString(), updatedAt: new Date(Number(r.updated_ms)).toISOString(),
      // jsonb normalises key order and spacing: compared as values.
      attrs: JSON.stringify(JSON.parse(String(r.attrs))), body: String(r.body), record: String(r.record),
    };
  });
}

/** The COPY data files left in PGlite's in-memory /tmp (none on PostgreSQL, which reads the data from the connection). */
async function copyFilesLeft(db: Store['db'], storeName: string): Promise<string[]> {
  if (storeName === 'postgres') return [];
  const { rows } = await sql<{ name: string }>`select pg_ls_dir('/tmp') as name`.execute(db);
  return rows.map((r) => r.name).filter((name) => name.startsWith('copy-'));
}

const asValues = (rows: RecordWrite[]) => rows.map((r) => ({ ...r, attrs: JSON.parse(r.attrs) as unknown }));

/** The checks, on a store and a new integration of it. */
function copyChecks(context: () => { db: Store['db']; newIntegration: () => Promise<string>; storeName: string }) {
  it('writes every value as given, in one statement', async () => {
    const { db, newIntegration } = context();
    const id = await newIntegration();
    await copyRecords(db, id, ROWS);
    expect(asValues(await readBack(db, id))).toStrictEqual(asValues(ROWS));
  });

  it('leaves none of the data behind in the embedded store, whether the COPY succeeds or fails', async () => {
    const { db, newIntegration, storeName } = context();
    const id = await newIntegration();
    await copyRecords(db, id, ROWS);
    await copyRecords(db, id, [{ ...ROWS[0]!, seq: 3, id: 'emp-3', remoteId: 'bad\u0000id' }]).catch(() => undefined);
    expect(await readBack(db, id)).toHaveLength(ROWS.length);
    expect(await copyFilesLeft(db, storeName)).toStrictEqual([]);
  });

  it('refuses a NUL byte in a text column as the store refuses it in a statement, and writes none of the rows', async () => {
    const { db, newIntegration } = context();
    const id = await newIntegration();
    const poisoned = [ROWS[0]!, { ...ROWS[1]!, remoteId: 'bad\u0000id' }];
    const err = await copyRecords(db, id, poisoned).then(() => null, (e: { code?: string }) => e);
    expect(err?.code).toBe('22021');
    expect(await readBack(db, id)).toStrictEqual([]);
  });

  it('rolls back with the transaction it ran in', async () => {
    const { db, newIntegration } = context();
    const id = await newIntegration();
    const rolledBack = await db.transaction().execute(async (trx) => {
      await copyRecords(trx, id, ROWS);
      expect(await readBack(trx, id)).toHaveLength(ROWS.length);
      throw new Error('roll back');
    }).catch((e: Error) => e.message);
    expect(rolledBack).toBe('roll back');
    expect(await readBack(db, id)).toStrictEqual([]);
  });
}

describe.each(STORE_NAMES)('copyRecords (%s)', (storeName) => {
  const state = { storeName } as { db: Store['db']; newIntegration: () => Promise<string>; storeName: string };
  let deps: Awaited<ReturnType<typeof testDeps>>;
  beforeAll(async () => {
    const store = await sharedStore(storeName);
    deps = await testDeps(store);
    const tenant = await createTestTenant(store);
    state.db = store.db;
    state.newIntegration = () => createTestIntegration(deps, tenant);
  });
  afterAll(() => deps?.jobs.stop({ graceMs: 1_000 }));
  copyChecks(() => state);
});

// What `npm start` runs on: the data crosses to the store's thread, whose PGlite reads it from its own files.
describe('copyRecords (pglite in its own thread)', () => {
  const state = { storeName: 'pglite' } as { db: Store['db']; newIntegration: () => Promise<string>; storeName: string };
  let store: Store;
  let deps: Awaited<ReturnType<typeof testDeps>>;
  beforeAll(async () => {
    store = await openStore({ thread: true });
    deps = await testDeps(store);
    const tenant = await createTestTenant(store);
    state.db = store.db;
    state.newIntegration = () => createTestIntegration(deps, tenant);
  }, 120_000);
  afterAll(async () => {
    await deps?.jobs.stop({ graceMs: 1_000 });
    await store?.close();
  });
  copyChecks(() => state);
});
