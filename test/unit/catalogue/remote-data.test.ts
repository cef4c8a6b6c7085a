import { sandboxDataSource } from '../../../server/connectors/sandbox/company/source.ts';
import type { HrisSnapshot } from '../../../server/connectors/unified-hris.ts';
import { declarationOf } from '../../../server/domain/catalogue/index.ts';
import { prepareSnapshot } from '../../../server/domain/sync/prepare.ts';

const INTEGRATION = 'sandbox:remote-data';

const sandboxSnapshot = () =>
  sandboxDataSource.readHris({ integrationId: INTEGRATION, credentials: { company_size: '50' }, now: new Date('2026-03-02T08:00:00.000Z'), type: 'FULL', since: null });

/** The snapshot with the first employee (and its first employment and its work location) carrying raw objects. */
async function withRawObjects(employeeRaw: unknown): Promise<HrisSnapshot> {
  const s = await sandboxSnapshot();
  const employee = s.employees.find((e) => e.workLocationRemoteId !== null && s.employments.some((x) => x.employeeRemoteId === e.remoteId))!;
  const employment = s.employments.find((x) => x.employeeRemoteId === employee.remoteId)!;
  const location = s.locations.find((l) => l.remoteId === employee.workLocationRemoteId)!;
  return {
    ...s,
    employees: s.employees.map((e) => (e === employee ? { ...e, remoteData: { '/v1/employees': employeeRaw } } : e)),
    employments: s.employments.map((x) => (x === employment ? { ...x, remoteData: { '/v1/employees/{id}/employments': { id: 'emp-1' } } } : x)),
    locations: s.locations.map((l) => (l === location ? { ...l, remoteData: { '/v1/offices': { id: 'office-1' } } } : l)),
  };
}

const firstWithRaw = async (snapshot: HrisSnapshot) => {
  const { byModel, lookup } = await prepareSnapshot(INTEGRATION, snapshot);
  const employee = byModel.employees.find((p) => p.rec.remoteData)!;
  return { employee, wire: declarationOf('employees').toWire(employee, lookup) as Record<string, Record<string, unknown> | unknown[]>, byModel };
};

describe('remote_data in the wire rendering', () => {
  describe('of a record the source delivered with its raw object', () => {
    it('is the raw object under the endpoint path it was read from', async () => {
      const { wire } = await firstWithRaw(await withRawObjects({ id: 7, name: 'Ava' }));
      expect(wire.remote_data).toStrictEqual({ '/v1/employees': { id: 7, name: 'Ava' } });
    });

    it('is the embedded records\' own raw objects in the employee\'s employments and work location', async () => {
      const { wire } = await firstWithRaw(await withRawObjects({ id: 7 }));
      const employments = wire.employments as Record<string, unknown>[];
      expect([employments.map((x) => x.remote_data).filter((r) => r !== null), (wire.work_location as Record<string, unknown>).remote_data]).toStrictEqual([
        [{ '/v1/employees/{id}/employments': { id: 'emp-1' } }],
        { '/v1/offices': { id: 'office-1' } },
      ]);
    });
  });

  describe('of a record without a raw object (the Sandbox)', () => {
    it('is null', async () => {
      const { byModel, lookup } = await prepareSnapshot(INTEGRATION, await sandboxSnapshot());
      expect(declarationOf('employees').toWire(byModel.employees[0]!, lookup).remote_data).toBeNull();
    });
  });
});

describe('the own-field hash that moves changed_at', () => {
  describe('when only the raw object changed', () => {
    it('changes for that record and no other', async () => {
      const before = await firstWithRaw(await withRawObjects({ id: 7, name: 'Ava' }));
      const after = await firstWithRaw(await withRawObjects({ id: 7, name: 'Ava B.' }));
      const changed = after.byModel.employees.filter((p, i) => p.ownHash !== before.byModel.employees[i]!.ownHash).map((p) => p.remoteId);
      expect(changed).toStrictEqual([before.employee.remoteId]);
    });
  });
});
