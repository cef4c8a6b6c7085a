import os from 'node:os';
import { createDeps } from '../composition-root.ts';
import { loadConfig } from '../config.ts';
import type { Actor, DomainDeps } from '../domain/deps.ts';
import { ensureDefaultTenant, findTenant } from '../domain/tenants.ts';
import { createLogger } from '../logger.ts';

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
  // Warnings only, on stderr: stdout carries the command's output.
  const { deps, store, close } = await createDeps(config, createLogger('warn', process.stderr), { poolSize: 2, superviseJobs: false, startJobs: true });
  try {
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
    await close();
  }
}
