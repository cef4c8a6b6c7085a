import { runtimeOf } from '../http/runtime.ts';
import { verifyWith } from '../http/verify-with.ts';
import type { VerifyContext, VerifyResult } from '../types.ts';
import { bambooClient } from './client.ts';

const KEY_REJECTED = 'bamboohr.keyRejected';

const KEY_FORBIDDEN = 'bamboohr.keyForbidden';

const UNKNOWN_COMPANY = 'bamboohr.unknownCompany';

/** Probes `GET /api/v1/meta/fields` (the call PostHog's connector validates with [3p]): 401 key, 403 access, 404 company. */
export function verifyBamboohrCredentials(credentials: Readonly<Record<string, string>>, context: VerifyContext): Promise<VerifyResult> {
  return verifyWith(
    'BambooHR',
    context.language ?? 'en',
    async () => {
      const client = bambooClient(runtimeOf(context), null, credentials, context.signal);
      await client.http.request({ url: `${client.base}/api/v1/meta/fields` });
    },
    (err) => {
      if (err.kind === 'credentials_rejected' && err.details.status === undefined) return { field: 'company_subdomain', message: UNKNOWN_COMPANY };
      if (err.kind === 'credentials_rejected') return { field: 'api_key', message: KEY_REJECTED };
      if (err.kind === 'permission_missing') return { field: 'api_key', message: KEY_FORBIDDEN };
      if (err.kind === 'bad_data' && err.details.status === 404) return { field: 'company_subdomain', message: UNKNOWN_COMPANY };
      return null;
    },
  );
}
