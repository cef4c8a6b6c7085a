import type { Prepared, RecordLookup } from '../../../domain/sync/prepare.ts';
import { apiAddress } from './common.ts';

export const mapLegalEntity = (p: Prepared<'legal_entities'>) => ({
  id: p.id, remote_id: p.remoteId, name: p.rec.name, address: apiAddress(p.rec.address), remote_data: null,
});

export const mapLocation = (p: Prepared<'locations'>) => ({
  id: p.id, remote_id: p.remoteId, name: p.rec.name, address: apiAddress(p.rec.address), type: p.rec.type, remote_data: null,
});

export const mapGroup = (p: Prepared<'groups'>, lookup: RecordLookup) => ({
  id: p.id, remote_id: p.remoteId, name: p.rec.name, type: p.rec.type, parent_id: lookup.idOf('groups', p.rec.parentRemoteId), remote_data: null,
});

export const mapAbsenceType = (p: Prepared<'absence_types'>) => ({
  id: p.id, remote_id: p.remoteId, name: p.rec.name, unit: p.rec.unit, half_days_supported: p.rec.halfDaysSupported,
  exact_times_supported: p.rec.exactTimesSupported, remote_data: null,
});

/** An absence type nested in a balance or absence: with its own changed_at. */
export const nestedAbsenceType = (p: Prepared<'absence_types'>) => ({ ...mapAbsenceType(p), changed_at: p.changedAt, remote_deleted_at: null });

export const mapDocumentCategory = (p: Prepared<'employee_document_categories'>) => ({
  id: p.id, remote_id: p.remoteId, name: p.rec.name, remote_data: null,
});
