import type { Db } from '../store/db.ts';
import type { ApiKeysTable, EnvironmentKind } from '../store/schema.ts';
import type { Selectable } from 'kysely';
import { displayPrefix, generateApiKey } from './api-key-format.ts';
import { appendAudit } from './audit.ts';
import { appendRevocation } from './revocations.ts';
import type { Actor, StoreDeps } from './deps.ts';
import { AppError, inputInvalid } from './errors.ts';
import { newId } from './ids.ts';
import { type AllowlistOptions, normaliseAllowlist } from './ip-allowlist.ts';
import { keyedHash } from './secrets.ts';
import { getEnvironment } from './tenants.ts';

/** An API key as operators see it: never the key itself. */
export interface ApiKeyInfo {
  id: string;
  environmentId: string;
  environment: EnvironmentKind;
  name: string | null;
  displayPrefix: string;
  createdAt: Date;
  expiresAt: Date | null;
  disabledAt: Date | null;
  lastUsedAt: Date | null;
  ipAllowlist: string[];
}

export interface CreateApiKeyInput {
  tenantId: string;
  environment: EnvironmentKind;
  name?: string | null;
  expiresAt?: Date | null;
  ipAllowlist?: readonly string[];
  /** Accept an allowlist entry that allows every address (see normaliseAllowlist). @default false */
  allowAll?: boolean;
  /** How the caller asks for allow-all (see AllowlistOptions). */
  allowAllHint?: string;
}

const toInfo = (row: Selectable<ApiKeysTable>, environment: EnvironmentKind): ApiKeyInfo => ({
  id: row.id,
  environmentId: row.environment_id,
  environment,
  name: row.name,
  displayPrefix: row.display_prefix,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  disabledAt: row.disabled_at,
  lastUsedAt: row.last_used_at,
  ipAllowlist: row.ip_allowlist,
});

/** What the audit log keeps of a key: its settings, never secret material. */
const auditView = (k: ApiKeyInfo) => ({
  name: k.name,
  environment: k.environment,
  display_prefix: k.displayPrefix,
  expires_at: k.expiresAt?.toISOString() ?? null,
  disabled_at: k.disabledAt?.toISOString() ?? null,
  ip_allowlist: k.ipAllowlist,
});

/**
 * Creates a key and its audit row in one transaction. The plaintext key is returned here once and
 * stored nowhere: the database keeps only its keyed hash and a short display prefix.
 */
export async function createApiKey(
  deps: StoreDeps,
  by: Actor,
  input: CreateApiKeyInput,
): Promise<{ key: string; info: ApiKeyInfo }> {
  const now = deps.clock();
  if (input.expiresAt && input.expiresAt.getTime() <= now.getTime()) {
    throw inputInvalid('expires_at must be in the future.');
  }
  if (input.name !== undefined && input.name !== null && (input.name.length === 0 || input.name.length > 200)) {
    throw inputInvalid('name must be 1 to 200 characters.');
  }
  const allowlist = normaliseAllowlist(input.ipAllowlist ?? [], { allowAll: input.allowAll, allowAllHint: input.allowAllHint });
  const environment = await getEnvironment(deps.db, input.tenantId, input.environment);
  const key = generateApiKey(input.environment);
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('api_keys')
      .values({
        id: newId(),
        environment_id: environment.id,
        name: input.name ?? null,
        display_prefix: displayPrefix(key),
        key_hash: keyedHash(deps.secret, key),
        created_at: now,
        expires_at: input.expiresAt ?? null,
        ip_allowlist: JSON.stringify(allowlist),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const info = toInfo(row, input.environment);
    await appendAudit(trx, by, {
      tenantId: input.tenantId,
      environmentId: environment.id,
      action: 'api_key.created',
      targetType: 'api_key',
      targetId: info.id,
      before: null,
      after: auditView(info),
      at: now,
    }, deps.secret);
    return { key, info };
  });
}

/** Every key of a tenant (both environments), oldest first. */
export async function listApiKeys(db: Db, tenantId: string): Promise<ApiKeyInfo[]> {
  const rows = await db
    .selectFrom('api_keys')
    .innerJoin('environments', 'environments.id', 'api_keys.environment_id')
    .selectAll('api_keys')
    .select('environments.kind')
    .where('environments.tenant_id', '=', tenantId)
    .orderBy('api_keys.created_at')
    .orderBy('api_keys.id')
    .execute();
  return rows.map((r) => toInfo(r, r.kind));
}

async function lockKey(trx: Db, tenantId: string, id: string): Promise<ApiKeyInfo> {
  const row = await trx
    .selectFrom('api_keys')
    .innerJoin('environments', 'environments.id', 'api_keys.environment_id')
    .selectAll('api_keys')
    .select('environments.kind')
    .where('environments.tenant_id', '=', tenantId)
    .where('api_keys.id', '=', id)
    .forUpdate('api_keys')
    .executeTakeFirst();
  if (!row) throw inputInvalid(`No API key with ID '${id}' exists.`);
  return toInfo(row, row.kind);
}

/** Disables a key immediately and for good (there is no path back), with its audit row. Idempotent. */
export async function disableApiKey(deps: StoreDeps, by: Actor, tenantId: string, id: string): Promise<ApiKeyInfo> {
  const result = await deps.db.transaction().execute(async (trx) => {
    const before = await lockKey(trx, tenantId, id);
    if (before.disabledAt) return before;
    const now = deps.clock();
    const { key_hash: keyHash } = await trx
      .updateTable('api_keys')
      .set({ disabled_at: now })
      .where('id', '=', id)
      .returning('key_hash')
      .executeTakeFirstOrThrow();
    await appendRevocation(trx, deps.secret, { keyId: id, keyHash, at: now });
    const after = { ...before, disabledAt: now };
    await appendAudit(trx, by, {
      tenantId,
      environmentId: before.environmentId,
      action: 'api_key.disabled',
      targetType: 'api_key',
      targetId: id,
      before: auditView(before),
      after: auditView(after),
      at: now,
    }, deps.secret);
    return after;
  });
  deps.authCache?.clear();
  return result;
}

/** Replaces a key's IP allowlist (empty allows any address), validated and normalised, with its audit row. */
export async function setApiKeyAllowlist(
  deps: StoreDeps,
  by: Actor,
  tenantId: string,
  id: string,
  entries: readonly string[],
  options: AllowlistOptions = {},
): Promise<ApiKeyInfo> {
  const allowlist = normaliseAllowlist(entries, options);
  const result = await deps.db.transaction().execute(async (trx) => {
    const before = await lockKey(trx, tenantId, id);
    if (before.disabledAt) throw inputInvalid(`API key '${id}' is disabled; its allowlist can no longer change.`);
    const now = deps.clock();
    await trx
      .updateTable('api_keys')
      .set({ ip_allowlist: JSON.stringify(allowlist) })
      .where('id', '=', id)
      .execute();
    const after = { ...before, ipAllowlist: allowlist };
    await appendAudit(trx, by, {
      tenantId,
      environmentId: before.environmentId,
      action: 'api_key.allowlist_changed',
      targetType: 'api_key',
      targetId: id,
      before: auditView(before),
      after: auditView(after),
      at: now,
    }, deps.secret);
    return after;
  });
  deps.authCache?.clear();
  return result;
}

/** Fails unless the key exists in the tenant; used by callers that must name a key precisely. */
export async function getApiKey(db: Db, tenantId: string, id: string): Promise<ApiKeyInfo> {
  const row = await db
    .selectFrom('api_keys')
    .innerJoin('environments', 'environments.id', 'api_keys.environment_id')
    .selectAll('api_keys')
    .select('environments.kind')
    .where('environments.tenant_id', '=', tenantId)
    .where('api_keys.id', '=', id)
    .executeTakeFirst();
  if (!row) throw new AppError('PLATFORM.INPUT_INVALID', `No API key with ID '${id}' exists.`);
  return toInfo(row, row.kind);
}
