import type { Db } from '../../store/db.ts';
import type { EnvironmentKind } from '../../store/schema.ts';
import { apiKeyCreators } from '../api-key-creators.ts';
import { type ApiKeyInfo, getApiKey, listApiKeys } from '../api-keys.ts';
import { inputInvalid } from '../errors.ts';

/** The console's keys page: one environment's keys, oldest first, each with who created it. */
export async function listEnvironmentKeys(db: Db, tenantId: string, environment: EnvironmentKind): Promise<{ key: ApiKeyInfo; createdBy: string | null }[]> {
  const keys = (await listApiKeys(db, tenantId)).filter((k) => k.environment === environment);
  const creators = await apiKeyCreators(
    db,
    tenantId,
    keys.map((k) => k.id),
  );
  return keys.map((key) => ({ key, createdBy: creators.get(key.id) ?? null }));
}

/** Fails unless the key exists in this environment: a key of the other environment is as unknown here as one that does not exist. */
export async function requireEnvironmentKey(db: Db, tenantId: string, environment: EnvironmentKind, id: string): Promise<ApiKeyInfo> {
  const key = await getApiKey(db, tenantId, id);
  if (key.environment !== environment) throw inputInvalid(`No API key with ID '${id}' exists.`);
  return key;
}
