import type { DomainDeps } from '../../../domain/deps.ts';
import type { SyncDeps, SyncLogger } from '../../../domain/sync/sync-deps.ts';
import { hrisWireMappers } from '../../mappers/hris/index.ts';

/**
 * The sync engine's deps for a server: its domain I/O plus the HRIS wire mappers (records are rendered
 * at sync time). Use the same object for `runInitialSync`, `startSyncScheduler` and the routes.
 */
export function hrisSyncDeps(deps: DomainDeps & { logger?: SyncLogger }): SyncDeps {
  return { db: deps.db, clock: deps.clock, secret: deps.secret, mappers: hrisWireMappers, logger: deps.logger };
}
