import { appendAudit } from '../audit.ts';
import type { StoreDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import type { Db } from '../../store/db.ts';
import type { ConsoleSessionStage } from '../../store/schema.ts';
import { confirmEnrolment, hasMfa, type MfaProof, verifySecondFactor } from './mfa.ts';
import { verifyPassword } from './passwords.ts';
import { completeSession, type ConsoleSession, createSession } from './sessions.ts';
import { getConsoleSettings } from './settings.ts';
import { passwordSignInBlocked } from './sso-config.ts';
import { assertNotThrottled, clearAccountFailures, recordFailure, throttleKeys } from './throttle.ts';
import { type ConsoleUser, normaliseEmail, toConsoleUser, userActor } from './user-record.ts';
import { findUserByEmail } from './users.ts';

export interface SignInInput {
  tenantId: string;
  email: string;
  password: string;
  /** The client's address (throttling). */
  address: string;
}

/** The answer to a password sign-in while the tenant enforces SSO. */
export const SSO_ONLY = 'This organisation signs in with SSO: use "Sign in with SSO".';

/** Wrong email, wrong password, deactivated or not yet accepted: one outcome, so nobody learns which. */
export type SignInResult = { ok: true; user: ConsoleUser; sessionToken: string; stage: ConsoleSessionStage } | { ok: false };

/**
 * Email and password sign-in: throttled per account and per address, audited either way, a new
 * server-side session on success.
 */
export async function signIn(deps: StoreDeps, input: SignInInput): Promise<SignInResult> {
  const now = deps.clock();
  const email = normaliseEmail(input.email);
  const keys = throttleKeys(deps.secret, input.tenantId, email, input.address);
  await assertNotThrottled(deps.db, keys, now);
  const row = await findUserByEmail(deps.db, input.tenantId, email);
  // Enforced SSO closes password sign-in to every email alike but the break-glass admin's.
  if (await passwordSignInBlocked(deps.db, input.tenantId, row?.id)) throw new AppError('PLATFORM.AUTHENTICATION_INVALID', SSO_ONLY);
  const usable = row?.status === 'active' ? row.password_hash : null;
  const valid = await verifyPassword(usable, input.password);
  if (!row || !valid) {
    await recordFailure(deps.db, keys, now);
    await appendAudit(deps.db, row ? userActor(row) : { actor: 'anonymous', source: 'console' }, {
      tenantId: input.tenantId,
      environmentId: null,
      action: 'console_user.sign_in_failed',
      targetType: 'console_user',
      targetId: row?.id ?? 'unknown',
      before: null,
      after: null,
      at: now,
    }, deps.secret);
    return { ok: false };
  }
  const user = toConsoleUser(row);
  // MFA first when enrolled; enrolment first when the tenant requires MFA; otherwise signed in.
  const stage: ConsoleSessionStage = (await hasMfa(deps.db, user.id))
    ? 'mfa_required'
    : (await getConsoleSettings(deps.db, user.tenantId)).requireMfa
      ? 'mfa_enrolment_required'
      : 'complete';
  const session = await deps.db.transaction().execute(async (trx) => {
    const created = await createSession(trx, deps.secret, user.id, now, stage);
    if (stage === 'complete') await auditSignIn(trx, deps.secret, user, 'password', now);
    return created;
  });
  await clearAccountFailures(deps.db, keys);
  return { ok: true, user, sessionToken: session.token, stage };
}

async function auditSignIn(trx: Db, secret: Buffer, user: ConsoleUser, method: string, at: Date): Promise<void> {
  await appendAudit(trx, userActor(user), {
    tenantId: user.tenantId,
    environmentId: null,
    action: 'console_user.signed_in',
    targetType: 'console_user',
    targetId: user.id,
    before: null,
    after: { method },
    at,
  }, secret);
}

/**
 * The second step of a sign-in with MFA: a fresh TOTP code or an unused recovery code completes the
 * session under a new token. Wrong codes count against the account's throttle and are audited.
 */
export async function completeMfaSignIn(deps: StoreDeps, session: ConsoleSession, proof: MfaProof, address: string): Promise<{ ok: true; sessionToken: string } | { ok: false }> {
  const now = deps.clock();
  const { user } = session;
  const keys = throttleKeys(deps.secret, user.tenantId, user.email ?? user.id, address);
  await assertNotThrottled(deps.db, keys, now);
  const token = await deps.db.transaction().execute(async (trx) => {
    const method = await verifySecondFactor(deps, trx, user, proof);
    if (!method) return null;
    await auditSignIn(trx, deps.secret, user, `password+${method}`, now);
    return completeSession(trx, deps.secret, session.id);
  });
  if (token === null) {
    await recordFailure(deps.db, keys, now);
    await appendAudit(deps.db, userActor(user), {
      tenantId: user.tenantId,
      environmentId: null,
      action: 'console_user.mfa_failed',
      targetType: 'console_user',
      targetId: user.id,
      before: null,
      after: null,
      at: now,
    }, deps.secret);
    return { ok: false };
  }
  return { ok: true, sessionToken: token };
}

/**
 * Finishes MFA enrolment with its first code. A session that had to enrol before reaching the console
 * is completed under a new token. Returns the recovery codes (shown once), or null for a wrong code.
 */
export async function finishEnrolment(deps: StoreDeps, session: ConsoleSession, code: string): Promise<{ recoveryCodes: string[]; sessionToken: string | null } | null> {
  const recoveryCodes = await confirmEnrolment(deps, session.user, code);
  if (!recoveryCodes) return null;
  if (session.stage !== 'mfa_enrolment_required') return { recoveryCodes, sessionToken: null };
  const sessionToken = await deps.db.transaction().execute(async (trx) => {
    await auditSignIn(trx, deps.secret, session.user, 'password+mfa_enrolment', deps.clock());
    return completeSession(trx, deps.secret, session.id);
  });
  return { recoveryCodes, sessionToken };
}
