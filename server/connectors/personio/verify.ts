import { runtimeOf } from '../http/runtime.ts';
import { verifyWith } from '../http/verify-with.ts';
import type { VerifyContext, VerifyResult } from '../types.ts';
import { PERSONIO_ORIGIN, personioClient } from './client.ts';

/** Gets a token (400/401: wrong pair), then reads one employee (403: no employee access), as notes §1.5 suggest. */
export function verifyPersonioCredentials(credentials: Readonly<Record<string, string>>, context: VerifyContext): Promise<VerifyResult> {
  return verifyWith(
    'Personio',
    context.language ?? 'en',
    async () => {
      const http = personioClient(runtimeOf(context), null, credentials, context.signal);
      await http.request({ url: `${PERSONIO_ORIGIN}/v1/company/employees`, query: { limit: 1, offset: 0 } });
    },
    (err) => {
      if (err.kind === 'credentials_rejected') return { field: 'client_secret', message: 'personio.rejected' };
      if (err.kind === 'permission_missing') return { field: 'client_id', message: 'personio.noEmployeeAccess' };
      return null;
    },
  );
}
