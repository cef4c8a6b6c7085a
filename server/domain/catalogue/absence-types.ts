import type { Prepared } from '../sync/prepare.ts';
import { declareModel } from './model-declaration.ts';
import { apiRemoteData } from './wire-common.ts';

const toWire = (p: Prepared<'absence_types'>) => ({
  id: p.id, remote_id: p.remoteId, name: p.rec.name, unit: p.rec.unit, half_days_supported: p.rec.halfDaysSupported,
  exact_times_supported: p.rec.exactTimesSupported, remote_data: apiRemoteData(p.rec),
});

/** An absence type nested in a balance or absence: with its own changed_at. */
export const nestedAbsenceType = (p: Prepared<'absence_types'>) => ({ ...toWire(p), changed_at: p.changedAt, remote_deleted_at: null });

export const absenceTypes = declareModel({
  key: 'absence_types',
  readModel: { id: 'hris_absence_types', label: 'Absence types' },
  timestamps: true,
  relationFields: [],
  relations: [],
  attributes: () => ({}),
  endpoints: [{ path: 'absence-types', filters: [] }],
  toWire,
});
