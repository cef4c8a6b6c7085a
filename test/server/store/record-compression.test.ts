import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { testDeps, createTestTenant } from '../../helpers/app.ts';
import { createTestIntegration } from '../../helpers/integrations.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';
import type { Store } from '../../../server/store/db.ts';
import { copyRecords } from '../../../server/store/queries/copy-records.ts';
import { type RecordWrite, stageRecords } from '../../../server/store/queries/hris-records.ts';

/** A record whose wire JSON measures about `bytes` and compresses well (as synced JSON does). */
const recordOf = (seq: number, bytes: number): RecordWrite => ({
  model: 'employees', seq, id: `emp-${seq}`, remoteId: `r-${seq}`, ownHash: 'own', nestedHash: '', bodyHash: 'body',
  changedAt: '2026-03-02T08:00:00.000Z', updatedAt: '2026-03-02T08:00:00.000Z', attrs: '{}',
  body: JSON.stringify({ id: `emp-${seq}`, notes: 'first_name last_name work_email '.repeat(Math.ceil(bytes / 32)).slice(0, bytes) }).slice(0, -1),
  record: JSON.stringify({ remoteId: `r-${seq}` }),
});

/** How each stored body of the table is kept: `null` when as written, else its compression method. */
async function bodyCompression(db: Store['db'], table: 'hris_records' | 'hris_record_stage', integrationId: string): Promise<Record<number, string | null>> {
  const { rows } = await sql<{ seq: number; method: string | null }>`
    select seq, pg_column_compression(body) as method from ${sql.table(table)} where integration_id = ${integrationId} order by seq`.execute(db);
  return Object.fromEntries(rows.map((r) => [r.seq, r.method]));
}

describe.each(STORE_NAMES)('how synced records are stored (%s)', (storeName) => {
  let db: Store['db'];
  let newIntegration: () => Promise<string>;
  let stopJobs: () => Promise<void>;
  beforeAll(async () => {
    const store = await sharedStore(storeName);
    const deps = await testDeps(store);
    const tenant = await createTestTenant(store);
    db = store.db;
    newIntegration = () => createTestIntegration(deps, tenant);
    stopJobs = () => deps.jobs.stop({ graceMs: 1_000 });
  });
  afterAll(() => stopJobs?.());

  // Compressing every employee's row (over about 2 KB) was the largest cost of the embedded store's sync write.
  it('keeps rows up to 8 KB as written and compresses larger ones, in place and on stage', async () => {
    const id = await newIntegration();
    const rows = [recordOf(1, 1_000), recordOf(2, 3_000), recordOf(3, 7_800), recordOf(4, 12_000)];
    await copyRecords(db, id, rows);
    const expected = { 1: null, 2: null, 3: null, 4: 'pglz' };
    expect(await bodyCompression(db, 'hris_records', id)).toStrictEqual(expected);
    const stageId = randomUUID();
    await stageRecords(db, id, stageId, 'insert', rows);
    expect(await bodyCompression(db, 'hris_record_stage', id)).toStrictEqual(expected);
    await sql`delete from hris_record_stage where stage_id = ${stageId}`.execute(db);
  });
});
