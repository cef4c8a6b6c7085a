import { nestedAbsenceType } from './absence-types.ts';
import { declareModel } from './model-declaration.ts';
import { apiRemoteData } from './wire-common.ts';

export const absences = declareModel({
  key: 'absences',
  readModel: { id: 'hris_absences', label: 'Absences' },
  timestamps: true,
  relationFields: [],
  relations: [{ kind: 'one', model: 'absence_types', ref: (a) => a.typeRemoteId, field: 'typeRemoteId' }],
  attributes: (p, lookup) => ({ employee_id: lookup.idOf('employees', p.rec.employeeRemoteId), type_id: lookup.idOf('absence_types', p.rec.typeRemoteId),
    start_date: p.rec.startDate, end_date: p.rec.endDate }),
  endpoints: [
    {
      path: 'absences',
      // Absences still running on/after the day end on/after it (those that start after it end after it too).
      filters: [
        { param: 'date_from', kind: 'date', attr: 'end_date', op: '>=', as: 'day' },
        { param: 'date_until', kind: 'date', attr: 'start_date', op: '<=', as: 'day' },
        { param: 'type_ids', kind: 'ids', attr: 'type_id' },
        { param: 'employee_id', kind: 'id', attr: 'employee_id' },
        { param: 'time_from', kind: 'date', attr: 'end_date', op: '>=', as: 'day' },
        { param: 'time_until', kind: 'date', attr: 'start_date', op: '<=', as: 'day' },
      ],
    },
  ],
  toWire: (p, lookup) => {
    const a = p.rec;
    const type = lookup.get('absence_types', a.typeRemoteId);
    return {
      id: p.id, remote_id: p.remoteId, employee_id: lookup.idOf('employees', a.employeeRemoteId)!, approver_id: lookup.idOf('employees', a.approverRemoteId),
      start_date: a.startDate, end_date: a.endDate, start_half_day: a.startHalfDay, end_half_day: a.endHalfDay, start_time: a.startTime,
      end_time: a.endTime, amount: a.amount, unit: a.unit, status: a.status, employee_note: a.employeeNote, type_id: lookup.idOf('absence_types', a.typeRemoteId),
      remote_created_at: a.remoteCreatedAt, remote_updated_at: a.remoteUpdatedAt, remote_data: apiRemoteData(a), type: type ? nestedAbsenceType(type) : null,
    };
  },
});
