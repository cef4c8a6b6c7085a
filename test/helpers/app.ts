import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { type AppDeps, createApp } from '../../server/app.ts';
import { createDeps } from '../../server/composition-root.ts';
import type { Connector } from '../../server/connectors/types.ts';
import { startSyncWorkers, type SyncWorkerOptions } from '../../server/domain/sync/sync-jobs.ts';
import { createApiKey } from '../../server/domain/api-keys.ts';
import type { Actor, Clock, DomainDeps } from '../../server/domain/deps.ts';
import { createTenant, getEnvironment } from '../../server/domain/tenants.ts';
import { createLogger } from '../../server/logger.ts';
import type { Store } from '../../server/store/db.ts';
import type { EnvironmentKind } from '../../server/store/schema.ts';

/** One secret per test worker, like a server's. */
export const TEST_SECRET = crypto.randomBytes(32);

export const TEST_ACTOR: Actor = { actor: 'test', source: 'test' };

/** A running app on an ephemeral port, with every log line it wrote. */
export interface TestApp {
  url: string;
  deps: AppDeps;
  /** Every log line (raw JSON text) the app wrote so far. */
  logs: string[];
  close(): Promise<void>;
}

export interface StartAppOptions {
  clock?: Clock;
  /** Start the job queue (as a server does). `false` for an app over a store that is already closed. @default true */
  jobs?: boolean;
  config?: Partial<AppDeps['config']>;
  /** Listen address. `'::'` gives a dual-stack socket (IPv4 clients appear as `::ffff:a.b.c.d`). @default '127.0.0.1' */
  host?: string;
  /** Smaller limits than DEFAULT_THROTTLE, for tests that reach them. */
  throttle?: AppDeps['throttle'];
  /** The tools the app knows (a test's own fake tool, for instance). @default the Sandbox */
  connectors?: readonly Connector[];
  /** Run sync workers in the app, as a server does (without the cron schedule unless given). @default false */
  workers?: boolean | SyncWorkerOptions;
  /** The level of `app.logs`; 'debug' also keeps the request lines of successful requests. @default 'info' */
  logLevel?: 'debug' | 'info';
}

/**
 * The deps a server would build (server/composition-root.ts) over a test store, for tests that call
 * the domain without HTTP; its job queue has a schema of its own. Stop `deps.jobs` when done.
 */
export async function testDeps(store: Store, overrides: { clock?: Clock; connectors?: readonly Connector[]; secret?: Buffer; workerName?: string; jobSchema?: string } = {}): Promise<AppDeps> {
  const config = { publicUrl: 'http://localhost', trustProxy: false as const, rateLimitPerMinute: 10_000, databaseUrl: undefined, dataDir: '', secretKey: undefined };
  const { deps } = await createDeps(config, createLogger('silent'), {
    store,
    clock: overrides.clock,
    secret: overrides.secret ?? TEST_SECRET,
    connectors: overrides.connectors,
    jobSchema: overrides.jobSchema ?? `pgboss_${crypto.randomBytes(6).toString('hex')}`,
  });
  if (overrides.workerName) deps.workerId = overrides.workerName;
  return deps;
}

/** Starts the real app in-process on port 0 over a test store. */
export async function startApp(store: Store, options: StartAppOptions = {}): Promise<TestApp> {
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const config = { publicUrl: 'http://localhost', trustProxy: false as const, rateLimitPerMinute: 10_000, ...options.config };
  const { deps } = await createDeps({ ...config, databaseUrl: undefined, dataDir: '', secretKey: undefined }, createLogger(options.logLevel ?? 'info', sink), {
    store,
    clock: options.clock,
    secret: TEST_SECRET,
    connectors: options.connectors,
    // A job schema per app: its jobs run only with its own clock and connectors.
    jobSchema: `pgboss_${crypto.randomBytes(6).toString('hex')}`,
    superviseJobs: options.jobs ?? true,
  });
  const workerOptions = options.workers === true ? {} : options.workers || undefined;
  const stopWorkers = workerOptions
    ? await startSyncWorkers(deps, { scheduleCron: null, pollingIntervalSeconds: 0.5, ...workerOptions })
    : async () => {};
  if (options.throttle) deps.throttle = options.throttle;
  const server = createApp(deps).listen(0, options.host ?? '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  deps.config.publicUrl = options.config?.publicUrl ?? url;
  return {
    url,
    deps,
    logs,
    close: async () => {
      await stopWorkers();
      await deps.jobs.stop({ graceMs: 1000 });
      await new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      });
    },
  };
}

/** A tenant of its own for one test (tests share a store, never a tenant). */
export interface TestTenant {
  id: string;
  environments: Record<EnvironmentKind, string>;
}

export async function createTestTenant(store: Store): Promise<TestTenant> {
  const { id } = await createTenant(store.db, `t-${crypto.randomUUID()}`, 'Test tenant');
  const [production, development] = await Promise.all([
    getEnvironment(store.db, id, 'production'),
    getEnvironment(store.db, id, 'development'),
  ]);
  return { id, environments: { production: production.id, development: development.id } };
}

/** Creates an API key in a tenant's environment and returns its plaintext and ID. */
export async function createTestKey(
  deps: DomainDeps,
  tenant: TestTenant,
  environment: EnvironmentKind = 'development',
  extra: { expiresAt?: Date; ipAllowlist?: string[]; name?: string } = {},
): Promise<{ key: string; id: string }> {
  const { key, info } = await createApiKey(deps, TEST_ACTOR, { tenantId: tenant.id, environment, ...extra });
  return { key, id: info.id };
}

/** fetch with a bearer key and JSON body; returns status, headers and parsed JSON. */
export async function call(
  url: string,
  key: string | null,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Headers; body: any }> {
  const headers: Record<string, string> = { ...init.headers };
  if (key) headers.authorization = `Bearer ${key}`;
  if (init.body !== undefined) headers['content-type'] ??= 'application/json';
  const res = await fetch(url, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Non-JSON stays text so a test can assert on it.
  }
  return { status: res.status, headers: res.headers, body };
}

/** A `log_url` of a recorded `/v1` request: its entry in the console (`<public url>/dashboard/logs/<request id>`). */
export const LOG_URL = /^https?:\/\/[^/]+\/dashboard\/logs\/[A-Za-z0-9._-]+$/;

/**
 * The Kombo error envelope a test expects, with the message matched loosely unless given exactly.
 * `log_url` is null, or (for an authenticated `/v1` request, which the request log records) a link to
 * its entry; tests of the request log assert the exact link.
 */
export function errorEnvelope(code: string, title: string, message: unknown = expect.any(String)) {
  return { status: 'error', error: { code, title, message, log_url: expect.toBeOneOf([null, expect.stringMatching(LOG_URL)]) } };
}
