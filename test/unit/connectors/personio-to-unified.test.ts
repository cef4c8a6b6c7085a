import { groupsOf, officeOf, subcompanyOf, toEmployee, toEmployment } from '../../../server/connectors/personio/to-unified.ts';
import { toAbsence, toAbsenceType, toTimeOffBalance } from '../../../server/connectors/personio/time-off-to-unified.ts';

const w = (key: string, value: unknown, type = 'standard', universal_id: string | null = key) => ({ label: key, value, type, universal_id });

/** The v1 employee example of the reference notes (personio.md §2.1), abbreviated. */
const EMPLOYEE = {
  type: 'Employee',
  attributes: {
    id: w('id', 1, 'integer'),
    first_name: w('first_name', 'Alexander'),
    last_name: w('last_name', 'Bergmann'),
    preferred_name: w('preferred_name', 'Alex Bergmann'),
    email: w('email', 'alexander.bergmann@example.com'),
    gender: w('gender', 'male'),
    status: w('status', 'active'),
    position: w('position', 'CTO'),
    supervisor: w('supervisor', { type: 'Employee', attributes: { id: w('id', 2, 'integer') } }),
    weekly_working_hours: w('weekly_working_hours', '40'),
    hire_date: w('hire_date', '2014-11-09T00:00:00+01:00', 'date'),
    termination_date: w('termination_date', null, 'date'),
    created_at: w('created_at', '2017-05-23T09:49:03+02:00', 'date'),
    subcompany: w('subcompany', { type: 'Subcompany', attributes: { id: 7033, name: 'Example GmbH' } }),
    office: w('office', { type: 'Office', attributes: { id: 131014, name: 'Munich' } }),
    department: w('department', { type: 'Department', attributes: { id: 281521, name: 'Customer Support' } }),
    team: w('team', { type: 'Team', attributes: { id: 59026, name: 'Platform' } }),
    cost_centers: w('cost_centers', [{ type: 'CostCenter', attributes: { id: 82957, name: 'Cost center 1', percentage: 100 } }]),
    fix_salary: { ...w('fix_salary', 3000, 'decimal'), currency: 'EUR' },
    fix_salary_interval: w('fix_salary_interval', 'monthly'),
    hourly_salary: { ...w('hourly_salary', 0, 'decimal'), currency: 'EUR' },
    dynamic_21827: w('IBAN', 'DE98 8989 9898 0000 8989 00', 'standard', 'iban'),
  },
};

describe('Personio to unified', () => {
  it('toEmployee unwraps attributes, keeps the hire date textually and derives relations', () => {
    expect(toEmployee(EMPLOYEE)).toMatchObject({
      remoteId: '1', firstName: 'Alexander', lastName: 'Bergmann', displayFullName: 'Alex Bergmann', jobTitle: 'CTO', gender: 'MALE',
      employmentStatus: 'ACTIVE', weeklyHours: 40, managerRemoteId: '2', workLocationRemoteId: '131014', legalEntityRemoteId: '7033',
      startDate: '2014-11-09T00:00:00.000Z', terminationDate: null, remoteCreatedAt: '2017-05-23T07:49:03.000Z',
      groupRemoteIds: ['department:281521', 'team:59026', 'cost_center:82957'],
      bankAccounts: [expect.objectContaining({ iban: 'DE98898998980000898900' })],
    });
  });

  it('derives groups, office and subcompany from the relations', () => {
    expect(groupsOf(EMPLOYEE).map((g) => [g.remoteId, g.name, g.type])).toStrictEqual([
      ['department:281521', 'Customer Support', 'DEPARTMENT'], ['team:59026', 'Platform', 'TEAM'], ['cost_center:82957', 'Cost center 1', 'COST_CENTER'],
    ]);
    expect([officeOf(EMPLOYEE)?.name, subcompanyOf(EMPLOYEE)?.name]).toStrictEqual(['Munich', 'Example GmbH']);
  });

  it('toEmployment reads the fixed salary', () => {
    expect(toEmployment(EMPLOYEE)).toMatchObject({ remoteId: '1:current', payRate: 3000, payCurrency: 'EUR', payPeriod: 'MONTH', jobTitle: 'CTO' });
  });

  it('toAbsenceType and toAbsence read the documented time-off shapes, offsets with or without colon', () => {
    expect(toAbsenceType({ type: 'TimeOffType', attributes: { id: 54321, name: 'Paid vacation', category: 'paid_vacation', unit: 'day' } })).toMatchObject({ remoteId: '54321', unit: 'DAYS' });
    const period = {
      type: 'TimeOffPeriod',
      attributes: {
        id: 12345, status: 'approved', start_date: '2017-12-27T00:00:00+01:00', end_date: '2017-12-29T00:00:00+0100', days_count: 3,
        half_day_start: false, half_day_end: false, time_off_type: { type: 'TimeOffType', attributes: { id: 54321, name: 'Vacation' } },
        employee: { type: 'Employee', attributes: { id: w('id', 4567, 'integer') } }, created_at: '2017-01-17T10:32:18+0100', updated_at: '2017-01-17T10:32:18+01:00',
      },
    };
    expect(toAbsence(period)).toMatchObject({
      remoteId: '12345', employeeRemoteId: '4567', startDate: '2017-12-27', endDate: '2017-12-29', amount: 3, unit: 'DAYS', status: 'APPROVED',
      typeRemoteId: '54321', remoteCreatedAt: '2017-01-17T09:32:18.000Z',
    });
  });

  it('toTimeOffBalance takes its unit from the type', () => {
    const balance = toTimeOffBalance('1', { id: 1234, name: 'Paid Vacation', balance: 10.5, available_balance: 8.5 }, new Map([['1234', 'DAYS' as const]]));
    expect(balance).toMatchObject({ remoteId: '1:1234', typeRemoteId: '1234', balance: 10.5, balanceUnit: 'DAYS' });
  });
});
