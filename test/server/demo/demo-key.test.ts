import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DemoStore } from '../../../demo/server/demo-store.ts';
import { disableApiKey, listApiKeys } from '../../../server/domain/api-keys.ts';
import { listAudit } from '../../../server/domain/audit.ts';
import { DEMO_KEY_NAME, ensureDemoKey } from '../../../scripts/demo-key.ts';
import { call, createTestTenant, startApp, TEST_ACTOR, type TestApp, type TestTenant } from '../../helpers/app.ts';
import { sharedStore, STORE_NAMES } from '../../helpers/stores.ts';

describe.each(STORE_NAMES)('ensureDemoKey (the launcher giving the demo its key) (%s)', (storeName) => {
  let app: TestApp;
  let tenant: TestTenant;
  let dir: string;
  let store: DemoStore;
  beforeEach(async () => {
    const db = await sharedStore(storeName);
    app = await startApp(db);
    tenant = await createTestTenant(db);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plugboard-demo-key-'));
    store = new DemoStore(dir);
  });
  afterEach(async () => {
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('on first start', () => {
    it('stores a development key that authenticates', async () => {
      await ensureDemoKey(app, store, tenant.id);
      const check = await call(`${app.url}/v1/check-api-key`, new DemoStore(dir).apiKey);
      expect([check.status, store.apiKey?.startsWith('ks_dev_')]).toStrictEqual([200, true]);
    });

    it('names the key and audits its creation by the launcher', async () => {
      await ensureDemoKey(app, store, tenant.id);
      const [key] = await listApiKeys(app.deps.db, tenant.id);
      const audit = await listAudit(app.deps.db, tenant.id);
      expect([key?.name, key?.environment, audit.map((a) => [a.actor, a.source, a.action])]).toStrictEqual([
        DEMO_KEY_NAME,
        'development',
        [['launcher', 'cli', 'api_key.created']],
      ]);
    });
  });

  describe('on a second start', () => {
    it('keeps the stored key', async () => {
      await ensureDemoKey(app, store, tenant.id);
      const first = store.apiKey;
      const created = await ensureDemoKey(app, new DemoStore(dir), tenant.id);
      expect([created, new DemoStore(dir).apiKey === first, (await listApiKeys(app.deps.db, tenant.id)).length]).toStrictEqual([false, true, 1]);
    });
  });

  describe('when the stored key was disabled', () => {
    it('creates and stores a new one', async () => {
      await ensureDemoKey(app, store, tenant.id);
      const [old] = await listApiKeys(app.deps.db, tenant.id);
      await disableApiKey(app.deps, TEST_ACTOR, tenant.id, old!.id);
      const created = await ensureDemoKey(app, store, tenant.id);
      const check = await call(`${app.url}/v1/check-api-key`, store.apiKey);
      expect([created, check.status]).toStrictEqual([true, 200]);
    });
  });
});

describe('DemoStore', () => {
  it('keeps its state file readable by its owner only (mode 600)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plugboard-demo-store-'));
    new DemoStore(dir).setApiKey('ks_dev_example');
    const mode = fs.statSync(path.join(dir, 'state.json')).mode & 0o777;
    fs.rmSync(dir, { recursive: true, force: true });
    expect(mode.toString(8)).toBe('600');
  });
});
