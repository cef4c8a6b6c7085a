import { createHttpClient, type HttpClient } from '../http/http-client.ts';
import type { ConnectorRuntime } from '../http/runtime.ts';

export const HIBOB_API = 'https://api.hibob.com/v1';

/**
 * A HiBob client: HTTP Basic with the service user's ID and token [docs]. 401 and 403 are never
 * retried (the toolkit retries only 429/5xx), which also keeps HiBob's WAF from blocking us [docs].
 */
export function hibobClient(runtime: ConnectorRuntime, integrationId: string | null, credentials: Readonly<Record<string, string>>, signal?: AbortSignal): HttpClient {
  const basic = `Basic ${Buffer.from(`${credentials.service_user_id ?? ''}:${credentials.service_user_token ?? ''}`).toString('base64')}`;
  return createHttpClient({
    tool: 'hibob',
    integrationId,
    runtime,
    auth: { headers: async () => ({ authorization: basic }) },
    headers: { accept: 'application/json' },
    signal,
  });
}
