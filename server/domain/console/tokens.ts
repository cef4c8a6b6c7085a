import type { Db } from '../../store/db.ts';
import type { ConsoleTokensTable } from '../../store/schema.ts';
import { appendAudit } from '../audit.ts';
import type { StoreDeps } from '../deps.ts';
import { AppError, inputInvalid } from '../errors.ts';
import { randomString } from '../ids.ts';
import { keyedHash } from '../secrets.ts';
import { checkNewPassword, hashPassword } from './passwords.ts';
import { revokeUserSessions } from './sessions.ts';
import { normaliseEmail } from './user-record.ts';

export type TokenPurpose = ConsoleTokensTable['purpose'];

/** How long an invitation link works. @default 7 days */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
/** How long a password-reset link works. @default 24 hours */
export const PASSWORD_RESET_TTL_MS = 24 * 60 * 60 * 1000;

const TTL: Record<TokenPurpose, number> = { invitation: INVITATION_TTL_MS, password_reset: PASSWORD_RESET_TTL_MS };
const TOKEN_FORMAT = /^[0-9A-Za-z]{43}$/;

const hashToken = (secret: Buffer, token: string) => keyedHash(secret, `console-token:${token}`);

/**
 * Where a token is redeemed. The token travels in the fragment, so it never reaches a server log or
 * a Referer header; the console page reads it from there.
 */
export function consoleLink(publicUrl: string, purpose: TokenPurpose, token: string): string {
  return `${publicUrl}/dashboard/${purpose === 'invitation' ? 'accept-invitation' : 'reset-password'}#token=${token}`;
}

/** Stores a fresh single-use token (about 256 random bits, kept only as a keyed hash), replacing the user's unused ones of that purpose. */
export async function issueToken(trx: Db, secret: Buffer, userId: string, purpose: TokenPurpose, now: Date): Promise<string> {
  const token = randomString(43);
  await trx.deleteFrom('console_tokens').where('user_id', '=', userId).where('purpose', '=', purpose).where('used_at', 'is', null).execute();
  await trx
    .insertInto('console_tokens')
    .values({ token_hash: hashToken(secret, token), user_id: userId, purpose, created_at: now, expires_at: new Date(now.getTime() + TTL[purpose]), used_at: null })
    .execute();
  return token;
}

/**
 * Redeems an invitation or password-reset token: sets the password, activates an invited user and
 * ends every session of a user who reset theirs. Single use: a conditional update decides races.
 */
export async function redeemToken(
  deps: StoreDeps,
  token: string,
  password: string,
  /** The email the first-start admin chooses (ignored for everyone else, whose email is set by their invitation). */
  chosenEmail?: string,
): Promise<{ userId: string; tenantId: string; email: string; purpose: TokenPurpose }> {
  checkNewPassword(password);
  const invalid = new AppError('CONSOLE.TOKEN_INVALID', 'This link is not valid. Ask an admin for a new one.');
  if (!TOKEN_FORMAT.test(token)) throw invalid;
  const passwordHash = await hashPassword(password);
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('console_tokens')
      .innerJoin('console_users', 'console_users.id', 'console_tokens.user_id')
      .select(['console_tokens.purpose', 'console_tokens.expires_at', 'console_tokens.used_at', 'console_users.id as user_id', 'console_users.tenant_id', 'console_users.status', 'console_users.email'])
      .where('console_tokens.token_hash', '=', hashToken(deps.secret, token))
      .executeTakeFirst();
    if (!row || row.status === 'deactivated') throw invalid;
    if (row.used_at) throw new AppError('CONSOLE.TOKEN_USED', 'This link has already been used. Ask an admin for a new one.');
    if (row.expires_at.getTime() <= now.getTime()) throw new AppError('CONSOLE.TOKEN_EXPIRED', 'This link has expired. Ask an admin for a new one.');
    const email = row.email ?? (chosenEmail === undefined ? undefined : normaliseEmail(chosenEmail));
    if (email === undefined) throw inputInvalid('Choose the email you will sign in with: email is required for this invitation.');
    if (row.email === null) {
      // The first-start link creates the first admin only: once anyone is active it is dead.
      const active = await trx.selectFrom('console_users').select('id').where('tenant_id', '=', row.tenant_id).where('status', '=', 'active').limit(1).executeTakeFirst();
      if (active) throw invalid;
      const taken = await trx.selectFrom('console_users').select('id').where('tenant_id', '=', row.tenant_id).where('email', '=', email).executeTakeFirst();
      if (taken) throw new AppError('CONSOLE.USER_EXISTS', 'A user with this email already exists.');
    }
    const claimed = await trx
      .updateTable('console_tokens')
      .set({ used_at: now })
      .where('token_hash', '=', hashToken(deps.secret, token))
      .where('used_at', 'is', null)
      .returning('user_id')
      .executeTakeFirst();
    if (!claimed) throw new AppError('CONSOLE.TOKEN_USED', 'This link has already been used. Ask an admin for a new one.');
    await trx.updateTable('console_users').set({ email, password_hash: passwordHash, status: 'active', updated_at: now }).where('id', '=', row.user_id).execute();
    await revokeUserSessions(trx, row.user_id, now);
    await appendAudit(trx, { actor: `user:${row.user_id}`, source: 'console' }, {
      tenantId: row.tenant_id,
      environmentId: null,
      action: row.purpose === 'invitation' ? 'console_user.invitation_accepted' : 'console_user.password_reset',
      targetType: 'console_user',
      targetId: row.user_id,
      before: { status: row.status },
      after: { status: 'active' },
      at: now,
    }, deps.secret);
    return { userId: row.user_id, tenantId: row.tenant_id, email, purpose: row.purpose };
  });
}
