import { sandboxDataSource } from '../../../server/connectors/sandbox/company/source.ts';
import { HRIS_CATALOGUE } from '../../../server/domain/catalogue/index.ts';
import { MODEL_KEYS } from '../../../server/domain/hris/models.ts';
import { prepareSnapshot } from '../../../server/domain/sync/prepare.ts';
import { hrisWireMappers } from '../../../server/http/mappers/hris/index.ts';
import { LIST_ENDPOINTS } from '../../../server/http/routes/hris/list-params.ts';

const snapshotOfSandbox = async () =>
  prepareSnapshot('sandbox:catalogue', await sandboxDataSource.readHris({ integrationId: 'sandbox:catalogue', credentials: { company_size: '50' },
    now: new Date('2026-03-02T08:00:00.000Z'), type: 'FULL', since: null }));

describe('the HRIS model catalogue', () => {
  it('declares every stored model exactly once', () => {
    expect(HRIS_CATALOGUE.map((d) => d.key).sort()).toStrictEqual([...MODEL_KEYS].sort());
  });

  it('is where every list endpoint comes from', () => {
    expect(LIST_ENDPOINTS.map((e) => `${e.model}:${e.path}`)).toStrictEqual(HRIS_CATALOGUE.flatMap((d) => d.endpoints.map((e) => `${d.key}:${e.path}`)));
  });

  it('is where the wire rendering comes from', () => {
    for (const d of HRIS_CATALOGUE) expect(hrisWireMappers[d.key]).toBe(d.toWire);
  });

  it('filters only on attributes its models store', async () => {
    const { byModel } = await snapshotOfSandbox();
    const missing = HRIS_CATALOGUE.flatMap((d) => {
      const stored = new Set(Object.keys(byModel[d.key][0]!.attrs));
      return d.endpoints.flatMap((e) => e.filters.filter((f) => !stored.has(f.attr)).map((f) => `${e.path}?${f.param} -> attrs.${f.attr}`));
    });
    expect(missing).toStrictEqual([]);
  });

  it('lists child records under their parent as its relations declare', async () => {
    const { byModel, lookup } = await snapshotOfSandbox();
    const employee = byModel.employees[0]!;
    const employments = byModel.employments.filter((e) => e.rec.employeeRemoteId === employee.remoteId);
    expect(employments.length).toBeGreaterThan(0);
    expect(lookup.childrenOf('employments', employee.remoteId)).toStrictEqual(employments);
  });
});
