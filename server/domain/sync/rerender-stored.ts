import type { SyncCounts } from './apply.ts';
import { prepareSnapshot } from './prepare.ts';
import { storedSnapshot } from './read-source.ts';
import { commitSnapshot } from './commit-snapshot.ts';
import type { SyncDeps } from './sync-deps.ts';

/**
 * Renders every stored record of an integration again with the current wire mapping (`deps.mappers`),
 * from the unified records kept in the store: nothing is read from the remote system, and
 * `changed_at`/`updated_at` stay as they are (the remote data did not change). For use after a change
 * of the wire mapping; committed atomically like a sync.
 */
export async function rerenderStored(deps: SyncDeps, integrationId: string): Promise<SyncCounts> {
  const read = await storedSnapshot(deps.db, integrationId);
  const { byModel, lookup } = await prepareSnapshot(integrationId, read.snapshot);
  const options = { keepModels: read.unavailable, rerenderAll: true };
  const { counts } = await commitSnapshot(deps, integrationId, { byModel, lookup, ...options }, deps.clock());
  return counts;
}
