import crypto from 'node:crypto';
import { parse as parseCookie } from 'cookie';
import type { StoreDeps } from '../../../server/domain/deps.ts';
import type { ConsoleRole } from '../../../server/domain/console/policy.ts';
import { redeemToken } from '../../../server/domain/console/tokens.ts';
import { inviteUser } from '../../../server/domain/console/users.ts';
import { TEST_ACTOR } from '../../helpers/app.ts';

export const PASSWORD = 'correct horse battery staple';

/** A console user created the way an invitation creates one, with a known password. */
export async function addConsoleUser(deps: StoreDeps, tenantId: string, role: ConsoleRole, password = PASSWORD): Promise<{ id: string; email: string }> {
  const email = `${role}-${crypto.randomUUID()}@example.test`;
  const { user, token } = await inviteUser(deps, TEST_ACTOR, { tenantId, email, role });
  await redeemToken(deps, token, password);
  return { id: user.id, email };
}

export interface ConsoleResponse {
  status: number;
  headers: Headers;
  body: any;
}

/**
 * A browser-like client of the console API: keeps the cookies it is given, sends the CSRF token it
 * last received, and comes from its own client address (the test app trusts the loopback proxy).
 */
export class ConsoleClient {
  readonly cookies = new Map<string, string>();
  csrf: string | undefined;
  readonly address: string;

  constructor(
    readonly baseUrl: string,
    // A documentation-range IPv6 address of its own, so throttling counters never leak between tests sharing a store.
    address = `2001:db8::${crypto.randomBytes(2).toString('hex')}:${crypto.randomBytes(2).toString('hex')}`,
  ) {
    this.address = address;
  }

  async request(method: string, path: string, body?: unknown, options: { csrf?: string | null } = {}): Promise<ConsoleResponse> {
    const headers: Record<string, string> = { 'x-forwarded-for': this.address };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const csrf = options.csrf === undefined ? this.csrf : options.csrf;
    if (csrf) headers['x-csrf-token'] = csrf;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.baseUrl}/dashboard/api${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const parsed = parseCookie(pair!);
      for (const [name, value] of Object.entries(parsed)) {
        if (value) this.cookies.set(name, value);
        else this.cookies.delete(name);
      }
    }
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
  }

  /** Fetches a pre-session CSRF token (as the sign-in page does). */
  async prepare(): Promise<void> {
    const res = await this.request('GET', '/csrf');
    this.csrf = res.body.data.csrf_token;
  }

  async signIn(email: string, password: string, tenant: string): Promise<ConsoleResponse> {
    if (!this.csrf) await this.prepare();
    const res = await this.request('POST', '/sign-in', { email, password, tenant });
    if (res.status === 200) this.csrf = res.body.data.csrf_token;
    return res;
  }
}

/** Signs a fresh client in, failing loudly when that does not work. */
export async function signedIn(baseUrl: string, email: string, tenant: string, password = PASSWORD): Promise<ConsoleClient> {
  const client = new ConsoleClient(baseUrl);
  const res = await client.signIn(email, password, tenant);
  if (res.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(res.body)}`);
  return client;
}
