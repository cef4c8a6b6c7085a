import { Kombo } from '@kombo-api/sdk';
import { KomboGeneralError } from '@kombo-api/sdk/models/errors';
import { sandboxDataSource } from '../../../server/connectors/sandbox/company/source.ts';
import { sandboxConnector } from '../../../server/connectors/sandbox/index.ts';
import type { Connector } from '../../../server/connectors/types.ts';
import type { Store } from '../../../server/store/db.ts';
import { findActiveRun } from '../../../server/store/queries/hris-sync-runs.ts';
import { call, createTestKey, createTestTenant, errorEnvelope, startApp, type TestApp, type TestTenant } from '../../helpers/app.ts';
import { testClock } from '../../helpers/clock.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';
import { connectSandbox, createLinkToken } from './connect-helpers.ts';

const INPUT_INVALID = 'Input invalid';
const UNKNOWN =
  'Unknown activation token. Pass the token the connection flow returned, with an API key of the environment the link was created in.';
const ALREADY = 'This activation token was already exchanged; each token works once. Use the integration ID you received then.';

describe.each(STORE_NAMES)('GET /v1/connect/integration-by-token/{token} (%s)', (storeName) => {
  const clock = testClock('2026-03-01T10:00:00.000Z');
  let store: Store;
  let app: TestApp;
  let tenant: TestTenant;
  let devKey: string;

  beforeAll(async () => {
    store = await sharedStore(storeName);
    app = await startApp(store, { clock });
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    tenant = await createTestTenant(store);
    devKey = (await createTestKey(app.deps, tenant, 'development')).key;
  });

  const exchange = (token: string, key = devKey) => call(`${app.url}/v1/connect/integration-by-token/${encodeURIComponent(token)}`, key);
  const freshToken = async (body: Record<string, unknown> = {}) => connectSandbox(app, await createLinkToken(app, devKey, body));

  describe('with a fresh activation token', () => {
    it('answers the six-field shape through the official SDK', async () => {
      const token = await freshToken({ end_user_origin_id: 'cust-7', end_user_email: 'Jane@Acme.Example' });
      const kombo = new Kombo({ api_key: devKey, server_url: `${app.url}/v1` });
      const result = await kombo.connect.getIntegrationByToken({ token });
      expect(result).toStrictEqual({
        status: 'success',
        data: {
          tool: 'sandbox',
          id: expect.stringMatching(/^sandbox:[1-9A-HJ-NP-Za-km-z]{24}$/),
          end_user_origin_id: 'cust-7',
          end_user_organization_name: 'Acme GmbH',
          end_user_email: 'Jane@acme.example',
          setup_status: 'FINAL_SYNC_PENDING',
        },
      });
    });
  });

  describe('with a token that was already exchanged', () => {
    it('answers 400 PLATFORM.INPUT_INVALID saying it works once to another API key', async () => {
      const token = await freshToken();
      expect((await exchange(token)).status).toBe(200);
      const otherKey = (await createTestKey(app.deps, tenant, 'development')).key;
      const again = await exchange(token, otherKey);
      expect([again.status, again.body]).toStrictEqual([400, errorEnvelope('PLATFORM.INPUT_INVALID', INPUT_INVALID, ALREADY)]);
    });

    it('answers the same integration again to the same API key within ten minutes (a retry after a lost answer)', async () => {
      const token = await freshToken();
      const first = await exchange(token);
      clock.advance(10 * 60 * 1000 - 1);
      const retried = await exchange(token);
      expect([retried.status, retried.body]).toStrictEqual([200, first.body]);
    });

    it('answers 400 saying it works once to the same API key after ten minutes', async () => {
      const token = await freshToken();
      expect((await exchange(token)).status).toBe(200);
      clock.advance(10 * 60 * 1000);
      const late = await exchange(token);
      expect([late.status, late.body]).toStrictEqual([400, errorEnvelope('PLATFORM.INPUT_INVALID', INPUT_INVALID, ALREADY)]);
    });
  });

  describe('with several concurrent exchanges of one token', () => {
    it('lets exactly one API key succeed', async () => {
      const token = await freshToken();
      const keys = [devKey, ...(await Promise.all(Array.from({ length: 5 }, async () => (await createTestKey(app.deps, tenant, 'development')).key)))];
      const results = await Promise.all(keys.map((key) => exchange(token, key)));
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toStrictEqual([200, 400, 400, 400, 400, 400]);
      expect(results.filter((r) => r.status === 400).map((r) => r.body.error.message)).toStrictEqual(Array(5).fill(ALREADY));
    });
  });

  describe('with a token older than 10 minutes', () => {
    it('answers 400 saying it expired', async () => {
      const token = await freshToken();
      clock.advance(10 * 60 * 1000);
      const res = await exchange(token);
      expect(res.body).toStrictEqual(
        errorEnvelope(
          'PLATFORM.INPUT_INVALID',
          INPUT_INVALID,
          `This activation token expired at ${clock().toISOString()} (tokens are valid for 10 minutes). Look the integration up by its ID instead, or run the connection flow again.`,
        ),
      );
    });
  });

  describe('with a token of another environment', () => {
    it('answers like an unknown token and leaves it redeemable where it belongs', async () => {
      const token = await freshToken();
      const { key: prodKey } = await createTestKey(app.deps, tenant, 'production');
      const wrong = await exchange(token, prodKey);
      expect([wrong.status, wrong.body]).toStrictEqual([400, errorEnvelope('PLATFORM.INPUT_INVALID', INPUT_INVALID, UNKNOWN)]);
      expect((await exchange(token)).status).toBe(200);
    });
  });

  describe('with a token of another tenant', () => {
    it('answers like an unknown token', async () => {
      const token = await freshToken();
      const other = await createTestTenant(store);
      const { key } = await createTestKey(app.deps, other, 'development');
      expect((await exchange(token, key)).body).toStrictEqual(errorEnvelope('PLATFORM.INPUT_INVALID', INPUT_INVALID, UNKNOWN));
    });
  });

  describe('with an unknown or malformed token', () => {
    it.each([['unknown', 'A'.repeat(40)], ['malformed', 'tok/x?y']])('answers 400 for a %s token', async (_name, token) => {
      expect((await exchange(token)).body).toStrictEqual(errorEnvelope('PLATFORM.INPUT_INVALID', INPUT_INVALID, UNKNOWN));
    });

    it('reaches the SDK as a typed KomboGeneralError', async () => {
      const kombo = new Kombo({ api_key: devKey, server_url: `${app.url}/v1` });
      const error = await kombo.connect.getIntegrationByToken({ token: 'tok/x' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(KomboGeneralError);
      expect((error as KomboGeneralError).error).toStrictEqual({ code: 'PLATFORM.INPUT_INVALID', title: INPUT_INVALID, message: UNKNOWN, log_url: expect.stringMatching(new RegExp(`^${app.url}/dashboard/logs/[0-9a-f-]{36}$`)) });
    });
  });
});

describe.each(STORE_NAMES)('POST /v1/connect/activate-integration (%s)', (storeName) => {
  let store: Store;
  let app: TestApp;
  let tenant: TestTenant;
  let devKey: string;

  beforeAll(async () => {
    store = await sharedStore(storeName);
    app = await startApp(store);
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    tenant = await createTestTenant(store);
    devKey = (await createTestKey(app.deps, tenant, 'development')).key;
  });

  const activate = (body: unknown) => call(`${app.url}/v1/connect/activate-integration`, devKey, { method: 'POST', body });

  describe('with a fresh activation token', () => {
    it('answers the same six-field shape, once to one API key', async () => {
      const token = await connectSandbox(app, await createLinkToken(app, devKey));
      const first = await activate({ token });
      const retried = await activate({ token });
      const otherKey = (await createTestKey(app.deps, tenant, 'development')).key;
      const other = await call(`${app.url}/v1/connect/activate-integration`, otherKey, { method: 'POST', body: { token } });
      expect([first.status, Object.keys(first.body.data), retried.status, retried.body.data?.id, other.status]).toStrictEqual([
        200,
        ['tool', 'id', 'end_user_origin_id', 'end_user_organization_name', 'end_user_email', 'setup_status'],
        200,
        first.body.data.id,
        400,
      ]);
    });
  });

  describe('without a token', () => {
    it('answers 400 naming the field', async () => {
      expect((await activate({})).body).toStrictEqual(errorEnvelope('PLATFORM.INPUT_INVALID', INPUT_INVALID, 'Invalid request body: token is required.'));
    });
  });
});

describe.each(STORE_NAMES)('GET /v1/connect/integration-by-token/{token} during the first sync (%s)', (storeName) => {
  let app: TestApp;
  let devKey: string;
  let release: () => void = () => {};
  const started: string[] = [];
  /** The Sandbox, but its read waits until the test releases it. */
  const gated: Connector = {
    ...sandboxConnector,
    source: {
      // A plain DataSource (no paged `read`), so the sync goes through the wrapped readHris.
    readModels: sandboxDataSource.readModels,
      readHris: async (ctx) => {
        started.push(ctx.integrationId);
        await new Promise<void>((resolve) => (release = resolve));
        return sandboxDataSource.readHris(ctx);
      },
    },
  };

  beforeAll(async () => {
    const store = await sharedStore(storeName);
    app = await startApp(store, { connectors: [gated], workers: true });
    devKey = (await createTestKey(app.deps, await createTestTenant(store), 'development')).key;
  });
  afterAll(async () => {
    release();
    await app.close();
  });

  it('answers at once, while the queued first sync is still running', async () => {
    const token = await connectSandbox(app, await createLinkToken(app, devKey));
    await vi.waitFor(() => expect(started).toHaveLength(1), { timeout: 20_000 });
    const res = await call(`${app.url}/v1/connect/integration-by-token/${token}`, devKey);
    expect([res.status, res.body.data.id, res.body.data.setup_status]).toStrictEqual([200, started[0], 'FINAL_SYNC_PENDING']);
    expect(await findActiveRun(app.deps.db, started[0]!)).toMatchObject({ status: 'RUNNING' });
    release();
    await vi.waitFor(async () => expect((await findActiveRun(app.deps.db, started[0]!))).toBeUndefined(), { timeout: 30_000 });
  });
});
