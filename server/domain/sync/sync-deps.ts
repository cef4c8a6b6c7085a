import type { AnySource } from '../../connectors/data-source.ts';
import type { DomainDeps } from '../deps.ts';
import type { HrisWireMappers } from '../hris/wire-mappers.ts';

/** Where sync failures and progress are reported (a pino logger fits). */
export interface SyncLogger {
  info(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** What the sync engine needs besides the domain I/O. */
export interface SyncDeps extends DomainDeps {
  /** Renders each record's wire JSON once, at write time (the HTTP layer's HRIS mappers). */
  mappers: HrisWireMappers;
  logger?: SyncLogger;
  /** The data source of a tool. @default the connector registry's `source` */
  sourceFor?: (tool: string) => AnySource | undefined;
  /** An integration's decrypted credentials. @default loadIntegrationCredentials */
  credentialsFor?: (integrationId: string) => Promise<Record<string, string>>;
  /** Names this process in `sync_runs.worker`. @default `pid-<pid>` */
  workerId?: string;
  /**
   * The store the sync writes to. On PostgreSQL readers never wait for a writing transaction, so a
   * sync writes its rows in its one transaction; on PGlite (and when unknown) it stages them in small
   * batches first so the final transaction stays short. @default 'pglite'
   */
  storeKind?: 'pglite' | 'postgres';
  /** Cancels the run's source read (shutdown, job timeout): the run fails and the previous snapshot stays. */
  signal?: AbortSignal;
}
