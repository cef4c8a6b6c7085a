/**
 * The unified HRIS models as connectors deliver them to the sync engine: camelCase, one record per
 * remote object, references to other records by their remote ID (the sync derives Kombo IDs).
 * Date-times are ISO strings (`toISOString()` format); plain dates of absences are `yyyy-MM-dd`.
 */

export type IsoDateTime = string;

/**
 * The tool's raw object, served as Kombo's `remote_data`: keyed by the path of the endpoint it was read
 * from, e.g. `{ "/v1/company/employees": { ... } }` (a per-record path segment is written `{id}`). It
 * holds what the tool's data endpoints answered, never a credential or token.
 */
export type RemoteData = Readonly<Record<string, unknown>>;

export type EmploymentStatus = 'ACTIVE' | 'PENDING' | 'INACTIVE' | 'LEAVE';
export type EmploymentType =
  | 'FULL_TIME'
  | 'PART_TIME'
  | 'CONTRACT'
  | 'INTERNSHIP'
  | 'FREELANCE'
  | 'WORKING_STUDENT'
  | 'APPRENTICESHIP'
  | 'TRAINING';
export type GroupType = 'DEPARTMENT' | 'TEAM' | 'COST_CENTER';
export type TimeUnit = 'HOURS' | 'DAYS';
export type RoutingType =
  | 'GB_SORT_CODE'
  | 'DE_BANKLEITZAHL'
  | 'US_ABA_ROUTING_TRANSIT_NUMBER'
  | 'CA_ROUTING_NUMBER'
  | 'AU_BSB_CODE'
  | 'FR_RIB';

export interface UnifiedAddress {
  city: string | null;
  /** ISO 3166-1 alpha-2 where known. */
  country: string | null;
  raw: string | null;
  state: string | null;
  street1: string | null;
  street2: string | null;
  zipCode: string | null;
}

export interface UnifiedBankAccount {
  iban: string | null;
  bic: string | null;
  accountNumber: string | null;
  holderName: string | null;
  bankName: string | null;
  domesticBankRouting: { number: string; type: RoutingType | null } | null;
}

export interface UnifiedLegalEntity {
  remoteId: string;
  name: string | null;
  address: UnifiedAddress | null;
  /** The tool's raw object; absent where the source keeps none (the Sandbox). */
  remoteData?: RemoteData | null;
}

export interface UnifiedLocation {
  remoteId: string;
  name: string | null;
  address: UnifiedAddress | null;
  type: string | null;
  /** The tool's raw object; absent where the source keeps none (the Sandbox). */
  remoteData?: RemoteData | null;
}

export interface UnifiedGroup {
  remoteId: string;
  name: string | null;
  type: GroupType | null;
  parentRemoteId: string | null;
  /** The tool's raw object; absent where the source keeps none (the Sandbox). */
  remoteData?: RemoteData | null;
}

export interface UnifiedEmployee {
  remoteId: string;
  employeeNumber: string | null;
  firstName: string | null;
  lastName: string | null;
  nationality: string | null;
  displayFullName: string | null;
  jobTitle: string | null;
  workEmail: string | null;
  personalEmail: string | null;
  mobilePhoneNumber: string | null;
  ssn: string | null;
  taxId: string | null;
  gender: string | null;
  ethnicity: string | null;
  maritalStatus: string | null;
  employmentStatus: EmploymentStatus | string | null;
  employmentType: EmploymentType | string | null;
  weeklyHours: number | null;
  avatar: string | null;
  workLocationRemoteId: string | null;
  legalEntityRemoteId: string | null;
  managerRemoteId: string | null;
  homeAddress: UnifiedAddress | null;
  bankAccounts: UnifiedBankAccount[] | null;
  dateOfBirth: IsoDateTime | null;
  startDate: IsoDateTime | null;
  terminationDate: IsoDateTime | null;
  remoteCreatedAt: IsoDateTime | null;
  customFields: Record<string, string | number | boolean | null> | null;
  /** Memberships in groups (departments, teams, cost centers). */
  groupRemoteIds: string[];
  /** The tool's raw object; absent where the source keeps none (the Sandbox). */
  remoteData?: RemoteData | null;
}

export interface UnifiedEmployment {
  remoteId: string;
  employeeRemoteId: string;
  jobTitle: string | null;
  payRate: number | null;
  payPeriod: string | null;
  payFrequency: string | null;
  employmentType: EmploymentType | string | null;
  payCurrency: string | null;
  effectiveDate: IsoDateTime | null;
  customFields: Record<string, string | number | boolean | null> | null;
  /** The tool's raw object; absent where the source keeps none (the Sandbox). */
  remoteData?: RemoteData | null;
}

export interface UnifiedAbsenceType {
  remoteId: string;
  name: string | null;
  unit: TimeUnit | null;
  halfDaysSupported: boolean | null;
  exactTimesSupported: boolean | null;
  /** The tool's raw object; absent where the source keeps none (the Sandbox). */
  remoteData?: RemoteData | null;
}

export interface UnifiedTimeOffBalance {
  remoteId: string;
  employeeRemoteId: string;
  typeRemoteId: string;
  balance: number | null;
  balanceUnit: TimeUnit | null;
  used: number | null;
  usedUnit: TimeUnit | null;
  /** The tool's raw object; absent where the source keeps none (the Sandbox). */
  remoteData?: RemoteData | null;
}

export interface UnifiedAbsence {
  remoteId: string;
  employeeRemoteId: string;
  approverRemoteId: string | null;
  /** `yyyy-MM-dd`. */
  startDate: string | null;
  endDate: string | null;
  startHalfDay: boolean | null;
  endHalfDay: boolean | null;
  /** `HH:mm:ss`. */
  startTime: string | null;
  endTime: string | null;
  amount: number | null;
  unit: TimeUnit | null;
  status: 'REQUESTED' | 'APPROVED' | 'DECLINED' | 'CANCELLED' | 'DELETED' | string | null;
  employeeNote: string | null;
  typeRemoteId: string | null;
  remoteCreatedAt: IsoDateTime | null;
  remoteUpdatedAt: IsoDateTime | null;
  /** The tool's raw object; absent where the source keeps none (the Sandbox). */
  remoteData?: RemoteData | null;
}

export interface UnifiedTimesheet {
  remoteId: string;
  employeeRemoteId: string;
  startedAt: IsoDateTime | null;
  endedAt: IsoDateTime | null;
  /** UTC offset such as `+01:00`. */
  timezone: string | null;
  payableHours: number | null;
  unpaidBreakMinutes: number | null;
  breaks: { startedAt: IsoDateTime; endedAt: IsoDateTime; paid: boolean }[] | null;
  approvalStatus: string | null;
  approvedAt: IsoDateTime | null;
  comment: string | null;
  customFields: Record<string, string | number | boolean | null> | null;
  /** The tool's raw object; absent where the source keeps none (the Sandbox). */
  remoteData?: RemoteData | null;
}

export interface UnifiedReviewCycle {
  remoteId: string;
  name: string | null;
  reviewPeriodStartDate: IsoDateTime | null;
  /** The tool's raw object; absent where the source keeps none (the Sandbox). */
  remoteData?: RemoteData | null;
}

export type UnifiedSummaryRating =
  | { type: 'NUMERIC'; min: number | null; max: number | null; value: number | null }
  | { type: 'SINGLE_SELECT'; orderedOptions: string[] | null; value: string | null };

export interface UnifiedReview {
  remoteId: string;
  type: 'MANAGER' | 'DIRECT_REPORT' | 'PEER' | 'SELF' | null;
  summaryComment: string | null;
  summaryRating: UnifiedSummaryRating | null;
  revieweeRemoteId: string;
  reviewerRemoteId: string | null;
  reviewCycleRemoteId: string | null;
  /** The tool's raw object; absent where the source keeps none (the Sandbox). */
  remoteData?: RemoteData | null;
}

export interface UnifiedSkill {
  remoteId: string;
  name: string;
  description: string | null;
  /** Lowest to highest proficiency. */
  orderedLevels: string[] | null;
  /** The tool's raw object; absent where the source keeps none (the Sandbox). */
  remoteData?: RemoteData | null;
}

export interface UnifiedSkillAssignment {
  remoteId: string;
  employeeRemoteId: string;
  skillRemoteId: string;
  currentLevel: string | null;
  /** The tool's raw object; absent where the source keeps none (the Sandbox). */
  remoteData?: RemoteData | null;
}

export interface UnifiedStaffingEntity {
  remoteId: string;
  name: string | null;
  modelType: 'JOB' | 'POSITION' | 'REQUISITION' | null;
  description: string | null;
  status: 'OPEN_LIMITED' | 'OPEN_UNLIMITED' | 'PENDING' | 'FROZEN' | 'FILLED' | 'CLOSED' | null;
  employmentTypes: { remoteLabel: string; unifiedType: EmploymentType | null }[] | null;
  numberOfOpenings: number | null;
  parentRemoteId: string | null;
  remoteUrl: string | null;
  remoteCreatedAt: IsoDateTime | null;
  remoteUpdatedAt: IsoDateTime | null;
  customFields: Record<string, string | number | boolean | null> | null;
  locationRemoteIds: string[];
  legalEntityRemoteIds: string[];
  groupRemoteIds: string[];
  /** The tool's raw object; absent where the source keeps none (the Sandbox). */
  remoteData?: RemoteData | null;
}

export interface UnifiedDocumentCategory {
  remoteId: string;
  name: string | null;
  /** The tool's raw object; absent where the source keeps none (the Sandbox). */
  remoteData?: RemoteData | null;
}

/** Everything a source read in one pass; a model the source does not cover is an empty list. */
export interface HrisSnapshot {
  legalEntities: UnifiedLegalEntity[];
  locations: UnifiedLocation[];
  groups: UnifiedGroup[];
  employees: UnifiedEmployee[];
  employments: UnifiedEmployment[];
  absenceTypes: UnifiedAbsenceType[];
  timeOffBalances: UnifiedTimeOffBalance[];
  absences: UnifiedAbsence[];
  timesheets: UnifiedTimesheet[];
  performanceReviewCycles: UnifiedReviewCycle[];
  performanceReviews: UnifiedReview[];
  skills: UnifiedSkill[];
  employeeSkillAssignments: UnifiedSkillAssignment[];
  staffingEntities: UnifiedStaffingEntity[];
  employeeDocumentCategories: UnifiedDocumentCategory[];
}

/** Read-model IDs as Kombo names them (`hris_teams` is the groups model). */
export const HRIS_READ_MODELS = [
  { id: 'hris_employees', label: 'Employees' },
  { id: 'hris_employments', label: 'Employments' },
  { id: 'hris_teams', label: 'Groups' },
  { id: 'hris_locations', label: 'Work locations' },
  { id: 'hris_legal_entities', label: 'Legal entities' },
  { id: 'hris_absence_types', label: 'Absence types' },
  { id: 'hris_time_off_balances', label: 'Time-off balances' },
  { id: 'hris_absences', label: 'Absences' },
  { id: 'hris_timesheets', label: 'Timesheets' },
  { id: 'hris_performance_review_cycles', label: 'Performance review cycles' },
  { id: 'hris_performance_reviews', label: 'Performance reviews' },
  { id: 'hris_skills', label: 'Skills' },
  { id: 'hris_employee_skill_assignments', label: 'Employee skill assignments' },
  { id: 'hris_staffing_entities', label: 'Staffing entities' },
  { id: 'hris_employee_document_categories', label: 'Employee document categories' },
] as const;

export type HrisReadModelId = (typeof HRIS_READ_MODELS)[number]['id'];
