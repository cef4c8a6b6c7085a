import {
  type ConnectOutcome,
  type ConnectRequest,
  FLOW_API_BASE,
  type FlowLanguage,
  type FlowSession,
  LANGUAGE_HEADER,
  LINK_TOKEN_HEADER,
} from '../../protocol/flow-api.ts';
import type { FlowErrorCode } from '../../protocol/messages.ts';

/** A request that did not produce data: a link problem, a server error or no network. */
export interface ApiFailure {
  ok: false;
  code: FlowErrorCode;
  /** The server's message when it sent one (in the link's language), else empty. */
  message: string;
  /** The request id the server answered with (`X-Request-Id`), for support; absent without an answer. */
  reference?: string;
}

export type SessionResult = { ok: true; session: FlowSession } | ApiFailure;
export type ConnectResult = { ok: true; outcome: ConnectOutcome; reference?: string } | ApiFailure;

/** The flow API as the app uses it; every network call of the app goes through here. */
export interface FlowApi {
  session(): Promise<SessionResult>;
  connect(request: ConnectRequest): Promise<ConnectResult>;
  /** Starts an OAuth connection: the tool's authorization URL for the popup. */
  oauthStart?(tool: string): Promise<{ ok: true; url: string } | ApiFailure>;
}

const LINK_CODES: Record<string, FlowErrorCode> = {
  'FLOW.LINK_INVALID': 'link_invalid',
  'FLOW.LINK_EXPIRED': 'link_expired',
  'FLOW.LINK_USED': 'link_used',
};

/** Maps an envelope (or its absence) to data or an {@link ApiFailure}. */
async function read<T>(response: Promise<Response>): Promise<{ ok: true; data: T; reference?: string } | ApiFailure> {
  let res: Response;
  try {
    res = await response;
  } catch {
    return { ok: false, code: 'network', message: '' };
  }
  const body = (await res.json().catch(() => null)) as { status?: string; data?: T; error?: { code?: string; message?: string } } | null;
  const reference = res.headers?.get('x-request-id') ?? undefined;
  const ref = reference ? { reference } : {};
  if (res.ok && body?.status === 'success') return { ok: true, data: body.data as T, ...ref };
  const code = LINK_CODES[body?.error?.code ?? ''] ?? 'unexpected';
  return { ok: false, code, message: typeof body?.error?.message === 'string' ? body.error.message : '', ...ref };
}

declare global {
  interface Window {
    /** The session request the page's inline head script started (see vite.config.ts), if any. */
    __plugboardSession?: Promise<Response> | null;
  }
}

/**
 * The flow API for one link token (sent in the `X-Plugboard-Link` header, never in a URL). Without a
 * token every call fails with `link_invalid` and nothing is sent. `early` is a session request already
 * under way (the page's head script); the first `session()` uses it, later ones ask again. `language`
 * (the loader's option) goes with every request, for links that name no language of their own.
 */
export function createApi(
  token: string | null,
  fetchImpl: typeof fetch = fetch,
  base = FLOW_API_BASE,
  early: Promise<Response> | null = null,
  language: FlowLanguage | null = null,
): FlowApi {
  let pendingSession = early;
  const preference: Record<string, string> = language ? { [LANGUAGE_HEADER]: language } : {};
  const headers = (extra: Record<string, string> = {}): Record<string, string> => ({ [LINK_TOKEN_HEADER]: token ?? '', accept: 'application/json', ...preference, ...extra });
  const noToken: ApiFailure = { ok: false, code: 'link_invalid', message: '' };
  return {
    async session() {
      if (!token) return noToken;
      const request = pendingSession ?? fetchImpl(`${base}/session`, { headers: headers(), cache: 'no-store' });
      pendingSession = null;
      const res = await read<FlowSession>(request);
      return res.ok ? { ok: true, session: res.data } : res;
    },
    async connect(request) {
      if (!token) return noToken;
      const init = { method: 'POST', headers: headers({ 'content-type': 'application/json' }), body: JSON.stringify(request) };
      const res = await read<ConnectOutcome>(fetchImpl(`${base}/connect`, init));
      return res.ok ? { ok: true, outcome: res.data, ...(res.reference ? { reference: res.reference } : {}) } : res;
    },
    async oauthStart(tool) {
      if (!token) return noToken;
      const init = { method: 'POST', headers: headers({ 'content-type': 'application/json' }), body: JSON.stringify({ tool }) };
      const res = await read<{ authorization_url: string }>(fetchImpl(`${base}/oauth/start`, init));
      return res.ok ? { ok: true, url: res.data.authorization_url } : res;
    },
  };
}
