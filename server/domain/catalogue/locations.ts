import { declareModel } from './model-declaration.ts';
import { apiAddress, apiRemoteData } from './wire-common.ts';

export const locations = declareModel({
  key: 'locations',
  readModel: { id: 'hris_locations', label: 'Work locations' },
  timestamps: true,
  relationFields: [],
  relations: [],
  attributes: (p) => ({ name: p.rec.name }),
  endpoints: [{ path: 'locations', filters: [{ param: 'name_contains', kind: 'contains', attr: 'name' }] }],
  toWire: (p) => ({ id: p.id, remote_id: p.remoteId, name: p.rec.name, address: apiAddress(p.rec.address), type: p.rec.type, remote_data: apiRemoteData(p.rec) }),
});
