import type { Prepared, RecordLookup } from '../../../domain/sync/prepare.ts';
import { NO_INTEGRATION_FIELDS } from './common.ts';
import { nestedAbsenceType } from './org.mapper.ts';

export const mapEmployment = (p: Prepared<'employments'>, lookup: RecordLookup) => ({
  id: p.id, remote_id: p.remoteId, employee_id: lookup.idOf('employees', p.rec.employeeRemoteId)!, job_title: p.rec.jobTitle,
  pay_rate: p.rec.payRate, pay_period: p.rec.payPeriod, pay_frequency: p.rec.payFrequency, employment_type: p.rec.employmentType,
  pay_currency: p.rec.payCurrency, effective_date: p.rec.effectiveDate, remote_data: null, custom_fields: p.rec.customFields,
  integration_fields: NO_INTEGRATION_FIELDS,
});

/** The balance fields shared by `/time-off-balances` and the employee's nested list. */
export const balanceFields = (p: Prepared<'time_off_balances'>, lookup: RecordLookup) => ({
  id: p.id, remote_id: p.remoteId, employee_id: lookup.idOf('employees', p.rec.employeeRemoteId)!,
  type_id: lookup.idOf('absence_types', p.rec.typeRemoteId)!, balance: p.rec.balance, balance_unit: p.rec.balanceUnit,
});

export const mapTimeOffBalance = (p: Prepared<'time_off_balances'>, lookup: RecordLookup) => {
  const type = lookup.get('absence_types', p.rec.typeRemoteId);
  return {
    ...balanceFields(p, lookup), used: p.rec.used, used_unit: p.rec.usedUnit, remote_data: null,
    // `type` is required and non-null in the spec; a balance whose type vanished keeps a minimal one.
    type: type ? nestedAbsenceType(type) : { id: lookup.idOf('absence_types', p.rec.typeRemoteId)!, remote_id: p.rec.typeRemoteId, name: null,
      unit: null, half_days_supported: null, exact_times_supported: null, remote_data: null, changed_at: p.changedAt, remote_deleted_at: null },
  };
};

export const mapAbsence = (p: Prepared<'absences'>, lookup: RecordLookup) => {
  const a = p.rec;
  const type = lookup.get('absence_types', a.typeRemoteId);
  return {
    id: p.id, remote_id: p.remoteId, employee_id: lookup.idOf('employees', a.employeeRemoteId)!, approver_id: lookup.idOf('employees', a.approverRemoteId),
    start_date: a.startDate, end_date: a.endDate, start_half_day: a.startHalfDay, end_half_day: a.endHalfDay, start_time: a.startTime,
    end_time: a.endTime, amount: a.amount, unit: a.unit, status: a.status, employee_note: a.employeeNote, type_id: lookup.idOf('absence_types', a.typeRemoteId),
    remote_created_at: a.remoteCreatedAt, remote_updated_at: a.remoteUpdatedAt, remote_data: null, type: type ? nestedAbsenceType(type) : null,
  };
};

export const mapTimesheet = (p: Prepared<'timesheets'>, lookup: RecordLookup) => {
  const t = p.rec;
  return {
    id: p.id, remote_id: p.remoteId, employee_id: lookup.idOf('employees', t.employeeRemoteId)!, started_at: t.startedAt, ended_at: t.endedAt,
    timezone: t.timezone, payable_hours: t.payableHours, unpaid_break_minutes: t.unpaidBreakMinutes,
    breaks: t.breaks?.map((b) => ({ ended_at: b.endedAt, paid: b.paid, started_at: b.startedAt })) ?? null,
    approval_status: t.approvalStatus, approved_at: t.approvedAt, comment: t.comment, custom_fields: t.customFields,
    integration_fields: NO_INTEGRATION_FIELDS, remote_data: null,
  };
};
