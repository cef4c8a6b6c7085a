import { runtimeOf } from '../http/runtime.ts';
import { verifyWith } from '../http/verify-with.ts';
import type { VerifyContext, VerifyResult } from '../types.ts';
import { HIBOB_API, hibobClient } from './client.ts';

const REJECTED = 'hibob.rejected';

const NO_PERMISSION = 'hibob.noPermission';

/** Probes the named lists (metadata, no data permission needed [docs]), then one employee search (403: no permission). */
export function verifyHibobCredentials(credentials: Readonly<Record<string, string>>, context: VerifyContext): Promise<VerifyResult> {
  return verifyWith(
    'HiBob',
    context.language ?? 'en',
    async () => {
      const http = hibobClient(runtimeOf(context), null, credentials, context.signal);
      await http.request({ url: `${HIBOB_API}/company/named-lists` });
      await http.request({ method: 'POST', url: `${HIBOB_API}/people/search`, json: { fields: ['root.id'], showInactive: false } });
    },
    (err) => {
      if (err.kind === 'credentials_rejected') return { field: 'service_user_token', message: REJECTED };
      if (err.kind === 'permission_missing') return { field: 'service_user_id', message: NO_PERMISSION };
      return null;
    },
  );
}
