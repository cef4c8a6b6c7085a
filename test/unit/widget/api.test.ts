import { createApi } from '../../../widget/app/lib/api.ts';
import { session } from './fixtures.ts';

/** A fetch answering one canned response and recording the request. */
function fetchAnswering(status: number, body: unknown) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const fetchImpl = (async (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { fetchImpl, calls };
}

const envelope = (code: string) => ({ status: 'error', error: { code, title: 't', message: `m ${code}`, log_url: null } });

describe('createApi', () => {
  it('sends the link token in the X-Plugboard-Link header, not the URL', async () => {
    const { fetchImpl, calls } = fetchAnswering(200, { status: 'success', data: session() });
    await createApi('tok123', fetchImpl).session();
    expect(calls.map((c) => [c.url, (c.init?.headers as Record<string, string>)['X-Plugboard-Link']])).toStrictEqual([['/flow/v1/session', 'tok123']]);
  });

  it('sends the loader’s language with every request, and no language header without one', async () => {
    const { fetchImpl, calls } = fetchAnswering(200, { status: 'success', data: session() });
    await createApi('t', fetchImpl, undefined, null, 'pt').session();
    await createApi('t', fetchImpl, undefined, null, 'pt').connect({ tool: 'sandbox', credentials: {} });
    await createApi('t', fetchImpl).session();
    expect(calls.map((c) => (c.init?.headers as Record<string, string>)['X-Plugboard-Language'] ?? null)).toStrictEqual(['pt', 'pt', null]);
  });

  it('uses the session request the page head already started, once', async () => {
    const { fetchImpl, calls } = fetchAnswering(200, { status: 'success', data: session({ language: 'de' }) });
    const early = Promise.resolve(new Response(JSON.stringify({ status: 'success', data: session() })));
    const api = createApi('t', fetchImpl, undefined, early);
    const first = await api.session();
    const second = await api.session();
    expect([first, second, calls.length]).toStrictEqual([{ ok: true, session: session() }, { ok: true, session: session({ language: 'de' }) }, 1]);
  });

  it('returns the session', async () => {
    const { fetchImpl } = fetchAnswering(200, { status: 'success', data: session() });
    expect(await createApi('t', fetchImpl).session()).toStrictEqual({ ok: true, session: session() });
  });

  it.each([
    [404, 'FLOW.LINK_INVALID', 'link_invalid'],
    [410, 'FLOW.LINK_EXPIRED', 'link_expired'],
    [410, 'FLOW.LINK_USED', 'link_used'],
    [500, 'PLATFORM.UNKNOWN_ERROR', 'unexpected'],
  ])('maps %s %s to %s', async (status, code, expected) => {
    const { fetchImpl } = fetchAnswering(status, envelope(code));
    expect(await createApi('t', fetchImpl).session()).toStrictEqual({ ok: false, code: expected, message: `m ${code}` });
  });

  it('reports a network failure', async () => {
    const failing = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    expect(await createApi('t', failing).connect({ tool: 'sandbox', credentials: {} })).toStrictEqual({ ok: false, code: 'network', message: '' });
  });

  it('reports an answer that is not JSON as unexpected', async () => {
    const { fetchImpl } = fetchAnswering(502, '<html>Bad gateway</html>');
    expect(await createApi('t', fetchImpl).session()).toStrictEqual({ ok: false, code: 'unexpected', message: '' });
  });

  it('posts credentials as JSON and returns the outcome', async () => {
    const outcome = { outcome: 'connected', activation_token: 'a', tool: 'sandbox' };
    const { fetchImpl, calls } = fetchAnswering(200, { status: 'success', data: outcome });
    const result = await createApi('t', fetchImpl).connect({ tool: 'sandbox', credentials: { api_key: 'k' } });
    expect([result, calls[0]?.init?.method, calls[0]?.init?.body]).toStrictEqual([
      { ok: true, outcome },
      'POST',
      JSON.stringify({ tool: 'sandbox', credentials: { api_key: 'k' } }),
    ]);
  });

  it('sends nothing without a token', async () => {
    const { fetchImpl, calls } = fetchAnswering(200, {});
    expect([await createApi(null, fetchImpl).session(), calls.length]).toStrictEqual([{ ok: false, code: 'link_invalid', message: '' }, 0]);
  });
});
