import { sql } from 'kysely';
import { createApiKey, disableApiKey, listApiKeys, setApiKeyAllowlist } from '../../../server/domain/api-keys.ts';
import { listAudit } from '../../../server/domain/audit.ts';
import { AppError } from '../../../server/domain/errors.ts';
import { createTestKey, createTestTenant, TEST_ACTOR, testDeps, type TestTenant } from '../../helpers/app.ts';
import { testClock } from '../../helpers/clock.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';
import type { DomainDeps } from '../../../server/domain/deps.ts';

describe.each(STORE_NAMES)('API keys in the store (%s)', (storeName) => {
  const clock = testClock();
  let deps: DomainDeps;
  let tenant: TestTenant;

  beforeAll(async () => {
    deps = await testDeps(await sharedStore(storeName), { clock });
  });
  beforeEach(async () => {
    tenant = await createTestTenant(await sharedStore(storeName));
  });

  describe('when a key is created', () => {
    it('stores no plaintext key in any column of api_keys or audit_log', async () => {
      const { key } = await createTestKey(deps, tenant);
      const body = key.slice('ks_dev_'.length);
      const keys = await sql<{ row: string }>`select row_to_json(k)::text as row from api_keys k`.execute(deps.db);
      const audit = await sql<{ row: string }>`select row_to_json(a)::text as row from audit_log a`.execute(deps.db);
      for (const { row } of [...keys.rows, ...audit.rows]) {
        expect(row).not.toContain(body);
        expect(row).not.toContain(body.slice(4, 24));
      }
    });

    it('keeps a display prefix of the environment prefix plus four characters', async () => {
      const { key, id } = await createTestKey(deps, tenant);
      const [info] = (await listApiKeys(deps.db, tenant.id)).filter((k) => k.id === id);
      expect(info?.displayPrefix).toBe(key.slice(0, 11));
    });

    it('writes an api_key.created audit row with actor, source, time and settings', async () => {
      const { id } = await createTestKey(deps, tenant, 'production', { name: 'ci', ipAllowlist: ['10.1.0.0/16'] });
      const entries = await listAudit(deps.db, tenant.id);
      expect(entries).toHaveLength(1);
      expect(entries[0]).toStrictEqual({
        id: expect.any(String),
        at: clock(),
        actor: 'test',
        source: 'test',
        action: 'api_key.created',
        environmentId: tenant.environments.production,
        targetType: 'api_key',
        targetId: id,
        before: null,
        after: {
          name: 'ci',
          environment: 'production',
          display_prefix: expect.stringMatching(/^ks_prod_/),
          expires_at: null,
          disabled_at: null,
          ip_allowlist: ['10.1.0.0/16'],
        },
      });
    });
  });

  describe('with a malformed allowlist', () => {
    it('rejects the key with INPUT_INVALID and writes neither key nor audit row', async () => {
      const error = await createApiKey(deps, TEST_ACTOR, {
        tenantId: tenant.id,
        environment: 'development',
        ipAllowlist: ['10.0.0.0/8', 'not-an-ip'],
      }).catch((err: unknown) => err);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('PLATFORM.INPUT_INVALID');
      expect(await listApiKeys(deps.db, tenant.id)).toStrictEqual([]);
      expect(await listAudit(deps.db, tenant.id)).toStrictEqual([]);
    });

    it('leaves an existing allowlist untouched on a bad update', async () => {
      const { id } = await createTestKey(deps, tenant, 'development', { ipAllowlist: ['10.0.0.0/8'] });
      await expect(setApiKeyAllowlist(deps, TEST_ACTOR, tenant.id, id, ['1.2.3.4/99'])).rejects.toThrow(/Invalid IP allowlist entry/);
      const [info] = await listApiKeys(deps.db, tenant.id);
      expect(info?.ipAllowlist).toStrictEqual(['10.0.0.0/8']);
      expect((await listAudit(deps.db, tenant.id)).map((e) => e.action)).toStrictEqual(['api_key.created']);
    });
  });

  describe('when the allowlist changes', () => {
    it('stores it normalised and audits before and after', async () => {
      const { id } = await createTestKey(deps, tenant);
      await setApiKeyAllowlist(deps, TEST_ACTOR, tenant.id, id, ['192.0.2.0/24', '::ffff:198.51.100.1']);
      const [, changed] = await listAudit(deps.db, tenant.id);
      expect(changed?.action).toBe('api_key.allowlist_changed');
      expect(changed?.before?.ip_allowlist).toStrictEqual([]);
      expect(changed?.after?.ip_allowlist).toStrictEqual(['192.0.2.0/24', '198.51.100.1']);
    });
  });

  describe('when a key is disabled', () => {
    it('audits the change with before and after', async () => {
      const { id } = await createTestKey(deps, tenant);
      await disableApiKey(deps, TEST_ACTOR, tenant.id, id);
      const [, disabled] = await listAudit(deps.db, tenant.id);
      expect(disabled?.action).toBe('api_key.disabled');
      expect(disabled?.before?.disabled_at).toBeNull();
      expect(disabled?.after?.disabled_at).toBe(clock().toISOString());
    });

    it('cannot be re-enabled, even by writing to the database directly', async () => {
      const { id } = await createTestKey(deps, tenant);
      await disableApiKey(deps, TEST_ACTOR, tenant.id, id);
      await expect(deps.db.updateTable('api_keys').set({ disabled_at: null as never }).where('id', '=', id).execute()).rejects.toThrow(
        /irreversible/,
      );
    });

    it('refuses later allowlist changes', async () => {
      const { id } = await createTestKey(deps, tenant);
      await disableApiKey(deps, TEST_ACTOR, tenant.id, id);
      await expect(setApiKeyAllowlist(deps, TEST_ACTOR, tenant.id, id, ['10.0.0.0/8'])).rejects.toThrow(/disabled/);
    });

    it('is idempotent and writes one audit row only', async () => {
      const { id } = await createTestKey(deps, tenant);
      await disableApiKey(deps, TEST_ACTOR, tenant.id, id);
      await disableApiKey(deps, TEST_ACTOR, tenant.id, id);
      expect((await listAudit(deps.db, tenant.id)).map((e) => e.action)).toStrictEqual(['api_key.created', 'api_key.disabled']);
    });
  });

  describe('the audit log', () => {
    it('refuses updates and deletes', async () => {
      await createTestKey(deps, tenant);
      await expect(deps.db.deleteFrom('audit_log').where('tenant_id', '=', tenant.id).execute()).rejects.toThrow(/append-only/);
      await expect(sql`update audit_log set actor = 'x' where tenant_id = ${tenant.id}`.execute(deps.db)).rejects.toThrow(/append-only/);
    });
  });

  describe('with a key of another tenant', () => {
    it('cannot disable it', async () => {
      const other = await createTestTenant(await sharedStore(storeName));
      const { id } = await createTestKey(deps, other);
      await expect(disableApiKey(deps, TEST_ACTOR, tenant.id, id)).rejects.toThrow(`No API key with ID '${id}' exists.`);
    });
  });
});
