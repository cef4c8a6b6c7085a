import { declareModel } from './model-declaration.ts';
import { apiRemoteData } from './wire-common.ts';

export const skills = declareModel({
  key: 'skills',
  readModel: { id: 'hris_skills', label: 'Skills' },
  timestamps: true,
  relationFields: [],
  relations: [],
  attributes: (p) => ({ name: p.rec.name }),
  endpoints: [{ path: 'skills', filters: [{ param: 'name_contains', kind: 'contains', attr: 'name' }] }],
  toWire: (p) => ({
    id: p.id, remote_id: p.remoteId, name: p.rec.name, description: p.rec.description, ordered_levels: p.rec.orderedLevels, remote_data: apiRemoteData(p.rec),
  }),
});
