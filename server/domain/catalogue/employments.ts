import type { Prepared, RecordLookup } from '../sync/prepare.ts';
import { declareModel } from './model-declaration.ts';
import { apiRemoteData, NO_INTEGRATION_FIELDS } from './wire-common.ts';

/** An employment's wire object (also nested, with its changed_at, in its employee). */
export const employmentToWire = (p: Prepared<'employments'>, lookup: RecordLookup) => ({
  id: p.id, remote_id: p.remoteId, employee_id: lookup.idOf('employees', p.rec.employeeRemoteId)!, job_title: p.rec.jobTitle,
  pay_rate: p.rec.payRate, pay_period: p.rec.payPeriod, pay_frequency: p.rec.payFrequency, employment_type: p.rec.employmentType,
  pay_currency: p.rec.payCurrency, effective_date: p.rec.effectiveDate, remote_data: apiRemoteData(p.rec), custom_fields: p.rec.customFields,
  integration_fields: NO_INTEGRATION_FIELDS,
});

export const employments = declareModel({
  key: 'employments',
  readModel: { id: 'hris_employments', label: 'Employments' },
  timestamps: true,
  relationFields: [],
  relations: [],
  attributes: () => ({}),
  lookupFields: ['employeeRemoteId'],
  endpoints: [{ path: 'employments', filters: [] }],
  toWire: employmentToWire,
});
