import type { Prepared, RecordLookup } from '../sync/prepare.ts';
import { nestedAbsenceType } from './absence-types.ts';
import { declareModel } from './model-declaration.ts';
import { apiRemoteData } from './wire-common.ts';

/** The balance fields shared by `/time-off-balances` and the employee's nested list. */
export const balanceFields = (p: Prepared<'time_off_balances'>, lookup: RecordLookup) => ({
  id: p.id, remote_id: p.remoteId, employee_id: lookup.idOf('employees', p.rec.employeeRemoteId)!,
  type_id: lookup.idOf('absence_types', p.rec.typeRemoteId)!, balance: p.rec.balance, balance_unit: p.rec.balanceUnit,
});

export const timeOffBalances = declareModel({
  key: 'time_off_balances',
  readModel: { id: 'hris_time_off_balances', label: 'Time-off balances' },
  timestamps: true,
  relationFields: [],
  relations: [{ kind: 'one', model: 'absence_types', ref: (b) => b.typeRemoteId, field: 'typeRemoteId' }],
  attributes: (p, lookup) => ({ employee_id: lookup.idOf('employees', p.rec.employeeRemoteId) }),
  lookupFields: ['employeeRemoteId'],
  endpoints: [{ path: 'time-off-balances', filters: [{ param: 'employee_id', kind: 'id', attr: 'employee_id' }] }],
  toWire: (p, lookup) => {
    const type = lookup.get('absence_types', p.rec.typeRemoteId);
    return {
      ...balanceFields(p, lookup), used: p.rec.used, used_unit: p.rec.usedUnit, remote_data: apiRemoteData(p.rec),
      // `type` is required and non-null in the spec; a balance whose type vanished keeps a minimal one.
      type: type ? nestedAbsenceType(type) : { id: lookup.idOf('absence_types', p.rec.typeRemoteId)!, remote_id: p.rec.typeRemoteId, name: null,
        unit: null, half_days_supported: null, exact_times_supported: null, remote_data: null, changed_at: p.changedAt, remote_deleted_at: null },
    };
  },
});
