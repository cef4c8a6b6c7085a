import { Secret, TOTP } from 'otpauth';
import { renderSVG } from 'uqr';
import type { Db } from '../../store/db.ts';
import { appendAudit } from '../audit.ts';
import { openCredentials, sealCredentials } from '../credentials-crypto.ts';
import type { Actor, StoreDeps } from '../deps.ts';
import { inputInvalid } from '../errors.ts';
import { randomString } from '../ids.ts';
import { keyedHash } from '../secrets.ts';
import { type ConsoleUser, userActor } from './user-record.ts';

/** How many recovery codes enrolment hands out. @default 10 */
export const RECOVERY_CODE_COUNT = 10;
const ISSUER = 'Plugboard';
const aad = (userId: string) => `console-mfa:${userId}`;
const hashRecoveryCode = (secret: Buffer, code: string) => keyedHash(secret, `console-recovery:${code.replace(/[\s-]/g, '').toUpperCase()}`);

/** RFC 6238 defaults every authenticator app understands: SHA-1, 6 digits, 30 s. */
const totpFor = (base32: string, label: string) => new TOTP({ issuer: ISSUER, label, secret: Secret.fromBase32(base32) });

export interface Enrolment {
  otpauthUrl: string;
  /** The secret as base32 text, for typing into an app that cannot scan. */
  secret: string;
  /** The otpauth URL as a QR code (SVG). */
  qrSvg: string;
}

/** Whether the user has finished MFA enrolment. */
export async function hasMfa(db: Db, userId: string): Promise<boolean> {
  const row = await db.selectFrom('console_mfa').select('enrolled_at').where('user_id', '=', userId).executeTakeFirst();
  return Boolean(row?.enrolled_at);
}

/** Starts (or restarts) enrolment with a fresh secret; refused once enrolled (an admin resets MFA first). */
export async function startEnrolment(deps: StoreDeps, user: ConsoleUser): Promise<Enrolment> {
  if (await hasMfa(deps.db, user.id)) throw inputInvalid('MFA is already set up for you. An admin can reset it.');
  const secret = new Secret({ size: 20 }).base32;
  const sealed = sealCredentials(deps.secret, aad(user.id), { secret });
  const now = deps.clock();
  await deps.db
    .insertInto('console_mfa')
    .values({ user_id: user.id, secret_ciphertext: sealed.ciphertext, created_at: now, enrolled_at: null, last_used_step: null })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ secret_ciphertext: sealed.ciphertext, created_at: now, enrolled_at: null, last_used_step: null }))
    .execute();
  const otpauthUrl = totpFor(secret, user.email ?? user.id).toString();
  return { otpauthUrl, secret, qrSvg: renderSVG(otpauthUrl) };
}

/**
 * Accepts a TOTP code once: it must match the current step (one step of clock drift either way) and
 * be newer than the last accepted one; a conditional update decides, so a replay loses even in a race.
 */
async function acceptCode(deps: StoreDeps, trx: Db, userId: string, code: string, enrolled: boolean): Promise<boolean> {
  const row = await trx.selectFrom('console_mfa').selectAll().where('user_id', '=', userId).executeTakeFirst();
  if (!row || Boolean(row.enrolled_at) !== enrolled || !/^\d{6}$/.test(code)) return false;
  const { secret } = openCredentials(deps.secret, aad(userId), { keyId: 'v1', ciphertext: row.secret_ciphertext });
  const totp = totpFor(secret!, userId);
  const timestamp = deps.clock().getTime();
  const delta = totp.validate({ token: code, timestamp, window: 1 });
  if (delta === null) return false;
  const step = Math.floor(timestamp / 1000 / totp.period) + delta;
  const claimed = await trx
    .updateTable('console_mfa')
    .set({ last_used_step: step })
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('last_used_step', 'is', null), eb('last_used_step', '<', step)]))
    .returning('user_id')
    .executeTakeFirst();
  return claimed !== undefined;
}

/** Finishes enrolment with a first code; returns the recovery codes, shown once and stored hashed. */
export async function confirmEnrolment(deps: StoreDeps, user: ConsoleUser, code: string): Promise<string[] | null> {
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    if (!(await acceptCode(deps, trx, user.id, code, false))) return null;
    await trx.updateTable('console_mfa').set({ enrolled_at: now }).where('user_id', '=', user.id).execute();
    await trx.deleteFrom('console_recovery_codes').where('user_id', '=', user.id).execute();
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => {
      const raw = randomString(10, 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789');
      return `${raw.slice(0, 5)}-${raw.slice(5)}`;
    });
    await trx
      .insertInto('console_recovery_codes')
      .values(codes.map((c) => ({ code_hash: hashRecoveryCode(deps.secret, c), user_id: user.id, used_at: null })))
      .execute();
    await appendAudit(trx, userActor(user), {
      tenantId: user.tenantId,
      environmentId: null,
      action: 'console_user.mfa_enrolled',
      targetType: 'console_user',
      targetId: user.id,
      before: null,
      after: { recovery_codes: RECOVERY_CODE_COUNT },
      at: now,
    }, deps.secret);
    return codes;
  });
}

export type MfaProof = { code: string } | { recoveryCode: string };

/** Checks a sign-in's second factor: a fresh TOTP code or an unused recovery code (used up by this). */
export async function verifySecondFactor(deps: StoreDeps, trx: Db, user: ConsoleUser, proof: MfaProof): Promise<'totp' | 'recovery_code' | null> {
  if ('code' in proof) return (await acceptCode(deps, trx, user.id, proof.code, true)) ? 'totp' : null;
  const used = await trx
    .updateTable('console_recovery_codes')
    .set({ used_at: deps.clock() })
    .where('code_hash', '=', hashRecoveryCode(deps.secret, proof.recoveryCode))
    .where('user_id', '=', user.id)
    .where('used_at', 'is', null)
    .returning('code_hash')
    .executeTakeFirst();
  return used ? 'recovery_code' : null;
}

/** An admin removes a user's MFA (lost device): they enrol again at next sign-in if the tenant requires it. */
export async function resetMfa(deps: StoreDeps, by: Actor, tenantId: string, userId: string): Promise<void> {
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('console_users').select('id').where('tenant_id', '=', tenantId).where('id', '=', userId).executeTakeFirst();
    if (!user) throw inputInvalid(`No user with ID '${userId}' exists in this tenant.`);
    await trx.deleteFrom('console_mfa').where('user_id', '=', userId).execute();
    await trx.deleteFrom('console_recovery_codes').where('user_id', '=', userId).execute();
    await appendAudit(trx, by, { tenantId, environmentId: null, action: 'console_user.mfa_reset', targetType: 'console_user', targetId: userId, before: null, after: null, at: now }, deps.secret);
  });
}
