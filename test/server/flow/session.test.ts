import { sandboxConnector } from '../../../server/connectors/sandbox/index.ts';
import type { Store } from '../../../server/store/db.ts';
import type { FlowSession } from '../../../widget/protocol/flow-api.ts';
import { updateEnvironmentSettings } from '../../../server/domain/environment-settings.ts';
import { call, createTestKey, createTestTenant, errorEnvelope, startApp, type TestApp, type TestTenant } from '../../helpers/app.ts';
import { DAY_MS, testClock } from '../../helpers/clock.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';
import { connectSandbox, createLinkToken, createSandboxIntegration, flowCall, tokenOf } from '../connect/connect-helpers.ts';

describe.each(STORE_NAMES)('GET /flow/v1/session (%s)', (storeName) => {
  const clock = testClock('2026-03-01T10:00:00.000Z');
  let store: Store;
  let app: TestApp;
  let devKey: string;
  let tenant: TestTenant;

  beforeAll(async () => {
    store = await sharedStore(storeName);
    app = await startApp(store, { clock });
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    tenant = await createTestTenant(store);
    devKey = (await createTestKey(app.deps, tenant, 'development')).key;
  });

  const session = (token: string | null) => flowCall(app, '/session', token);
  const sandboxOf = (data: FlowSession) => data.tools.find((t) => t.id === 'sandbox')!;

  describe('with a fresh development link', () => {
    it('answers the FlowSession with the Sandbox, its form, instructions and data points', async () => {
      const res = await session(await createLinkToken(app, devKey, { end_user_email: 'hr@acme.example' }));
      const expected: FlowSession = {
        environment: 'development',
        category: 'HRIS',
        language: 'en',
        link_type: 'EMBEDDED',
        preselected_tool: null,
        relink: null,
        end_user: { organization_name: 'Acme GmbH', email: 'hr@acme.example' },
        expires_at: '2026-03-01T11:00:00.000Z',
        tools: [
          {
            id: 'sandbox',
            label: 'Sandbox',
            category: 'HRIS',
            logo_url: sandboxConnector.tool.logoUrl,
            icon_url: sandboxConnector.tool.iconUrl,
            instructions: sandboxConnector.instructions('en'),
            connection_guide_url: null,
            data_points: sandboxConnector.dataPoints('en'),
            credential_fields: sandboxConnector.credentialFields('en'),
          },
        ],
        vendor: { name: null, logo_url: null, primary_color: null, privacy_policy_url: null, support_email: null, support_url: null },
        missing_tool_url: null,
        consent_required: true,
        allowed_origins: [],
      };
      const sandboxOnly = { ...res.body, data: { ...res.body.data, tools: res.body.data.tools.filter((t: { id: string }) => t.id === 'sandbox') } };
      expect([res.status, sandboxOnly]).toStrictEqual([200, { status: 'success', data: expected }]);
    });

    it('is never cached', async () => {
      const res = await session(await createLinkToken(app, devKey));
      expect(res.headers.get('cache-control')).toBe('no-store');
    });
  });

  describe('with the Sandbox credential form', () => {
    it('has a required subdomain with affixes, a secret, a select with a default, an optional text and an optional select', async () => {
      const res = await session(await createLinkToken(app, devKey));
      const fields = sandboxOf(res.body.data as FlowSession).credential_fields;
      expect(fields.map((f) => [f.key, f.type, f.required, f.prefix ?? null, f.suffix ?? null, f.default ?? null, f.options?.map((o) => o.value) ?? null])).toStrictEqual([
        ['company_subdomain', 'subdomain', true, 'https://', '.sandbox-hr.test', null, null],
        ['api_key', 'secret', true, null, null, null, null],
        ['company_size', 'select', true, null, null, '250', ['50', '250', '1000', '10000']],
        ['seed', 'text', false, null, null, null, null],
        ['region', 'select', false, null, null, null, ['eu', 'us']],
      ]);
    });
  });

  describe.each(['de', 'fr', 'it', 'es', 'nl', 'pt', 'pl'] as const)('with language %s', (language) => {
    it('answers every text in that language', async () => {
      const res = await session(await createLinkToken(app, devKey, { language }));
      const tool = sandboxOf(res.body.data as FlowSession);
      expect([res.body.data.language, tool.instructions, tool.data_points, tool.credential_fields]).toStrictEqual([
        language,
        sandboxConnector.instructions(language),
        sandboxConnector.dataPoints(language),
        sandboxConnector.credentialFields(language),
      ]);
      expect(tool.credential_fields[2]!.label).not.toBe(sandboxConnector.credentialFields('en')[2]!.label);
    });
  });

  describe('with a link that names no language', () => {
    const sessionWith = async (headers: Record<string, string>) => {
      const token = await createLinkToken(app, devKey, { language: null });
      return (await call(`${app.url}/flow/v1/session`, null, { headers: { 'X-Plugboard-Link': token, ...headers } })).body.data as FlowSession;
    };

    it('speaks the loader’s language (X-Plugboard-Language) over the browser’s, tools’ texts included', async () => {
      const data = await sessionWith({ 'X-Plugboard-Language': 'nl', 'Accept-Language': 'pl-PL, fr;q=0.8' });
      expect([data.language, sandboxOf(data).credential_fields]).toStrictEqual(['nl', sandboxConnector.credentialFields('nl')]);
    });

    it('speaks the browser’s best flow language (Accept-Language) without a loader option', async () => {
      const data = await sessionWith({ 'Accept-Language': 'ja-JP, pt-BR;q=0.9, de;q=0.5' });
      expect([data.language, sandboxOf(data).instructions]).toStrictEqual(['pt', sandboxConnector.instructions('pt')]);
    });

    it('ignores a language it does not speak and falls back to English', async () => {
      const data = await sessionWith({ 'X-Plugboard-Language': 'xx', 'Accept-Language': 'ja' });
      expect(data.language).toBe('en');
    });
  });

  describe('with a link that names its language', () => {
    it('keeps it over the loader’s and the browser’s', async () => {
      const token = await createLinkToken(app, devKey, { language: 'it' });
      const res = await call(`${app.url}/flow/v1/session`, null, { headers: { 'X-Plugboard-Link': token, 'X-Plugboard-Language': 'de', 'Accept-Language': 'fr' } });
      expect(res.body.data.language).toBe('it');
    });
  });

  describe('with every tool of the development environment', () => {
    it('lists the popular tools first, marked, then the others by name', async () => {
      const data = (await session(await createLinkToken(app, devKey))).body.data as FlowSession;
      expect(data.tools.map((t) => [t.id, t.popular ?? false])).toStrictEqual([
        ['personio', true],
        ['bamboohr', true],
        ['hibob', true],
        ['factorial', false],
        ['sandbox', false],
      ]);
    });
  });

  describe('with a preselected tool', () => {
    it('names it and offers only it', async () => {
      const res = await session(await createLinkToken(app, devKey, { integration_tool: 'sandbox', link_type: 'MAGIC_LINK' }));
      expect([res.body.data.preselected_tool, res.body.data.link_type, res.body.data.tools.map((t: { id: string }) => t.id)]).toStrictEqual([
        'sandbox',
        'MAGIC_LINK',
        ['sandbox'],
      ]);
    });
  });

  describe('with the environment\'s branding and flow settings', () => {
    const configure = (change: Record<string, unknown>) =>
      updateEnvironmentSettings(app.deps, { actor: 'test', source: 'test' }, { tenantId: tenant.id, environmentId: tenant.environments.development, environment: 'development' }, change);

    it('names the vendor, its support contact, the missing-tool link and the allowed origins', async () => {
      await configure({
        displayName: 'Acme HR',
        logoUrl: 'https://cdn.acme.test/logo.svg',
        primaryColor: '#0a7f5a',
        privacyPolicyUrl: 'https://acme.test/privacy',
        supportEmail: 'help@acme.test',
        supportUrl: 'https://acme.test/help',
        missingToolUrl: 'mailto:tools@acme.test',
        allowedOrigins: ['https://app.acme.test'],
      });
      const data = (await session(await createLinkToken(app, devKey))).body.data as FlowSession;
      expect([data.vendor, data.missing_tool_url, data.consent_required, data.allowed_origins]).toStrictEqual([
        {
          name: 'Acme HR',
          logo_url: 'https://cdn.acme.test/logo.svg',
          primary_color: '#0a7f5a',
          privacy_policy_url: 'https://acme.test/privacy',
          support_email: 'help@acme.test',
          support_url: 'https://acme.test/help',
        },
        'mailto:tools@acme.test',
        true,
        ['https://app.acme.test'],
      ]);
    });

    it('skips consent only for a link that preselects a tool when so configured', async () => {
      await configure({ skipConsentForPreselected: true });
      const picker = (await session(await createLinkToken(app, devKey))).body.data as FlowSession;
      const preselected = (await session(await createLinkToken(app, devKey, { integration_tool: 'sandbox' }))).body.data as FlowSession;
      expect([picker.consent_required, preselected.consent_required]).toStrictEqual([true, false]);
    });

    it('keeps another environment\'s settings out', async () => {
      await updateEnvironmentSettings(app.deps, { actor: 'test', source: 'test' }, { tenantId: tenant.id, environmentId: tenant.environments.production, environment: 'production' }, { displayName: 'Other' });
      const data = (await session(await createLinkToken(app, devKey))).body.data as FlowSession;
      expect(data.vendor.name).toBeNull();
    });
  });

  describe('with a relink link', () => {
    it('names the tool being reconnected and the original end user', async () => {
      const id = await createSandboxIntegration(app, devKey, { end_user_organization_name: 'Relink AG' });
      const relink = await call(`${app.url}/v1/integrations/${encodeURIComponent(id)}/relink`, devKey, { method: 'POST', body: { language: 'fr' } });
      const res = await session(tokenOf(relink.body.data.link));
      expect([res.body.data.relink, res.body.data.preselected_tool, res.body.data.end_user.organization_name, res.body.data.language]).toStrictEqual([
        { tool: 'sandbox' },
        'sandbox',
        'Relink AG',
        'fr',
      ]);
    });
  });

  describe('without the X-Plugboard-Link header', () => {
    it('answers 404 FLOW.LINK_INVALID', async () => {
      const res = await session(null);
      expect([res.status, res.body]).toStrictEqual([
        404,
        errorEnvelope('FLOW.LINK_INVALID', 'Link invalid', 'This page was opened without a connection link. Start again from the app you came from.'),
      ]);
    });
  });

  describe.each([
    ['an unknown token', 'A'.repeat(40)],
    ['a malformed token', 'not a token'],
  ])('with %s', (_name, token) => {
    it('answers 404 FLOW.LINK_INVALID', async () => {
      const res = await session(token);
      expect([res.status, res.body]).toStrictEqual([
        404,
        errorEnvelope('FLOW.LINK_INVALID', 'Link invalid', 'This connection link is not valid. Start again from the app you came from to get a new one.'),
      ]);
    });
  });

  describe('with a link that already produced a connection', () => {
    it('answers 410 FLOW.LINK_USED', async () => {
      const token = await createLinkToken(app, devKey);
      await connectSandbox(app, token);
      const res = await session(token);
      expect([res.status, res.body]).toStrictEqual([
        410,
        errorEnvelope('FLOW.LINK_USED', 'Link already used', 'This connection link was already used to connect. Start again from the app you came from.'),
      ]);
    });
  });

  describe('with an embedded link', () => {
    it('works until its hour is up and then answers 410 FLOW.LINK_EXPIRED', async () => {
      const token = await createLinkToken(app, devKey);
      clock.advance(60 * 60 * 1000 - 1);
      const before = await session(token);
      clock.advance(1);
      const after = await session(token);
      expect([before.status, after.status, after.body]).toStrictEqual([
        200,
        410,
        errorEnvelope('FLOW.LINK_EXPIRED', 'Link expired', 'This connection link has expired. Start again from the app you came from to get a new one.'),
      ]);
    });
  });

  describe('with a magic link', () => {
    it('still works after 364 days and expires after a year', async () => {
      const token = await createLinkToken(app, devKey, { link_type: 'MAGIC_LINK' });
      clock.advance(364 * DAY_MS);
      const before = await session(token);
      clock.advance(2 * DAY_MS);
      const after = await session(token);
      expect([before.status, after.status, after.body.error.code]).toStrictEqual([200, 410, 'FLOW.LINK_EXPIRED']);
    });
  });
});
