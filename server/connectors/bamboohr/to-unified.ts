import { BadRecordError, objectOf, remoteDataOf, type WithRemoteData } from '../http/records.ts';
import { address, idOf, midnightUtc, num, plainDate, str } from '../http/values.ts';
import type {
  EmploymentStatus,
  TimeUnit,
  UnifiedAbsence,
  UnifiedAbsenceType,
  UnifiedEmployee,
  UnifiedEmployment,
  UnifiedGroup,
  UnifiedLocation,
  UnifiedTimeOffBalance,
} from '../unified-hris.ts';

/** The endpoints the raw objects come from: the keys of their `remote_data`. */
const FROM = {
  employees: '/api/v2/datasets/employee/data',
  lists: '/api/v1/meta/lists',
  compensation: '/api/v1/employees/all/tables/compensation',
  timeOffTypes: '/api/v1/meta/time_off/types',
  timeOffRequests: '/api/v1/time_off/requests',
  balances: '/api/v1/employees/{id}/time_off/calculator',
};

/** Pure mappings from BambooHR's API objects (reference notes §6) to the unified records. */

/** A `/meta/lists` option, with the alias of its list. */
export interface BambooListOption {
  alias: string;
  option: Record<string, unknown>;
}

/** The group/location remote ID of a list option: option ids are only unique within one list. */
export const listOptionId = (alias: string, optionId: string) => `${alias}:${optionId}`;

/** Resolves the names employees carry (department "Engineering") to list-option remote IDs. */
export type OptionIndex = Map<string, string>;

export function indexOptions(options: readonly BambooListOption[]): OptionIndex {
  const index: OptionIndex = new Map();
  for (const { alias, option } of options) {
    const id = idOf(option.id);
    const name = str(option.name);
    if (id && name) index.set(`${alias}\u0000${name}`, listOptionId(alias, id));
  }
  return index;
}

const GROUP_ALIASES = ['department', 'division'] as const;

const ETHNICITY: Record<string, string> = {
  white: 'WHITE',
  asian: 'ASIAN',
  'hispanic or latino': 'HISPANIC_LATINO',
  'black or african american': 'BLACK_AFRICAN_AMERICAN',
  'two or more races': 'MULTIPLE_ETHNICITIES',
  'native hawaiian or other pacific islander': 'HAWAIIAN',
  'american indian or alaska native': 'NATIVE_AMERICAN',
  'decline to answer': 'DECLINE_TO_SPECIFY',
};

const GENDER: Record<string, string> = { male: 'MALE', female: 'FEMALE', 'non-binary': 'NON_BINARY' };

const MARITAL: Record<string, string> = {
  single: 'SINGLE',
  married: 'MARRIED',
  'domestic partnership': 'DOMESTIC_PARTNERSHIP',
  widowed: 'WIDOWED',
  divorced: 'DIVORCED',
  separated: 'SEPARATED',
};

/** Customer-defined employment status labels; unknown labels pass through unchanged (as Kombo does). */
const EMPLOYMENT_TYPE: Record<string, string> = {
  'full-time': 'FULL_TIME',
  'part-time': 'PART_TIME',
  contractor: 'CONTRACT',
  intern: 'INTERNSHIP',
  freelance: 'FREELANCE',
};

const lookup = (table: Record<string, string>, value: unknown) => {
  const s = str(value);
  return s === null ? null : (table[s.toLowerCase()] ?? s);
};

/**
 * Employment status from BambooHR's account status and dates [inf, notes §6]: Inactive or a past
 * termination is INACTIVE, a future hire date PENDING, anything else ACTIVE.
 */
export function employmentStatusOf(f: Record<string, unknown>, today: string): EmploymentStatus {
  const termination = plainDate(f.terminationDate);
  const hire = plainDate(f.hireDate);
  if (str(f.status)?.toLowerCase() === 'inactive' || (termination !== null && termination <= today)) return 'INACTIVE';
  if (hire !== null && hire > today) return 'PENDING';
  return 'ACTIVE';
}

/** One Datasets row (`{fields:{...}}`) or classic flat employee object to a unified employee. */
export function toEmployee(raw: unknown, options: OptionIndex, today: string): WithRemoteData<UnifiedEmployee> {
  const row = objectOf(raw, 'The employee');
  const f = row.fields === undefined ? row : objectOf(row.fields, 'The employee fields');
  // Whether the employee dataset names its id column `id` or `employeeId` is not verified [inf]: accept both.
  const remoteId = idOf(f.id) ?? idOf(f.employeeId);
  if (!remoteId) throw new BadRecordError('An employee has no id.');
  const firstName = str(f.firstName);
  const lastName = str(f.lastName);
  const employmentType = lookup(EMPLOYMENT_TYPE, f.employmentHistoryStatus);
  const groupRemoteIds = GROUP_ALIASES.flatMap((alias) => {
    const name = str(f[alias]);
    const id = name === null ? undefined : options.get(`${alias}\u0000${name}`);
    return id ? [id] : [];
  });
  const location = str(f.location);
  return {
    remoteId,
    employeeNumber: str(f.employeeNumber),
    firstName,
    lastName,
    nationality: str(f.nationality) ?? str(f.citizenship),
    displayFullName: str(f.displayName) ?? ([str(f.preferredName) ?? firstName, lastName].filter(Boolean).join(' ') || null),
    jobTitle: str(f.jobTitle),
    workEmail: str(f.workEmail),
    personalEmail: str(f.homeEmail),
    mobilePhoneNumber: str(f.mobilePhone),
    ssn: str(f.ssn),
    taxId: str(f.sin) ?? str(f.nin),
    gender: lookup(GENDER, f.gender),
    ethnicity: lookup(ETHNICITY, f.ethnicity),
    maritalStatus: lookup(MARITAL, f.maritalStatus),
    employmentStatus: employmentStatusOf(f, today),
    employmentType: employmentType === 'Terminated' ? null : employmentType,
    weeklyHours: null,
    avatar: str(f.photoUrl),
    workLocationRemoteId: location === null ? null : (options.get(`location\u0000${location}`) ?? null),
    legalEntityRemoteId: null,
    managerRemoteId: idOf(f.supervisorEId),
    homeAddress: address({ street1: f.address1, street2: f.address2, city: f.city, state: f.state, zipCode: f.zipcode, country: f.country }),
    bankAccounts: null,
    dateOfBirth: midnightUtc(f.dateOfBirth),
    startDate: midnightUtc(f.hireDate),
    terminationDate: midnightUtc(f.terminationDate),
    remoteCreatedAt: null,
    customFields: null,
    groupRemoteIds,
    remoteData: remoteDataOf(FROM.employees, raw),
  };
}

/** Department and division options become groups (no hierarchy in BambooHR's lists). */
export function toGroup({ alias, option }: BambooListOption): WithRemoteData<UnifiedGroup> {
  const id = idOf(option.id);
  if (!id) throw new BadRecordError(`A ${alias} option has no id.`);
  return { remoteId: listOptionId(alias, id), name: str(option.name), type: 'DEPARTMENT', parentRemoteId: null, remoteData: remoteDataOf(FROM.lists, option) };
}

/** With API-key access the `location` list is the only source of locations: names, no address [inf, notes §2.7]. */
export function toLocation({ alias, option }: BambooListOption): WithRemoteData<UnifiedLocation> {
  const id = idOf(option.id);
  if (!id) throw new BadRecordError('A location option has no id.');
  return { remoteId: listOptionId(alias, id), name: str(option.name), address: null, type: null, remoteData: remoteDataOf(FROM.lists, option) };
}

const PAY_PERIOD: Record<string, string> = { hour: 'HOUR', day: 'DAY', week: 'WEEK', month: 'MONTH', quarter: 'QUARTER', year: 'YEAR' };
const PAY_FREQUENCY: Record<string, string> = {
  weekly: 'WEEKLY',
  'every other week': 'BIWEEKLY',
  'twice a month': 'SEMIMONTHLY',
  monthly: 'MONTHLY',
};

/** A `compensation` table row to an employment (job title and type are not joined from other tables yet). */
export function toEmployment(raw: unknown): WithRemoteData<UnifiedEmployment> {
  const row = objectOf(raw, 'The compensation row');
  const remoteId = idOf(row.id);
  const employeeRemoteId = idOf(row.employeeId);
  if (!remoteId || !employeeRemoteId) throw new BadRecordError('A compensation row has no id or employeeId.');
  const rate = row.rate && typeof row.rate === 'object' ? (row.rate as Record<string, unknown>) : {};
  return {
    remoteId,
    employeeRemoteId,
    jobTitle: null,
    payRate: num(rate.value),
    payPeriod: lookup(PAY_PERIOD, row.paidPer),
    payFrequency: lookup(PAY_FREQUENCY, row.paySchedule),
    employmentType: null,
    payCurrency: str(rate.currency),
    effectiveDate: midnightUtc(row.startDate),
    customFields: null,
    remoteData: remoteDataOf(FROM.compensation, raw),
  };
}

const unitOf = (value: unknown): TimeUnit | null => {
  const s = str(value)?.toLowerCase();
  return s === 'hours' ? 'HOURS' : s === 'days' ? 'DAYS' : null;
};

export function toAbsenceType(raw: unknown): WithRemoteData<UnifiedAbsenceType> {
  const t = objectOf(raw, 'The time-off type');
  const remoteId = idOf(t.id);
  if (!remoteId) throw new BadRecordError('A time-off type has no id.');
  const unit = unitOf(t.units);
  // Half days are a days-unit concept; BambooHR does not say so explicitly [inf].
  return { remoteId, name: str(t.name), unit, halfDaysSupported: unit === 'DAYS', exactTimesSupported: false, remoteData: remoteDataOf(FROM.timeOffTypes, raw) };
}

const STATUS: Record<string, string> = {
  requested: 'REQUESTED',
  approved: 'APPROVED',
  denied: 'DECLINED',
  canceled: 'CANCELLED',
  superceded: 'DELETED',
};

/** A time-off request to an absence; half days are read from a partial first/last day in `dates` [inf]. */
export function toAbsence(raw: unknown): WithRemoteData<UnifiedAbsence> {
  const r = objectOf(raw, 'The time-off request');
  const remoteId = idOf(r.id);
  const employeeRemoteId = idOf(r.employeeId);
  if (!remoteId || !employeeRemoteId) throw new BadRecordError('A time-off request has no id or employeeId.');
  const amount = r.amount && typeof r.amount === 'object' ? (r.amount as Record<string, unknown>) : {};
  const status = r.status && typeof r.status === 'object' ? (r.status as Record<string, unknown>) : {};
  const type = r.type && typeof r.type === 'object' ? (r.type as Record<string, unknown>) : {};
  const notes = r.notes && typeof r.notes === 'object' ? (r.notes as Record<string, unknown>) : {};
  const dates = r.dates && typeof r.dates === 'object' ? (r.dates as Record<string, unknown>) : {};
  const unit = unitOf(amount.unit);
  const start = plainDate(r.start);
  const end = plainDate(r.end);
  const partial = (day: string | null) => {
    const v = day === null ? null : num(dates[day]);
    if (v === null) return null;
    return unit === 'DAYS' ? v > 0 && v < 1 : unit === 'HOURS' ? v > 0 && v < 8 : null;
  };
  return {
    remoteId,
    employeeRemoteId,
    approverRemoteId: null,
    startDate: start,
    endDate: end,
    startHalfDay: partial(start),
    endHalfDay: partial(end),
    startTime: null,
    endTime: null,
    amount: num(amount.amount),
    unit,
    status: lookup(STATUS, status.status),
    employeeNote: str(notes.employee),
    typeRemoteId: idOf(type.id),
    remoteCreatedAt: midnightUtc(r.created),
    remoteUpdatedAt: midnightUtc(status.lastChanged),
    remoteData: remoteDataOf(FROM.timeOffRequests, raw),
  };
}

/** A balance-calculator item of one employee. */
export function toTimeOffBalance(employeeRemoteId: string, raw: unknown): WithRemoteData<UnifiedTimeOffBalance> {
  const b = objectOf(raw, 'The time-off balance');
  const typeRemoteId = idOf(b.timeOffType);
  if (!typeRemoteId) throw new BadRecordError('A time-off balance has no timeOffType.');
  const unit = unitOf(b.units);
  return {
    remoteId: `${employeeRemoteId}:${typeRemoteId}`,
    employeeRemoteId,
    typeRemoteId,
    balance: num(b.balance),
    balanceUnit: unit,
    used: num(b.usedYearToDate),
    usedUnit: unit,
    remoteData: remoteDataOf(FROM.balances, raw),
  };
}
