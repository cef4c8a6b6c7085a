import { parseApiKey } from './api-key-format.ts';
import type { DomainDeps } from './deps.ts';
import { AppError } from './errors.ts';
import { isIpAllowed } from './ip-allowlist.ts';
import { digestsEqual, keyedHash } from './secrets.ts';
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
 * Authenticates a presented key: format and checksum first (no database read for garbage), then one
 * indexed read by keyed hash, compared in constant time. Every check reads the database, so a key
 * disabled by any instance fails on the very next request everywhere.
 */
export async function authenticate(deps: DomainDeps, presented: string, clientIp: string | undefined): Promise<Principal> {
  if (!parseApiKey(presented)) throw invalid('The API key is malformed. Check that it was copied completely.');
  const hash = keyedHash(deps.secret, presented);
  const row = await deps.db
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
    ])
    .where('api_keys.key_hash', '=', hash)
    .executeTakeFirst();
  if (!row || !digestsEqual(row.key_hash, hash)) throw invalid('The API key is invalid.');
  const now = deps.clock();
  if (row.disabled_at) throw invalid('The API key has been disabled. Create a new key.');
  if (row.expires_at && row.expires_at.getTime() <= now.getTime()) {
    throw invalid(`The API key expired at ${row.expires_at.toISOString()}. Create a new key.`);
  }
  if (!isIpAllowed(row.ip_allowlist, clientIp)) {
    throw new AppError('PLATFORM.IP_NOT_WHITELISTED', `Requests from IP address ${clientIp ?? 'unknown'} are not allowed for this API key.`);
  }
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() >= LAST_USED_RESOLUTION_MS) {
    await deps.db.updateTable('api_keys').set({ last_used_at: now }).where('id', '=', row.id).execute();
  }
  return { keyId: row.id, tenantId: row.tenant_id, environmentId: row.environment_id, environment: row.kind };
}
