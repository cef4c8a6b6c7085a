import type { DomainDeps } from '../deps.ts';
import { ensureDefaultTenant } from '../tenants.ts';
import { consoleLink } from './tokens.ts';
import { ensureFirstAdminInvitation } from './users.ts';

/**
 * What `npm start` prints while the default tenant has no active console user: a fresh single-use
 * invitation link for a first admin (who chooses their email); null once someone has accepted.
 */
export async function firstAdminLink(deps: DomainDeps & { config: { publicUrl: string } }): Promise<string | null> {
  const tenant = await ensureDefaultTenant(deps.db);
  const token = await ensureFirstAdminInvitation(deps, tenant.id);
  return token === null ? null : consoleLink(deps.config.publicUrl, 'invitation', token);
}
