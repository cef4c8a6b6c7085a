import { afterAll, beforeAll } from 'vitest';
import type { AppDeps } from '../../server/app.ts';
import { createTestTenant, type TestTenant, testDeps } from './app.ts';
import { type StoreName, sharedStore } from './stores.ts';

/**
 * For a describe block: the deps a server would build (testDeps) and a tenant, over the worker's shared
 * store, set before its tests run (read them inside the tests) and the job queue stopped after them.
 */
export function domainFixture(storeName: StoreName): { deps: AppDeps; tenant: TestTenant } {
  const fixture = {} as { deps: AppDeps; tenant: TestTenant };
  beforeAll(async () => {
    const store = await sharedStore(storeName);
    fixture.deps = await testDeps(store);
    fixture.tenant = await createTestTenant(store);
  });
  afterAll(() => fixture.deps.jobs.stop({ graceMs: 1_000 }));
  return fixture;
}
