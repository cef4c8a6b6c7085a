import { declareModel } from './model-declaration.ts';
import { apiAddress, apiRemoteData } from './wire-common.ts';

export const legalEntities = declareModel({
  key: 'legal_entities',
  readModel: { id: 'hris_legal_entities', label: 'Legal entities' },
  timestamps: true,
  relationFields: [],
  relations: [],
  attributes: (p) => ({ name: p.rec.name }),
  endpoints: [{ path: 'legal-entities', filters: [{ param: 'name_contains', kind: 'contains', attr: 'name' }] }],
  toWire: (p) => ({ id: p.id, remote_id: p.remoteId, name: p.rec.name, address: apiAddress(p.rec.address), remote_data: apiRemoteData(p.rec) }),
});
