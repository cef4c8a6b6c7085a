import { sandboxDataSource } from '../../../server/connectors/sandbox/company/source.ts';
import { SNAPSHOT_FIELD } from '../../../server/domain/hris/models.ts';
import { SCOPE_CATALOGUE, unifiedKeyOf } from '../../../server/domain/scopes/scope-catalogue.ts';
import { parseScopeConfig } from '../../../server/domain/scopes/scope-config.ts';

describe('SCOPE_CATALOGUE', () => {
  it('names, for every field that may be turned off, a property of the unified records the sync blanks', async () => {
    const snapshot = await sandboxDataSource.readHris({ integrationId: 'scope-catalogue', credentials: { company_size: '50' }, now: new Date('2026-03-02T10:00:00Z'), type: 'FULL', since: null });
    const missing = SCOPE_CATALOGUE.flatMap((m) => {
      const records = snapshot[SNAPSHOT_FIELD[m.model]] as object[];
      return m.fields.filter((f) => !f.locked && !records.every((r) => unifiedKeyOf(f.id) in r)).map((f) => `${m.id}.${f.id}`);
    });
    expect(missing).toStrictEqual([]);
  });

  it('locks identifiers and references', () => {
    const employees = SCOPE_CATALOGUE.find((m) => m.id === 'hris_employees')!;
    const locked = employees.fields.filter((f) => f.locked).map((f) => f.id);
    expect(locked).toStrictEqual(['id', 'remote_id', 'work_location_id', 'legal_entity_id', 'manager_id']);
  });
});

describe('parseScopeConfig', () => {
  it('names every unknown model, unknown field and locked field in one INPUT_INVALID', () => {
    expect(() =>
      parseScopeConfig({ disabled_models: ['hris_payroll'], disabled_fields: { hris_employees: ['shoe_size', 'id'], hris_absences: ['employee_id'] } }),
    ).toThrow(
      "Invalid scope configuration: unknown model 'hris_payroll'; unknown field 'shoe_size' of hris_employees; field 'id' of hris_employees identifies or links records and cannot be turned off; field 'employee_id' of hris_absences identifies or links records and cannot be turned off.",
    );
  });

  it('accepts an empty configuration as everything enabled', () => {
    const config = parseScopeConfig({ disabled_models: [], disabled_fields: { hris_employees: [] } });
    expect([config.disabledModels.size, config.disabledFields.size]).toStrictEqual([0, 0]);
  });
});
