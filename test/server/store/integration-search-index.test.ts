import { sql } from 'kysely';
import { defaultScopeConfigId } from '../../../server/domain/integrations.ts';
import { createTestTenant } from '../../helpers/app.ts';
import { STORE_NAMES, sharedStore } from '../../helpers/stores.ts';

// The console's search (contains on organisation and email, starts-with on the IDs) reads the trigram
// index instead of every integration of the environment, on both stores, once statistics exist.
describe.each(STORE_NAMES)('the integrations search index (%s)', (storeName) => {
  it('answers every alternative of the search condition', async () => {
    const store = await sharedStore(storeName);
    const tenant = await createTestTenant(store);
    const environmentId = tenant.environments.production;
    const at = new Date();
    await store.db
      .insertInto('integrations')
      .values(
        Array.from({ length: 2_000 }, (_, i) => ({
          id: `sandbox:search-index-${i}-${tenant.id}`,
          environment_id: environmentId,
          tool: 'sandbox',
          category: 'HRIS' as const,
          status: 'ACTIVE' as const,
          setup_status: 'COMPLETED' as const,
          end_user_email: `hr-${i}@customer-${i}.example`,
          end_user_organization_name: `Customer ${i} GmbH`,
          end_user_origin_id: `origin-${i}`,
          scope_config_id: defaultScopeConfigId(environmentId),
          credentials_key_id: 'k',
          credentials_ciphertext: 'c',
          created_at: at,
          updated_at: at,
          last_api_request_at: at,
        })),
      )
      .execute();
    await sql`analyze integrations`.execute(store.db);
    const needle = 'customer 1234';
    // Sequential scans off: a table this small is cheaper to scan, and the question is whether the index
    // can answer the search's condition (each of its four alternatives) without one.
    const { rows } = await store.db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      return sql<Record<string, string>>`
        explain select count(*) from integrations
        where lower(end_user_organization_name) like ${`%${needle}%`} or lower(end_user_email) like ${`%${needle}%`}
          or id like ${`${needle}%`} or end_user_origin_id like ${`${needle}%`}
      `.execute(trx);
    });
    const plan = rows.map((r) => Object.values(r)[0]).join('\n');
    expect(plan).toContain('integrations_search');
    expect(plan).not.toContain('Seq Scan');
  });
});
