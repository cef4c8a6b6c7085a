import type { Db } from '../../store/db.ts';
import { hitRateLimit } from '../../store/queries/rate-limits.ts';
import { AppError } from '../errors.ts';
import { keyedHash } from '../secrets.ts';

/** Failed sign-ins counted per window. @default 15 minutes */
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
/** Failed sign-ins one account may have per window before sign-in is refused for it. @default 5 */
export const ACCOUNT_FAILURE_LIMIT = 5;
/** Failed sign-ins one client address may have per window (it may try several accounts). @default 20 */
export const ADDRESS_FAILURE_LIMIT = 20;

export interface ThrottleKeys {
  account: string;
  address: string;
}

/** The counters one sign-in attempt touches; the email is kept only as a keyed hash. */
export function throttleKeys(secret: Buffer, tenantId: string, email: string, address: string): ThrottleKeys {
  return {
    account: `console-sign-in:account:${keyedHash(secret, `${tenantId}:${email}`)}`,
    address: `console-sign-in:address:${address}`,
  };
}

/** Refuses the attempt with 429 and `Retry-After` while the account or the address is over its limit. */
export async function assertNotThrottled(db: Db, keys: ThrottleKeys, now: Date): Promise<void> {
  const rows = await db.selectFrom('rate_limits').selectAll().where('key', 'in', [keys.account, keys.address]).execute();
  for (const row of rows) {
    const limit = row.key === keys.account ? ACCOUNT_FAILURE_LIMIT : ADDRESS_FAILURE_LIMIT;
    const endsAt = row.window_start.getTime() + THROTTLE_WINDOW_MS;
    if (row.hits >= limit && endsAt > now.getTime()) {
      const seconds = Math.ceil((endsAt - now.getTime()) / 1000);
      throw new AppError('PLATFORM.RATE_LIMIT_EXCEEDED', `Too many failed sign-ins. Try again in ${Math.ceil(seconds / 60)} minutes.`, {
        'Retry-After': String(seconds),
      });
    }
  }
}

/** Counts one failed attempt against both the account and the address. */
export async function recordFailure(db: Db, keys: ThrottleKeys, now: Date): Promise<void> {
  await hitRateLimit(db, keys.account, now, THROTTLE_WINDOW_MS);
  await hitRateLimit(db, keys.address, now, THROTTLE_WINDOW_MS);
}

/** A successful sign-in clears the account's counter (never the address's). */
export async function clearAccountFailures(db: Db, keys: ThrottleKeys): Promise<void> {
  await db.deleteFrom('rate_limits').where('key', '=', keys.account).execute();
}
