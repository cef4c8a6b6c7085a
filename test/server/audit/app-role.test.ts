import crypto from 'node:crypto';
import { sql } from 'kysely';
import { loadConfig } from '../../../server/config.ts';
import { createApiKey, disableApiKey } from '../../../server/domain/api-keys.ts';
import { authenticate } from '../../../server/domain/authenticate.ts';
import type { StoreDeps } from '../../../server/domain/deps.ts';
import { openStore, type Store } from '../../../server/store/db.ts';
import { createTestTenant, TEST_ACTOR, TEST_SECRET } from '../../helpers/app.ts';
import { runAsOwner } from '../../helpers/scratch-database.ts';
import { workerPostgresUrl } from '../../helpers/stores.ts';

const postgresUrl = workerPostgresUrl();

describe('DATABASE_MIGRATE', () => {
  it('defaults to migrating and reads false', () => {
    expect([loadConfig({}).databaseMigrate, loadConfig({ DATABASE_MIGRATE: 'false' }).databaseMigrate]).toStrictEqual([true, false]);
  });
});

describe.runIf(postgresUrl)('the server as a PostgreSQL role that owns nothing', () => {
  const role = `plugboard_app_${crypto.randomBytes(4).toString('hex')}`;
  let app: Store;
  let deps: StoreDeps;

  beforeAll(async () => {
    // What the README tells the owner to run once, after `npm run cli -- db migrate`.
    await runAsOwner(postgresUrl, `create role ${role} login`);
    await runAsOwner(postgresUrl, `grant select, insert, update, delete on all tables in schema public to ${role}`);
    await runAsOwner(postgresUrl, `grant usage on all sequences in schema public to ${role}`);
    const url = new URL(postgresUrl);
    url.username = role;
    app = await openStore({ databaseUrl: url.toString(), poolSize: 2, migrate: false });
    deps = { db: app.db, clock: () => new Date(), secret: TEST_SECRET };
  });
  afterAll(async () => {
    await app.close();
    await runAsOwner(postgresUrl, `drop owned by ${role}`);
    await runAsOwner(postgresUrl, `drop role ${role}`);
  });

  it('creates, uses and disables keys with chained audit rows', async () => {
    const tenant = await createTestTenant({ db: app.db, kind: 'postgres', close: async () => {} });
    const { key, info } = await createApiKey(deps, TEST_ACTOR, { tenantId: tenant.id, environment: 'development' });
    expect((await authenticate(deps, key, '127.0.0.1')).keyId).toBe(info.id);
    await disableApiKey(deps, TEST_ACTOR, tenant.id, info.id);
    await expect(authenticate(deps, key, '127.0.0.1')).rejects.toThrow('The API key has been disabled.');
    const audit = await app.db.selectFrom('audit_log').select(['hash']).where('target_id', '=', info.id).execute();
    expect(audit.map((r) => typeof r.hash)).toStrictEqual(['string', 'string']);
  });

  it('cannot TRUNCATE the audit log', async () => {
    await expect(sql`truncate audit_log`.execute(app.db)).rejects.toThrow(/permission denied|append-only/);
  });

  it('cannot disable the audit triggers', async () => {
    await expect(sql`alter table audit_log disable trigger audit_log_append_only`.execute(app.db)).rejects.toThrow(/must be owner/);
    await expect(sql`alter table api_key_revocations disable trigger all`.execute(app.db)).rejects.toThrow(/must be owner/);
  });

  it('cannot DELETE or UPDATE audit rows or revocations', async () => {
    await expect(sql`delete from audit_log`.execute(app.db)).rejects.toThrow(/audit_log is append-only/);
    await expect(sql`update audit_log set actor = 'x'`.execute(app.db)).rejects.toThrow(/audit_log is append-only/);
    await expect(sql`delete from api_key_revocations`.execute(app.db)).rejects.toThrow(/api_key_revocations is append-only/);
  });

  it('cannot run migrations (the owner does)', async () => {
    await expect(sql`create table plugboard_probe (id int)`.execute(app.db)).rejects.toThrow(/permission denied/);
  });
});
