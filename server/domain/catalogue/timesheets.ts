import { declareModel } from './model-declaration.ts';
import { apiRemoteData, NO_INTEGRATION_FIELDS } from './wire-common.ts';

export const timesheets = declareModel({
  key: 'timesheets',
  readModel: { id: 'hris_timesheets', label: 'Timesheets' },
  timestamps: true,
  relationFields: [],
  relations: [],
  attributes: (p, lookup) => ({ employee_id: lookup.idOf('employees', p.rec.employeeRemoteId), started_at: p.rec.startedAt, ended_at: p.rec.endedAt }),
  endpoints: [
    {
      path: 'timesheets',
      filters: [
        { param: 'employee_id', kind: 'id', attr: 'employee_id' },
        { param: 'started_before', kind: 'date', attr: 'started_at', op: '<', as: 'instant' },
        { param: 'started_after', kind: 'date', attr: 'started_at', op: '>=', as: 'instant' },
        { param: 'ended_before', kind: 'date', attr: 'ended_at', op: '<=', as: 'instant' },
        { param: 'ended_after', kind: 'date', attr: 'ended_at', op: '>=', as: 'instant' },
      ],
    },
  ],
  toWire: (p, lookup) => {
    const t = p.rec;
    return {
      id: p.id, remote_id: p.remoteId, employee_id: lookup.idOf('employees', t.employeeRemoteId)!, started_at: t.startedAt, ended_at: t.endedAt,
      timezone: t.timezone, payable_hours: t.payableHours, unpaid_break_minutes: t.unpaidBreakMinutes,
      breaks: t.breaks?.map((b) => ({ ended_at: b.endedAt, paid: b.paid, started_at: b.startedAt })) ?? null,
      approval_status: t.approvalStatus, approved_at: t.approvedAt, comment: t.comment, custom_fields: t.customFields,
      integration_fields: NO_INTEGRATION_FIELDS, remote_data: apiRemoteData(p.rec),
    };
  },
});
