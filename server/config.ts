import path from 'node:path';
import { z } from 'zod';

/** Everything the server reads from its environment; this module is the only reader of `process.env`. */
export interface Config {
  /** @default 3000 */
  port: number;
  /** @default '127.0.0.1' */
  host: string;
  /** Origin the flow page and links are served from. @default `http://localhost:${port}` */
  publicUrl: string;
  /** Whether `PUBLIC_URL` was set (else the CLI uses the URL the server last started with). */
  publicUrlFromEnv: boolean;
  /** Embedded store directory (also holds the generated secret when `SECRET_KEY` is unset). @default './data' */
  dataDir: string;
  /** PostgreSQL URL; when set the embedded store is not used. */
  databaseUrl: string | undefined;
  /** Express `trust proxy` value: `false` unless `TRUST_PROXY` names proxies (CIDRs, `loopback`, a hop count). */
  trustProxy: false | number | string[];
  /** Requests per key per minute. @default 300 */
  rateLimitPerMinute: number;
  /** pino level. @default 'info' */
  logLevel: string;
  /** Server secret for keyed hashes and credential encryption (base64/hex, >= 32 bytes); generated into DATA_DIR when unset. */
  secretKey: string | undefined;
  /** Port of the demo vendor app. @default 3001 */
  demoPort: number;
  /** PostgreSQL: longest wait for a connection, new or pooled. @default 5000 */
  dbConnectTimeoutMs: number;
  /** PostgreSQL: longest a statement may run. @default 5000 */
  dbStatementTimeoutMs: number;
  /** Longest a client may take to send a request's headers. @default 10000 */
  headersTimeoutMs: number;
  /** Longest a client may take to send a whole request, body included. @default 30000 */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection stays open. @default 5000 */
  keepAliveTimeoutMs: number;
  /** Most open connections one client address may hold. @default 64 */
  maxConnectionsPerClient: number;
  /**
   * Apply pending migrations on start. `DATABASE_MIGRATE=false` lets the server run as a database role
   * that owns nothing, with the owner running `npm run cli -- db migrate`. @default true
   */
  databaseMigrate: boolean;
  /** `LOG_FORMAT`: JSON lines or human-readable lines; unset picks readable lines on a terminal, JSON otherwise. */
  logFormat: 'json' | 'pretty' | undefined;
  /** Tool ID -> origin replacing the tool's documented API origin (`TOOL_ORIGIN_<TOOL>`, e.g. `TOOL_ORIGIN_BAMBOOHR`). @default {} */
  toolOrigins: Record<string, string>;
}

const port = z.coerce.number().int().min(0).max(65535);

const schema = z.object({
  PORT: port.default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().min(1).optional(),
  TRUST_PROXY: z.string().optional(),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SECRET_KEY: z.string().min(32).optional(),
  DEMO_PORT: port.default(3001),
  DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
  HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
  MAX_CONNECTIONS_PER_CLIENT: z.coerce.number().int().min(1).default(64),
  DATABASE_MIGRATE: z.enum(['true', 'false']).default('true'),
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
});

/** Parses `TRUST_PROXY`: unset/`false` trusts nobody; a number trusts that many hops; otherwise a list of addresses/CIDRs/names. */
export function parseTrustProxy(value: string | undefined): Config['trustProxy'] {
  const v = value?.trim();
  if (!v || v === 'false' || v === '0') return false;
  if (/^\d+$/.test(v)) return Number(v);
  return v.split(',').map((s) => s.trim()).filter(Boolean);
}

/**
 * Reads every `TOOL_ORIGIN_<TOOL>` variable: an http(s) origin (scheme, host, optional port; no path)
 * keyed by the lower-case tool ID. Throws naming each variable that is not an origin.
 */
export function parseToolOrigins(env: NodeJS.ProcessEnv): Record<string, string> {
  const origins: Record<string, string> = {};
  const bad: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    const match = /^TOOL_ORIGIN_([A-Z0-9_]+)$/.exec(name);
    if (!match || value === undefined || value === '') continue;
    let url: URL | null = null;
    try {
      url = new URL(value);
    } catch {
      url = null;
    }
    const isOrigin = url && /^https?:$/.test(url.protocol) && (url.pathname === '/' || url.pathname === '') && !url.search && !url.hash && !url.username;
    if (!isOrigin) bad.push(`  ${name}: expected an origin such as http://127.0.0.1:9100`);
    else origins[match[1]!.toLowerCase()] = url!.origin;
  }
  if (bad.length) throw new Error(`Invalid configuration:\n${bad.join('\n')}`);
  return origins;
}

/** Reads and validates the configuration; throws a readable error naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    publicUrlFromEnv: e.PUBLIC_URL !== undefined,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    logLevel: e.LOG_LEVEL,
    secretKey: e.SECRET_KEY,
    demoPort: e.DEMO_PORT,
    dbConnectTimeoutMs: e.DB_CONNECT_TIMEOUT_MS,
    dbStatementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS,
    headersTimeoutMs: e.HEADERS_TIMEOUT_MS,
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    keepAliveTimeoutMs: e.KEEP_ALIVE_TIMEOUT_MS,
    maxConnectionsPerClient: e.MAX_CONNECTIONS_PER_CLIENT,
    databaseMigrate: e.DATABASE_MIGRATE === 'true',
    logFormat: e.LOG_FORMAT,
    toolOrigins: parseToolOrigins(env),
  };
}

/**
 * The environment for a child process that builds production assets: ours, with NODE_ENV=production
 * (test runners set `test`, and Vite would then ship development JSX and preact/debug).
 */
export function productionBuildEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...env, NODE_ENV: 'production' };
}
