/**
 * The simulated HR system's own data model, as its (non-unified) API returns it: the sandbox
 * connector maps these to the unified models exactly like a real connector maps a vendor's records.
 * Dates are `yyyy-MM-dd`, timestamps ISO strings, IDs strings.
 */

export interface SandboxAddress {
  street: string;
  street2: string | null;
  city: string;
  postalCode: string;
  state: string | null;
  /** ISO 3166-1 alpha-2. */
  country: string;
}

export interface SandboxBankAccount {
  holder: string;
  bankName: string;
  iban: string | null;
  bic: string | null;
  accountNumber: string;
  routing: { scheme: 'sort_code' | 'blz' | 'aba' | 'rib' | 'ca_transit' | 'bsb'; code: string } | null;
}

export interface SandboxLegalEntity {
  id: string;
  name: string;
  country: string;
  currency: string;
  registrationNumber: string;
  address: SandboxAddress;
}

export interface SandboxLocation {
  id: string;
  name: string;
  kind: 'headquarters' | 'office' | 'remote';
  legalEntityId: string;
  address: SandboxAddress | null;
  /** UTC offset used for shifts at this location, e.g. `+01:00`. */
  utcOffset: string;
}

export interface SandboxOrgUnit {
  id: string;
  name: string;
  kind: 'department' | 'team' | 'cost_center';
  parentId: string | null;
  code: string | null;
}

export type SandboxContractType = 'permanent' | 'part_time' | 'fixed_term' | 'intern' | 'working_student' | 'freelance' | 'apprentice';

export interface SandboxCompensation {
  id: string;
  effectiveFrom: string;
  title: string;
  contractType: SandboxContractType;
  amount: number;
  currency: string;
  per: 'year' | 'month' | 'day' | 'hour';
  payCycle: 'monthly' | 'biweekly' | 'semimonthly';
  weeklyHours: number;
  reason: 'hire' | 'promotion' | 'merit_increase';
}

export type SandboxEmployeeStatus = 'onboarding' | 'active' | 'on_leave' | 'terminated';

export interface SandboxEmployee {
  id: string;
  employeeNumber: string;
  firstName: string;
  lastName: string;
  gender: 'female' | 'male' | 'diverse' | null;
  birthDate: string | null;
  nationality: string;
  maritalStatus: 'single' | 'married' | 'partnership' | 'divorced' | 'widowed' | null;
  workEmail: string;
  privateEmail: string | null;
  mobile: string | null;
  taxId: string | null;
  socialSecurityNumber: string | null;
  status: SandboxEmployeeStatus;
  hireDate: string;
  terminationDate: string | null;
  departmentId: string;
  teamId: string | null;
  costCenterId: string;
  locationId: string;
  legalEntityId: string;
  managerId: string | null;
  homeAddress: SandboxAddress | null;
  bankAccount: SandboxBankAccount | null;
  /** Oldest first; the last entry is the current contract. */
  compensation: SandboxCompensation[];
  attributes: { tshirtSize: string; preferredLanguage: string; remoteWorker: boolean; parkingSpot: string | null };
  photoUrl: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface SandboxTimeOffPolicy {
  id: string;
  name: string;
  unit: 'days' | 'hours';
  halfDays: boolean;
  exactTimes: boolean;
}

export interface SandboxTimeOffBalance {
  id: string;
  employeeId: string;
  policyId: string;
  year: number;
  entitlement: number;
  taken: number;
  unit: 'days' | 'hours';
}

export interface SandboxTimeOffRequest {
  id: string;
  employeeId: string;
  policyId: string;
  from: string;
  to: string;
  halfDayStart: boolean;
  halfDayEnd: boolean;
  startTime: string | null;
  endTime: string | null;
  amount: number;
  unit: 'days' | 'hours';
  status: 'pending' | 'approved' | 'declined' | 'cancelled';
  note: string | null;
  approverId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface SandboxShift {
  id: string;
  employeeId: string;
  start: string;
  end: string | null;
  utcOffset: string;
  breaks: { start: string; end: string; paid: boolean }[];
  state: 'open' | 'submitted' | 'approved';
  approvedAt: string | null;
  note: string | null;
}

export interface SandboxReviewCycle {
  id: string;
  name: string;
  periodStart: string;
}

export interface SandboxReview {
  id: string;
  cycleId: string;
  revieweeId: string;
  reviewerId: string | null;
  kind: 'self' | 'manager' | 'peer' | 'upward';
  scale: { kind: 'numeric'; min: number; max: number } | { kind: 'labels'; labels: string[] };
  rating: number | string | null;
  comment: string | null;
  submittedAt: string | null;
  createdAt: string;
}

export interface SandboxSkill {
  id: string;
  name: string;
  category: string;
  description: string;
  levels: string[];
}

export interface SandboxSkillAssignment {
  id: string;
  employeeId: string;
  skillId: string;
  level: string;
}

export interface SandboxOpening {
  id: string;
  title: string;
  kind: 'job' | 'position' | 'requisition';
  state: 'open' | 'pending' | 'frozen' | 'filled' | 'closed';
  /** null with `unlimited`. */
  openings: number | null;
  unlimited: boolean;
  parentId: string | null;
  description: string;
  contractTypes: SandboxContractType[];
  locationIds: string[];
  legalEntityIds: string[];
  orgUnitIds: string[];
  createdAt: string;
  updatedAt: string;
}

export interface SandboxDocumentCategory {
  id: string;
  name: string;
}

/** The whole simulated company at one instant. */
export interface SandboxCompany {
  name: string;
  domain: string;
  asOf: string;
  legalEntities: SandboxLegalEntity[];
  locations: SandboxLocation[];
  orgUnits: SandboxOrgUnit[];
  employees: SandboxEmployee[];
  timeOffPolicies: SandboxTimeOffPolicy[];
  timeOffBalances: SandboxTimeOffBalance[];
  timeOffRequests: SandboxTimeOffRequest[];
  shifts: SandboxShift[];
  reviewCycles: SandboxReviewCycle[];
  reviews: SandboxReview[];
  skills: SandboxSkill[];
  skillAssignments: SandboxSkillAssignment[];
  openings: SandboxOpening[];
  documentCategories: SandboxDocumentCategory[];
}
