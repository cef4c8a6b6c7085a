import type { StoreDeps } from '../../../server/domain/deps.ts';
import { changeRole, deactivateUser, listUsers } from '../../../server/domain/console/users.ts';
import type { Store } from '../../../server/store/db.ts';
import { createTestTenant, TEST_ACTOR, TEST_SECRET } from '../../helpers/app.ts';
import { STORE_NAMES, separatePostgresStore } from '../../helpers/stores.ts';
import { addConsoleUser } from './console-client.ts';

describe.runIf(STORE_NAMES.includes('postgres'))('the last-admin rule on two instances of one PostgreSQL', () => {
  let storeA: Store;
  let storeB: Store;
  let depsA: StoreDeps;
  let depsB: StoreDeps;
  beforeAll(async () => {
    storeA = await separatePostgresStore();
    storeB = await separatePostgresStore();
    depsA = { db: storeA.db, clock: () => new Date(), secret: TEST_SECRET };
    depsB = { db: storeB.db, clock: () => new Date(), secret: TEST_SECRET };
  });
  afterAll(async () => {
    await Promise.all([storeA.close(), storeB.close()]);
  });

  describe('when the two remaining admins are demoted and deactivated at the same time', () => {
    it('lets exactly one change through, leaving one active admin', async () => {
      for (let round = 0; round < 5; round++) {
        const tenant = await createTestTenant(storeA);
        const first = await addConsoleUser(depsA, tenant.id, 'admin');
        const second = await addConsoleUser(depsA, tenant.id, 'admin');
        const results = await Promise.allSettled([
          changeRole(depsA, TEST_ACTOR, tenant.id, first.id, 'operator'),
          deactivateUser(depsB, TEST_ACTOR, tenant.id, second.id),
        ]);
        expect(results.map((r) => r.status).sort()).toStrictEqual(['fulfilled', 'rejected']);
        const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
        expect(rejected.reason.code).toBe('CONSOLE.LAST_ADMIN');
        const admins = (await listUsers(storeA.db, tenant.id)).filter((u) => u.role === 'admin' && u.status === 'active');
        expect(admins).toHaveLength(1);
      }
    });
  });
});
