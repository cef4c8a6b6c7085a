import { BadRecordError, objectOf, remoteDataOf, type WithRemoteData } from '../http/records.ts';
import { address, idOf, instant, midnightUtc, num, plainDate, str } from '../http/values.ts';
import type { TimeUnit, UnifiedAbsence, UnifiedAbsenceType, UnifiedTimeOffBalance, UnifiedEmployee, UnifiedEmployment, UnifiedGroup, UnifiedLegalEntity, UnifiedLocation } from '../unified-hris.ts';
import { FACTORIAL_API } from './client.ts';

/** The endpoints the raw objects come from (under the pinned API version): the keys of their `remote_data`. */
const RESOURCES = new URL(FACTORIAL_API).pathname;
const FROM = {
  employees: `${RESOURCES}/employees/employees`,
  teams: `${RESOURCES}/teams/teams`,
  locations: `${RESOURCES}/locations/locations`,
  legalEntities: `${RESOURCES}/companies/legal_entities`,
  contractVersions: `${RESOURCES}/contracts/contract_versions`,
  leaveTypes: `${RESOURCES}/timeoff/leave_types`,
  leaves: `${RESOURCES}/timeoff/leaves`,
  allowanceStats: `${RESOURCES}/timeoff/allowance_stats`,
};

/** Pure mappings from Factorial's resources (reference notes §3) to the unified records. Ids become strings. */

const required = (value: unknown, what: string) => {
  const id = idOf(value);
  if (!id) throw new BadRecordError(`${what} has no id.`);
  return id;
};

/** `teamsOf` maps an employee id to the team ids listing it (teams carry `employee_ids`). */
export function toEmployee(raw: unknown, teamsOf: ReadonlyMap<string, string[]>, today: string): WithRemoteData<UnifiedEmployee> {
  const e = objectOf(raw, 'The employee');
  const remoteId = required(e.id, 'An employee');
  const terminated = plainDate(e.terminated_on);
  const gender = str(e.gender)?.toLowerCase();
  const bank = str(e.bank_number);
  return {
    remoteId,
    employeeNumber: str(e.company_identifier),
    firstName: str(e.first_name),
    lastName: str(e.last_name),
    nationality: str(e.nationality)?.toUpperCase() ?? null,
    displayFullName: str(e.full_name),
    jobTitle: null,
    // `email` is the main address in practice, `login_email` the login [sdk/inf].
    workEmail: str(e.login_email) ?? str(e.email),
    personalEmail: str(e.personal_email),
    mobilePhoneNumber: str(e.phone_number),
    ssn: str(e.social_security_number),
    taxId: str(e.identifier),
    gender: gender === 'male' ? 'MALE' : gender === 'female' ? 'FEMALE' : gender ? 'NON_BINARY' : null,
    ethnicity: null,
    maritalStatus: null,
    employmentStatus: e.active === false || (terminated !== null && terminated <= today) ? 'INACTIVE' : 'ACTIVE',
    employmentType: null,
    weeklyHours: null,
    avatar: null,
    workLocationRemoteId: idOf(e.location_id),
    legalEntityRemoteId: idOf(e.legal_entity_id),
    managerRemoteId: idOf(e.manager_id),
    homeAddress: address({ street1: e.address_line_1, street2: e.address_line_2, city: e.city, state: e.state, zipCode: e.postal_code, country: e.country }),
    bankAccounts: bank && str(e.bank_number_format) === 'iban'
      ? [{ iban: bank, bic: str(e.swift_bic), accountNumber: null, holderName: null, bankName: null, domesticBankRouting: null }]
      : null,
    dateOfBirth: midnightUtc(e.birthday_on),
    startDate: midnightUtc(e.seniority_calculation_date),
    terminationDate: midnightUtc(e.terminated_on),
    remoteCreatedAt: instant(e.created_at),
    customFields: null,
    groupRemoteIds: teamsOf.get(remoteId) ?? [],
    remoteData: remoteDataOf(FROM.employees, raw),
  };
}

export function toGroup(raw: unknown): WithRemoteData<UnifiedGroup> {
  const t = objectOf(raw, 'The team');
  return { remoteId: required(t.id, 'A team'), name: str(t.name), type: 'TEAM', parentRemoteId: null, remoteData: remoteDataOf(FROM.teams, raw) };
}

export function toLocation(raw: unknown): WithRemoteData<UnifiedLocation> {
  const l = objectOf(raw, 'The location');
  return {
    remoteId: required(l.id, 'A location'),
    name: str(l.name),
    address: address({ street1: l.address_line_1, street2: l.address_line_2, city: l.city, state: l.state, zipCode: l.postal_code, country: l.country }),
    type: null,
    remoteData: remoteDataOf(FROM.locations, raw),
  };
}

export function toLegalEntity(raw: unknown): WithRemoteData<UnifiedLegalEntity> {
  const l = objectOf(raw, 'The legal entity');
  return {
    remoteId: required(l.id, 'A legal entity'),
    name: str(l.legal_name),
    address: address({ street1: l.address_line_1, street2: l.address_line_2, city: l.city, state: l.state, zipCode: l.postal_code, country: l.country }),
    remoteData: remoteDataOf(FROM.legalEntities, raw),
  };
}

const FREQUENCY: Record<string, string> = { yearly: 'YEAR', monthly: 'MONTH', weekly: 'WEEK', daily: 'DAY', hourly: 'HOUR' };

/** A contract version; `salary_amount` is in cents [sdk]. */
export function toEmployment(raw: unknown): WithRemoteData<UnifiedEmployment> {
  const c = objectOf(raw, 'The contract version');
  const cents = num(c.salary_amount);
  const frequency = str(c.salary_frequency)?.toLowerCase();
  return {
    remoteId: required(c.id, 'A contract version'),
    employeeRemoteId: required(c.employee_id, 'The employee of a contract version'),
    jobTitle: str(c.job_title),
    payRate: cents === null ? null : cents / 100,
    payPeriod: frequency ? (FREQUENCY[frequency] ?? frequency) : null,
    payFrequency: null,
    employmentType: null,
    payCurrency: null,
    effectiveDate: midnightUtc(c.effective_on),
    customFields: null,
    remoteData: remoteDataOf(FROM.contractVersions, raw),
  };
}

export function toAbsenceType(raw: unknown): WithRemoteData<UnifiedAbsenceType> {
  const t = objectOf(raw, 'The leave type');
  return {
    remoteId: required(t.id, 'A leave type'),
    name: str(t.translated_name) ?? str(t.name),
    unit: 'DAYS',
    halfDaysSupported: typeof t.half_days_units_enabled === 'boolean' ? t.half_days_units_enabled : null,
    exactTimesSupported: null,
    remoteData: remoteDataOf(FROM.leaveTypes, raw),
  };
}

/** A leave; `approved` null means pending [sdk/inf], `deleted_at` set means deleted. */
export function toAbsence(raw: unknown): WithRemoteData<UnifiedAbsence> {
  const l = objectOf(raw, 'The leave');
  const halfDay = str(l.half_day);
  const hours = num(l.hours_amount_in_cents);
  return {
    remoteId: required(l.id, 'A leave'),
    employeeRemoteId: required(l.employee_id, 'The employee of a leave'),
    approverRemoteId: null,
    startDate: plainDate(l.start_on),
    endDate: plainDate(l.finish_on),
    startHalfDay: halfDay === null ? false : halfDay === 'end_of_day',
    endHalfDay: halfDay === null ? false : halfDay === 'beginning_of_day',
    startTime: null,
    endTime: null,
    amount: hours !== null ? hours / 100 : num(l.days_taken),
    unit: hours !== null ? 'HOURS' : 'DAYS',
    status: l.deleted_at ? 'DELETED' : l.approved === true ? 'APPROVED' : l.approved === false ? 'DECLINED' : 'REQUESTED',
    employeeNote: str(l.description),
    typeRemoteId: idOf(l.leave_type_id),
    remoteCreatedAt: instant(l.created_at),
    remoteUpdatedAt: instant(l.updated_at),
    remoteData: remoteDataOf(FROM.leaves, raw),
  };
}

/** What a balance takes from its allowance (`timeoff/allowances`): the unit and the leave type it counts. */
export interface AllowanceInfo {
  unit: TimeUnit | null;
  typeRemoteId: string | null;
}

/**
 * An allowance's unit (`allowance_type` days/hours) and its leave type: the first of `leave_type_ids`
 * (an allowance counting several leave types is shown under the first [inf, notes §7]).
 */
export function toAllowanceInfo(raw: unknown): [string, AllowanceInfo] {
  const a = objectOf(raw, 'The allowance');
  const kind = str(a.allowance_type)?.toLowerCase();
  const types = Array.isArray(a.leave_type_ids) ? a.leave_type_ids : [];
  return [required(a.id, 'An allowance'), { unit: kind === 'hours' ? 'HOURS' : kind === 'days' ? 'DAYS' : null, typeRemoteId: idOf(types[0]) }];
}

/**
 * An allowance stat (`timeoff/allowance_stats`, one employee and allowance as of the reference date;
 * numbers are decimal strings [sdk]): what is left (`available_days`) and what was used (`used_days`),
 * in the allowance's unit [inf: the `_days` names are kept for hour allowances too]. Its own `id`
 * includes the reference date, so the remote ID is `employee:allowance`, stable from day to day.
 */
export function toTimeOffBalance(raw: unknown, allowances: ReadonlyMap<string, AllowanceInfo>): WithRemoteData<UnifiedTimeOffBalance> {
  const b = objectOf(raw, 'The allowance stat');
  const employeeRemoteId = required(b.employee_id, 'The employee of an allowance stat');
  const allowanceId = required(b.allowance_id, 'The allowance of an allowance stat');
  const allowance = allowances.get(allowanceId);
  if (!allowance?.typeRemoteId) throw new BadRecordError('An allowance stat counts an allowance with no leave type.');
  return {
    remoteId: `${employeeRemoteId}:${allowanceId}`,
    employeeRemoteId,
    typeRemoteId: allowance.typeRemoteId,
    balance: num(b.available_days),
    balanceUnit: allowance.unit,
    used: num(b.used_days),
    usedUnit: allowance.unit,
    remoteData: remoteDataOf(FROM.allowanceStats, raw),
  };
}
