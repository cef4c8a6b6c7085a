import { sql } from 'kysely';
import { openCredentials } from '../../../server/domain/credentials-crypto.ts';
import { loadIntegrationCredentials } from '../../../server/domain/integrations.ts';
import type { Store } from '../../../server/store/db.ts';
import { findActiveRun } from '../../../server/store/queries/hris-sync-runs.ts';
import { runQueuedSync } from '../../helpers/hris.ts';
import { call, createTestKey, createTestTenant, errorEnvelope, startApp, type TestApp, type TestTenant } from '../../helpers/app.ts';
import { testClock } from '../../helpers/clock.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';
import { createLinkToken, flowCall, sandboxCredentials } from '../connect/connect-helpers.ts';

describe.each(STORE_NAMES)('POST /flow/v1/connect (%s)', (storeName) => {
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

  const connect = (token: string, credentials: Record<string, unknown> = sandboxCredentials(), tool = 'sandbox') =>
    flowCall(app, '/connect', token, { method: 'POST', body: { tool, credentials } });
  const integrationsOfTenant = () =>
    store.db.selectFrom('integrations').selectAll().where('environment_id', '=', tenant.environments.development).execute();

  describe('with valid Sandbox credentials', () => {
    it('answers connected with a single-use activation token', async () => {
      const res = await connect(await createLinkToken(app, devKey));
      expect([res.status, res.body]).toStrictEqual([
        200,
        { status: 'success', data: { outcome: 'connected', activation_token: expect.stringMatching(/^[0-9A-Za-z]{40}$/), tool: 'sandbox' } },
      ]);
    });

    it('creates an ACTIVE integration awaiting its first sync, bound to the link', async () => {
      await connect(await createLinkToken(app, devKey, { end_user_origin_id: 'cust-1', remote_environment: null }));
      const rows = await integrationsOfTenant();
      expect(rows.map((r) => ({ ...r, credentials_ciphertext: typeof r.credentials_ciphertext }))).toStrictEqual([
        {
          id: expect.stringMatching(/^sandbox:[1-9A-HJ-NP-Za-km-z]{24}$/),
          environment_id: tenant.environments.development,
          tool: 'sandbox',
          category: 'HRIS',
          status: 'ACTIVE',
          inactive_reason: null,
          setup_status: 'FINAL_SYNC_PENDING',
          end_user_email: 'hr@acme.example',
          end_user_organization_name: 'Acme GmbH',
          end_user_origin_id: 'cust-1',
          scope_config_id: expect.stringMatching(/^\w{24}$/),
          remote_environment: null,
          credentials_key_id: 'v1',
          credentials_ciphertext: 'string',
          created_at: clock(),
          updated_at: clock(),
          last_api_request_at: clock(),
          data_expired_at: null,
        },
      ]);
    });

    it('stores the checked values: trimmed, lower-cased subdomain, select defaults applied, unknown keys dropped', async () => {
      await connect(await createLinkToken(app, devKey), { company_subdomain: '  ACME-Corp ', api_key: ' key-1 ', company_size: '', seed: '', evil: 'x' });
      const [row] = await integrationsOfTenant();
      expect(await loadIntegrationCredentials(app.deps, row!.id)).toStrictEqual({ company_subdomain: 'acme-corp', api_key: 'key-1', company_size: '250' });
    });

    it('creates no integration when its sync cannot be queued (one transaction)', async () => {
      const jobs = app.deps.jobs;
      app.deps.jobs = { ...jobs, send: () => Promise.reject(new Error('queue unavailable')) };
      try {
        const token = await createLinkToken(app, devKey);
        expect((await connect(token)).status).toBe(500);
        expect(await integrationsOfTenant()).toStrictEqual([]);
        app.deps.jobs = jobs;
        expect((await connect(token)).body.data.outcome).toBe('connected');
      } finally {
        app.deps.jobs = jobs;
      }
    });
  });

  describe('with credentials stored', () => {
    it('keeps the plaintext API key out of every column of every table', async () => {
      const marker = `pb-secret-${crypto.randomUUID()}`;
      const token = await createLinkToken(app, devKey);
      const res = await connect(token, sandboxCredentials({ api_key: marker }));
      expect(res.body.data.outcome).toBe('connected');
      const tables = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = 'public'`.execute(store.db);
      const dumps = await Promise.all(tables.rows.map(async ({ table_name }) => JSON.stringify((await sql`select * from ${sql.table(table_name)}`.execute(store.db)).rows)));
      expect(dumps.filter((d) => d.includes(marker) || d.includes(token) || d.includes(res.body.data.activation_token))).toStrictEqual([]);
    });

    it('seals them to the integration: they do not decrypt under another integration ID', async () => {
      await connect(await createLinkToken(app, devKey));
      const [row] = await integrationsOfTenant();
      const sealed = { keyId: row!.credentials_key_id, ciphertext: row!.credentials_ciphertext };
      expect(openCredentials(app.deps.secret, row!.id, sealed).api_key).toBe('sk-sandbox-secret-4711');
      expect(() => openCredentials(app.deps.secret, 'sandbox:someoneElse', sealed)).toThrow();
    });

    it('never writes tokens or credentials to the log', async () => {
      const token = await createLinkToken(app, devKey);
      const res = await connect(token, sandboxCredentials({ api_key: 'log-canary-8813' }));
      await call(`${app.url}/v1/connect/integration-by-token/${res.body.data.activation_token}`, devKey);
      const logs = app.logs.join('\n');
      expect([logs.includes(token), logs.includes('log-canary-8813'), logs.includes(res.body.data.activation_token), logs.includes('/flow/v1/connect')]).toStrictEqual([
        false,
        false,
        false,
        true,
      ]);
    });
  });

  describe('with the magic API key "invalid"', () => {
    it('answers invalid_credentials with a field error on api_key and keeps the link usable', async () => {
      const token = await createLinkToken(app, devKey);
      const res = await connect(token, sandboxCredentials({ api_key: 'invalid' }));
      expect([res.status, res.body]).toStrictEqual([
        200,
        {
          status: 'success',
          data: {
            outcome: 'invalid_credentials',
            message: 'The credentials were not accepted.',
            field_errors: { api_key: 'Sandbox HR rejected this API key. Check that it was copied completely.' },
          },
        },
      ]);
      expect((await connect(token)).body.data.outcome).toBe('connected');
    });
  });

  describe('with the magic API key "outage"', () => {
    it('answers remote_unavailable and creates nothing', async () => {
      const res = await connect(await createLinkToken(app, devKey), sandboxCredentials({ api_key: 'outage' }));
      expect([res.body, (await integrationsOfTenant()).length]).toStrictEqual([
        {
          status: 'success',
          data: { outcome: 'remote_unavailable', message: 'Sandbox HR is not reachable right now. Please try again in a few minutes.' },
        },
        0,
      ]);
    });
  });

  describe('with the magic API key "slow"', () => {
    it('verifies after about three seconds and connects', async () => {
      const started = performance.now();
      const res = await connect(await createLinkToken(app, devKey), sandboxCredentials({ api_key: 'slow' }));
      expect([res.body.data.outcome, performance.now() - started >= 2_900]).toStrictEqual(['connected', true]);
    });

    it('stops verifying when the client goes away, so nothing gets connected', async () => {
      const token = await createLinkToken(app, devKey);
      const controller = new AbortController();
      const request = fetch(`${app.url}/flow/v1/connect`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'X-Plugboard-Link': token },
        body: JSON.stringify({ tool: 'sandbox', credentials: sandboxCredentials({ api_key: 'slow' }) }),
        signal: controller.signal,
      }).catch((e: unknown) => e);
      setTimeout(() => controller.abort(), 300);
      expect(await request).toBeInstanceOf(Error);
      await new Promise((resolve) => setTimeout(resolve, 3_500));
      expect([(await integrationsOfTenant()).length, (await flowCall(app, '/session', token)).status]).toStrictEqual([0, 200]);
    });

    it('logs the cancellation as one info line, without an error or a stack', async () => {
      const token = await createLinkToken(app, devKey);
      const controller = new AbortController();
      const request = fetch(`${app.url}/flow/v1/connect`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'X-Plugboard-Link': token },
        body: JSON.stringify({ tool: 'sandbox', credentials: sandboxCredentials({ api_key: 'slow' }) }),
        signal: controller.signal,
      }).catch((e: unknown) => e);
      const logged = app.logs.length;
      setTimeout(() => controller.abort(), 300);
      await request;
      await expect.poll(() => app.logs.slice(logged).some((l) => l.includes('verification cancelled')), { timeout: 5_000 }).toBe(true);
      const lines = app.logs.slice(logged).map((l) => JSON.parse(l) as { level: number; msg: string; err?: unknown });
      const cancelled = lines.find((l) => l.msg.startsWith('verification cancelled'))!;
      expect([cancelled.level, cancelled.err, lines.filter((l) => l.level >= 50).map((l) => l.msg)]).toStrictEqual([30, undefined, []]);
    });
  });

  describe('with values the form rejects', () => {
    it('answers field errors for every bad field without asking the tool', async () => {
      const res = await connect(await createLinkToken(app, devKey), { company_subdomain: '-acme', api_key: '   ', company_size: '7', region: 'mars' });
      expect(res.body.data).toStrictEqual({
        outcome: 'invalid_credentials',
        message: 'Some fields need your attention.',
        field_errors: {
          company_subdomain: 'Use only letters, digits and hyphens (not at the start or end), at most 63 characters.',
          api_key: 'This field is required.',
          company_size: 'Choose one of the listed options.',
          region: 'Choose one of the listed options.',
        },
      });
    });

    it("answers them in the link's language", async () => {
      const res = await connect(await createLinkToken(app, devKey, { language: 'de' }), { company_subdomain: 'acme' });
      expect(res.body.data).toStrictEqual({
        outcome: 'invalid_credentials',
        message: 'Einige Felder müssen korrigiert werden.',
        field_errors: { api_key: 'Dieses Feld ist erforderlich.' },
      });
    });

    it('answers them in the customer’s language when the link names none', async () => {
      const token = await createLinkToken(app, devKey, { language: null });
      const res = await call(`${app.url}/flow/v1/connect`, null, {
        method: 'POST',
        headers: { 'X-Plugboard-Link': token, 'X-Plugboard-Language': 'pl' },
        body: { tool: 'sandbox', credentials: { company_subdomain: 'acme' } },
      });
      expect(res.body.data).toStrictEqual({
        outcome: 'invalid_credentials',
        message: 'Niektóre pola wymagają poprawy.',
        field_errors: { api_key: 'To pole jest wymagane.' },
      });
    });
  });

  describe('with a tool the link does not offer', () => {
    it('answers 400 PLATFORM.INPUT_INVALID', async () => {
      const res = await connect(await createLinkToken(app, devKey, { integration_tool: 'sandbox' }), sandboxCredentials(), 'personio');
      expect([res.status, res.body]).toStrictEqual([
        400,
        errorEnvelope('PLATFORM.INPUT_INVALID', 'Input invalid', "Tool 'personio' is not offered by this connection link."),
      ]);
    });
  });

  describe('with a malformed body', () => {
    it('answers 400 naming the field', async () => {
      const res = await connect(await createLinkToken(app, devKey), { api_key: 42 });
      expect(res.body).toStrictEqual(errorEnvelope('PLATFORM.INPUT_INVALID', 'Input invalid', 'Invalid request body: credentials.api_key must be a string (got number).'));
    });
  });

  describe('with a link that already connected', () => {
    it('answers 410 FLOW.LINK_USED and creates nothing more', async () => {
      const token = await createLinkToken(app, devKey, { link_type: 'MAGIC_LINK' });
      await connect(token);
      const again = await connect(token);
      expect([again.status, again.body.error.code, (await integrationsOfTenant()).length]).toStrictEqual([410, 'FLOW.LINK_USED', 1]);
    });
  });

  describe('with concurrent submissions on one link', () => {
    it('connects exactly once', async () => {
      const token = await createLinkToken(app, devKey);
      const results = await Promise.all([connect(token), connect(token), connect(token)]);
      const outcomes = results.map((r) => r.body.data?.outcome ?? r.body.error.code).sort();
      expect([outcomes, (await integrationsOfTenant()).length]).toStrictEqual([['FLOW.LINK_USED', 'FLOW.LINK_USED', 'connected'], 1]);
    });
  });

  describe('with an expired link', () => {
    it('answers 410 FLOW.LINK_EXPIRED', async () => {
      const token = await createLinkToken(app, devKey);
      clock.advance(60 * 60 * 1000);
      const res = await connect(token);
      expect([res.status, res.body.error.code]).toStrictEqual([410, 'FLOW.LINK_EXPIRED']);
    });
  });

  // Last: the sync runs on this process's event loop, which stalls the app's sockets for a while.
  describe('after connecting', () => {
    it('queues the first sync with the integration, as a job a worker runs to completion', async () => {
      await connect(await createLinkToken(app, devKey));
      const [row] = await integrationsOfTenant();
      const queued = await findActiveRun(store.db, row!.id);
      expect(queued).toMatchObject({ status: 'QUEUED', trigger: 'INITIAL', type: 'FULL' });
      expect(await runQueuedSync(app.deps, queued!.id)).toMatchObject({ status: 'SUCCEEDED' });
      const after = await store.db.selectFrom('integrations').select('setup_status').where('id', '=', row!.id).executeTakeFirstOrThrow();
      expect(after.setup_status).toBe('COMPLETED');
    });
  });
});
