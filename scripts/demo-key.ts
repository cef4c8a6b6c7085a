import { PlugboardClient } from '../demo/server/plugboard-client.ts';
import { toDemoError } from '../demo/server/demo-error.ts';
import type { DemoStore } from '../demo/server/demo-store.ts';
import { createApiKey } from '../server/domain/api-keys.ts';
import type { Actor, DomainDeps } from '../server/domain/deps.ts';
import { ensureDefaultTenant } from '../server/domain/tenants.ts';

/** Who created the demo's key, as the audit log records it. */
export const LAUNCHER_ACTOR: Actor = { actor: 'launcher', source: 'cli' };

/** The key's name in `npm run cli -- api-keys list`. */
export const DEMO_KEY_NAME = 'Demo app (created by npm start)';

/**
 * Makes sure the demo holds a development API key that authenticates: the stored one if Plugboard still
 * accepts it (a second `npm start`), otherwise a new one in the default tenant's development environment
 * (first start, a new database, a disabled or expired key), or in `tenantId` when given (tests). The key goes into the demo's own store and is
 * never printed or logged. `plugboard` is the running server (its URL and domain deps).
 * @returns whether a new key was created
 */
export async function ensureDemoKey(plugboard: { url: string; deps: DomainDeps }, store: DemoStore, tenantId?: string): Promise<boolean> {
  const stored = store.apiKey;
  if (stored) {
    try {
      await new PlugboardClient(plugboard.url, () => stored).checkApiKey();
      return false;
    } catch (err) {
      if (toDemoError(err, plugboard.url).code !== 'PLATFORM.AUTHENTICATION_INVALID') throw err;
    }
  }
  const tenant = tenantId ?? (await ensureDefaultTenant(plugboard.deps.db)).id;
  const { key } = await createApiKey(plugboard.deps, LAUNCHER_ACTOR, { tenantId: tenant, environment: 'development', name: DEMO_KEY_NAME });
  store.setApiKey(key);
  return true;
}
