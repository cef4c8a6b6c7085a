import { createHttpClient, type HttpClient } from '../http/http-client.ts';
import type { ConnectorRuntime } from '../http/runtime.ts';
import { customerSubdomain } from '../http/tool-origin.ts';
import { RemoteError } from '../remote-error.ts';

export const BAMBOOHR_DOMAIN = '.bamboohr.com';

/** A BambooHR client with the base URL of one company. */
export interface BambooClient {
  http: HttpClient;
  /** `https://{subdomain}.bamboohr.com` (moved by `TOOL_ORIGIN_BAMBOOHR` inside the client). */
  base: string;
}

/**
 * A client for one company: HTTP Basic with the API key as user name and `x` as password (notes §1.2),
 * always `Accept: application/json` (many endpoints default to XML). Uses the tenant-host URL style of
 * the official spec rather than the legacy `api.bamboohr.com/api/gateway.php/{co}` gateway.
 */
export function bambooClient(runtime: ConnectorRuntime, integrationId: string | null, credentials: Readonly<Record<string, string>>, signal?: AbortSignal): BambooClient {
  const subdomain = customerSubdomain(credentials.company_subdomain ?? '', BAMBOOHR_DOMAIN);
  if (!subdomain) throw new RemoteError('credentials_rejected', 'The stored BambooHR subdomain is not a DNS label.');
  const basic = `Basic ${Buffer.from(`${credentials.api_key ?? ''}:x`).toString('base64')}`;
  const http = createHttpClient({
    tool: 'bamboohr',
    integrationId,
    runtime,
    auth: { headers: async () => ({ authorization: basic }) },
    headers: { accept: 'application/json' },
    signal,
  });
  return { http, base: `https://${subdomain}${BAMBOOHR_DOMAIN}` };
}
