import type { Kysely } from 'kysely';
import { type Migration, type MigrationProvider, Migrator } from 'kysely';
import * as core from './0001-core.ts';
import * as connect from './0002-connect.ts';
import * as hris from './0003-hris.ts';
import * as hrisStaging from './0004-hris-staging.ts';
import * as jobs from './0005-jobs.ts';
import * as security from './0007-security.ts';
import * as consoleTeam from './0008-console.ts';
import * as settings from './0009-settings.ts';
import * as connectors from './0010-connectors.ts';
import * as webhooks from './0011-webhooks.ts';
import * as consoleIntegrations from './0012-console-integrations.ts';
import * as webhookJobs from './0015-webhook-jobs.ts';
import * as environmentScopes from './0014-environment-scopes.ts';
import * as requestLogs from './0013-request-logs.ts';
import * as rateLimitsUnlogged from './0016-rate-limits-unlogged.ts';
import * as requestLogIdHash from './0018-request-log-id-hash.ts';
import * as requestLogNoEnvironmentKey from './0019-request-log-no-environment-key.ts';
import * as integrationSearchTrigrams from './0020-integration-search-trigrams.ts';
import * as hrisRecordLookups from './0021-hris-record-lookups.ts';
import * as hrisLookupAttrs from './0022-hris-lookup-attrs.ts';
import * as hrisInlineRecords from './0023-hris-inline-records.ts';

/** Every migration in order. Names are fixed once released; add new files at the end. */
const MIGRATIONS: Record<string, Migration> = {
  '0001-core': core,
  '0002-connect': connect,
  '0003-hris': hris,
  '0004-hris-staging': hrisStaging,
  '0005-jobs': jobs,
  '0007-security': security,
  '0008-console': consoleTeam,
  '0009-settings': settings,
  '0010-connectors': connectors,
  '0011-webhooks': webhooks,
  '0012-console-integrations': consoleIntegrations,
  '0015-webhook-jobs': webhookJobs,
  '0014-environment-scopes': environmentScopes,
  '0013-request-logs': requestLogs,
  '0016-rate-limits-unlogged': rateLimitsUnlogged,
  '0018-request-log-id-hash': requestLogIdHash,
  '0019-request-log-no-environment-key': requestLogNoEnvironmentKey,
  '0020-integration-search-trigrams': integrationSearchTrigrams,
  '0021-hris-record-lookups': hrisRecordLookups,
  '0022-hris-lookup-attrs': hrisLookupAttrs,
  '0023-hris-inline-records': hrisInlineRecords,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/**
 * Applies every pending migration (each in its own transaction); throws with the failing migration's
 * error. Resolves with how many it applied.
 */
export async function migrateToLatest(db: Kysely<any>): Promise<number> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return results?.filter((r) => r.status === 'Success').length ?? 0;
}
