import { parseApiKey } from './api-key-format.ts';
import type { CachedKey } from './auth-cache.ts';
import { batchBehind } from './batch-behind.ts';
import type { StoreDeps } from './deps.ts';
import { AppError } from './errors.ts';
import { isIpAllowed } from './ip-allowlist.ts';
import { digestsEqual, keyedHash } from './secrets.ts';
import type { Db } from '../store/db.ts';
import type { EnvironmentKind } from '../store/schema.ts';

/** Who a request is, once its key checked out. */
export interface Principal {
  keyId: string;
  tenantId: string;
  environmentId: string;
  environment: EnvironmentKind;
}

/** `last_used_at` is written at most this often per key, so authentication stays a read on the hot path. */
const LAST_USED_RESOLUTION_MS = 60_000;

const invalid = (message: string) => new AppError('PLATFORM.AUTHENTICATION_INVALID', message);

/** Extracts the bearer token of an `Authorization` header, or explains what is wrong with it. */
export function bearerToken(header: string | undefined): string {
  if (!header) throw invalid("Missing API key. Send it as 'Authorization: Bearer <api key>'.");
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw invalid("Malformed Authorization header. Expected 'Bearer <api key>'.");
  return match[1]!;
}

/**
 * Authenticates a presented key: format and checksum first (no database read for garbage), then its
 * state by keyed hash, compared in constant time. On PostgreSQL every request reads the database, so a
 * key disabled by any instance fails on the very next request everywhere; the embedded store's single
 * process answers from its auth cache, which every key mutation clears.
 */
export async function authenticate(deps: StoreDeps, presented: string, clientIp: string | undefined): Promise<Principal> {
  if (!parseApiKey(presented)) throw invalid('The API key is malformed. Check that it was copied completely.');
  const hash = deps.keyHashes ? deps.keyHashes.of(presented) : keyedHash(deps.secret, presented);
  const key = deps.authCache?.get(hash) ?? (await readKey(deps, hash));
  if (!key || !digestsEqual(key.keyHash, hash)) throw invalid('The API key is invalid.');
  const now = deps.clock();
  if (key.disabledAt) throw invalid('The API key has been disabled. Create a new key.');
  if (key.expiresAt && key.expiresAt.getTime() <= now.getTime()) {
    throw invalid(`The API key expired at ${key.expiresAt.toISOString()}. Create a new key.`);
  }
  if (!isIpAllowed(key.ipAllowlist, clientIp)) {
    throw new AppError('PLATFORM.IP_NOT_WHITELISTED', `Requests from IP address ${clientIp ?? 'unknown'} are not allowed for this API key.`);
  }
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    // Noted before the write: the callers sharing this read (and the cache) need not write it again.
    key.lastUsedAt = now;
    await deps.db.updateTable('api_keys').set({ last_used_at: now }).where('id', '=', key.keyId).execute();
  }
  deps.keyHashes?.remember(presented, hash);
  return { keyId: key.keyId, tenantId: key.tenantId, environmentId: key.environmentId, environment: key.environment };
}

/** Reads a key's state by keyed hash (undefined: no such key). */
export type KeyReader = (hash: string) => Promise<CachedKey | undefined>;

/**
 * This process's key reads: concurrent requests with one key share a read, but never one that began
 * before their request arrived (see `batchBehind`), so a key disabled by any instance still fails on the
 * very next request. Built once per process by the composition root.
 */
export function batchedKeyReader(db: Db): KeyReader {
  return batchBehind(async (hash, callers) => {
    const key = await readKeyRow(db, hash);
    return Array.from({ length: callers }, () => key);
  });
}

/** Reads through the process's key reader (one read per call without one); remembered in the auth cache when the process has one. */
async function readKey(deps: StoreDeps, hash: string): Promise<CachedKey | undefined> {
  const key = await (deps.keyReader ?? ((h: string) => readKeyRow(deps.db, h)))(hash);
  if (key) deps.authCache?.set(hash, key);
  return key;
}

/** One indexed read by keyed hash. */
async function readKeyRow(db: Db, hash: string): Promise<CachedKey | undefined> {
  const row = await db
    .selectFrom('api_keys')
    .innerJoin('environments', 'environments.id', 'api_keys.environment_id')
    .select([
      'api_keys.id',
      'api_keys.key_hash',
      'api_keys.expires_at',
      'api_keys.disabled_at',
      'api_keys.last_used_at',
      'api_keys.ip_allowlist',
      'environments.id as environment_id',
      'environments.tenant_id',
      'environments.kind',
      // The revocation list outlives the key row: a disabled key deleted and inserted again stays disabled.
      (eb) =>
        eb
          .selectFrom('api_key_revocations')
          .select((r) => r.fn.min('api_key_revocations.revoked_at').as('revoked_at'))
          .whereRef('api_key_revocations.key_hash', '=', 'api_keys.key_hash')
          .as('revoked_at'),
    ])
    .where('api_keys.key_hash', '=', hash)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    keyId: row.id,
    keyHash: row.key_hash,
    tenantId: row.tenant_id,
    environmentId: row.environment_id,
    environment: row.kind,
    expiresAt: row.expires_at,
    disabledAt: row.disabled_at ?? row.revoked_at,
    lastUsedAt: row.last_used_at,
    ipAllowlist: row.ip_allowlist,
  };
}
