import type { Selectable } from 'kysely';
import type { Db } from '../../store/db.ts';
import type { ConsoleRole, ConsoleUsersTable } from '../../store/schema.ts';
import { appendAudit } from '../audit.ts';
import type { Actor, StoreDeps } from '../deps.ts';
import { AppError, inputInvalid } from '../errors.ts';
import { newId } from '../ids.ts';
import { revokeUserSessions } from './sessions.ts';
import { issueToken } from './tokens.ts';
import { type ConsoleUser, normaliseEmail, toConsoleUser } from './user-record.ts';

const notFound = (id: string) => inputInvalid(`No user with ID '${id}' exists in this tenant.`);

/** The tenant's users, oldest first. */
export async function listUsers(db: Db, tenantId: string): Promise<ConsoleUser[]> {
  const rows = await db.selectFrom('console_users').selectAll().where('tenant_id', '=', tenantId).orderBy('created_at').orderBy('id').execute();
  return rows.map(toConsoleUser);
}

/** Finds a user of the tenant by email. */
export async function findUserByEmail(db: Db, tenantId: string, email: string): Promise<Selectable<ConsoleUsersTable> | undefined> {
  return db.selectFrom('console_users').selectAll().where('tenant_id', '=', tenantId).where('email', '=', normaliseEmail(email)).executeTakeFirst();
}

/** Whether the tenant has any user at all (the first start prints an admin invitation when not). */
export async function hasUsers(db: Db, tenantId: string): Promise<boolean> {
  const row = await db.selectFrom('console_users').select('id').where('tenant_id', '=', tenantId).limit(1).executeTakeFirst();
  return row !== undefined;
}

/**
 * Serialises changes to a tenant's team (roles, deactivations): the tenant row is the one lock, taken
 * first, so two instances never deadlock and the second sees the first one's result. FOR NO KEY UPDATE
 * does not block inserts that merely reference the tenant.
 */
async function lockTeam(trx: Db, tenantId: string): Promise<void> {
  await trx.selectFrom('tenants').select('id').where('id', '=', tenantId).forNoKeyUpdate().execute();
}

async function lockUser(trx: Db, tenantId: string, id: string): Promise<ConsoleUser> {
  await lockTeam(trx, tenantId);
  const row = await trx.selectFrom('console_users').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw notFound(id);
  return toConsoleUser(row);
}

/** Refuses to take away the tenant's last active admin (under the team lock of `lockUser`). */
async function assertNotLastAdmin(trx: Db, user: ConsoleUser): Promise<void> {
  if (user.role !== 'admin' || user.status !== 'active') return;
  const admins = await trx
    .selectFrom('console_users')
    .select('id')
    .where('tenant_id', '=', user.tenantId)
    .where('role', '=', 'admin')
    .where('status', '=', 'active')
    .execute();
  if (admins.filter((a) => a.id !== user.id).length === 0) {
    throw new AppError('CONSOLE.LAST_ADMIN', 'This is the last active admin: make another user admin first.');
  }
}

export interface InviteInput {
  tenantId: string;
  email: string;
  role: ConsoleRole;
}

/**
 * Invites a new user (or re-invites one who has not accepted yet, replacing the earlier link):
 * returns the single-use invitation token, shown once.
 */
export async function inviteUser(deps: StoreDeps, by: Actor, input: InviteInput): Promise<{ user: ConsoleUser; token: string }> {
  const email = normaliseEmail(input.email);
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('console_users').selectAll().where('tenant_id', '=', input.tenantId).where('email', '=', email).forUpdate().executeTakeFirst();
    if (existing && existing.status !== 'invited') {
      throw new AppError('CONSOLE.USER_EXISTS', `A user with this email already exists (${existing.status}).`);
    }
    const row = existing
      ? await trx.updateTable('console_users').set({ role: input.role, updated_at: now }).where('id', '=', existing.id).returningAll().executeTakeFirstOrThrow()
      : await trx
          .insertInto('console_users')
          .values({ id: newId(), tenant_id: input.tenantId, email, role: input.role, status: 'invited', password_hash: null, created_at: now, updated_at: now })
          .returningAll()
          .executeTakeFirstOrThrow();
    const user = toConsoleUser(row);
    const token = await issueToken(trx, deps.secret, user.id, 'invitation', now);
    await appendAudit(trx, by, {
      tenantId: user.tenantId,
      environmentId: null,
      action: 'console_user.invited',
      targetType: 'console_user',
      targetId: user.id,
      before: existing ? { role: existing.role, status: existing.status } : null,
      after: { role: user.role, status: user.status },
      at: now,
    }, deps.secret);
    return { user, token };
  });
}

/** Changes a user's role; the last active admin cannot be demoted. */
export async function changeRole(deps: StoreDeps, by: Actor, tenantId: string, id: string, role: ConsoleRole): Promise<ConsoleUser> {
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    const before = await lockUser(trx, tenantId, id);
    if (before.role === role) return before;
    if (role !== 'admin') await assertNotLastAdmin(trx, before);
    const row = await trx.updateTable('console_users').set({ role, updated_at: now }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await appendAudit(trx, by, {
      tenantId,
      environmentId: null,
      action: 'console_user.role_changed',
      targetType: 'console_user',
      targetId: id,
      before: { role: before.role },
      after: { role },
      at: now,
    }, deps.secret);
    return toConsoleUser(row);
  });
}

/** Deactivates a user: their sessions end at once and their pending links stop working. Idempotent. */
export async function deactivateUser(deps: StoreDeps, by: Actor, tenantId: string, id: string): Promise<ConsoleUser> {
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    const before = await lockUser(trx, tenantId, id);
    if (before.status === 'deactivated') return before;
    await assertNotLastAdmin(trx, before);
    const row = await trx.updateTable('console_users').set({ status: 'deactivated', updated_at: now }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await revokeUserSessions(trx, id, now);
    await trx.deleteFrom('console_tokens').where('user_id', '=', id).where('used_at', 'is', null).execute();
    await appendAudit(trx, by, {
      tenantId,
      environmentId: null,
      action: 'console_user.deactivated',
      targetType: 'console_user',
      targetId: id,
      before: { status: before.status },
      after: { status: 'deactivated' },
      at: now,
    }, deps.secret);
    return toConsoleUser(row);
  });
}

/** Issues a single-use password-reset token for an active user (an invited user gets a new invitation instead). */
export async function issuePasswordReset(deps: StoreDeps, by: Actor, tenantId: string, id: string): Promise<{ user: ConsoleUser; token: string }> {
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    const user = await lockUser(trx, tenantId, id);
    if (user.status !== 'active') {
      throw inputInvalid(user.status === 'invited' ? 'This user has not accepted their invitation yet: invite them again.' : 'This user is deactivated.');
    }
    const token = await issueToken(trx, deps.secret, id, 'password_reset', now);
    await appendAudit(trx, by, {
      tenantId,
      environmentId: null,
      action: 'console_user.password_reset_issued',
      targetType: 'console_user',
      targetId: id,
      before: null,
      after: null,
      at: now,
    }, deps.secret);
    return { user, token };
  });
}

/** Who acts when the server itself invites the first admin. */
const FIRST_START: Actor = { actor: 'system:first-start', source: 'system' };

/**
 * While a tenant has no active user, issues an invitation for a first admin who chooses their own
 * email on accepting (each call replaces the previous link); null once anyone is active.
 */
export async function ensureFirstAdminInvitation(deps: StoreDeps, tenantId: string): Promise<string | null> {
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    const active = await trx.selectFrom('console_users').select('id').where('tenant_id', '=', tenantId).where('status', '=', 'active').limit(1).executeTakeFirst();
    if (active) return null;
    const pending = await trx
      .selectFrom('console_users')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('email', 'is', null)
      .where('status', '=', 'invited')
      .executeTakeFirst();
    const id = pending?.id ?? newId();
    if (!pending) {
      await trx.insertInto('console_users').values({ id, tenant_id: tenantId, email: null, role: 'admin', status: 'invited', password_hash: null, created_at: now, updated_at: now }).execute();
      await appendAudit(trx, FIRST_START, {
        tenantId,
        environmentId: null,
        action: 'console_user.invited',
        targetType: 'console_user',
        targetId: id,
        before: null,
        after: { role: 'admin', status: 'invited' },
        at: now,
      }, deps.secret);
    }
    return issueToken(trx, deps.secret, id, 'invitation', now);
  });
}
