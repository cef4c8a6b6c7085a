import type {
  EmploymentType, HrisSnapshot, RoutingType, UnifiedAddress, UnifiedBankAccount, UnifiedEmployee, UnifiedEmployment,
} from '../../unified-hris.ts';
import type { SandboxAddress, SandboxBankAccount, SandboxCompany, SandboxCompensation, SandboxContractType, SandboxEmployee } from './types.ts';

const midnight = (date: string | null) => (date ? `${date}T00:00:00.000Z` : null);

function address(a: SandboxAddress | null): UnifiedAddress | null {
  if (!a) return null;
  const line2 = a.street2 ? `${a.street2}\n` : '';
  return { city: a.city, country: a.country, raw: `${a.street}\n${line2}${a.postalCode} ${a.city}${a.state ? `, ${a.state}` : ''}\n${a.country}`,
    state: a.state, street1: a.street, street2: a.street2, zipCode: a.postalCode };
}

const ROUTING: Record<NonNullable<SandboxBankAccount['routing']>['scheme'], RoutingType> = {
  sort_code: 'GB_SORT_CODE', blz: 'DE_BANKLEITZAHL', aba: 'US_ABA_ROUTING_TRANSIT_NUMBER', rib: 'FR_RIB', ca_transit: 'CA_ROUTING_NUMBER', bsb: 'AU_BSB_CODE',
};

function bank(b: SandboxBankAccount | null): UnifiedBankAccount[] {
  if (!b) return [];
  return [{ iban: b.iban, bic: b.bic, accountNumber: b.accountNumber, holderName: b.holder, bankName: b.bankName,
    domesticBankRouting: b.routing ? { number: b.routing.code, type: ROUTING[b.routing.scheme] } : null }];
}

const EMPLOYMENT_TYPES: Record<SandboxContractType, EmploymentType> = {
  permanent: 'FULL_TIME', part_time: 'PART_TIME', fixed_term: 'CONTRACT', intern: 'INTERNSHIP', working_student: 'WORKING_STUDENT',
  freelance: 'FREELANCE', apprentice: 'APPRENTICESHIP',
};
const STATUS = { onboarding: 'PENDING', active: 'ACTIVE', on_leave: 'LEAVE', terminated: 'INACTIVE' } as const;
const GENDER = { female: 'FEMALE', male: 'MALE', diverse: 'NON_BINARY' } as const;
const MARITAL = { single: 'SINGLE', married: 'MARRIED', partnership: 'DOMESTIC_PARTNERSHIP', divorced: 'DIVORCED', widowed: 'WIDOWED' } as const;
const PAY_PERIOD = { year: 'YEAR', month: 'MONTH', day: 'DAY', hour: 'HOUR' } as const;
const PAY_FREQUENCY = { monthly: 'MONTHLY', biweekly: 'BIWEEKLY', semimonthly: 'SEMIMONTHLY' } as const;

function employee(e: SandboxEmployee): UnifiedEmployee {
  const current = e.compensation[e.compensation.length - 1]!;
  return {
    remoteId: e.id, employeeNumber: e.employeeNumber, firstName: e.firstName, lastName: e.lastName, nationality: e.nationality,
    displayFullName: `${e.firstName} ${e.lastName}`, jobTitle: current.title, workEmail: e.workEmail, personalEmail: e.privateEmail,
    mobilePhoneNumber: e.mobile, ssn: e.socialSecurityNumber, taxId: e.taxId, gender: e.gender ? GENDER[e.gender] : null, ethnicity: null,
    maritalStatus: e.maritalStatus ? MARITAL[e.maritalStatus] : null, employmentStatus: STATUS[e.status],
    employmentType: EMPLOYMENT_TYPES[current.contractType], weeklyHours: current.weeklyHours, avatar: e.photoUrl,
    workLocationRemoteId: e.locationId, legalEntityRemoteId: e.legalEntityId, managerRemoteId: e.managerId,
    homeAddress: address(e.homeAddress), bankAccounts: bank(e.bankAccount), dateOfBirth: midnight(e.birthDate), startDate: midnight(e.hireDate),
    terminationDate: midnight(e.terminationDate), remoteCreatedAt: e.createdAt,
    customFields: { tshirt_size: e.attributes.tshirtSize, preferred_language: e.attributes.preferredLanguage,
      remote_worker: e.attributes.remoteWorker, parking_spot: e.attributes.parkingSpot },
    groupRemoteIds: [e.departmentId, ...(e.teamId ? [e.teamId] : []), e.costCenterId],
  };
}

function employment(e: SandboxEmployee, c: SandboxCompensation): UnifiedEmployment {
  return { remoteId: c.id, employeeRemoteId: e.id, jobTitle: c.title, payRate: c.amount, payPeriod: PAY_PERIOD[c.per],
    payFrequency: PAY_FREQUENCY[c.payCycle], employmentType: EMPLOYMENT_TYPES[c.contractType], payCurrency: c.currency,
    effectiveDate: midnight(c.effectiveFrom), customFields: { change_reason: c.reason } };
}

const OPENING_STATUS = { open: 'OPEN_LIMITED', pending: 'PENDING', frozen: 'FROZEN', filled: 'FILLED', closed: 'CLOSED' } as const;
const OPENING_KIND = { job: 'JOB', position: 'POSITION', requisition: 'REQUISITION' } as const;
const REVIEW_KIND = { self: 'SELF', manager: 'MANAGER', peer: 'PEER', upward: 'DIRECT_REPORT' } as const;
const REQUEST_STATUS = { pending: 'REQUESTED', approved: 'APPROVED', declined: 'DECLINED', cancelled: 'CANCELLED' } as const;

/** Maps the sandbox's own records to the unified HRIS models (what a real connector does with a vendor's API). */
export function toUnified(c: SandboxCompany): HrisSnapshot {
  const policies = new Map(c.timeOffPolicies.map((p) => [p.id, p]));
  return {
    legalEntities: c.legalEntities.map((l) => ({ remoteId: l.id, name: l.name, address: address(l.address) })),
    locations: c.locations.map((l) => ({ remoteId: l.id, name: l.name, address: address(l.address), type: l.kind.toUpperCase() })),
    groups: c.orgUnits.map((u) => ({ remoteId: u.id, name: u.name, type: u.kind === 'cost_center' ? 'COST_CENTER' : u.kind === 'team' ? 'TEAM' : 'DEPARTMENT',
      parentRemoteId: u.parentId })),
    employees: c.employees.map(employee),
    employments: c.employees.flatMap((e) => e.compensation.map((comp) => employment(e, comp))),
    absenceTypes: c.timeOffPolicies.map((p) => ({ remoteId: p.id, name: p.name, unit: p.unit === 'days' ? 'DAYS' : 'HOURS',
      halfDaysSupported: p.halfDays, exactTimesSupported: p.exactTimes })),
    timeOffBalances: c.timeOffBalances.map((b) => ({ remoteId: b.id, employeeRemoteId: b.employeeId, typeRemoteId: b.policyId,
      balance: b.entitlement - b.taken, balanceUnit: b.unit === 'days' ? 'DAYS' : 'HOURS', used: b.taken, usedUnit: b.unit === 'days' ? 'DAYS' : 'HOURS' })),
    absences: c.timeOffRequests.map((r) => ({
      remoteId: r.id, employeeRemoteId: r.employeeId, approverRemoteId: r.approverId, startDate: r.from, endDate: r.to,
      startHalfDay: policies.get(r.policyId)?.halfDays ? r.halfDayStart : null, endHalfDay: policies.get(r.policyId)?.halfDays ? r.halfDayEnd : null,
      startTime: r.startTime, endTime: r.endTime, amount: r.amount, unit: r.unit === 'days' ? 'DAYS' : 'HOURS', status: REQUEST_STATUS[r.status],
      employeeNote: r.note, typeRemoteId: r.policyId, remoteCreatedAt: r.createdAt, remoteUpdatedAt: r.updatedAt })),
    timesheets: c.shifts.map((s) => {
      const breakMinutes = s.breaks.filter((b) => !b.paid).reduce((sum, b) => sum + (Date.parse(b.end) - Date.parse(b.start)) / 60_000, 0);
      const payable = s.end ? Math.round(((Date.parse(s.end) - Date.parse(s.start)) / 60_000 - breakMinutes) / 6) / 10 : null;
      return { remoteId: s.id, employeeRemoteId: s.employeeId, startedAt: s.start, endedAt: s.end, timezone: s.utcOffset, payableHours: payable,
        unpaidBreakMinutes: s.end ? breakMinutes : null, breaks: s.breaks.map((b) => ({ startedAt: b.start, endedAt: b.end, paid: b.paid })),
        approvalStatus: s.state.toUpperCase(), approvedAt: s.approvedAt, comment: s.note, customFields: null };
    }),
    performanceReviewCycles: c.reviewCycles.map((r) => ({ remoteId: r.id, name: r.name, reviewPeriodStartDate: midnight(r.periodStart) })),
    performanceReviews: c.reviews.map((r) => ({
      remoteId: r.id, type: REVIEW_KIND[r.kind], summaryComment: r.comment,
      summaryRating: r.scale.kind === 'numeric'
        ? { type: 'NUMERIC', min: r.scale.min, max: r.scale.max, value: typeof r.rating === 'number' ? r.rating : null }
        : { type: 'SINGLE_SELECT', orderedOptions: r.scale.labels, value: typeof r.rating === 'string' ? r.rating : null },
      revieweeRemoteId: r.revieweeId, reviewerRemoteId: r.reviewerId, reviewCycleRemoteId: r.cycleId })),
    skills: c.skills.map((s) => ({ remoteId: s.id, name: s.name, description: s.description, orderedLevels: s.levels })),
    employeeSkillAssignments: c.skillAssignments.map((a) => ({ remoteId: a.id, employeeRemoteId: a.employeeId, skillRemoteId: a.skillId, currentLevel: a.level })),
    staffingEntities: c.openings.map((o) => ({
      remoteId: o.id, name: o.title, modelType: OPENING_KIND[o.kind], description: o.description,
      status: o.unlimited && o.state === 'open' ? 'OPEN_UNLIMITED' : OPENING_STATUS[o.state],
      employmentTypes: o.contractTypes.map((t) => ({ remoteLabel: t, unifiedType: EMPLOYMENT_TYPES[t] })), numberOfOpenings: o.openings,
      parentRemoteId: o.parentId, remoteUrl: `https://${c.domain}/careers/openings/${o.id}`, remoteCreatedAt: o.createdAt, remoteUpdatedAt: o.updatedAt,
      customFields: null, locationRemoteIds: o.locationIds, legalEntityRemoteIds: o.legalEntityIds, groupRemoteIds: o.orgUnitIds })),
    employeeDocumentCategories: c.documentCategories.map((d) => ({ remoteId: d.id, name: d.name })),
  };
}
