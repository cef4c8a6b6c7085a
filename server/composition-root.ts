import type { Config } from './config.ts';
import { type ConnectorRegistry, createConnectorRegistry } from './connectors/registry.ts';
import type { Connector } from './connectors/types.ts';
import type { AppDeps } from './deps.ts';
import { type ConnectorRuntime, createConnectorRuntime } from './connectors/http/runtime.ts';
import { AuthCache } from './domain/auth-cache.ts';
import { batchedKeyReader } from './domain/authenticate.ts';
import { connectorTokenStore } from './domain/connector-tokens.ts';
import type { Clock } from './domain/deps.ts';
import { JOB_QUEUES } from './domain/jobs/queues.ts';
import { KeyHashes } from './domain/key-hashes.ts';
import { databaseRateLimitCounter, memoryRateLimitCounter } from './domain/rate-limit.ts';
import { hrisWireMappers } from './http/mappers/hris/index.ts';
import { createPgBossQueue } from './jobs/pg-boss-queue.ts';
import type { Logger } from './logger.ts';
import { loadSecret } from './secret-key.ts';
import { openStore, type Store } from './store/db.ts';
import { storeUsesSecret } from './store/queries/secret-use.ts';
import { createRequestLogWriter } from './domain/request-logs/request-log-writer.ts';
import { requestLogInserter } from './domain/request-logs/request-logs.ts';

/** The configuration the dependency graph is built from. */
export type DepsConfig = Pick<Config, 'databaseUrl' | 'dataDir' | 'secretKey' | 'publicUrl' | 'trustProxy' | 'rateLimitPerMinute'> &
  Partial<Pick<Config, 'databaseMigrate' | 'dbConnectTimeoutMs' | 'dbStatementTimeoutMs' | 'toolOrigins'>>;

/** What a caller (a test, the bench, the CLI) may supply instead of the defaults. */
export interface DepsOverrides {
  /** An already open store; `close()` then leaves it open. @default opened from `config` */
  store?: Store;
  /** @default the system clock */
  clock?: Clock;
  /** @default loaded (or generated) from `config.secretKey` / `config.dataDir` */
  secret?: Buffer;
  /** The tools of this process, or a ready registry. @default the Sandbox */
  connectors?: readonly Connector[] | ConnectorRegistry;
  /** The HTTP connectors' runtime. @default built from `config.toolOrigins`, the logger and the store */
  connectorRuntime?: ConnectorRuntime;
  /** PostgreSQL pool size when the store is opened here. @default 10 */
  poolSize?: number;
  widgetDevMiddleware?: AppDeps['widgetDevMiddleware'];
  /** Called when the embedded store's data-directory lock is lost (another process may write the files now). */
  onLockLost?: () => void;
  /** Schema of the job queue's tables (tests use one per app, so their jobs stay theirs). @default 'pgboss' */
  jobSchema?: string;
  /**
   * Whether this process supervises the job queue (expiry, retention, cron) and starts it at once. The
   * CLI does neither: its commands start it on first use, if ever (they queue no job in a transaction).
   * @default true
   */
  superviseJobs?: boolean;
  /** Embedded store: run PGlite in a thread of its own (the server does, so the API's event loop never executes SQL). @default false */
  storeThread?: boolean;
  /** Start the job queue even without supervising it: the CLI queues jobs in its transactions (webhook deliveries). @default false */
  startJobs?: boolean;
}

/** A built dependency graph and how to release what it opened. */
export interface Composed {
  deps: AppDeps;
  store: Store;
  /** Stops the job queue (running jobs get `graceMs`, then stay resumable) and closes what `createDeps` opened (not an injected store). */
  close(options?: { graceMs?: number }): Promise<void>;
}

const isRegistry = (c: DepsOverrides['connectors']): c is ConnectorRegistry => !!c && !Array.isArray(c) && 'get' in c;

/**
 * The composition root: builds store, clock, secret, connector registry, caches and counters once, for
 * the server, the worker, the CLI, the tests, the bench and the scripts alike.
 */
export async function createDeps(config: DepsConfig, logger: Logger, overrides: DepsOverrides = {}): Promise<Composed> {
  const store =
    overrides.store ??
    (await openStore({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      poolSize: overrides.poolSize,
      migrate: config.databaseMigrate,
      connectTimeoutMs: config.dbConnectTimeoutMs,
      statementTimeoutMs: config.dbStatementTimeoutMs,
      onConnectionError: (err) => logger.warn({ err }, 'database connection lost; new connections are made on demand'),
      onNotice: (message, fields) => logger.info(fields, message),
      onLockLost: overrides.onLockLost,
      thread: overrides.storeThread,
      onThreadExit: (code) => logger.error({ code }, 'the embedded store thread ended; the store is unavailable'),
    }));
  let secret: Buffer;
  try {
    // The secret is checked against the store: a missing secret.key next to data sealed with it is refused.
    secret = overrides.secret ?? loadSecret(config.secretKey, config.dataDir, { storeUsesSecret: await storeUsesSecret(store.db) });
  } catch (err) {
    if (!overrides.store) await store.close();
    throw err;
  }
  const clock = overrides.clock ?? (() => new Date());
  // The HTTP connectors' runtime of this process: where each tool lives, their request log, their sealed
  // token store, one gate per integration. Tests and the bench may bring their own (pointing at fakes).
  const connectorRuntime =
    overrides.connectorRuntime ?? createConnectorRuntime({ origins: config.toolOrigins ?? {}, logger, tokenStore: connectorTokenStore({ db: store.db, secret, clock }) });
  const connectors = isRegistry(overrides.connectors) ? overrides.connectors : createConnectorRegistry(overrides.connectors);
  const jobs = createPgBossQueue(store, { queues: JOB_QUEUES, logger, schema: overrides.jobSchema, supervise: overrides.superviseJobs });
  // Started here, outside any transaction, so that the first job queued in one can be written at once.
  if (overrides.superviseJobs ?? true) await jobs.start();
  else if (overrides.startJobs) await jobs.start();
  const deps: AppDeps = {
    db: store.db,
    clock,
    secret,
    connectors,
    connectorRuntime,
    jobs,
    logger,
    mappers: hrisWireMappers,
    config: { publicUrl: config.publicUrl, trustProxy: config.trustProxy, rateLimitPerMinute: config.rateLimitPerMinute },
    storeKind: store.kind,
    // The embedded store is owned by this process alone, so key states and request counts can live here.
    authCache: store.kind === 'pglite' ? new AuthCache() : undefined,
    keyReader: batchedKeyReader(store.db),
    keyHashes: new KeyHashes(secret),
    rateLimits: store.kind === 'pglite' ? memoryRateLimitCounter({ clock }) : databaseRateLimitCounter({ db: store.db, clock }),
    ...(overrides.widgetDevMiddleware ? { widgetDevMiddleware: overrides.widgetDevMiddleware } : {}),
    requestLog: createRequestLogWriter({ insert: requestLogInserter(store.db), logger }),
  };
  const ownsStore = !overrides.store;
  const close = async (options: { graceMs?: number } = {}) => {
    // The last buffered request log entries are written while the store is still open.
    await deps.requestLog?.close();
    await deps.jobs.stop(options);
    if (ownsStore) await store.close();
  };
  return { deps, store, close };
}
