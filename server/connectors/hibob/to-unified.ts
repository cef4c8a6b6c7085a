import { BadRecordError, objectOf, remoteDataOf, type WithRemoteData } from '../http/records.ts';
import { address, idOf, instant, midnightUtc, num, plainDate, str } from '../http/values.ts';
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
  people: '/v1/people/search',
  namedLists: '/v1/company/named-lists',
  salaries: '/v1/bulk/people/salaries',
  policyType: '/v1/timeoff/policy-types/{id}',
  requestChanges: '/v1/timeoff/requests/changes',
  balance: '/v1/timeoff/employees/{id}/balance',
};

/** Pure mappings from HiBob's objects (reference notes §2-§5, §9) to the unified records. */

/**
 * A field of a people-search result: the slash form (`"/work/department": {value}`) first, then the
 * nested one (`work.department`), as the two appear side by side [docs].
 */
export function field(person: Record<string, unknown>, path: string): unknown {
  const slash = person[`/${path.replace(/\./g, '/')}`];
  if (slash && typeof slash === 'object' && 'value' in slash) return (slash as { value: unknown }).value;
  // Root fields sit at the top of a person (`firstName`, not `root.firstName`) [docs].
  if (path.startsWith('root.')) return person[path.slice(5)];
  let at: unknown = person;
  for (const part of path.split('.')) {
    if (!at || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return at;
}

/** One named-list item, with the id of its parent (department hierarchy). */
export interface ListItem {
  list: string;
  item: Record<string, unknown>;
  parentId: string | null;
}

/** Flattens a named list (items under `values` or `items`, children nested) [docs/sdk]. */
export function flattenList(list: string, raw: unknown): ListItem[] {
  const out: ListItem[] = [];
  const walk = (items: unknown, parentId: string | null) => {
    if (!Array.isArray(items)) return;
    for (const item of items) {
      if (!item || typeof item !== 'object') continue;
      const i = item as Record<string, unknown>;
      out.push({ list, item: i, parentId });
      walk(i.children, idOf(i.id));
    }
  };
  const l = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  walk(l.values ?? l.items, null);
  return out;
}

export const listId = (list: string, id: string) => `${list}:${id}`;

export function toGroup({ list, item, parentId }: ListItem): WithRemoteData<UnifiedGroup> {
  const id = idOf(item.id);
  if (!id) throw new BadRecordError(`A ${list} item has no id.`);
  return { remoteId: listId(list, id), name: str(item.value) ?? str(item.name), type: 'DEPARTMENT', parentRemoteId: parentId ? listId(list, parentId) : null, remoteData: remoteDataOf(FROM.namedLists, item) };
}

export function toLocation({ list, item }: ListItem): WithRemoteData<UnifiedLocation> {
  const id = idOf(item.id);
  if (!id) throw new BadRecordError(`A ${list} item has no id.`);
  return { remoteId: listId(list, id), name: str(item.value) ?? str(item.name), address: null, type: null, remoteData: remoteDataOf(FROM.namedLists, item) };
}

/** Lifecycle spellings are not verified [3p/inf]: compared without case and spaces. */
const LIFECYCLE: Record<string, EmploymentStatus> = {
  employed: 'ACTIVE', hired: 'PENDING', onleave: 'LEAVE', leave: 'LEAVE', terminated: 'INACTIVE', gardenleave: 'LEAVE',
};

const CONTRACT: Record<string, string> = {
  fulltime: 'FULL_TIME', parttime: 'PART_TIME', contractor: 'CONTRACT', intern: 'INTERNSHIP', freelance: 'FREELANCE',
  apprentice: 'APPRENTICESHIP', workingstudent: 'WORKING_STUDENT',
};

const squash = (v: unknown) => str(v)?.toLowerCase().replace(/[\s_-]+/g, '') ?? null;

export function toEmployee(raw: unknown): WithRemoteData<UnifiedEmployee> {
  const p = objectOf(raw, 'The employee');
  const remoteId = idOf(field(p, 'root.id')) ?? idOf(p.id);
  if (!remoteId) throw new BadRecordError('An employee has no id.');
  const lifecycle = squash(field(p, 'internal.lifecycleStatus'));
  const inactive = squash(field(p, 'internal.status')) === 'inactive';
  const contract = squash(field(p, 'payroll.employment.contract'));
  const department = idOf(field(p, 'work.department'));
  const reportsTo = field(p, 'work.reportsTo');
  const nationality = field(p, 'personal.nationality');
  const human = (path: string) => {
    const h = p.humanReadable;
    let at: unknown = h;
    for (const part of path.split('.')) at = at && typeof at === 'object' ? (at as Record<string, unknown>)[part] : undefined;
    return str(at);
  };
  const gender = squash(field(p, 'personal.gender'));
  const siteId = idOf(field(p, 'work.siteId'));
  return {
    remoteId,
    employeeNumber: idOf(field(p, 'work.employeeIdInCompany')),
    firstName: str(field(p, 'root.firstName')),
    lastName: str(field(p, 'root.surname')),
    nationality: str(Array.isArray(nationality) ? nationality[0] : nationality),
    displayFullName: str(field(p, 'root.displayName')),
    // `work.title` is a list item id in machine mode: the APPENDed human-readable value is the title.
    jobTitle: human('work.title') ?? str(field(p, 'work.title')),
    workEmail: str(field(p, 'root.email')),
    personalEmail: str(field(p, 'home.privateEmail')),
    mobilePhoneNumber: str(field(p, 'home.mobilePhone')),
    ssn: null,
    taxId: null,
    gender: gender === 'male' ? 'MALE' : gender === 'female' ? 'FEMALE' : gender ? 'NON_BINARY' : null,
    ethnicity: null,
    maritalStatus: null,
    employmentStatus: inactive ? 'INACTIVE' : lifecycle ? (LIFECYCLE[lifecycle] ?? str(field(p, 'internal.lifecycleStatus'))) : null,
    employmentType: contract ? (CONTRACT[contract] ?? str(field(p, 'payroll.employment.contract'))) : null,
    weeklyHours: num(field(p, 'payroll.employment.weeklyHours')),
    avatar: str(field(p, 'about.avatar')) ?? str(p.avatarUrl),
    workLocationRemoteId: siteId ? listId('site', siteId) : null,
    legalEntityRemoteId: null,
    managerRemoteId: reportsTo && typeof reportsTo === 'object' ? idOf((reportsTo as { id?: unknown }).id) : idOf(reportsTo),
    homeAddress: address({ city: field(p, 'address.city'), country: field(p, 'address.country') }),
    bankAccounts: null,
    dateOfBirth: midnightUtc(field(p, 'personal.birthDate')),
    startDate: midnightUtc(field(p, 'work.startDate')),
    terminationDate: midnightUtc(field(p, 'internal.terminationDate')),
    // `creationDateTime` has no zone [docs]: read as UTC.
    remoteCreatedAt: instant(str(field(p, 'root.creationDateTime'))?.replace(/(\.\d{3})\d*$/, '$1').concat('Z')),
    customFields: null,
    groupRemoteIds: department ? [listId('department', department)] : [],
    remoteData: remoteDataOf(FROM.people, raw),
  };
}

const PAY_PERIOD: Record<string, string> = { annual: 'YEAR', monthly: 'MONTH', weekly: 'WEEK', daily: 'DAY', hourly: 'HOUR' };
const PAY_FREQUENCY: Record<string, string> = { monthly: 'MONTHLY', weekly: 'WEEKLY', biweekly: 'BIWEEKLY', semimonthly: 'SEMIMONTHLY' };

/** A salaries-table row of one employee; row ids are unique per employee only [docs]. */
export function toEmployment(employeeRemoteId: string, raw: unknown): WithRemoteData<UnifiedEmployment> {
  const row = objectOf(raw, 'The salary row');
  const id = idOf(row.id);
  if (!id) throw new BadRecordError('A salary row has no id.');
  const base = row.base && typeof row.base === 'object' ? (row.base as Record<string, unknown>) : {};
  const period = squash(row.payPeriod);
  const frequency = squash(row.payFrequency);
  return {
    remoteId: `${employeeRemoteId}:${id}`,
    employeeRemoteId,
    jobTitle: null,
    payRate: num(base.value),
    payPeriod: period ? (PAY_PERIOD[period] ?? str(row.payPeriod)) : null,
    payFrequency: frequency ? (PAY_FREQUENCY[frequency] ?? str(row.payFrequency)) : null,
    employmentType: null,
    payCurrency: str(base.currency),
    effectiveDate: midnightUtc(row.effectiveDate),
    customFields: null,
    remoteData: remoteDataOf(FROM.salaries, raw),
  };
}

const unitOf = (v: unknown): TimeUnit | null => (squash(v) === 'days' ? 'DAYS' : squash(v) === 'hours' ? 'HOURS' : null);

/** Policy types are identified by their name [docs]. */
export function toAbsenceType(raw: unknown): WithRemoteData<UnifiedAbsenceType> {
  const t = objectOf(raw, 'The policy type');
  const name = str(t.name);
  if (!name) throw new BadRecordError('A policy type has no name.');
  const unit = unitOf(t.unit);
  return { remoteId: name, name, unit, halfDaysSupported: unit === 'DAYS', exactTimesSupported: unit === 'HOURS', remoteData: remoteDataOf(FROM.policyType, raw) };
}

/** A `created` entry of the time-off change feed (its request as it was created). */
export function toAbsence(raw: unknown): WithRemoteData<UnifiedAbsence> {
  const c = objectOf(raw, 'The time-off change');
  const remoteId = idOf(c.requestId);
  const employeeRemoteId = idOf(c.employeeId);
  if (!remoteId || !employeeRemoteId) throw new BadRecordError('A time-off change has no requestId or employeeId.');
  const hours = squash(c.type) === 'hours';
  return {
    remoteId,
    employeeRemoteId,
    approverRemoteId: null,
    startDate: plainDate(hours ? c.date : c.startDate),
    endDate: plainDate(hours ? c.date : c.endDate),
    startHalfDay: hours ? null : squash(c.startPortion) === 'afternoon',
    endHalfDay: hours ? null : squash(c.endPortion) === 'morning',
    startTime: null,
    endTime: null,
    amount: num(c.totalDuration),
    unit: unitOf(c.durationUnit),
    // The change feed carries no approval status. It lists pending requests only with `includePending`,
    // which the connector does not send, so what it lists is taken as approved [inf].
    status: 'APPROVED',
    employeeNote: null,
    typeRemoteId: str(c.policyTypeDisplayName),
    remoteCreatedAt: null,
    remoteUpdatedAt: null,
    remoteData: remoteDataOf(FROM.requestChanges, raw),
  };
}

export function toTimeOffBalance(employeeRemoteId: string, type: UnifiedAbsenceType, raw: unknown): WithRemoteData<UnifiedTimeOffBalance> {
  const b = objectOf(raw, 'The balance');
  return {
    remoteId: `${employeeRemoteId}:${type.remoteId}`,
    employeeRemoteId,
    typeRemoteId: type.remoteId,
    balance: num(b.totalBalanceAsOfDate),
    balanceUnit: type.unit,
    used: num(b.totalTaken),
    usedUnit: type.unit,
    remoteData: remoteDataOf(FROM.balance, raw),
  };
}
