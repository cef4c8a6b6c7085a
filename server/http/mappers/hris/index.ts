import type { HrisWireMappers } from '../../../domain/hris/wire-mappers.ts';
import { mapEmployee } from './employee.mapper.ts';
import { mapAbsenceType, mapDocumentCategory, mapGroup, mapLegalEntity, mapLocation } from './org.mapper.ts';
import { mapReview, mapReviewCycle, mapSkill, mapSkillAssignment, mapStaffingEntity } from './talent.mapper.ts';
import { mapAbsence, mapEmployment, mapTimeOffBalance, mapTimesheet } from './time.mapper.ts';

/** The wire shape of every HRIS model, rendered by the sync when it writes a record. */
export const hrisWireMappers: HrisWireMappers = {
  legal_entities: mapLegalEntity,
  locations: mapLocation,
  groups: mapGroup,
  absence_types: mapAbsenceType,
  performance_review_cycles: mapReviewCycle,
  skills: mapSkill,
  employee_document_categories: mapDocumentCategory,
  employees: mapEmployee,
  employments: mapEmployment,
  time_off_balances: mapTimeOffBalance,
  absences: mapAbsence,
  timesheets: mapTimesheet,
  performance_reviews: mapReview,
  employee_skill_assignments: mapSkillAssignment,
  staffing_entities: mapStaffingEntity,
};
