import { MODEL_KEYS, type ModelKey } from '../hris/models.ts';
import { absenceTypes } from './absence-types.ts';
import { absences } from './absences.ts';
import { employeeDocumentCategories } from './employee-document-categories.ts';
import { employeeSkillAssignments } from './employee-skill-assignments.ts';
import { employees } from './employees.ts';
import { employments } from './employments.ts';
import { groups } from './groups.ts';
import { legalEntities } from './legal-entities.ts';
import { locations } from './locations.ts';
import type { ModelDeclaration } from './model-declaration.ts';
import { performanceReviewCycles } from './performance-review-cycles.ts';
import { performanceReviews } from './performance-reviews.ts';
import { skills } from './skills.ts';
import { staffingEntities } from './staffing-entities.ts';
import { timeOffBalances } from './time-off-balances.ts';
import { timesheets } from './timesheets.ts';

export type { EndpointDeclaration, FilterParam, ModelDeclaration, Relation } from './model-declaration.ts';

/** Every unified HRIS model, in the order the sync processes them (referenced models first). */
export const HRIS_CATALOGUE: readonly ModelDeclaration[] = [
  legalEntities,
  locations,
  groups,
  absenceTypes,
  performanceReviewCycles,
  skills,
  employeeDocumentCategories,
  employees,
  employments,
  timeOffBalances,
  absences,
  timesheets,
  performanceReviews,
  employeeSkillAssignments,
  staffingEntities,
];

const BY_KEY = new Map(HRIS_CATALOGUE.map((d) => [d.key, d]));
for (const key of MODEL_KEYS) if (!BY_KEY.has(key)) throw new Error(`The model catalogue has no declaration for '${key}'.`);

/** The declaration of a model. */
export const declarationOf = (model: ModelKey): ModelDeclaration => BY_KEY.get(model)!;

/** Child models (records listed under a parent, e.g. an employee's employments) and how each names its parent. */
export const CHILD_MODELS: ReadonlyMap<ModelKey, (child: never) => string> = new Map(
  HRIS_CATALOGUE.flatMap((d) => d.relations.flatMap((r) => (r.kind === 'children' ? [[r.model, r.parentRef] as const] : []))),
);

/** Per parent model, its child models (an employee's employments and time-off balances). */
export const CHILDREN_OF: ReadonlyMap<ModelKey, readonly ModelKey[]> = new Map(
  HRIS_CATALOGUE.flatMap((d) => {
    const children = d.relations.flatMap((r) => (r.kind === 'children' ? [r.model] : []));
    return children.length > 0 ? [[d.key, children] as const] : [];
  }),
);

/** Models whose wire objects carry no `changed_at`/`remote_deleted_at` of their own. */
export const WITHOUT_TIMESTAMPS: ReadonlySet<ModelKey> = new Set(HRIS_CATALOGUE.filter((d) => !d.timestamps).map((d) => d.key));

/** Kombo read-model ID of a store key (`groups` is Kombo's `hris_teams`). */
export const readModelId = (model: ModelKey): string => declarationOf(model).readModel.id;
