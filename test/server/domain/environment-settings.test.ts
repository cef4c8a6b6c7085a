import { listAudit } from '../../../server/domain/audit.ts';
import {
  DEFAULT_ENVIRONMENT_SETTINGS,
  getEnvironmentSettings,
  parseSettingsPatch,
  updateEnvironmentSettings,
} from '../../../server/domain/environment-settings.ts';
import type { StoreDeps } from '../../../server/domain/deps.ts';
import type { Store } from '../../../server/store/db.ts';
import { createTestTenant, type TestTenant } from '../../helpers/app.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';

describe('parseSettingsPatch', () => {
  it('accepts every setting, and null to clear one', () => {
    const change = {
      displayName: 'Acme HR',
      logoUrl: 'https://cdn.acme.test/logo.png',
      primaryColor: '#0A7',
      privacyPolicyUrl: 'https://acme.test/privacy',
      supportEmail: 'help@acme.test',
      supportUrl: null,
      missingToolUrl: 'mailto:tools@acme.test',
      skipConsentForPreselected: true,
      allowedOrigins: ['https://app.acme.test', 'http://localhost:5173'],
    };
    expect(parseSettingsPatch(change)).toStrictEqual(change);
  });

  it.each([
    [{ logoUrl: 'http://cdn.acme.test/logo.png' }, 'logo_url must be an https URL'],
    [{ primaryColor: 'red' }, 'primary_color must be a hex colour such as #0a7f5a'],
    [{ supportEmail: 'nobody' }, 'support_email must be an email address'],
    [{ missingToolUrl: 'javascript:alert(1)' }, 'missing_tool_url must be an http(s) or mailto: URL'],
    [{ displayName: '   ' }, 'display_name must not be blank'],
    [{ displayName: 'Acme\nHR' }, 'display_name must not contain control characters'],
    [{ allowedOrigins: ['https://app.acme.test/'] }, "allowed_origins has 'https://app.acme.test/', which is not an exact origin"],
    [{ allowedOrigins: ['*'] }, "allowed_origins has '*', which is not an exact origin"],
    [{ colour: '#fff' }, 'settings Unrecognized key: "colour"'],
  ])('refuses %j, naming the setting', (change, message) => {
    expect(() => parseSettingsPatch(change)).toThrow(message);
  });
});

describe.each(STORE_NAMES)('updateEnvironmentSettings (%s)', (storeName) => {
  let store: Store;
  let deps: StoreDeps;
  let tenant: TestTenant;
  const by = { actor: 'cli:ops@host', source: 'cli' };
  const dev = () => ({ tenantId: tenant.id, environmentId: tenant.environments.development, environment: 'development' as const });

  beforeAll(async () => {
    store = await sharedStore(storeName);
    deps = { db: store.db, clock: () => new Date('2026-03-01T10:00:00.000Z'), secret: Buffer.alloc(32, 1) };
  });
  beforeEach(async () => {
    tenant = await createTestTenant(store);
  });

  describe('in an environment never configured', () => {
    it('answers the defaults', async () => {
      expect(await getEnvironmentSettings(store.db, tenant.environments.development)).toStrictEqual(DEFAULT_ENVIRONMENT_SETTINGS);
    });
  });

  describe('with two changes in a row', () => {
    it('keeps what the second change does not name', async () => {
      await updateEnvironmentSettings(deps, by, dev(), { displayName: 'Acme HR', allowedOrigins: ['https://app.acme.test'] });
      await updateEnvironmentSettings(deps, by, dev(), { supportEmail: 'help@acme.test' });
      const now = await getEnvironmentSettings(store.db, tenant.environments.development);
      expect([now.displayName, now.allowedOrigins, now.supportEmail]).toStrictEqual(['Acme HR', ['https://app.acme.test'], 'help@acme.test']);
    });

    it('audits each with the settings before and after', async () => {
      await updateEnvironmentSettings(deps, by, dev(), { displayName: 'Acme HR' });
      await updateEnvironmentSettings(deps, by, dev(), { displayName: null, skipConsentForPreselected: true });
      const entries = await listAudit(store.db, tenant.id);
      expect(
        entries.map((e) => [e.action, e.actor, e.targetId, e.before?.display_name, e.after?.display_name, e.after?.skip_consent_for_preselected]),
      ).toStrictEqual([
        ['environment.settings_updated', 'cli:ops@host', tenant.environments.development, null, 'Acme HR', false],
        ['environment.settings_updated', 'cli:ops@host', tenant.environments.development, 'Acme HR', null, true],
      ]);
    });
  });

  describe('with an invalid change', () => {
    it('changes nothing and audits nothing', async () => {
      await expect(updateEnvironmentSettings(deps, by, dev(), { displayName: 'Acme', primaryColor: 'blue' })).rejects.toThrow('primary_color');
      expect([await getEnvironmentSettings(store.db, tenant.environments.development), await listAudit(store.db, tenant.id)]).toStrictEqual([
        DEFAULT_ENVIRONMENT_SETTINGS,
        [],
      ]);
    });
  });
});
