import { sql } from 'kysely';
import { HRIS_CATALOGUE, declarationOf } from '../../../server/domain/catalogue/index.ts';
import type { ModelKey } from '../../../server/domain/hris/models.ts';
import * as lookupAttrs from '../../../server/store/migrations/0022-hris-lookup-attrs.ts';
import type { Db } from '../../../server/store/db.ts';
import { storedUnifiedQuery } from '../../../server/store/queries/hris-record-subset.ts';
import { domainFixture } from '../../helpers/domain-fixture.ts';
import { syncedIntegration } from '../../helpers/hris.ts';
import { STORE_NAMES } from '../../helpers/stores.ts';

/** Every single-valued reference to an employee that the catalogue declares: the model holding it, and the field. */
function employeeReferences(): [model: ModelKey, field: string][] {
  const references: [ModelKey, string][] = [];
  for (const declaration of HRIS_CATALOGUE) {
    for (const relation of declaration.relations) {
      if (!relation.field || relation.kind === 'many') continue;
      if (relation.kind === 'one' && relation.model === 'employees') references.push([declaration.key, relation.field]);
      if (relation.kind === 'children' && declaration.key === 'employees') references.push([relation.model, relation.field]);
    }
  }
  return references;
}

/** How many stored records of the integration's `model` hold in `attrs` another value of `field` than their unified record. */
async function attrsDiffering(db: Db, id: string, model: string, field: string): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from hris_records where integration_id = ${id} and model = ${model}
    and (attrs ->> ${field}) is distinct from (record::json ->> ${field})`.execute(db);
  return Number(rows[0]!.n);
}

// An incremental sync finds the stored records referring to changed employees (their reports, employments,
// balances, reviews) through an index of each reference (0022-hris-lookup-attrs, on the copy the sync keeps
// in `attrs`), not by parsing every stored record of the model. A reference to employees added to the
// catalogue without being a lookup field fails here.
describe.each(STORE_NAMES)('the indexes of references to employees (%s)', (storeName) => {
  const fixture = domainFixture(storeName);

  it('answer the incremental sync\'s lookup of each reference once the store has statistics', async () => {
    const { deps, tenant } = fixture;
    const id = await syncedIntegration(deps, tenant, { credentials: { company_size: '300' } });
    await sql`analyze hris_records`.execute(deps.db);
    const references = employeeReferences();
    expect(references.length).toBeGreaterThanOrEqual(5);
    for (const [model, field] of references) {
      expect(declarationOf(model).lookupFields, `${model}.${field}`).toContain(field);
      // What the sync stored in attrs is the unified record's reference, on every row.
      expect(await attrsDiffering(deps.db, id, model, field), `${model}.${field}`).toBe(0);
      const query = storedUnifiedQuery(id, model, { field, values: ['1001', '1002', '1003'], attr: true })!;
      const { rows } = await sql<Record<string, string>>`explain ${query}`.execute(deps.db);
      const plan = rows.map((r) => Object.values(r)[0]).join('\n');
      expect(plan, `${model}.${field}`).toContain(`hris_records_${model}_${field}`);
    }
  }, 120_000);

  it('are filled in from the unified records by the migration, for records stored before it', async () => {
    const { deps, tenant } = fixture;
    const id = await syncedIntegration(deps, tenant, { credentials: { company_size: '50' } });
    const references = employeeReferences();
    // The rows as the release before stored them: without the lookup fields in attrs.
    for (const [model, field] of references) {
      await sql`update hris_records set attrs = attrs - ${field}::text where integration_id = ${id} and model = ${model}`.execute(deps.db);
      expect(await attrsDiffering(deps.db, id, model, field), `${model}.${field} before`).toBeGreaterThan(0);
    }
    await lookupAttrs.up(deps.db as unknown as Parameters<typeof lookupAttrs.up>[0]);
    for (const [model, field] of references) expect(await attrsDiffering(deps.db, id, model, field), `${model}.${field} after`).toBe(0);
  }, 120_000);
});
