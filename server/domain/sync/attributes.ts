import type { ModelKey } from '../hris/models.ts';
import type { Prepared, RecordLookup } from './prepare.ts';

/**
 * The values each endpoint filters on, stored as the row's `attrs` (Kombo IDs for references, e-mails
 * lower-cased) so a filter is a predicate on one row, never a join.
 */
export function filterAttributes(p: Prepared, lookup: RecordLookup): Record<string, unknown> {
  const model: ModelKey = p.model;
  switch (model) {
    case 'employees': {
      const e = (p as Prepared<'employees'>).rec;
      return {
        employment_status: e.employmentStatus,
        group_ids: e.groupRemoteIds.map((g) => lookup.idOf('groups', g)),
        legal_entity_id: lookup.idOf('legal_entities', e.legalEntityRemoteId),
        work_location_id: lookup.idOf('locations', e.workLocationRemoteId),
        work_email: e.workEmail?.toLowerCase() ?? null,
        personal_email: e.personalEmail?.toLowerCase() ?? null,
        custom_fields: e.customFields ?? {},
      };
    }
    case 'groups': {
      const g = (p as Prepared<'groups'>).rec;
      return { name: g.name, type: g.type };
    }
    case 'locations':
    case 'legal_entities':
    case 'skills':
      return { name: (p as Prepared<'locations'>).rec.name };
    case 'time_off_balances':
      return { employee_id: lookup.idOf('employees', (p as Prepared<'time_off_balances'>).rec.employeeRemoteId) };
    case 'absences': {
      const a = (p as Prepared<'absences'>).rec;
      return { employee_id: lookup.idOf('employees', a.employeeRemoteId), type_id: lookup.idOf('absence_types', a.typeRemoteId),
        start_date: a.startDate, end_date: a.endDate };
    }
    case 'timesheets': {
      const t = (p as Prepared<'timesheets'>).rec;
      return { employee_id: lookup.idOf('employees', t.employeeRemoteId), started_at: t.startedAt, ended_at: t.endedAt };
    }
    case 'performance_reviews': {
      const r = (p as Prepared<'performance_reviews'>).rec;
      return { type: r.type, review_cycle_id: lookup.idOf('performance_review_cycles', r.reviewCycleRemoteId),
        reviewee_id: lookup.idOf('employees', r.revieweeRemoteId) };
    }
    case 'employee_skill_assignments': {
      const s = (p as Prepared<'employee_skill_assignments'>).rec;
      return { employee_id: lookup.idOf('employees', s.employeeRemoteId), skill_id: lookup.idOf('skills', s.skillRemoteId) };
    }
    case 'staffing_entities': {
      const s = (p as Prepared<'staffing_entities'>).rec;
      return { model_type: s.modelType, status: s.status };
    }
    default:
      return {};
  }
}
