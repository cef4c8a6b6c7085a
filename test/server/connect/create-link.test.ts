import { Kombo } from '@kombo-api/sdk';
import { KomboGeneralError } from '@kombo-api/sdk/models/errors';
import { hashLinkToken } from '../../../server/domain/links.ts';
import { createConnectorRegistry } from '../../../server/connectors/registry.ts';
import { setToolEnabled } from '../../../server/domain/tools.ts';
import type { Store } from '../../../server/store/db.ts';
import { call, createTestKey, createTestTenant, errorEnvelope, startApp, type TestApp, type TestTenant } from '../../helpers/app.ts';
import { testClock } from '../../helpers/clock.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';
import { SDK_DEFAULTS, tokenOf } from './connect-helpers.ts';

/** The tools on by default in an environment, in catalogue order, as error messages list them. */
const toolsOf = (environment: 'development' | 'production') =>
  createConnectorRegistry().list().filter((c) => c.availability[environment]?.enabledByDefault).map((c) => c.tool.id);

const INPUT_INVALID = 'Input invalid';
const MINIMAL = { end_user_email: 'hr@acme.example', end_user_organization_name: 'Acme GmbH', ...SDK_DEFAULTS };

describe.each(STORE_NAMES)('POST /v1/connect/create-link (%s)', (storeName) => {
  const clock = testClock('2026-03-01T10:00:00.000Z');
  let store: Store;
  let app: TestApp;
  let tenant: TestTenant;
  let devKey: string;

  beforeAll(async () => {
    store = await sharedStore(storeName);
    app = await startApp(store, { clock, config: { publicUrl: 'https://connect.plugboard.test' } });
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    tenant = await createTestTenant(store);
    devKey = (await createTestKey(app.deps, tenant, 'development')).key;
  });

  const createLink = (body: unknown, key = devKey) => call(`${app.url}/v1/connect/create-link`, key, { method: 'POST', body });
  const linkRow = (token: string) =>
    store.db.selectFrom('connection_links').selectAll().where('token_hash', '=', hashLinkToken(app.deps.secret, token)).executeTakeFirstOrThrow();

  describe('with the body the SDK sends for a minimal call', () => {
    it('answers a flow link on the public origin carrying a 40-character token', async () => {
      const res = await createLink(MINIMAL);
      expect(res.status).toBe(200);
      expect(res.body).toStrictEqual({ status: 'success', data: { link: expect.stringMatching(/^https:\/\/connect\.plugboard\.test\/flow\?token=[0-9A-Za-z]{40}$/) } });
    });

    it('stores the link bound to environment, category and end user, expiring in one hour', async () => {
      const token = tokenOf((await createLink(MINIMAL)).body.data.link);
      const row = await linkRow(token);
      expect(row).toStrictEqual({
        id: expect.any(String),
        environment_id: tenant.environments.development,
        token_hash: hashLinkToken(app.deps.secret, token),
        link_type: 'EMBEDDED',
        integration_category: 'HRIS',
        integration_tool: null,
        remote_environment: null,
        language: 'en',
        scope_config_id: expect.any(String),
        enable_filtering: false,
        enable_field_mapping: false,
        end_user_email: 'hr@acme.example',
        end_user_organization_name: 'Acme GmbH',
        end_user_origin_id: null,
        relink_integration_id: null,
        created_at: clock(),
        expires_at: new Date('2026-03-01T11:00:00.000Z'),
        used_at: null,
      });
    });

    it('stores only a keyed hash of the token, never the token', async () => {
      const token = tokenOf((await createLink(MINIMAL)).body.data.link);
      const row = await linkRow(token);
      expect(JSON.stringify(row)).not.toContain(token);
    });
  });

  describe('with link_type MAGIC_LINK', () => {
    it('expires one year later', async () => {
      const token = tokenOf((await createLink({ ...MINIMAL, link_type: 'MAGIC_LINK' })).body.data.link);
      expect((await linkRow(token)).expires_at).toStrictEqual(new Date('2027-03-01T10:00:00.000Z'));
    });
  });

  describe('with every optional field set', () => {
    it('stores each of them, lower-casing only the email domain', async () => {
      const token = tokenOf(
        (
          await createLink({
            end_user_email: 'Jane.Doe+hr@ACME.Example',
            end_user_organization_name: 'Acme GmbH',
            end_user_origin_id: 'cust-42',
            integration_category: 'HRIS',
            integration_tool: 'sandbox',
            language: 'de',
            enable_filtering: true,
            enable_field_mapping: true,
            link_type: 'EMBEDDED',
          })
        ).body.data.link,
      );
      const row = await linkRow(token);
      expect([row.end_user_email, row.end_user_origin_id, row.integration_tool, row.language, row.enable_filtering, row.enable_field_mapping]).toStrictEqual([
        'Jane.Doe+hr@acme.example',
        'cust-42',
        'sandbox',
        'de',
        true,
        true,
      ]);
    });
  });

  describe('with nulls for the nullable fields', () => {
    it('applies the defaults (a null language leaves it to the customer)', async () => {
      const token = tokenOf(
        (await createLink({ ...MINIMAL, end_user_origin_id: null, integration_tool: null, remote_environment: null, language: null, scope_config_id: null })).body
          .data.link,
      );
      const row = await linkRow(token);
      expect([row.language, row.integration_tool, row.end_user_origin_id, row.remote_environment]).toStrictEqual(['customer', null, null, null]);
    });
  });

  describe('with unknown body fields', () => {
    it('ignores them: nothing of theirs is stored', async () => {
      const token = tokenOf(
        (
          await createLink({
            ...MINIMAL,
            id: 'chosen-id',
            environment_id: tenant.environments.production,
            relink_integration_id: 'sandbox:victim',
            expires_at: '2099-01-01T00:00:00Z',
            used_at: null,
            token_hash: 'x',
          })
        ).body.data.link,
      );
      const row = await linkRow(token);
      expect([row.id === 'chosen-id', row.environment_id, row.relink_integration_id, row.expires_at]).toStrictEqual([
        false,
        tenant.environments.development,
        null,
        new Date('2026-03-01T11:00:00.000Z'),
      ]);
    });
  });

  describe('with invalid input', () => {
    it.each([
      ['no body at all', undefined, 'Invalid request body: the request body is required.'],
      ['an array body', [], 'Invalid request body: the request body must be an object (got an array).'],
      ['no end_user_email', { end_user_organization_name: 'Acme' }, 'Invalid request body: end_user_email is required.'],
      ['a malformed email', { ...MINIMAL, end_user_email: 'not-an-email' }, 'Invalid request body: end_user_email must be a valid email address.'],
      ['an empty organization name', { ...MINIMAL, end_user_organization_name: '' }, 'Invalid request body: end_user_organization_name must not be empty.'],
      ['an empty origin id', { ...MINIMAL, end_user_origin_id: '' }, 'Invalid request body: end_user_origin_id must not be empty.'],
      [
        'an unknown category',
        { ...MINIMAL, integration_category: 'CRM' },
        'Invalid request body: integration_category must be one of "HRIS", "ATS", "ASSESSMENT", "LMS" (got "CRM").',
      ],
      ['a tool outside the enum', { ...MINIMAL, integration_tool: 'excel' }, 'Invalid request body: integration_tool must be one of the 190 known values (got "excel").'],
      ['an unknown language', { ...MINIMAL, language: 'ja' }, 'Invalid request body: language must be one of "en", "de", "fr", "it", "es", "nl", "pt", "pl" (got "ja").'],
      ['an unknown link type', { ...MINIMAL, link_type: 'EMAIL' }, 'Invalid request body: link_type must be one of "EMBEDDED", "MAGIC_LINK" (got "EMAIL").'],
      ['a non-boolean flag', { ...MINIMAL, enable_filtering: 'yes' }, 'Invalid request body: enable_filtering must be a boolean (got string).'],
      [
        'two bad fields',
        { ...MINIMAL, end_user_email: 'x', end_user_organization_name: '' },
        'Invalid request body: end_user_email must be a valid email address; end_user_organization_name must not be empty.',
      ],
      ['remote_environment without a tool', { ...MINIMAL, remote_environment: 'staging' }, 'remote_environment can only be used together with integration_tool.'],
      [
        'remote_environment for a tool without environments',
        { ...MINIMAL, integration_tool: 'sandbox', remote_environment: 'staging' },
        "Tool 'sandbox' has no remote environments; omit remote_environment.",
      ],
      [
        'a tool Plugboard has no connector for',
        { ...MINIMAL, integration_tool: 'workday' },
        `Plugboard has no connector for tool 'workday' yet. Enabled HRIS tools in the development environment: ${toolsOf('development').join(', ')}.`,
      ],
      [
        'a tool of another category',
        { ...MINIMAL, integration_category: 'ATS', integration_tool: 'sandbox' },
        "Tool 'sandbox' does not support the ATS category (it supports HRIS).",
      ],
      ['a category without tools', { ...MINIMAL, integration_category: 'ATS' }, 'No ATS tools are enabled in the development environment.'],
    ])('answers 400 PLATFORM.INPUT_INVALID for %s', async (_name, body, message) => {
      const res = await createLink(body);
      expect(res.status).toBe(400);
      expect(res.body).toStrictEqual(errorEnvelope('PLATFORM.INPUT_INVALID', INPUT_INVALID, message));
    });

    it('answers 400 for a scope_config_id that does not exist', async () => {
      const res = await createLink({ ...MINIMAL, scope_config_id: 'B1hu5NGyhdjSq5X3hxEz4bAN' });
      expect(res.body).toStrictEqual(
        errorEnvelope('PLATFORM.INPUT_INVALID', INPUT_INVALID, expect.stringMatching(/^Unknown scope_config_id 'B1hu5NGyhdjSq5X3hxEz4bAN'\. This environment has one scope config, '\w{24}'; omit scope_config_id to use it\.$/)),
      );
    });

    it('stores no link', async () => {
      await createLink({ ...MINIMAL, end_user_email: 'broken' });
      const rows = await store.db.selectFrom('connection_links').select('id').where('environment_id', '=', tenant.environments.development).execute();
      expect(rows).toStrictEqual([]);
    });
  });

  describe('with every tool disabled in the environment', () => {
    it('refuses to preselect the Sandbox and to create links without a tool', async () => {
      for (const tool of toolsOf('development')) {
        await setToolEnabled({ db: store.db, connectors: createConnectorRegistry() }, { tenantId: tenant.id, environmentId: tenant.environments.development, environment: 'development' }, tool, false);
      }
      const [withTool, withoutTool] = await Promise.all([createLink({ ...MINIMAL, integration_tool: 'sandbox' }), createLink(MINIMAL)]);
      expect([withTool.status, withTool.body.error.message, withoutTool.status, withoutTool.body.error.message]).toStrictEqual([
        400,
        "Tool 'sandbox' is disabled in the development environment. No HRIS tools are enabled in the development environment.",
        400,
        'No HRIS tools are enabled in the development environment.',
      ]);
    });
  });

  describe('with a production key', () => {
    it('refuses the Sandbox, which exists only in development', async () => {
      const { key } = await createTestKey(app.deps, tenant, 'production');
      const res = await createLink({ ...MINIMAL, integration_tool: 'sandbox' }, key);
      expect(res.body).toStrictEqual(
        errorEnvelope(
          'PLATFORM.INPUT_INVALID',
          INPUT_INVALID,
          `Tool 'sandbox' is not available in the production environment. Enabled HRIS tools in the production environment: ${toolsOf('production').join(', ')}.`,
        ),
      );
    });

    it('refuses a link without a tool while production has no tools enabled', async () => {
      const { key } = await createTestKey(app.deps, tenant, 'production');
      for (const tool of toolsOf('production')) {
        await setToolEnabled({ db: store.db, connectors: createConnectorRegistry() }, { tenantId: tenant.id, environmentId: tenant.environments.production, environment: 'production' }, tool, false);
      }
      const res = await createLink(MINIMAL, key);
      expect(res.body).toStrictEqual(
        errorEnvelope(
          'PLATFORM.INPUT_INVALID',
          INPUT_INVALID,
          'No HRIS tools are enabled in the production environment. The Sandbox tool is available in the development environment: use a development API key.',
        ),
      );
    });
  });

  describe('through the official SDK', () => {
    it('creates a link', async () => {
      const kombo = new Kombo({ api_key: devKey, server_url: `${app.url}/v1` });
      const result = await kombo.connect.createConnectionLink({
        end_user_email: 'hr@acme.example',
        end_user_organization_name: 'Acme GmbH',
        integration_tool: 'sandbox',
      });
      expect(result).toStrictEqual({ status: 'success', data: { link: expect.stringMatching(/\/flow\?token=[0-9A-Za-z]{40}$/) } });
    });

    it('throws a typed KomboGeneralError for a malformed email', async () => {
      const kombo = new Kombo({ api_key: devKey, server_url: `${app.url}/v1` });
      const error = await kombo.connect.createConnectionLink({ end_user_email: 'nope', end_user_organization_name: 'Acme' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(KomboGeneralError);
      expect([(error as KomboGeneralError).statusCode, (error as KomboGeneralError).error]).toStrictEqual([
        400,
        { code: 'PLATFORM.INPUT_INVALID', title: INPUT_INVALID, message: 'Invalid request body: end_user_email must be a valid email address.', log_url: expect.stringMatching(new RegExp(`^${app.deps.config.publicUrl}/dashboard/logs/[0-9a-f-]{36}$`)) },
      ]);
    });
  });
});
