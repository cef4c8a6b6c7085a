import type { HrisSnapshot } from '../../connectors/unified-hris.ts';

/** Store key of each unified HRIS model (the endpoint name in snake_case; `teams` reads `groups`). */
export const MODEL_KEYS = [
  'legal_entities',
  'locations',
  'groups',
  'absence_types',
  'performance_review_cycles',
  'skills',
  'employee_document_categories',
  'employees',
  'employments',
  'time_off_balances',
  'absences',
  'timesheets',
  'performance_reviews',
  'employee_skill_assignments',
  'staffing_entities',
] as const;

export type ModelKey = (typeof MODEL_KEYS)[number];

/** Which snapshot list fills each model. */
export const SNAPSHOT_FIELD = {
  legal_entities: 'legalEntities',
  locations: 'locations',
  groups: 'groups',
  absence_types: 'absenceTypes',
  performance_review_cycles: 'performanceReviewCycles',
  skills: 'skills',
  employee_document_categories: 'employeeDocumentCategories',
  employees: 'employees',
  employments: 'employments',
  time_off_balances: 'timeOffBalances',
  absences: 'absences',
  timesheets: 'timesheets',
  performance_reviews: 'performanceReviews',
  employee_skill_assignments: 'employeeSkillAssignments',
  staffing_entities: 'staffingEntities',
} as const satisfies Record<ModelKey, keyof HrisSnapshot>;

/** The unified record type of a model. */
export type RecordOf<M extends ModelKey> = HrisSnapshot[(typeof SNAPSHOT_FIELD)[M]][number];
