import { sql } from 'kysely';
import { verifyChains } from '../../../server/domain/audit-verify.ts';
import { createApiKey, disableApiKey } from '../../../server/domain/api-keys.ts';
import { authenticate } from '../../../server/domain/authenticate.ts';
import { AuthCache } from '../../../server/domain/auth-cache.ts';
import type { StoreDeps } from '../../../server/domain/deps.ts';
import { openStore, type Store } from '../../../server/store/db.ts';
import { createTestTenant, TEST_ACTOR, TEST_SECRET } from '../../helpers/app.ts';
import { scratchDatabase } from '../../helpers/scratch-database.ts';
import { STORE_NAMES, type StoreName, workerPostgresUrl } from '../../helpers/stores.ts';

/** A store of its own: tampering must not disturb other tests, and its chains hold only this file's rows. */
async function ownStore(name: StoreName): Promise<{ store: Store; drop(): Promise<void> }> {
  if (name === 'pglite') {
    const store = await openStore({});
    return { store, drop: () => store.close() };
  }
  const database = await scratchDatabase(workerPostgresUrl(), 'plugboard_tamper');
  const store = await openStore({ databaseUrl: database.url, poolSize: 2 });
  return {
    store,
    async drop() {
      await store.close();
      await database.drop();
    },
  };
}

/** Runs `statement` as the table owner with the append-only trigger off, as an attacker with owner rights would. */
async function asOwnerWithoutTrigger(store: Store, table: string, trigger: string, statement: string): Promise<void> {
  await sql.raw(`alter table ${table} disable trigger ${trigger}`).execute(store.db);
  try {
    await sql.raw(statement).execute(store.db);
  } finally {
    await sql.raw(`alter table ${table} enable trigger ${trigger}`).execute(store.db);
  }
}

describe.each(STORE_NAMES)('tamper evidence (%s)', (storeName) => {
  let own: { store: Store; drop(): Promise<void> };
  let deps: StoreDeps;

  beforeAll(async () => {
    own = await ownStore(storeName);
    deps = { db: own.store.db, clock: () => new Date(), secret: TEST_SECRET, authCache: storeName === 'pglite' ? new AuthCache() : undefined };
  }, 60_000);
  afterAll(() => own.drop());

  const newKey = async () => createApiKey(deps, TEST_ACTOR, { tenantId: (await createTestTenant(own.store)).id, environment: 'development' });
  const seqs = async () => (await own.store.db.selectFrom('audit_log').select('seq').orderBy('seq').execute()).map((r) => r.seq);

  describe('TRUNCATE audit_log', () => {
    it('is refused by the database', async () => {
      await newKey();
      await expect(sql`truncate audit_log`.execute(own.store.db)).rejects.toThrow(/audit_log is append-only/);
    });
  });

  describe('the audit chain', () => {
    it('verifies as intact after ordinary writes', async () => {
      const { info } = await newKey();
      await disableApiKey(deps, TEST_ACTOR, (await own.store.db.selectFrom('environments').select('tenant_id').where('id', '=', info.environmentId).executeTakeFirstOrThrow()).tenant_id, info.id);
      const reports = await verifyChains(own.store.db, TEST_SECRET);
      expect(reports.map((r) => [r.chain, r.ok])).toStrictEqual([
        ['audit_log', true],
        ['api_key_revocations', true],
      ]);
    });

    it('reports the first changed entry', async () => {
      await newKey();
      const [, second] = await seqs();
      await asOwnerWithoutTrigger(own.store, 'audit_log', 'audit_log_append_only', `update audit_log set actor = 'someone-else' where seq = ${second}`);
      const [audit] = await verifyChains(own.store.db, TEST_SECRET);
      expect(audit).toStrictEqual({ chain: 'audit_log', ok: false, rows: expect.any(Number), seq: second, reason: 'its content does not match its hash (the entry was changed)' });
      await asOwnerWithoutTrigger(own.store, 'audit_log', 'audit_log_append_only', `update audit_log set actor = '${TEST_ACTOR.actor}' where seq = ${second}`);
    });

    it('reports an entry removed from the middle at the entry after it', async () => {
      await newKey();
      await newKey();
      const all = await seqs();
      const removed = all.at(-2)!;
      await asOwnerWithoutTrigger(own.store, 'audit_log', 'audit_log_append_only', `delete from audit_log where seq = ${removed}`);
      const [audit] = await verifyChains(own.store.db, TEST_SECRET);
      expect([audit!.ok, audit!.ok ? null : audit!.seq]).toStrictEqual([false, all.at(-1)]);
    });
  });

  describe('a disabled key whose row is deleted and inserted again', () => {
    it('stays disabled, because authentication consults the revocation list', async () => {
      const { key, info } = await newKey();
      const tenantId = (await own.store.db.selectFrom('environments').select('tenant_id').where('id', '=', info.environmentId).executeTakeFirstOrThrow()).tenant_id;
      await disableApiKey(deps, TEST_ACTOR, tenantId, info.id);
      const row = await own.store.db.selectFrom('api_keys').selectAll().where('id', '=', info.id).executeTakeFirstOrThrow();
      await own.store.db.deleteFrom('api_keys').where('id', '=', info.id).execute();
      await own.store.db
        .insertInto('api_keys')
        .values({ ...row, disabled_at: null, ip_allowlist: JSON.stringify(row.ip_allowlist) })
        .execute();
      deps.authCache?.clear();
      await expect(authenticate(deps, key, '127.0.0.1')).rejects.toThrow('The API key has been disabled. Create a new key.');
    });

    it('cannot have its revocation deleted', async () => {
      const { info } = await newKey();
      const tenantId = (await own.store.db.selectFrom('environments').select('tenant_id').where('id', '=', info.environmentId).executeTakeFirstOrThrow()).tenant_id;
      await disableApiKey(deps, TEST_ACTOR, tenantId, info.id);
      await expect(own.store.db.deleteFrom('api_key_revocations').where('key_id', '=', info.id).execute()).rejects.toThrow(/api_key_revocations is append-only/);
      await expect(sql`truncate api_key_revocations`.execute(own.store.db)).rejects.toThrow(/api_key_revocations is append-only/);
    });
  });
});
