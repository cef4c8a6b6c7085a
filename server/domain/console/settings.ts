import type { Db } from '../../store/db.ts';
import { appendAudit } from '../audit.ts';
import type { Actor, StoreDeps } from '../deps.ts';
import { inputInvalid } from '../errors.ts';

/** What a tenant's plan includes. Self-hosted tenants include everything by default. */
export interface TenantFeatures {
  /** SSO (OIDC, SAML) may be configured. @default true */
  sso: boolean;
  /** The "require MFA" setting may be turned on. @default true */
  mfaEnforcement: boolean;
}

/** A tenant's console security settings and plan. */
export interface ConsoleSettings {
  /** Every user without MFA enrols at their next sign-in. @default false */
  requireMfa: boolean;
  features: TenantFeatures;
}

export async function getConsoleSettings(db: Db, tenantId: string): Promise<ConsoleSettings> {
  const row = await db.selectFrom('console_tenant_settings').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
  return {
    requireMfa: row?.require_mfa ?? false,
    features: { sso: row?.feature_sso ?? true, mfaEnforcement: row?.feature_mfa_enforcement ?? true },
  };
}

async function save(trx: Db, tenantId: string, s: ConsoleSettings): Promise<void> {
  const values = { require_mfa: s.requireMfa, feature_sso: s.features.sso, feature_mfa_enforcement: s.features.mfaEnforcement };
  await trx
    .insertInto('console_tenant_settings')
    .values({ tenant_id: tenantId, ...values })
    .onConflict((oc) => oc.column('tenant_id').doUpdateSet(values))
    .execute();
}

const auditView = (s: ConsoleSettings) => ({ require_mfa: s.requireMfa, features: { sso: s.features.sso, mfa_enforcement: s.features.mfaEnforcement } });

/** Turns "require MFA" on or off, with its audit row; turning it on needs the plan's MFA enforcement. */
export async function setRequireMfa(deps: StoreDeps, by: Actor, tenantId: string, requireMfa: boolean): Promise<ConsoleSettings> {
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    const before = await getConsoleSettings(trx, tenantId);
    if (requireMfa && !before.features.mfaEnforcement) throw inputInvalid("This tenant's plan does not include MFA enforcement.");
    const after = { ...before, requireMfa };
    await save(trx, tenantId, after);
    await appendAudit(trx, by, { tenantId, environmentId: null, action: 'console_settings.changed', targetType: 'tenant', targetId: tenantId, before: auditView(before), after: auditView(after), at: now }, deps.secret);
    return after;
  });
}

/**
 * Changes what the tenant's plan includes (operators, `npm run cli -- tenant features`). Taking MFA
 * enforcement away also turns "require MFA" off, so no setting outlives its feature.
 */
export async function setTenantFeatures(deps: StoreDeps, by: Actor, tenantId: string, change: Partial<TenantFeatures>): Promise<ConsoleSettings> {
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    const before = await getConsoleSettings(trx, tenantId);
    const features = { ...before.features, ...change };
    const after: ConsoleSettings = { requireMfa: before.requireMfa && features.mfaEnforcement, features };
    await save(trx, tenantId, after);
    await appendAudit(trx, by, { tenantId, environmentId: null, action: 'tenant.features_changed', targetType: 'tenant', targetId: tenantId, before: auditView(before), after: auditView(after), at: now }, deps.secret);
    return after;
  });
}
