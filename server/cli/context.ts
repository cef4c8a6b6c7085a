import os from 'node:os';
import { loadConfig } from '../config.ts';
import type { Actor, DomainDeps } from '../domain/deps.ts';
import { ensureDefaultTenant, findTenant } from '../domain/tenants.ts';
import { loadSecret } from '../secret-key.ts';
import { openStore } from '../store/db.ts';
import { storeUsesSecret } from '../store/queries/secret-use.ts';

/** What a CLI command works with: the domain deps, the tenant it acts on, and who is acting. */
export interface CliContext {
  deps: DomainDeps;
  tenantId: string;
  actor: Actor;
  config: ReturnType<typeof loadConfig>;
}

/** Thrown for problems the user can fix; printed without a stack, exit code 1. */
export class CliError extends Error {}

/**
 * Opens the same store the server uses (refusing clearly while a server holds an embedded data
 * directory), runs `fn`, and always closes the store.
 */
export async function withContext<T>(tenant: string | undefined, fn: (ctx: CliContext) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2, migrate: config.databaseMigrate });
  try {
    const deps: DomainDeps = { db: store.db, clock: () => new Date(), secret: loadSecret(config.secretKey, config.dataDir, { storeUsesSecret: await storeUsesSecret(store.db) }) };
    let tenantId: string;
    if (tenant) {
      const found = await findTenant(store.db, tenant);
      if (!found) throw new CliError(`No tenant '${tenant}'.`);
      tenantId = found.id;
    } else {
      tenantId = (await ensureDefaultTenant(store.db)).id;
    }
    const actor: Actor = { actor: `cli:${os.userInfo().username}@${os.hostname()}`, source: 'cli' };
    return await fn({ deps, tenantId, actor, config });
  } finally {
    await store.close();
  }
}
