import { BadRecordError, objectOf, remoteDataOf, type WithRemoteData } from '../http/records.ts';
import { idOf, instant, midnightUtc, num, str } from '../http/values.ts';
import type {
  EmploymentStatus,
  UnifiedEmployee,
  UnifiedEmployment,
  UnifiedGroup,
  UnifiedLegalEntity,
  UnifiedLocation,
} from '../unified-hris.ts';

/** The endpoints the raw objects come from: the keys of their `remote_data` (groups, offices and subcompanies are employee attributes). */
export const FROM = {
  employees: '/v1/company/employees',
  timeOffTypes: '/v1/company/time-off-types',
  timeOffs: '/v1/company/time-offs',
  absencePeriods: '/v1/company/absence-periods',
  balances: '/v1/company/employees/{id}/absences/balance',
};

/** Pure mappings from Personio's v1 objects (reference notes §2) to the unified records. */

/** The attributes of a v1 `{type, attributes}` object. */
export function attributesOf(raw: unknown, what: string): Record<string, unknown> {
  const o = objectOf(raw, what);
  return objectOf(o.attributes, `${what} attributes`);
}

/** The `value` of a wrapped attribute `{label, value, type, universal_id}` (a missing attribute is null). */
export function valueOf(attrs: Record<string, unknown>, key: string): unknown {
  const a = attrs[key];
  return a && typeof a === 'object' && 'value' in a ? (a as { value: unknown }).value : null;
}

/** The value of the custom attribute Personio maps to `universalId` (e.g. `iban`; others unverified [inf]). */
function universal(attrs: Record<string, unknown>, universalId: string): unknown {
  for (const a of Object.values(attrs)) {
    if (a && typeof a === 'object' && (a as { universal_id?: unknown }).universal_id === universalId) return (a as { value: unknown }).value;
  }
  return null;
}

/** A relation attribute `{type, attributes:{id, name}}` (unwrapped id/name); null, `{}` or `[]` when missing. */
export function relationOf(attrs: Record<string, unknown>, key: string): { id: string; name: string | null } | null {
  const v = valueOf(attrs, key);
  if (!v || typeof v !== 'object' || Array.isArray(v)) return null;
  const inner = (v as { attributes?: Record<string, unknown> }).attributes;
  const id = inner ? idOf(inner.id) : null;
  return id ? { id, name: str(inner!.name) } : null;
}

/** Employee ids are wrapped like any attribute. */
export function employeeIdOf(raw: unknown): string {
  const attrs = attributesOf(raw, 'The employee');
  const id = idOf(valueOf(attrs, 'id'));
  if (!id) throw new BadRecordError('An employee has no id.');
  return id;
}

const STATUS: Record<string, EmploymentStatus> = { active: 'ACTIVE', inactive: 'INACTIVE', onboarding: 'PENDING', leave: 'LEAVE' };
const GENDER: Record<string, string> = { male: 'MALE', female: 'FEMALE', diverse: 'NON_BINARY' };

/** Group remote IDs carry their kind: Personio's department, team and cost-center id spaces are separate. */
export const groupId = (kind: 'department' | 'team' | 'cost_center', id: string) => `${kind}:${id}`;

export function toEmployee(raw: unknown): WithRemoteData<UnifiedEmployee> {
  const attrs = attributesOf(raw, 'The employee');
  const remoteId = employeeIdOf(raw);
  const firstName = str(valueOf(attrs, 'first_name'));
  const lastName = str(valueOf(attrs, 'last_name'));
  const supervisor = valueOf(attrs, 'supervisor');
  const supervisorId =
    supervisor && typeof supervisor === 'object' && !Array.isArray(supervisor) && (supervisor as { attributes?: unknown }).attributes
      ? idOf(valueOf((supervisor as { attributes: Record<string, unknown> }).attributes, 'id'))
      : null;
  const department = relationOf(attrs, 'department');
  const team = relationOf(attrs, 'team');
  const costCenters = valueOf(attrs, 'cost_centers');
  const groupRemoteIds = [
    ...(department ? [groupId('department', department.id)] : []),
    ...(team ? [groupId('team', team.id)] : []),
    ...(Array.isArray(costCenters)
      ? costCenters.flatMap((c) => {
          const id = idOf((c as { attributes?: { id?: unknown } })?.attributes?.id);
          return id ? [groupId('cost_center', id)] : [];
        })
      : []),
  ];
  const iban = str(universal(attrs, 'iban'));
  const status = str(valueOf(attrs, 'status'))?.toLowerCase();
  return {
    remoteId,
    employeeNumber: null,
    firstName,
    lastName,
    nationality: str(universal(attrs, 'nationality')),
    displayFullName: str(valueOf(attrs, 'preferred_name')) ?? ([firstName, lastName].filter(Boolean).join(' ') || null),
    jobTitle: str(valueOf(attrs, 'position')),
    workEmail: str(valueOf(attrs, 'email')),
    personalEmail: str(universal(attrs, 'private_email')),
    mobilePhoneNumber: str(universal(attrs, 'phone')),
    ssn: str(universal(attrs, 'social_security_number')),
    taxId: str(universal(attrs, 'tax_id')),
    gender: (() => {
      const g = str(valueOf(attrs, 'gender'));
      return g === null ? null : (GENDER[g.toLowerCase()] ?? g);
    })(),
    ethnicity: null,
    maritalStatus: null,
    employmentStatus: status ? (STATUS[status] ?? status) : null,
    // `employment_type` is internal/external, not a contract type: full/part time is not in v1 [spec].
    employmentType: null,
    weeklyHours: num(valueOf(attrs, 'weekly_working_hours')),
    // The profile picture needs the bearer token, so it is no public avatar URL (notes §2.1).
    avatar: null,
    workLocationRemoteId: relationOf(attrs, 'office')?.id ?? null,
    legalEntityRemoteId: relationOf(attrs, 'subcompany')?.id ?? null,
    managerRemoteId: supervisorId,
    homeAddress: null,
    bankAccounts: iban ? [{ iban: iban.replace(/\s+/g, ''), bic: null, accountNumber: null, holderName: null, bankName: null, domesticBankRouting: null }] : null,
    dateOfBirth: midnightUtc(universal(attrs, 'date_of_birth')),
    startDate: midnightUtc(valueOf(attrs, 'hire_date')),
    terminationDate: midnightUtc(valueOf(attrs, 'termination_date')),
    remoteCreatedAt: instant(valueOf(attrs, 'created_at')),
    customFields: null,
    groupRemoteIds,
    remoteData: remoteDataOf(FROM.employees, raw),
  };
}

const INTERVAL: Record<string, string> = { monthly: 'MONTH', yearly: 'YEAR', weekly: 'WEEK', hourly: 'HOUR' };

/** Personio v1 has no employment history: the current contract becomes one employment per employee. */
export function toEmployment(raw: unknown): WithRemoteData<UnifiedEmployment> {
  const attrs = attributesOf(raw, 'The employee');
  const employeeRemoteId = employeeIdOf(raw);
  const fix = attrs.fix_salary as { value?: unknown; currency?: unknown } | undefined;
  const hourly = attrs.hourly_salary as { value?: unknown; currency?: unknown } | undefined;
  const fixed = num(fix?.value);
  const useHourly = !fixed && (num(hourly?.value) ?? 0) > 0;
  const interval = str(valueOf(attrs, 'fix_salary_interval'))?.toLowerCase();
  return {
    remoteId: `${employeeRemoteId}:current`,
    employeeRemoteId,
    jobTitle: str(valueOf(attrs, 'position')),
    payRate: useHourly ? num(hourly?.value) : fixed,
    payPeriod: useHourly ? 'HOUR' : interval ? (INTERVAL[interval] ?? interval) : null,
    payFrequency: null,
    employmentType: null,
    payCurrency: str(useHourly ? hourly?.currency : fix?.currency),
    effectiveDate: midnightUtc(valueOf(attrs, 'hire_date')),
    customFields: null,
    remoteData: remoteDataOf(FROM.employees, raw),
  };
}

/** The departments, teams and cost centers an employee names (Personio has no group list in v1). */
export function groupsOf(raw: unknown): WithRemoteData<UnifiedGroup>[] {
  const attrs = attributesOf(raw, 'The employee');
  const out: WithRemoteData<UnifiedGroup>[] = [];
  for (const [key, type] of [['department', 'DEPARTMENT'], ['team', 'TEAM']] as const) {
    const r = relationOf(attrs, key);
    if (r) out.push({ remoteId: groupId(key, r.id), name: r.name, type, parentRemoteId: null, remoteData: remoteDataOf(FROM.employees, valueOf(attrs, key)) });
  }
  const costCenters = valueOf(attrs, 'cost_centers');
  if (Array.isArray(costCenters)) {
    for (const c of costCenters) {
      const a = (c as { attributes?: Record<string, unknown> })?.attributes;
      const id = a ? idOf(a.id) : null;
      if (id) out.push({ remoteId: groupId('cost_center', id), name: str(a!.name), type: 'COST_CENTER', parentRemoteId: null, remoteData: remoteDataOf(FROM.employees, c) });
    }
  }
  return out;
}

/** The office an employee names, as a location (v1 gives id and name only). */
export function officeOf(raw: unknown): WithRemoteData<UnifiedLocation> | null {
  const attrs = attributesOf(raw, 'The employee');
  const r = relationOf(attrs, 'office');
  return r ? { remoteId: r.id, name: r.name, address: null, type: null, remoteData: remoteDataOf(FROM.employees, valueOf(attrs, 'office')) } : null;
}

/** The subcompany an employee names, as a legal entity. */
export function subcompanyOf(raw: unknown): WithRemoteData<UnifiedLegalEntity> | null {
  const attrs = attributesOf(raw, 'The employee');
  const r = relationOf(attrs, 'subcompany');
  return r ? { remoteId: r.id, name: r.name, address: null, remoteData: remoteDataOf(FROM.employees, valueOf(attrs, 'subcompany')) } : null;
}
