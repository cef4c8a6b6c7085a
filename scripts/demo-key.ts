import { PlugboardClient } from '../demo/server/plugboard-client.ts';
import { toDemoError } from '../demo/server/demo-error.ts';
import type { DemoStore } from '../demo/server/demo-store.ts';
import { createApiKey } from '../server/domain/api-keys.ts';
import type { Actor } from '../server/domain/deps.ts';
import { ensureDefaultTenant } from '../server/domain/tenants.ts';
import type { RunningServer } from '../server/start.ts';

/** Who created the demo's key, as the audit log records it. */
export const LAUNCHER_ACTOR: Actor = { actor: 'launcher', source: 'cli' };

/** The key's name in `npm run cli -- api-keys list`. */
export const DEMO_KEY_NAME = 'Demo app (created by npm start)';

/**
 * Makes sure the demo holds a development API key that authenticates: the stored one if Plugboard still
 * accepts it (a second `npm start`), otherwise a new one in the default tenant's development environment
 * (first start, a new database, a disabled or expired key). The key goes into the demo's own store and is
 * never printed or logged.
 * @returns whether a new key was created
 */
export async function ensureDemoKey(server: RunningServer, store: DemoStore): Promise<boolean> {
  const stored = store.apiKey;
  if (stored) {
    try {
      await new PlugboardClient(server.url, () => stored).checkApiKey();
      return false;
    } catch (err) {
      if (toDemoError(err, server.url).code !== 'PLATFORM.AUTHENTICATION_INVALID') throw err;
    }
  }
  const tenant = await ensureDefaultTenant(server.store.db);
  const { key } = await createApiKey(server.deps, LAUNCHER_ACTOR, { tenantId: tenant.id, environment: 'development', name: DEMO_KEY_NAME });
  store.setApiKey(key);
  return true;
}
