import crypto from 'node:crypto';
import type { Db } from '../../store/db.ts';
import type { ConsoleSessionStage } from '../../store/schema.ts';
import type { StoreDeps } from '../deps.ts';
import { newId, randomString } from '../ids.ts';
import { deriveKey, keyedHash } from '../secrets.ts';
import { type ConsoleUser, toConsoleUser } from './user-record.ts';

/** A session ends after this long without a request. @default 30 minutes */
export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
/** A session ends this long after sign-in, however active. @default 12 hours */
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;

const TOKEN_FORMAT = /^[0-9A-Za-z]{43}$/;
const hashSessionToken = (secret: Buffer, token: string) => keyedHash(secret, `console-session:${token}`);

export interface ConsoleSession {
  id: string;
  user: ConsoleUser;
  createdAt: Date;
  /** Only `complete` sessions reach the console; the others may only finish MFA. */
  stage: ConsoleSessionStage;
}

/** Starts a session; the returned token goes into the cookie and is stored only as a keyed hash. */
export async function createSession(trx: Db, secret: Buffer, userId: string, now: Date, stage: ConsoleSessionStage): Promise<{ id: string; token: string }> {
  const token = randomString(43);
  const id = newId();
  await trx
    .insertInto('console_sessions')
    .values({ id, token_hash: hashSessionToken(secret, token), user_id: userId, created_at: now, last_seen_at: now, revoked_at: null, stage })
    .execute();
  return { id, token };
}

/**
 * Completes a session once MFA is done, under a new token (the cookie changes with the privilege, so
 * a token seen before MFA is worth nothing after it).
 */
export async function completeSession(trx: Db, secret: Buffer, sessionId: string): Promise<string> {
  const token = randomString(43);
  await trx.updateTable('console_sessions').set({ stage: 'complete', token_hash: hashSessionToken(secret, token) }).where('id', '=', sessionId).execute();
  return token;
}

/**
 * The live session behind a cookie value, or null when it is unknown, revoked, idle too long, past its
 * absolute lifetime or its user is no longer active. Each use moves the idle deadline.
 */
export async function resolveSession(deps: StoreDeps, token: string): Promise<ConsoleSession | null> {
  if (!TOKEN_FORMAT.test(token)) return null;
  const now = deps.clock();
  const row = await deps.db
    .selectFrom('console_sessions')
    .innerJoin('console_users', 'console_users.id', 'console_sessions.user_id')
    .selectAll('console_users')
    .select(['console_sessions.id as session_id', 'console_sessions.created_at as session_created_at', 'console_sessions.last_seen_at', 'console_sessions.revoked_at', 'console_sessions.stage'])
    .where('console_sessions.token_hash', '=', hashSessionToken(deps.secret, token))
    .executeTakeFirst();
  if (!row || row.revoked_at || row.status !== 'active') return null;
  if (now.getTime() - row.last_seen_at.getTime() >= IDLE_TIMEOUT_MS) return null;
  if (now.getTime() - row.session_created_at.getTime() >= ABSOLUTE_TIMEOUT_MS) return null;
  await deps.db.updateTable('console_sessions').set({ last_seen_at: now }).where('id', '=', row.session_id).execute();
  return { id: row.session_id, user: toConsoleUser(row), createdAt: row.session_created_at, stage: row.stage };
}

/** Ends one session (sign-out). */
export async function revokeSession(db: Db, id: string, now: Date): Promise<void> {
  await db.updateTable('console_sessions').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}

/** Ends every session of a user at once (deactivation, password reset). */
export async function revokeUserSessions(trx: Db, userId: string, now: Date): Promise<void> {
  await trx.updateTable('console_sessions').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
}

/**
 * The CSRF token bound to a cookie value (the session's, or the pre-session cookie's before sign-in):
 * an HMAC under a key of its own, so it is stored nowhere and cannot be computed without the server secret.
 */
export function csrfTokenFor(secret: Buffer, cookieValue: string): string {
  return crypto.createHmac('sha256', deriveKey(secret, 'console-csrf')).update(cookieValue).digest('base64url');
}

/** Constant-time check of a CSRF token against the one bound to `cookieValue`. */
export function csrfTokenValid(secret: Buffer, cookieValue: string, given: string): boolean {
  const expected = Buffer.from(csrfTokenFor(secret, cookieValue));
  const actual = Buffer.from(given);
  return expected.length === actual.length && crypto.timingSafeEqual(expected, actual);
}

/** A fresh random pre-session cookie value (binds the CSRF token of sign-in and set-password requests). */
export const newPreSessionValue = (): string => randomString(43);
