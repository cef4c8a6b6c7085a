import type { Db } from '../../store/db.ts';
import { appendAudit } from '../audit.ts';
import type { Actor, DomainDeps } from '../deps.ts';

/** A tenant's console security settings. */
export interface ConsoleSettings {
  /** Every user without MFA enrols at their next sign-in. @default false */
  requireMfa: boolean;
}

export async function getConsoleSettings(db: Db, tenantId: string): Promise<ConsoleSettings> {
  const row = await db.selectFrom('console_tenant_settings').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
  return { requireMfa: row?.require_mfa ?? false };
}

/** Changes the settings, with their audit row. */
export async function setRequireMfa(deps: DomainDeps, by: Actor, tenantId: string, requireMfa: boolean): Promise<ConsoleSettings> {
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    const before = await getConsoleSettings(trx, tenantId);
    await trx
      .insertInto('console_tenant_settings')
      .values({ tenant_id: tenantId, require_mfa: requireMfa })
      .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ require_mfa: requireMfa }))
      .execute();
    await appendAudit(trx, by, {
      tenantId,
      environmentId: null,
      action: 'console_settings.changed',
      targetType: 'tenant',
      targetId: tenantId,
      before: { require_mfa: before.requireMfa },
      after: { require_mfa: requireMfa },
      at: now,
    });
    return { requireMfa };
  });
}
