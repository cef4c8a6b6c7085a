import type { Db } from '../../store/db.ts';
import { appendAudit } from '../audit.ts';
import type { StoreDeps } from '../deps.ts';
import { newId } from '../ids.ts';
import { type ConsoleUser, toConsoleUser, userActor } from './user-record.ts';

/** Refusal messages the sign-in screen turns into its own words (see `ssoFailureKind`). */
export const SSO_NOT_SET_UP = 'SSO is not set up for this tenant.';
export const SSO_NOT_INVITED = 'No active console user has this email: ask an admin to invite you.';
export const SSO_ATTEMPT_GONE = 'This sign-in attempt is unknown, expired or already used: start again with "Sign in with SSO".';

/**
 * What the browser is told when it is sent back to the sign-in screen: a fixed word, never the
 * message itself, so a crafted link cannot put text of its choosing on the sign-in page.
 */
export function ssoFailureKind(message: string): 'not_configured' | 'not_invited' | 'expired' | 'failed' {
  if (message === SSO_NOT_SET_UP) return 'not_configured';
  if (message === SSO_NOT_INVITED) return 'not_invited';
  if (message === SSO_ATTEMPT_GONE) return 'expired';
  return 'failed';
}

/** How an SSO sign-in happened, as audit rows name it. */
export type SsoMethod = 'sso_oidc' | 'sso_saml';

/**
 * The user an SSO identity signs in as: an active one; an invited one (the sign-in accepts the
 * invitation); or, with provisioning on, a new active user with the default role. Deactivated: none.
 */
export async function userForSso(trx: Db, secret: Buffer, tenantId: string, email: string, provisionRole: ConsoleUser['role'] | null, now: Date, method: SsoMethod): Promise<ConsoleUser | null> {
  const row = await trx.selectFrom('console_users').selectAll().where('tenant_id', '=', tenantId).where('email', '=', email).forUpdate().executeTakeFirst();
  if (row?.status === 'active') return toConsoleUser(row);
  if (row?.status === 'invited') {
    const activated = await trx.updateTable('console_users').set({ status: 'active', updated_at: now }).where('id', '=', row.id).returningAll().executeTakeFirstOrThrow();
    await trx.updateTable('console_tokens').set({ used_at: now }).where('user_id', '=', row.id).where('purpose', '=', 'invitation').where('used_at', 'is', null).execute();
    await appendAudit(trx, userActor(activated), {
      tenantId,
      environmentId: null,
      action: 'console_user.invitation_accepted',
      targetType: 'console_user',
      targetId: row.id,
      before: { status: 'invited' },
      after: { status: 'active', method },
      at: now,
    }, secret);
    return toConsoleUser(activated);
  }
  if (row || !provisionRole) return null;
  const created = await trx
    .insertInto('console_users')
    .values({ id: newId(), tenant_id: tenantId, email, role: provisionRole, status: 'active', password_hash: null, created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
  await appendAudit(trx, { actor: 'sso', source: 'console' }, {
    tenantId,
    environmentId: null,
    action: 'console_user.provisioned',
    targetType: 'console_user',
    targetId: created.id,
    before: null,
    after: { role: created.role, status: 'active', method },
    at: now,
  }, secret);
  return toConsoleUser(created);
}

/** Audits a refused SSO sign-in (no tokens, no claims beyond the email tried) and answers its reason. */
export async function refuseSso(deps: StoreDeps, method: SsoMethod, tenantId: string | null, email: string | null, message: string): Promise<{ ok: false; message: string }> {
  if (tenantId) {
    await appendAudit(deps.db, { actor: 'anonymous', source: 'console' }, {
      tenantId,
      environmentId: null,
      action: 'console_user.sso_sign_in_failed',
      targetType: 'console_user',
      targetId: 'unknown',
      before: null,
      after: { method, reason: message, ...(email ? { email } : {}) },
      at: deps.clock(),
    }, deps.secret);
  }
  return { ok: false, message };
}
