import { appendAudit } from '../audit.ts';
import type { DomainDeps } from '../deps.ts';
import { verifyPassword } from './passwords.ts';
import { createSession } from './sessions.ts';
import { assertNotThrottled, clearAccountFailures, recordFailure, throttleKeys } from './throttle.ts';
import { type ConsoleUser, findUserByEmail, normaliseEmail, toConsoleUser, userActor } from './users.ts';

export interface SignInInput {
  tenantId: string;
  email: string;
  password: string;
  /** The client's address (throttling). */
  address: string;
}

/** Wrong email, wrong password, deactivated or not yet accepted: one outcome, so nobody learns which. */
export type SignInResult = { ok: true; user: ConsoleUser; sessionToken: string } | { ok: false };

/**
 * Email and password sign-in: throttled per account and per address, audited either way, a new
 * server-side session on success.
 */
export async function signIn(deps: DomainDeps, input: SignInInput): Promise<SignInResult> {
  const now = deps.clock();
  const email = normaliseEmail(input.email);
  const keys = throttleKeys(deps.secret, input.tenantId, email, input.address);
  await assertNotThrottled(deps.db, keys, now);
  const row = await findUserByEmail(deps.db, input.tenantId, email);
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
    });
    return { ok: false };
  }
  const user = toConsoleUser(row);
  const session = await deps.db.transaction().execute(async (trx) => {
    const created = await createSession(trx, deps.secret, user.id, now);
    await appendAudit(trx, userActor(user), {
      tenantId: user.tenantId,
      environmentId: null,
      action: 'console_user.signed_in',
      targetType: 'console_user',
      targetId: user.id,
      before: null,
      after: { method: 'password' },
      at: now,
    });
    return created;
  });
  await clearAccountFailures(deps.db, keys);
  return { ok: true, user, sessionToken: session.token };
}
