import { declareModel } from './model-declaration.ts';
import { apiRemoteData, NO_INTEGRATION_FIELDS } from './wire-common.ts';

export const staffingEntities = declareModel({
  key: 'staffing_entities',
  readModel: { id: 'hris_staffing_entities', label: 'Staffing entities' },
  timestamps: true,
  relationFields: ['locationRemoteIds', 'legalEntityRemoteIds', 'groupRemoteIds'],
  relations: [
    { kind: 'many', model: 'locations', refs: (s) => s.locationRemoteIds, watch: 'changes', field: 'locationRemoteIds' },
    { kind: 'many', model: 'legal_entities', refs: (s) => s.legalEntityRemoteIds, watch: 'changes', field: 'legalEntityRemoteIds' },
    { kind: 'many', model: 'groups', refs: (s) => s.groupRemoteIds, watch: 'changes', field: 'groupRemoteIds' },
  ],
  attributes: (p) => ({ model_type: p.rec.modelType, status: p.rec.status }),
  endpoints: [
    {
      path: 'staffing-entities',
      filters: [
        { param: 'model_types', kind: 'enums', attr: 'model_type', values: ['JOB', 'POSITION', 'REQUISITION'] },
        { param: 'statuses', kind: 'enums', attr: 'status', values: ['OPEN_LIMITED', 'OPEN_UNLIMITED', 'PENDING', 'FROZEN', 'FILLED', 'CLOSED'] },
      ],
    },
  ],
  toWire: (p, lookup) => {
    const s = p.rec;
    return {
      id: p.id, remote_id: p.remoteId, name: s.name, model_type: s.modelType, description: s.description, status: s.status,
      employment_types: s.employmentTypes?.map((t) => ({ remote_label: t.remoteLabel, unified_type: t.unifiedType })) ?? null,
      number_of_openings: s.numberOfOpenings, parent_id: lookup.idOf('staffing_entities', s.parentRemoteId), remote_url: s.remoteUrl,
      remote_created_at: s.remoteCreatedAt, remote_updated_at: s.remoteUpdatedAt, custom_fields: s.customFields,
      integration_fields: NO_INTEGRATION_FIELDS, remote_data: apiRemoteData(p.rec),
      locations: s.locationRemoteIds.flatMap((r) => {
        const l = lookup.get('locations', r);
        return l ? [{ id: l.id, remote_id: l.remoteId, name: l.rec.name, type: l.rec.type }] : [];
      }),
      legal_entities: s.legalEntityRemoteIds.flatMap((r) => {
        const l = lookup.get('legal_entities', r);
        return l ? [{ id: l.id, remote_id: l.remoteId, name: l.rec.name }] : [];
      }),
      groups: s.groupRemoteIds.flatMap((r) => {
        const g = lookup.get('groups', r);
        return g ? [{ id: g.id, remote_id: g.remoteId, name: g.rec.name, type: g.rec.type }] : [];
      }),
    };
  },
});
