import { declareModel } from './model-declaration.ts';

export const employeeSkillAssignments = declareModel({
  key: 'employee_skill_assignments',
  readModel: { id: 'hris_employee_skill_assignments', label: 'Employee skill assignments' },
  // The spec's assignment object has no changed_at/remote_deleted_at of its own.
  timestamps: false,
  relationFields: [],
  relations: [],
  attributes: (p, lookup) => ({ employee_id: lookup.idOf('employees', p.rec.employeeRemoteId), skill_id: lookup.idOf('skills', p.rec.skillRemoteId) }),
  endpoints: [
    {
      path: 'employee-skill-assignments',
      filters: [
        { param: 'employee_ids', kind: 'ids', attr: 'employee_id' },
        { param: 'skill_ids', kind: 'ids', attr: 'skill_id' },
      ],
    },
  ],
  toWire: (p, lookup) => ({
    id: p.id, employee_id: lookup.idOf('employees', p.rec.employeeRemoteId)!, skill_id: lookup.idOf('skills', p.rec.skillRemoteId)!,
    current_level: p.rec.currentLevel,
  }),
});
