import { connectorTokenStore } from '../../../server/domain/connector-tokens.ts';
import type { Store } from '../../../server/store/db.ts';
import { createTestTenant, TEST_SECRET } from '../../helpers/app.ts';
import { createTestIntegration } from '../../helpers/integrations.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';

describe.each(STORE_NAMES)('connectorTokenStore (%s)', (storeName) => {
  let store: Store;
  const deps = () => ({ db: store.db, secret: TEST_SECRET, clock: () => new Date('2026-03-01T10:00:00Z') });
  const token = { value: 'papi-secret-token-123', expiresAt: Date.parse('2026-03-02T10:00:00Z') };

  beforeAll(async () => {
    store = await sharedStore(storeName);
  });

  async function twoIntegrations(): Promise<[string, string]> {
    const tenant = await createTestTenant(store);
    const d = { ...deps(), authCache: undefined };
    return [await createTestIntegration(d, tenant, { tool: 'personio' }), await createTestIntegration(d, tenant, { tool: 'personio' })];
  }

  describe('a saved token', () => {
    it('loads back for the same integration and credentials, and is stored sealed', async () => {
      const [id] = await twoIntegrations();
      const tokens = connectorTokenStore(deps());
      await tokens.save(id, 'personio-bearer', 'fp-1', token);
      expect(await tokens.load(id, 'personio-bearer', 'fp-1')).toStrictEqual(token);
      const row = await store.db.selectFrom('connector_tokens').select('ciphertext').where('integration_id', '=', id).executeTakeFirstOrThrow();
      expect(Buffer.from(row.ciphertext, 'base64').toString('latin1')).not.toContain('papi-secret');
    });

    it('does not load for other credentials (a relink) or when copied onto another integration', async () => {
      const [a, b] = await twoIntegrations();
      const tokens = connectorTokenStore(deps());
      await tokens.save(a, 'personio-bearer', 'fp-1', token);
      const row = await store.db.selectFrom('connector_tokens').selectAll().where('integration_id', '=', a).executeTakeFirstOrThrow();
      await store.db.insertInto('connector_tokens').values({ ...row, integration_id: b }).execute();
      expect([await tokens.load(a, 'personio-bearer', 'fp-2'), await tokens.load(b, 'personio-bearer', 'fp-1')]).toStrictEqual([null, null]);
    });

    it('is replaced by the next save', async () => {
      const [id] = await twoIntegrations();
      const tokens = connectorTokenStore(deps());
      await tokens.save(id, 'personio-bearer', 'fp-1', token);
      await tokens.save(id, 'personio-bearer', 'fp-1', { value: 'newer', expiresAt: token.expiresAt + 1 });
      expect(await tokens.load(id, 'personio-bearer', 'fp-1')).toStrictEqual({ value: 'newer', expiresAt: token.expiresAt + 1 });
    });
  });
});
