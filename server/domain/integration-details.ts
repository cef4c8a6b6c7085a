import type { Db } from '../store/db.ts';
import { listRuns, type SyncRunRow } from '../store/queries/hris-sync-runs.ts';
import { getIntegration, type IntegrationRecord, type IntegrationScope } from './integrations.ts';

/** How many recent sync runs the details page shows. */
export const SYNC_HISTORY_LENGTH = 20;

/** An integration with its recent sync runs (newest first), for the console's details page. */
export interface IntegrationDetails {
  integration: IntegrationRecord;
  runs: SyncRunRow[];
}

/** One integration of `scope` (INTEGRATION_NOT_FOUND otherwise) and its sync history. */
export async function getIntegrationDetails(db: Db, scope: IntegrationScope, id: string): Promise<IntegrationDetails> {
  const integration = await getIntegration(db, scope, id);
  return { integration, runs: await listRuns(db, integration.id, SYNC_HISTORY_LENGTH) };
}
