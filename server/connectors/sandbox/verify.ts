import { setTimeout as delay } from 'node:timers/promises';
import { translate } from '../../i18n/translate.ts';
import type { VerifyContext, VerifyResult } from '../types.ts';

/** How long the `slow` magic API key makes verification take. */
export const SANDBOX_SLOW_VERIFY_MS = 3_000;

/**
 * Documented `api_key` values that let developers exercise their error handling:
 * `invalid` is rejected, `slow` verifies after ~3 s, `outage` reports the remote system unreachable.
 */
export const SANDBOX_MAGIC_API_KEYS = { invalid: 'invalid', slow: 'slow', outage: 'outage' } as const;

/** Simulates the remote check: any non-empty key passes except the documented magic values. */
export async function verifySandboxCredentials(credentials: Readonly<Record<string, string>>, context: VerifyContext): Promise<VerifyResult> {
  const language = context.language ?? 'en';
  switch (credentials.api_key) {
    case SANDBOX_MAGIC_API_KEYS.invalid:
      return {
        status: 'invalid_credentials',
        message: translate(language, 'verify.invalid'),
        fieldErrors: { api_key: translate(language, 'sandbox.rejected') },
      };
    case SANDBOX_MAGIC_API_KEYS.outage:
      return { status: 'remote_unavailable', message: translate(language, 'sandbox.outage') };
    case SANDBOX_MAGIC_API_KEYS.slow:
      // Rejects with an AbortError when the caller gives up, so no timer outlives the request.
      await delay(SANDBOX_SLOW_VERIFY_MS, undefined, { signal: context.signal });
      return { status: 'ok' };
    default:
      return { status: 'ok' };
  }
}
