import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PagedSource, SourceItem } from '../../../server/connectors/data-source.ts';
import { sandboxDataSource } from '../../../server/connectors/sandbox/company/source.ts';
import type { UnifiedEmployee, UnifiedEmployment, UnifiedGroup } from '../../../server/connectors/unified-hris.ts';
import { HRIS_CATALOGUE } from '../../../server/domain/catalogue/index.ts';
import { SNAPSHOT_FIELD } from '../../../server/domain/hris/models.ts';
import { listRuns } from '../../../server/store/queries/hris-sync-runs.ts';
import { createTestTenant, startApp, type TestApp, type TestTenant } from '../../helpers/app.ts';
import { DAY_MS, testClock, type TestClock } from '../../helpers/clock.ts';
import { runSync, syncedIntegration } from '../../helpers/hris.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';

/** The Sandbox as it reads, noting whether the read came as changes only. */
const observed = (seen: { deltas: number; pages: number }): PagedSource => ({
  readModels: sandboxDataSource.readModels,
  async *read(ctx) {
    for await (const item of sandboxDataSource.read(ctx)) {
      if ('changed' in item) seen.deltas++;
      else if ('records' in item) seen.pages++;
      yield item;
    }
  },
});

/** Edits of the company a tool could make: a team renamed, an employment changed, one deleted, an employee gone. */
interface Edits {
  groupRemoteId: string;
  employmentRemoteId: string;
  goneEmploymentRemoteId: string;
  goneEmployeeRemoteId: string;
}

const edit = (e: Edits, item: SourceItem): SourceItem => {
  if (!('records' in item)) return item;
  if (item.model === 'groups') {
    return { model: 'groups', records: (item.records as UnifiedGroup[]).map((g) => (g.remoteId === e.groupRemoteId ? { ...g, name: `${g.name ?? ''} (renamed)` } : g)) };
  }
  if (item.model === 'employments') {
    return { model: 'employments', records: (item.records as UnifiedEmployment[]).filter((x) => x.remoteId !== e.goneEmploymentRemoteId)
      .map((x) => (x.remoteId === e.employmentRemoteId ? { ...x, jobTitle: `${x.jobTitle ?? ''} (acting)` } : x)) };
  }
  if (item.model === 'employees') return { model: 'employees', records: (item.records as UnifiedEmployee[]).filter((x) => x.remoteId !== e.goneEmployeeRemoteId) };
  return item;
};

/** A complete read of the Sandbox, edited, as pages. */
const editedPages = (e: Edits, complete: SourceItem[]): PagedSource => ({
  readModels: sandboxDataSource.readModels,
  async *read() {
    for (const item of complete) yield edit(e, item);
  },
});

/** The same edits as changes only (an empty delta for every other model). */
const editedDeltas = (e: Edits, complete: SourceItem[]): PagedSource => ({
  readModels: sandboxDataSource.readModels,
  async *read() {
    const records = (model: string) => complete.flatMap((i) => ('records' in i && i.model === model ? (i.records as { remoteId: string }[]) : []));
    for (const model of new Set(complete.map((i) => i.model))) {
      if (model === 'groups') yield { model, changed: records(model).filter((g) => g.remoteId === e.groupRemoteId).map((g) => (edit(e, { model: 'groups', records: [g] } as SourceItem) as { records: unknown[] }).records[0]) as never, deletedRemoteIds: [] };
      else if (model === 'employments') {
        yield { model, changed: records(model).filter((x) => x.remoteId === e.employmentRemoteId).map((x) => (edit(e, { model: 'employments', records: [x] } as SourceItem) as { records: unknown[] }).records[0]) as never, deletedRemoteIds: [e.goneEmploymentRemoteId] };
      } else if (model === 'employees') yield { model, changed: [], deletedRemoteIds: [e.goneEmployeeRemoteId] };
      else yield { model, changed: [], deletedRemoteIds: [] } as SourceItem;
    }
  },
});

describe('the relations of the model catalogue', () => {
  it('name the field their references are read from (the store finds referring records by it)', async () => {
    const snapshot = await sandboxDataSource.readHris({ integrationId: 'fields', credentials: { company_size: '50' }, now: new Date('2026-01-15T09:00:00Z'),
      type: 'FULL', since: null });
    let checked = 0;
    for (const declaration of HRIS_CATALOGUE) {
      for (const relation of declaration.relations) {
        if (!relation.field) continue;
        const [model, read] = relation.kind === 'children'
          ? [relation.model, (r: never) => relation.parentRef(r)]
          : [declaration.key, relation.kind === 'one' ? (r: never) => relation.ref(r) : (r: never) => relation.refs(r)];
        for (const record of snapshot[SNAPSHOT_FIELD[model]] as unknown as Record<string, unknown>[]) {
          expect(read(record as never)).toStrictEqual(record[relation.field]);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(500);
  });
});

describe.each(STORE_NAMES)('incremental syncs (%s)', (storeName) => {
  let app: TestApp;
  let clock: TestClock;
  let tenant: TestTenant;

  /** Every stored row of an integration, with Kombo IDs (derived from the integration ID) written as model:remote ID. */
  const shape = async (id: string) => {
    const rows = await app.deps.db.selectFrom('hris_records')
      .select(['model', 'id', 'remote_id', 'own_hash', 'record', 'attrs', 'body', 'changed_at', 'updated_at', 'remote_deleted_at'])
      .where('integration_id', '=', id).orderBy('model').orderBy('seq').execute();
    const names = new Map(rows.map((r) => [r.id, `${r.model}:${r.remote_id}`]));
    const plain = (text: string) => text.replace(/[1-9A-HJ-NP-Za-km-z]{24}/g, (token) => names.get(token) ?? token);
    return rows.map((r) => plain(JSON.stringify({ ...r, id: undefined })));
  };
  const lastRun = async (id: string) => (await listRuns(app.deps.db, id, 1))[0]!;

  beforeAll(async () => {
    const store = await sharedStore(storeName);
    clock = testClock();
    app = await startApp(store, { clock });
    tenant = await createTestTenant(store);
  });
  afterAll(() => app.close());

  it('a DELTA sync of the Sandbox stores what a FULL sync stores, time after time, reading only the changes', async () => {
    const credentials = { seed: 'incremental', company_size: '50' };
    const full = await syncedIntegration(app.deps, tenant, { environment: 'production', credentials });
    const delta = await syncedIntegration(app.deps, tenant, { environment: 'production', credentials });
    // Hires, leavers purged (deleted), status changes, absences decided and balances moving.
    for (const days of [3, 45, 160]) {
      clock.advance(days * DAY_MS);
      const seen = { deltas: 0, pages: 0 };
      await runSync(app.deps, full, 'FULL', 'FORCED');
      await runSync(app.deps, delta, 'DELTA', 'SCHEDULED', { sourceFor: () => observed(seen) });
      expect(seen).toMatchObject({ pages: 0 });
      expect(seen.deltas).toBeGreaterThan(0);
      const [f, d] = [await lastRun(full), await lastRun(delta)];
      expect([d.status, d.type]).toStrictEqual(['SUCCEEDED', 'DELTA']);
      expect(d.counts).toStrictEqual(f.counts);
      expect(await shape(delta)).toStrictEqual(await shape(full));
    }
  });

  it('re-renders the records embedding a changed team or employment, and a deleted employment or employee, exactly as a complete read', async () => {
    const credentials = { seed: 'embedded', company_size: '50' };
    const full = await syncedIntegration(app.deps, tenant, { environment: 'production', credentials });
    const delta = await syncedIntegration(app.deps, tenant, { environment: 'production', credentials });
    const complete: SourceItem[] = [];
    for await (const item of sandboxDataSource.read({ integrationId: delta, credentials, now: clock(), type: 'FULL', since: null,
      signal: new AbortController().signal, pageSize: 1000 })) complete.push(item);
    const of = <T,>(model: string) => complete.flatMap((i) => ('records' in i && i.model === model ? (i.records as T[]) : []));
    const employees = of<UnifiedEmployee>('employees');
    const employments = of<UnifiedEmployment>('employments');
    const team = of<UnifiedGroup>('groups').find((g) => employees.some((e) => e.groupRemoteIds.includes(g.remoteId)))!;
    const manager = employees.find((e) => employees.some((x) => x.managerRemoteId === e.remoteId) && e.remoteId !== employees[0]!.remoteId)!;
    const edits: Edits = {
      groupRemoteId: team.remoteId,
      employmentRemoteId: employments[3]!.remoteId,
      goneEmploymentRemoteId: employments[7]!.remoteId,
      goneEmployeeRemoteId: manager.remoteId,
    };
    const before = await shape(delta);

    clock.advance(60_000);
    await runSync(app.deps, full, 'FULL', 'FORCED', { sourceFor: () => editedPages(edits, complete) });
    await runSync(app.deps, delta, 'DELTA', 'FORCED', { sourceFor: () => editedDeltas(edits, complete) });
    const [f, d] = [await lastRun(full), await lastRun(delta)];
    expect([f.status, d.status]).toStrictEqual(['SUCCEEDED', 'SUCCEEDED']);
    expect(d.counts).toStrictEqual(f.counts);
    const after = await shape(delta);
    expect(after).toStrictEqual(await shape(full));
    // The team's members, the employment's employee and the manager's reports were all rewritten.
    const changedRows = after.filter((row, i) => row !== before[i]).length;
    expect(changedRows).toBeGreaterThan(3);
    expect(d.counts).toMatchObject({ employees: { deleted: 1 }, employments: { deleted: 1 } });
  });
});
