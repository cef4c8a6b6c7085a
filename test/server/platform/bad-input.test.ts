import http from 'node:http';
import zlib from 'node:zlib';
import { call, createTestKey, createTestTenant, errorEnvelope, startApp, type TestApp } from '../../helpers/app.ts';
import { integrationHeader, syncedIntegration } from '../../helpers/hris.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';

const INPUT_INVALID = 'Input invalid';
const invalid = (message: unknown) => errorEnvelope('PLATFORM.INPUT_INVALID', INPUT_INVALID, message);
const cursorOf = (model: string, seq: number) => Buffer.from(JSON.stringify({ m: model, s: seq })).toString('base64url');

/** A raw request (fetch would refuse or re-encode what these tests send on purpose). */
function raw(url: string, path: string, init: { method?: string; headers?: Record<string, string>; body?: Buffer }) {
  return new Promise<{ status: number; body: any }>((resolve, reject) => {
    const req = http.request(`${url}${path}`, { method: init.method ?? 'GET', headers: init.headers }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += String(d)));
      res.on('end', () => resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : text }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

describe.each(STORE_NAMES)('input the store cannot take (%s)', (storeName) => {
  let app: TestApp;
  let key: string;
  let id: string;

  const hris = (path: string) => call(`${app.url}/v1/hris/${path}`, key, { headers: integrationHeader(id) });
  const errorLines = () => app.logs.filter((line) => JSON.parse(line).level >= 50);

  beforeAll(async () => {
    const store = await sharedStore(storeName);
    app = await startApp(store);
    const tenant = await createTestTenant(store);
    ({ key } = await createTestKey(app.deps, tenant));
    id = await syncedIntegration(app.deps, tenant, { credentials: { company_size: '50', seed: 'bad-input' } });
  });
  afterAll(() => app.close());
  afterEach(() => {
    // Client errors are logged at warn at most, never as server errors.
    expect(errorLines()).toStrictEqual([]);
  });

  describe('GET /v1/hris/employees with a NUL byte in a filter', () => {
    it('answers 400 naming the parameter', async () => {
      const res = await hris('employees?work_emails=a%00b@example.com');
      expect(res.status).toBe(400);
      expect(res.body).toStrictEqual(invalid("Invalid query parameter 'work_emails': must not contain NUL characters or unpaired UTF-16 surrogates."));
    });
  });

  describe('GET /v1/integrations/{id} with a NUL byte in the path', () => {
    it('answers 400', async () => {
      const res = await call(`${app.url}/v1/integrations/abc%00def`, key);
      expect(res.status).toBe(400);
      expect(res.body).toStrictEqual(invalid('The request path must not contain NUL characters or unpaired UTF-16 surrogates.'));
    });
  });

  describe('a path with a malformed % escape', () => {
    it('answers 400 under /v1', async () => {
      const res = await call(`${app.url}/v1/integrations/%E0%A4%A`, key);
      expect(res.status).toBe(400);
      expect(res.body).toStrictEqual(invalid('The request path contains a malformed percent-encoding.'));
    });

    it('answers 400 under /flow/v1', async () => {
      const res = await call(`${app.url}/flow/v1/%zz`, null);
      expect(res.status).toBe(400);
      expect(res.body).toStrictEqual(invalid('The request path contains a malformed percent-encoding.'));
    });
  });

  describe('GET /v1/hris/employees with a cursor of 2^31', () => {
    it('answers 400 about the cursor', async () => {
      const res = await hris(`employees?cursor=${cursorOf('employees', 2 ** 31)}`);
      expect(res.status).toBe(400);
      expect(res.body).toStrictEqual(invalid(expect.stringContaining("Invalid query parameter 'cursor'")));
    });
  });

  describe('GET /v1/hris/employees with a lone surrogate in custom_fields', () => {
    it('answers 400 naming custom_fields', async () => {
      const res = await hris(`employees?custom_fields=${encodeURIComponent('{"size":"\\ud800"}')}`);
      expect(res.status).toBe(400);
      expect(res.body).toStrictEqual(invalid('Invalid query parameters: custom_fields must not contain NUL characters or unpaired UTF-16 surrogates.'));
    });
  });

  describe('GET /v1/hris/employees?updated_after=0000-01-01', () => {
    it('answers 400 naming the valid range', async () => {
      const res = await hris('employees?updated_after=0000-01-01T00:00:00Z');
      expect(res.status).toBe(400);
      expect(res.body).toStrictEqual(invalid('Invalid query parameters: updated_after must be a valid date-time between 0001-01-01 and 9999-12-31.'));
    });
  });

  describe('GET /v1/hris/employees?page_size=abc', () => {
    it('says what is expected', async () => {
      const res = await hris('employees?page_size=abc');
      expect(res.status).toBe(400);
      expect(res.body).toStrictEqual(invalid('Invalid query parameters: page_size must be an integer between 1 and 250.'));
    });
  });

  describe('POST /v1/connect/create-link with a body that is not the gzip it claims', () => {
    it('answers 400 naming the encoding mismatch', async () => {
      const res = await raw(app.url, '/v1/connect/create-link', {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'content-encoding': 'gzip' },
        body: Buffer.from('{"end_user_email":"a@b.c"}'),
      });
      expect(res.status).toBe(400);
      expect(res.body).toStrictEqual(invalid('The request body does not match its Content-Encoding.'));
    });
  });

  describe('POST /flow/v1/connect with a truncated brotli body', () => {
    it('answers 400 naming the encoding mismatch', async () => {
      const body = zlib.brotliCompressSync(Buffer.from(JSON.stringify({ tool: 'sandbox', credentials: { a: 'b'.repeat(500) } })));
      const res = await raw(app.url, '/flow/v1/connect', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-encoding': 'br' },
        body: body.subarray(0, body.length - 8),
      });
      expect(res.status).toBe(400);
      expect(res.body).toStrictEqual(invalid('The request body does not match its Content-Encoding.'));
    });
  });

  describe('POST /v1/connect/create-link with a NUL byte in a body string', () => {
    it('answers 400 naming the field', async () => {
      const res = await call(`${app.url}/v1/connect/create-link`, key, {
        method: 'POST',
        body: { end_user_email: 'a@b.c', end_user_organization_name: 'Acme\u0000' },
      });
      expect(res.status).toBe(400);
      expect(res.body).toStrictEqual(invalid('Invalid request body: end_user_organization_name must not contain NUL characters or unpaired UTF-16 surrogates.'));
    });
  });
});
