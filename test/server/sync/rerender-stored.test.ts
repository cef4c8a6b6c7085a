import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HrisWireMappers } from '../../../server/domain/hris/wire-mappers.ts';
import { rerenderStored } from '../../../server/domain/sync/rerender-stored.ts';
import { hrisWireMappers } from '../../../server/http/mappers/hris/index.ts';
import { call, createTestKey, createTestTenant, startApp, type TestApp, type TestTenant } from '../../helpers/app.ts';
import { DAY_MS, testClock, type TestClock } from '../../helpers/clock.ts';
import { integrationHeader, syncedIntegration, testSyncDeps } from '../../helpers/hris.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';

/** A changed wire mapping: location names in capitals. */
const shouting: HrisWireMappers = {
  ...hrisWireMappers,
  locations: (p, lookup) => ({ ...hrisWireMappers.locations(p, lookup), name: p.rec.name?.toUpperCase() ?? null }),
};

describe.each(STORE_NAMES)('rerenderStored() (%s)', (storeName) => {
  let app: TestApp;
  let clock: TestClock;
  let tenant: TestTenant;
  let key: string;

  const page = async (id: string, path: string) =>
    (await call(`${app.url}/v1/hris/${path}?page_size=250`, key, { headers: integrationHeader(id) })).body.data.results as Record<string, unknown>[];

  beforeAll(async () => {
    const store = await sharedStore(storeName);
    clock = testClock();
    app = await startApp(store, { clock });
    tenant = await createTestTenant(store);
    ({ key } = await createTestKey(app.deps, tenant, 'production'));
  });
  afterAll(() => app.close());

  describe('after a change of the wire mapping', () => {
    it('serves the new rendering without reading the remote system', async () => {
      const id = await syncedIntegration(app.deps, tenant, { environment: 'production' });
      const before = await page(id, 'locations');
      clock.advance(DAY_MS);
      let sourceRead = false;
      await rerenderStored(testSyncDeps(app.deps, { mappers: shouting, sourceFor: () => { sourceRead = true; return undefined; } }), id);
      expect(sourceRead).toBe(false);
      expect(await page(id, 'locations')).toStrictEqual(before.map((l) => ({ ...l, name: (l.name as string).toUpperCase() })));
    });

    it('leaves the other models as they were', async () => {
      const id = await syncedIntegration(app.deps, tenant, { environment: 'production' });
      const employees = await page(id, 'employees');
      const absences = await page(id, 'absences');
      clock.advance(DAY_MS);
      await rerenderStored(testSyncDeps(app.deps, { mappers: shouting }), id);
      expect(await page(id, 'employees')).toStrictEqual(employees);
      expect(await page(id, 'absences')).toStrictEqual(absences);
    });
  });
});
