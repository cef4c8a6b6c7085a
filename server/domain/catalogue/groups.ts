import { declareModel } from './model-declaration.ts';
import { apiRemoteData } from './wire-common.ts';

/** Kombo's groups (departments, teams, cost centers); `/teams` is the deprecated alias without filters. */
export const groups = declareModel({
  key: 'groups',
  readModel: { id: 'hris_teams', label: 'Groups' },
  timestamps: true,
  relationFields: [],
  relations: [],
  attributes: (p) => ({ name: p.rec.name, type: p.rec.type }),
  endpoints: [
    {
      path: 'groups',
      filters: [
        { param: 'types', kind: 'enums', attr: 'type', values: ['DEPARTMENT', 'TEAM', 'COST_CENTER'], allowNull: true },
        { param: 'name_contains', kind: 'contains', attr: 'name' },
      ],
    },
    { path: 'teams', filters: [] },
  ],
  toWire: (p, lookup) => ({
    id: p.id, remote_id: p.remoteId, name: p.rec.name, type: p.rec.type, parent_id: lookup.idOf('groups', p.rec.parentRemoteId), remote_data: apiRemoteData(p.rec),
  }),
});
