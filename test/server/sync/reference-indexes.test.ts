import { sql } from 'kysely';
import { HRIS_CATALOGUE } from '../../../server/domain/catalogue/index.ts';
import { storedUnifiedQuery } from '../../../server/store/queries/hris-record-subset.ts';
import { domainFixture } from '../../helpers/domain-fixture.ts';
import { syncedIntegration } from '../../helpers/hris.ts';
import { STORE_NAMES } from '../../helpers/stores.ts';

/** Every single-valued reference to an employee that the catalogue declares: the model holding it, and the field. */
function employeeReferences(): [model: string, field: string][] {
  const references: [string, string][] = [];
  for (const declaration of HRIS_CATALOGUE) {
    for (const relation of declaration.relations) {
      if (!relation.field || relation.kind === 'many') continue;
      if (relation.kind === 'one' && relation.model === 'employees') references.push([declaration.key, relation.field]);
      if (relation.kind === 'children' && declaration.key === 'employees') references.push([relation.model, relation.field]);
    }
  }
  return references;
}

// An incremental sync finds the stored records referring to changed employees (their reports, employments,
// balances, reviews) through an index of each reference (0021-hris-record-lookups), not by parsing every
// stored record of the model. A reference to employees added to the catalogue without its index fails here.
describe.each(STORE_NAMES)('the indexes of references to employees (%s)', (storeName) => {
  const fixture = domainFixture(storeName);

  it('answer the incremental sync\'s lookup of each reference once the store has statistics', async () => {
    const { deps, tenant } = fixture;
    const id = await syncedIntegration(deps, tenant, { credentials: { company_size: '300' } });
    await sql`analyze hris_records`.execute(deps.db);
    const references = employeeReferences();
    expect(references.length).toBeGreaterThanOrEqual(5);
    for (const [model, field] of references) {
      const query = storedUnifiedQuery(id, model, { field, values: ['1001', '1002', '1003'] })!;
      const { rows } = await sql<Record<string, string>>`explain ${query}`.execute(deps.db);
      const plan = rows.map((r) => Object.values(r)[0]).join('\n');
      expect(plan, `${model}.${field}`).toContain(`hris_records_${model}_${field}`);
    }
  }, 120_000);
});
