import type { DomainDeps } from '../../server/domain/deps.ts';
import type { SyncDeps } from '../../server/domain/sync/sync-deps.ts';
import { requestSync } from '../../server/domain/sync/queue.ts';
import { drainSyncQueue, runInitialSync } from '../../server/domain/sync/worker.ts';
import { hrisWireMappers } from '../../server/http/mappers/hris/index.ts';
import type { TestTenant } from './app.ts';
import { type TestIntegrationOptions, createTestIntegration } from './integrations.ts';

/** Sync deps over a test app's (or store's) deps, optionally with a replaced source or worker name. */
export function testSyncDeps(deps: DomainDeps, extra: Partial<SyncDeps> = {}): SyncDeps {
  return { db: deps.db, clock: deps.clock, secret: deps.secret, connectors: deps.connectors, mappers: hrisWireMappers, ...extra };
}

/** A Sandbox integration (50 employees unless told otherwise) whose first sync has completed. */
export async function syncedIntegration(deps: DomainDeps, tenant: TestTenant, options: TestIntegrationOptions = {}): Promise<string> {
  const id = await createTestIntegration(deps, tenant, options);
  await runInitialSync(testSyncDeps(deps), id);
  return id;
}

/** The headers of an HRIS request. */
export const integrationHeader = (id: string) => ({ 'x-integration-id': id });

/** Runs a forced sync of an integration now (at the deps' clock) and waits for it. */
export async function syncNow(deps: DomainDeps, integrationId: string, extra: Partial<SyncDeps> = {}): Promise<void> {
  const sync = testSyncDeps(deps, extra);
  await requestSync(sync, integrationId, 'FULL', 'FORCED');
  await drainSyncQueue(sync);
}
