import type { Prepared } from '../sync/prepare.ts';
import { employmentToWire } from './employments.ts';
import { declareModel } from './model-declaration.ts';
import { balanceFields } from './time-off-balances.ts';
import { apiAddress, apiRemoteData, NO_INTEGRATION_FIELDS } from './wire-common.ts';

const STATUSES = ['ACTIVE', 'PENDING', 'INACTIVE', 'LEAVE'] as const;

const groupRef = (g: Prepared<'groups'>) => ({ id: g.id, remote_id: g.remoteId, name: g.rec.name, type: g.rec.type });

/** An employee with everything the spec nests: employments, balances, manager, groups (and teams), legal entity, location. */
export const employees = declareModel({
  key: 'employees',
  readModel: { id: 'hris_employees', label: 'Employees' },
  timestamps: true,
  relationFields: ['groupRemoteIds'],
  lookupFields: ['managerRemoteId'],
  relations: [
    { kind: 'children', model: 'employments', parentRef: (x) => (x as { employeeRemoteId: string }).employeeRemoteId, field: 'employeeRemoteId' },
    { kind: 'children', model: 'time_off_balances', parentRef: (x) => (x as { employeeRemoteId: string }).employeeRemoteId, field: 'employeeRemoteId' },
    { kind: 'one', model: 'employees', ref: (e) => e.managerRemoteId, field: 'managerRemoteId' },
    { kind: 'many', model: 'groups', refs: (e) => e.groupRemoteIds, watch: 'membership', field: 'groupRemoteIds' },
    { kind: 'one', model: 'legal_entities', ref: (e) => e.legalEntityRemoteId, field: 'legalEntityRemoteId' },
    { kind: 'one', model: 'locations', ref: (e) => e.workLocationRemoteId, field: 'workLocationRemoteId' },
  ],
  attributes: (p, lookup) => {
    const e = p.rec;
    return {
      employment_status: e.employmentStatus,
      group_ids: e.groupRemoteIds.map((g) => lookup.idOf('groups', g)),
      legal_entity_id: lookup.idOf('legal_entities', e.legalEntityRemoteId),
      work_location_id: lookup.idOf('locations', e.workLocationRemoteId),
      work_email: e.workEmail?.toLowerCase() ?? null,
      personal_email: e.personalEmail?.toLowerCase() ?? null,
      custom_fields: e.customFields ?? {},
    };
  },
  endpoints: [
    {
      path: 'employees',
      filters: [
        { param: 'employment_status', kind: 'enum', attr: 'employment_status', values: STATUSES },
        { param: 'employment_statuses', kind: 'enums', attr: 'employment_status', values: STATUSES },
        { param: 'group_ids', kind: 'ids', attr: 'group_ids', match: 'overlaps' },
        { param: 'legal_entity_ids', kind: 'ids', attr: 'legal_entity_id' },
        { param: 'work_location_ids', kind: 'ids', attr: 'work_location_id' },
        { param: 'work_emails', kind: 'ids', attr: 'work_email', lowercase: true },
        { param: 'personal_emails', kind: 'ids', attr: 'personal_email', lowercase: true },
        { param: 'custom_fields', kind: 'custom_field', attr: 'custom_fields' },
      ],
    },
  ],
  toWire: (p, lookup) => {
    const e = p.rec;
    const manager = lookup.get('employees', e.managerRemoteId);
    const legalEntity = lookup.get('legal_entities', e.legalEntityRemoteId);
    const location = lookup.get('locations', e.workLocationRemoteId);
    const groups = e.groupRemoteIds.flatMap((g) => {
      const group = lookup.get('groups', g);
      return group ? [groupRef(group)] : [];
    });
    return {
      id: p.id, remote_id: p.remoteId, employee_number: e.employeeNumber, first_name: e.firstName, last_name: e.lastName,
      nationality: e.nationality, display_full_name: e.displayFullName, job_title: e.jobTitle, work_email: e.workEmail,
      personal_email: e.personalEmail, mobile_phone_number: e.mobilePhoneNumber, ssn: e.ssn, tax_id: e.taxId, gender: e.gender,
      ethnicity: e.ethnicity, marital_status: e.maritalStatus, employment_status: e.employmentStatus, employment_type: e.employmentType,
      weekly_hours: e.weeklyHours, avatar: e.avatar, work_location_id: lookup.idOf('locations', e.workLocationRemoteId),
      legal_entity_id: lookup.idOf('legal_entities', e.legalEntityRemoteId), manager_id: lookup.idOf('employees', e.managerRemoteId),
      home_address: apiAddress(e.homeAddress),
      bank_accounts: e.bankAccounts?.map((b) => ({ iban: b.iban, bic: b.bic, account_number: b.accountNumber, holder_name: b.holderName,
        bank_name: b.bankName, domestic_bank_routing: b.domesticBankRouting })) ?? null,
      date_of_birth: e.dateOfBirth, start_date: e.startDate, termination_date: e.terminationDate, remote_created_at: e.remoteCreatedAt,
      custom_fields: e.customFields, integration_fields: NO_INTEGRATION_FIELDS, remote_data: apiRemoteData(e),
      employments: lookup.childrenOf('employments', e.remoteId).map((x) => ({ ...employmentToWire(x, lookup), changed_at: x.changedAt, remote_deleted_at: null })),
      time_off_balances: lookup.childrenOf('time_off_balances', e.remoteId).map((b) => ({ ...balanceFields(b, lookup), changed_at: b.changedAt,
        remote_deleted_at: null, used: b.rec.used, used_unit: b.rec.usedUnit, remote_data: apiRemoteData(b.rec) })),
      manager: manager
        ? { first_name: manager.rec.firstName, last_name: manager.rec.lastName, display_full_name: manager.rec.displayFullName, id: manager.id,
          employee_number: manager.rec.employeeNumber, work_email: manager.rec.workEmail, remote_id: manager.remoteId,
          employment_status: manager.rec.employmentStatus, termination_date: manager.rec.terminationDate }
        : null,
      groups,
      legal_entity: legalEntity ? { id: legalEntity.id, remote_id: legalEntity.remoteId, name: legalEntity.rec.name, address: apiAddress(legalEntity.rec.address) } : null,
      teams: groups,
      work_location: location
        ? { id: location.id, remote_id: location.remoteId, name: location.rec.name, address: apiAddress(location.rec.address), type: location.rec.type,
          changed_at: location.changedAt, remote_deleted_at: null, remote_data: apiRemoteData(location.rec) }
        : null,
    };
  },
});
