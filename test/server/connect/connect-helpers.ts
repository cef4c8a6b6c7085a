import { call, type TestApp } from '../../helpers/app.ts';

/** The body the official SDK sends for a minimal create-link call (it always serialises the defaults). */
export const SDK_DEFAULTS = {
  integration_category: 'HRIS',
  language: 'en',
  enable_filtering: false,
  enable_field_mapping: false,
  link_type: 'EMBEDDED',
} as const;

/** Sandbox credentials that verify at once; override single fields for the other paths. */
export function sandboxCredentials(overrides: Record<string, string> = {}): Record<string, string> {
  return { company_subdomain: 'acme', api_key: 'sk-sandbox-secret-4711', company_size: '250', ...overrides };
}

/** The link token inside a `{link}` URL. */
export function tokenOf(link: string): string {
  const token = new URL(link).searchParams.get('token');
  if (!token) throw new Error(`no token in ${link}`);
  return token;
}

/** POST /v1/connect/create-link with the SDK's defaults; returns the link token. */
export async function createLinkToken(app: TestApp, key: string, body: Record<string, unknown> = {}): Promise<string> {
  const res = await call(`${app.url}/v1/connect/create-link`, key, {
    method: 'POST',
    body: { end_user_email: 'hr@acme.example', end_user_organization_name: 'Acme GmbH', ...SDK_DEFAULTS, ...body },
  });
  if (res.status !== 200) throw new Error(`create-link answered ${res.status}: ${JSON.stringify(res.body)}`);
  return tokenOf(res.body.data.link);
}

/** A call to the flow API with a link token. */
export function flowCall(app: TestApp, path: string, token: string | null, init: { method?: string; body?: unknown } = {}) {
  return call(`${app.url}/flow/v1${path}`, null, { ...init, headers: token === null ? {} : { 'X-Plugboard-Link': token } });
}

/** Completes the flow with the Sandbox; returns the activation token. */
export async function connectSandbox(app: TestApp, linkToken: string, credentials = sandboxCredentials()): Promise<string> {
  const res = await flowCall(app, '/connect', linkToken, { method: 'POST', body: { tool: 'sandbox', credentials } });
  if (res.body?.data?.outcome !== 'connected') throw new Error(`connect answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.data.activation_token as string;
}

/** Link, flow and token exchange in one: a fresh Sandbox integration of the key's environment. */
export async function createSandboxIntegration(app: TestApp, key: string, body: Record<string, unknown> = {}): Promise<string> {
  const activationToken = await connectSandbox(app, await createLinkToken(app, key, body));
  const res = await call(`${app.url}/v1/connect/integration-by-token/${activationToken}`, key);
  if (res.status !== 200) throw new Error(`integration-by-token answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.data.id as string;
}
