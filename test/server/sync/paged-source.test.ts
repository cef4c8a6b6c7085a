import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HrisModel, PagedSource, SourceItem } from '../../../server/connectors/data-source.ts';
import { RemoteError } from '../../../server/connectors/remote-error.ts';
import { sandboxDataSource } from '../../../server/connectors/sandbox/company/source.ts';
import { requestSync } from '../../../server/domain/sync/queue.ts';
import { executeRun } from '../../../server/domain/sync/run-sync.ts';
import { loadUnifiedRecords } from '../../../server/store/queries/hris-records.ts';
import { findActiveRun, listRuns } from '../../../server/store/queries/hris-sync-runs.ts';
import { createTestTenant, startApp, type TestApp, type TestTenant } from '../../helpers/app.ts';
import { DAY_MS, testClock, type TestClock } from '../../helpers/clock.ts';
import { syncNow, syncedIntegration, testSyncDeps } from '../../helpers/hris.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';

/** The Sandbox read page by page, with `change` applied to what it yields. */
const pagedSandbox = (change: (item: SourceItem) => SourceItem | 'skip' | Error): PagedSource => ({
  readModels: sandboxDataSource.readModels,
  async *read(ctx) {
    for await (const item of sandboxDataSource.read(ctx)) {
      const changed = change(item);
      if (changed instanceof Error) throw changed;
      if (changed !== 'skip') yield changed;
    }
  },
});

const unavailableFor = (model: HrisModel) => {
  let reported = false;
  return pagedSandbox((item) => {
    if (item.model !== model) return item;
    if (reported) return 'skip';
    reported = true;
    return { model, unavailable: new RemoteError('permission_missing', `No permission to read ${model}.`, { model, status: 403 }) };
  });
};

describe.each(STORE_NAMES)('paged sources (%s)', (storeName) => {
  let app: TestApp;
  let clock: TestClock;
  let tenant: TestTenant;

  const rowsOf = async (id: string, model: string) =>
    JSON.stringify(await app.deps.db.selectFrom('hris_records').select(['id', 'body', 'record', 'changed_at', 'updated_at', 'remote_deleted_at'])
      .where('integration_id', '=', id).where('model', '=', model).orderBy('seq').execute());
  const everything = async (id: string) =>
    JSON.stringify(await app.deps.db.selectFrom('hris_records').select(['model', 'id', 'body', 'changed_at', 'updated_at', 'remote_deleted_at'])
      .where('integration_id', '=', id).orderBy('model').orderBy('seq').execute());
  const stagedRows = async (id: string) =>
    Number((await app.deps.db.selectFrom('hris_record_stage').select((eb) => eb.fn.countAll<string>().as('n')).where('integration_id', '=', id)
      .executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    const store = await sharedStore(storeName);
    clock = testClock();
    app = await startApp(store, { clock });
    tenant = await createTestTenant(store);
  });
  afterAll(() => app.close());

  describe('with pages of 7 records', () => {
    it('stores what a whole-snapshot read of the same company stores', async () => {
      const whole = await syncedIntegration(app.deps, tenant, { environment: 'production', credentials: { seed: 'paged' } });
      const paged = await syncedIntegration(app.deps, tenant, { environment: 'production', credentials: { seed: 'paged' } });
      clock.advance(3 * DAY_MS);
      const tinyPages: PagedSource = { readModels: sandboxDataSource.readModels, read: (ctx) => sandboxDataSource.read({ ...ctx, pageSize: 7 }) };
      await syncNow(app.deps, whole, { sourceFor: () => ({ readModels: sandboxDataSource.readModels, readHris: sandboxDataSource.readHris }) });
      await syncNow(app.deps, paged, { sourceFor: () => tinyPages });
      const shape = async (id: string) =>
        JSON.stringify(await app.deps.db.selectFrom('hris_records').select(['model', 'remote_id', 'own_hash', 'record', 'changed_at', 'updated_at'])
          .where('integration_id', '=', id).orderBy('model').orderBy('seq').execute());
      expect(await shape(paged)).toBe(await shape(whole));
    });
  });

  describe('with a model reported unavailable', () => {
    it('keeps that model as last synced and syncs the others', async () => {
      const id = await syncedIntegration(app.deps, tenant, { environment: 'production' });
      const employmentsBefore = await rowsOf(id, 'employments');
      const employeesBefore = await rowsOf(id, 'employees');
      clock.advance(60 * DAY_MS);
      await syncNow(app.deps, id, { sourceFor: () => unavailableFor('employments') });
      const [last] = await listRuns(app.deps.db, id, 1);
      expect(last?.status).toBe('SUCCEEDED');
      expect(await rowsOf(id, 'employments')).toBe(employmentsBefore);
      expect(await rowsOf(id, 'employees')).not.toBe(employeesBefore);
    });

    it('fails the run, changing nothing, when stored records of the model predate their unified form', async () => {
      const id = await syncedIntegration(app.deps, tenant, { environment: 'production' });
      await app.deps.db.updateTable('hris_records').set({ record: null }).where('integration_id', '=', id).where('model', '=', 'employments').execute();
      const before = await everything(id);
      clock.advance(DAY_MS);
      await syncNow(app.deps, id, { sourceFor: () => unavailableFor('employments') });
      const [last] = await listRuns(app.deps.db, id, 1);
      expect(last?.status).toBe('FAILED');
      expect(last?.error).toMatch(/^The source could not read employments, and \d+ stored employments records predate the stored unified form/);
      expect(await everything(id)).toBe(before);
    });

    it('leaves nothing of the model deleted', async () => {
      const id = await syncedIntegration(app.deps, tenant, { environment: 'production' });
      clock.advance(DAY_MS);
      await syncNow(app.deps, id, { sourceFor: () => unavailableFor('locations') });
      const deleted = await app.deps.db.selectFrom('hris_records').select('id').where('integration_id', '=', id).where('model', '=', 'locations')
        .where('remote_deleted_at', 'is not', null).execute();
      expect(deleted).toStrictEqual([]);
    });
  });

  describe('with a DELTA read that names only the changed employees', () => {
    /** The Sandbox read as usual, except employees: only those that differ from `stored`, and the ones gone. */
    const deltaOfEmployees = (stored: { remoteId: string }[]): PagedSource => ({
      readModels: sandboxDataSource.readModels,
      async *read(ctx) {
        const current: { remoteId: string }[] = [];
        for await (const item of sandboxDataSource.read(ctx)) {
          if ('records' in item && item.model === 'employees') current.push(...item.records);
          else yield item;
        }
        const before = new Map(stored.map((r) => [r.remoteId, JSON.stringify(r)]));
        const changed = current.filter((r) => before.get(r.remoteId) !== JSON.stringify(r));
        const gone = [...before.keys()].filter((id) => !current.some((r) => r.remoteId === id));
        // Two deltas for one model are allowed: the changes arrive in two parts.
        const half = Math.ceil(changed.length / 2);
        yield { model: 'employees', changed: changed.slice(0, half) as never, deletedRemoteIds: [] };
        yield { model: 'employees', changed: changed.slice(half) as never, deletedRemoteIds: gone };
      },
    });
    const shape = async (id: string) =>
      JSON.stringify(await app.deps.db.selectFrom('hris_records').select(['model', 'remote_id', 'own_hash', 'record', 'changed_at', 'updated_at', 'remote_deleted_at'])
        .where('integration_id', '=', id).orderBy('model').orderBy('seq').execute());

    it('stores what a full read of the same company stores', async () => {
      const full = await syncedIntegration(app.deps, tenant, { environment: 'production', credentials: { seed: 'delta' } });
      const delta = await syncedIntegration(app.deps, tenant, { environment: 'production', credentials: { seed: 'delta' } });
      const stored = (await loadUnifiedRecords(app.deps.db, delta, 'employees')).records as { remoteId: string }[];
      clock.advance(90 * DAY_MS);
      await syncNow(app.deps, full);
      await syncNow(app.deps, delta, { sourceFor: () => deltaOfEmployees(stored) });
      const [last] = await listRuns(app.deps.db, delta, 1);
      expect(last?.status).toBe('SUCCEEDED');
      expect(await shape(delta)).toBe(await shape(full));
    });

    it('fails the run, changing nothing, when a model comes both as pages and as changes', async () => {
      const id = await syncedIntegration(app.deps, tenant, { environment: 'production' });
      const before = await everything(id);
      clock.advance(DAY_MS);
      const both = pagedSandbox((item) => item);
      const mixed: PagedSource = {
        readModels: sandboxDataSource.readModels,
        async *read(ctx) {
          yield* both.read(ctx);
          yield { model: 'employees', changed: [], deletedRemoteIds: [] };
        },
      };
      await syncNow(app.deps, id, { sourceFor: () => mixed });
      const [last] = await listRuns(app.deps.db, id, 1);
      expect([last?.status, last?.error]).toStrictEqual(['FAILED', 'The source yielded both full pages and changes of employees.']);
      expect(await everything(id)).toBe(before);
    });
  });

  describe('with a RemoteError thrown in the middle of the read', () => {
    it('fails the run with its message and leaves the synced data untouched', async () => {
      const id = await syncedIntegration(app.deps, tenant, { environment: 'production' });
      const before = await everything(id);
      clock.advance(20 * DAY_MS);
      const limited = pagedSandbox((item) =>
        item.model === 'absences' ? new RemoteError('rate_limited', 'The HR system asks to wait 30 s.', { retryAfterMs: 30_000, status: 429 }) : item);
      await syncNow(app.deps, id, { sourceFor: () => limited });
      expect(await everything(id)).toBe(before);
      const [last] = await listRuns(app.deps.db, id, 1);
      expect(last).toMatchObject({ status: 'FAILED', error: 'The HR system asks to wait 30 s.' });
    });

    it('tells the caller the error kind and how long to wait', async () => {
      const id = await syncedIntegration(app.deps, tenant, { environment: 'production' });
      const limited = pagedSandbox(() => new RemoteError('rate_limited', 'Too many requests.', { retryAfterMs: 12_000, status: 429 }));
      const sync = testSyncDeps(app.deps, { sourceFor: () => limited });
      await requestSync(sync, id, 'FULL', 'FORCED');
      const run = (await findActiveRun(app.deps.db, id))!;
      const outcome = await executeRun(sync, run);
      expect(outcome).toStrictEqual({ status: 'FAILED', durationMs: expect.any(Number), error: 'Too many requests.', remote: { kind: 'rate_limited', retryAfterMs: 12_000 } });
    });
  });

  describe('with the run cancelled through its signal', () => {
    it('stops reading and leaves the synced data untouched', async () => {
      const id = await syncedIntegration(app.deps, tenant, { environment: 'production' });
      const before = await everything(id);
      clock.advance(20 * DAY_MS);
      const controller = new AbortController();
      let pagesAfterAbort = 0;
      const cancelling = pagedSandbox((item) => {
        if (controller.signal.aborted) pagesAfterAbort++;
        if (item.model === 'employees') controller.abort(new Error('The server is shutting down.'));
        return item;
      });
      await syncNow(app.deps, id, { sourceFor: () => cancelling, signal: controller.signal });
      expect(await everything(id)).toBe(before);
      expect(pagesAfterAbort).toBe(0);
      const [last] = await listRuns(app.deps.db, id, 1);
      expect(last).toMatchObject({ status: 'FAILED', error: 'The server is shutting down.' });
    });
  });

  describe("with storeKind 'postgres' (rows written in the sync's transaction, not staged)", () => {
    // Bodies and their hashes hold Kombo IDs, which differ per integration: compare everything else.
    const shape = async (id: string) =>
      JSON.stringify(await app.deps.db.selectFrom('hris_records').select(['model', 'remote_id', 'own_hash', 'record', 'changed_at', 'updated_at', 'remote_deleted_at'])
        .where('integration_id', '=', id).orderBy('model').orderBy('seq').execute());

    it('stores what a staged sync stores', async () => {
      const staged = await syncedIntegration(app.deps, tenant, { environment: 'production', credentials: { seed: 'direct' } });
      const direct = await syncedIntegration(app.deps, tenant, { environment: 'production', credentials: { seed: 'direct' } });
      clock.advance(10 * DAY_MS);
      await syncNow(app.deps, staged);
      await syncNow(app.deps, direct, { storeKind: 'postgres' });
      expect(await shape(direct)).toBe(await shape(staged));
    });

    it('keeps nothing of a sync whose write the store refuses', async () => {
      const id = await syncedIntegration(app.deps, tenant, { environment: 'production' });
      const before = await everything(id);
      clock.advance(DAY_MS);
      const poisoned = pagedSandbox((item) =>
        'records' in item && item.model === 'skills' ? ({ ...item, records: [...item.records, { ...item.records[0]!, remoteId: 'bad\u0000id' }] } as SourceItem) : item);
      await syncNow(app.deps, id, { sourceFor: () => poisoned, storeKind: 'postgres' });
      const [last] = await listRuns(app.deps.db, id, 1);
      expect(last?.status).toBe('FAILED');
      expect(await everything(id)).toBe(before);
    });
  });

  describe('staging', () => {
    it('leaves no staged rows after a successful sync', async () => {
      const id = await syncedIntegration(app.deps, tenant, { environment: 'production' });
      expect(await stagedRows(id)).toBe(0);
    });

    it('leaves no staged rows after a write the store refuses', async () => {
      const id = await syncedIntegration(app.deps, tenant, { environment: 'production' });
      clock.advance(DAY_MS);
      const poisoned = pagedSandbox((item) =>
        'records' in item && item.model === 'skills' ? ({ ...item, records: [...item.records, { ...item.records[0]!, remoteId: 'bad\u0000id' }] } as SourceItem) : item);
      await syncNow(app.deps, id, { sourceFor: () => poisoned });
      const [last] = await listRuns(app.deps.db, id, 1);
      expect(last?.status).toBe('FAILED');
      expect(await stagedRows(id)).toBe(0);
    });

    it('drops what a crashed sync staged long ago, without applying it', async () => {
      const id = await syncedIntegration(app.deps, tenant, { environment: 'production' });
      const before = await everything(id);
      await sql`
        insert into hris_record_stage (stage_id, integration_id, staged_at, op, model, seq, id, remote_id, own_hash, nested_hash, body_hash, changed_at, updated_at, attrs, body, record)
        values ('crashed', ${id}, now() - interval '2 hours', 'insert', 'skills', 999999, 'ghost', 'ghost', 'h', '', 'h', now(), now(), '{}', '{"id":"ghost"', '{}')`.execute(app.deps.db);
      await syncNow(app.deps, id);
      expect(await stagedRows(id)).toBe(0);
      expect(await everything(id)).toBe(before);
    });
  });
});
