import http from 'node:http';
import { ERROR_TABLE } from '../../../server/http/error-table.ts';
import { LIST_ENDPOINTS } from '../../../server/http/routes/hris/list-params.ts';
import { createTestKey, createTestTenant, LOG_URL, startApp, type TestApp } from '../../helpers/app.ts';
import { syncedIntegration } from '../../helpers/hris.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';

/** Requests per store; the seed makes every run send the same ones. */
const REQUESTS = 2_000;
const SEED = 0x5eed_2026;

/** mulberry32: a small deterministic PRNG. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  return { next, int, pick };
}
type Rng = ReturnType<typeof prng>;

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Hostile text for URLs, already in wire form (percent-encoded where Node would refuse the raw byte). */
const URL_VALUES = [
  '%00', 'a%00b', '%', '%zz', '%E0%A4%A', '%ED%A0%80', '%C0%AF', '%FF', '..%2F..%2Fetc%2Fpasswd', '%27%20or%201%3D1--',
  '-1', '0', '2147483648', '9007199254740993', '1e309', 'NaN', 'abc', 'true', 'null', '%5B%5D', '%7B%7D',
  '0000-01-01', '0000-01-01T00:00:00Z', '9999-99-99', '2024-02-30', '2024-13-01T25:61:61Z', '+275760-09-13',
  encodeURIComponent('{"size":"\\ud800"}'), encodeURIComponent('{"a":"\\u0000"}'), encodeURIComponent('{"a":[1]}'),
  encodeURIComponent('{'), 'x'.repeat(5_000), encodeURIComponent('Zoë 😀'),
  b64({ m: 'employees', s: 2 ** 31 }), b64({ m: 'employees', s: -1 }), b64({ m: 'employees', s: 1.5 }), b64({ m: 'groups', s: 1 }), b64('x'), '____',
] as const;

/** Hostile JSON values for bodies: wrong types, overflowing numbers, NUL, lone surrogates, long strings. */
const JSON_VALUES: unknown[] = [
  null, true, 0, -1, 2 ** 31, 2 ** 53 + 1, 1e308, '', ' ', '\u0000', 'a\u0000b', '\ud800', 'x\udc00', '😀', 'x'.repeat(20_000),
  [], [1, 2], {}, { a: { b: { c: 'd' } } }, 'not-an-email', 'a@b.c', 'sandbox', 'HRIS', 'EMBEDDED', '0000-01-01',
];

function urlValue(rng: Rng): string {
  return rng.pick(URL_VALUES);
}

function jsonBody(rng: Rng, fields: readonly string[]): string {
  const kind = rng.int(10);
  if (kind === 0) return '{"a":'; // truncated
  if (kind === 1) return '['.repeat(20_000) + ']'.repeat(20_000); // deep
  if (kind === 2) return JSON.stringify({ blob: 'x'.repeat(150_000) }); // over the limit
  if (kind === 3) return JSON.stringify(rng.pick(JSON_VALUES)); // not an object
  const body: Record<string, unknown> = {};
  for (const field of fields) if (rng.next() < 0.7) body[field] = rng.next() < 0.5 ? rng.pick(JSON_VALUES) : { [rng.pick(JSON_VALUES) as string]: rng.pick(JSON_VALUES) };
  if (rng.next() < 0.2) body[rng.pick(['\u0000', '\ud800', 'extra'])] = 1;
  return JSON.stringify(body);
}

interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

interface Targets {
  key: string;
  integrationId: string;
}

/** One generated request to one of every /v1 and /flow/v1 route. */
function generate(rng: Rng, t: Targets): FuzzRequest {
  const auth = { authorization: `Bearer ${t.key}` };
  const integration = { ...auth, 'x-integration-id': rng.next() < 0.8 ? t.integrationId : urlValue(rng).replace(/%/g, 'x') };
  const idOrFuzz = () => (rng.next() < 0.3 ? t.integrationId : urlValue(rng));
  const hris = rng.pick(LIST_ENDPOINTS);
  const params = ['cursor', 'page_size', 'updated_after', 'include_deleted', 'ids', 'remote_ids', 'custom_fields', 'work_emails', 'employment_status', 'employment_statuses', 'types', 'name_contains', 'date_from', 'date_until', 'time_from', 'started_before', 'ended_after', 'employee_id', 'model_types'];
  const query = Array.from({ length: 1 + rng.int(3) }, () => `${rng.pick(params)}=${urlValue(rng)}`).join('&');
  const routes: (() => Omit<FuzzRequest, 'body'> & { fields?: readonly string[] })[] = [
    () => ({ method: 'GET', path: `/v1/check-api-key?${query}`, headers: auth }),
    () => ({ method: 'POST', path: '/v1/connect/create-link', headers: auth, fields: ['end_user_email', 'end_user_organization_name', 'end_user_origin_id', 'integration_category', 'integration_tool', 'link_type', 'language', 'enable_filtering'] }),
    () => ({ method: 'GET', path: `/v1/connect/integration-by-token/${urlValue(rng)}`, headers: auth }),
    () => ({ method: 'POST', path: '/v1/connect/activate-integration', headers: auth, fields: ['token'] }),
    () => ({ method: 'GET', path: `/v1/tools/${urlValue(rng)}`, headers: auth }),
    () => ({ method: 'GET', path: `/v1/integrations/${idOrFuzz()}`, headers: auth }),
    () => ({ method: 'DELETE', path: `/v1/integrations/${urlValue(rng)}`, headers: auth, fields: [] }),
    () => ({ method: 'PUT', path: `/v1/integrations/${idOrFuzz()}/enabled`, headers: auth, fields: ['value'] }),
    () => ({ method: 'POST', path: `/v1/integrations/${urlValue(rng)}/relink`, headers: auth, fields: ['language', 'scope_config_id', 'link_type'] }),
    () => ({ method: 'GET', path: `/v1/hris/${hris.path}?${query}`, headers: integration }),
    () => ({ method: 'GET', path: `/v1/force-sync/${urlValue(rng)}`, headers: integration }),
    () => ({ method: 'POST', path: `/v1/passthrough/${rng.pick(['sandbox', urlValue(rng)])}/${urlValue(rng)}`, headers: integration, fields: ['method', 'path', 'headers', 'params', 'data'] }),
    () => ({ method: 'GET', path: '/flow/v1/session', headers: { 'x-plugboard-link': urlValue(rng) } }),
    () => ({ method: 'POST', path: '/flow/v1/connect', headers: { 'x-plugboard-link': urlValue(rng) }, fields: ['tool', 'credentials'] }),
    () => ({ method: rng.pick(['GET', 'POST', 'PATCH']), path: `/${rng.pick(['v1', 'flow/v1'])}/${urlValue(rng)}/${urlValue(rng)}`, headers: auth }),
  ];
  const { fields, ...request } = rng.pick(routes)();
  if (!fields) return request;
  const headers: Record<string, string> = { ...request.headers, 'content-type': rng.next() < 0.9 ? 'application/json' : rng.pick(['text/plain', 'application/json; charset=utf-16', '']) };
  const encoding = rng.int(12);
  // A body that does not match its Content-Encoding.
  if (encoding === 0) headers['content-encoding'] = rng.pick(['gzip', 'br', 'deflate', 'x-unknown']);
  const body = Buffer.from(jsonBody(rng, fields));
  headers['content-length'] = String(body.length);
  return { ...request, headers, body };
}

function send(base: URL, r: FuzzRequest): Promise<{ status: number; contentType: string; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: base.hostname, port: base.port, method: r.method, path: r.path, headers: r.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode!, contentType: String(res.headers['content-type'] ?? ''), text: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(r.body);
  });
}

/** What is wrong with an answer: a 5xx, or an error that is not the Kombo envelope; null when fine. */
function problemWith(res: { status: number; contentType: string; text: string }): string | null {
  if (res.status >= 500) return `answered ${res.status}: ${res.text.slice(0, 300)}`;
  if (res.status < 400) return null;
  if (!res.contentType.startsWith('application/json')) return `error ${res.status} is ${res.contentType || 'untyped'}, not JSON`;
  const body = JSON.parse(res.text) as { status?: unknown; error?: { code?: string; title?: unknown; message?: unknown; log_url?: unknown } };
  const code = body.error?.code as keyof typeof ERROR_TABLE | undefined;
  const ok =
    body.status === 'error' &&
    Object.keys(body).length === 2 &&
    code !== undefined &&
    ERROR_TABLE[code] !== undefined &&
    body.error!.title === ERROR_TABLE[code].title &&
    typeof body.error!.message === 'string' &&
    (body.error!.log_url === null || (typeof body.error!.log_url === 'string' && LOG_URL.test(body.error!.log_url))) &&
    Object.keys(body.error!).length === 4;
  return ok ? null : `error ${res.status} is not the envelope: ${res.text.slice(0, 300)}`;
}

describe.each(STORE_NAMES)('every /v1 and /flow/v1 route under fuzzed input (%s)', (storeName) => {
  let app: TestApp;
  let targets: Targets;

  beforeAll(async () => {
    const store = await sharedStore(storeName);
    app = await startApp(store);
    const tenant = await createTestTenant(store);
    const { key } = await createTestKey(app.deps, tenant);
    targets = { key, integrationId: await syncedIntegration(app.deps, tenant, { credentials: { company_size: '50', seed: 'fuzz' } }) };
  });
  afterAll(() => app.close());

  describe(`${REQUESTS} generated requests (seed ${SEED.toString(16)})`, () => {
    let problems: string[];

    beforeAll(async () => {
      const rng = prng(SEED);
      const requests = Array.from({ length: REQUESTS }, () => generate(rng, targets));
      problems = [];
      const base = new URL(app.url);
      let next = 0;
      const worker = async () => {
        while (next < requests.length) {
          const r = requests[next++]!;
          const problem = await send(base, r).then(problemWith, (err: Error) => `got no answer (${err.message})`);
          if (problem) problems.push(`${r.method} ${r.path.slice(0, 200)} ${JSON.stringify(r.headers['content-encoding'] ?? '')}: ${problem}`);
        }
      };
      await Promise.all([worker(), worker(), worker(), worker()]);
    }, 240_000);

    it('answers none of them with a 5xx, and every error with the Kombo envelope', () => {
      expect(problems).toStrictEqual([]);
    });

    it('logs none of them at error level', () => {
      const errors = app.logs.filter((line) => JSON.parse(line).level >= 50).map((line) => line.slice(0, 300));
      expect(errors).toStrictEqual([]);
    });
  });
});
