import { flattenList, toAbsence, toEmployee, toEmployment, toGroup, toTimeOffBalance } from '../../../server/connectors/hibob/to-unified.ts';

/** The people-search example of the reference notes (hibob.md §2.1). */
const PERSON = {
  id: '3332883884017713238', firstName: 'Alan', surname: 'Tullins', displayName: 'Alan Tullins', email: 'alan@acme.com',
  creationDateTime: '2019-09-08T10:12:13.123456', avatarUrl: 'https://img/1',
  personal: { gender: 'Male', nationality: ['GB'], shortBirthDate: '08-10' },
  work: { title: '209192170', department: '209192163', site: 'London', siteId: 1234, startDate: '2019-09-08', employeeIdInCompany: 42,
    reportsTo: { id: '3332883884017713239', firstName: 'Jane' } },
  internal: { status: 'Active', lifecycleStatus: 'employed', terminationDate: null },
  payroll: { employment: { type: 'Permanent', contract: 'Full time', weeklyHours: 40, fte: 100 } },
  home: { privateEmail: 'alan@gmail.com', mobilePhone: '+44 1' },
  '/root/id': { value: '3332883884017713238' },
  '/work/department': { value: '209192163' },
  humanReadable: { work: { department: 'Account Receivables', title: 'Accountant' } },
};

describe('HiBob to unified', () => {
  it('toEmployee reads root fields, slash keys first, ids as strings beyond 2^53', () => {
    expect(toEmployee(PERSON)).toMatchObject({
      remoteId: '3332883884017713238', employeeNumber: '42', firstName: 'Alan', lastName: 'Tullins', jobTitle: 'Accountant', nationality: 'GB',
      gender: 'MALE', employmentStatus: 'ACTIVE', employmentType: 'FULL_TIME', weeklyHours: 40, workLocationRemoteId: 'site:1234',
      managerRemoteId: '3332883884017713239', startDate: '2019-09-08T00:00:00.000Z', remoteCreatedAt: '2019-09-08T10:12:13.123Z',
      groupRemoteIds: ['department:209192163'],
    });
  });

  it('flattens nested named lists into groups with parents', () => {
    const list = { name: 'department', values: [{ id: '1', value: 'AR', children: [{ id: 2, value: 'AR Europe', children: [] }] }] };
    expect(flattenList('department', list).map(toGroup).map((g) => [g.remoteId, g.name, g.parentRemoteId])).toStrictEqual([
      ['department:1', 'AR', null], ['department:2', 'AR Europe', 'department:1'],
    ]);
  });

  it('toEmployment reads a salaries row', () => {
    const row = { id: 9, effectiveDate: '2022-01-01', base: { value: 65000, currency: 'GBP' }, payPeriod: 'Annual', payFrequency: 'Monthly' };
    expect(toEmployment('7', row)).toMatchObject({ remoteId: '7:9', payRate: 65000, payCurrency: 'GBP', payPeriod: 'YEAR', payFrequency: 'MONTHLY' });
  });

  it('toAbsence reads a created change with portions', () => {
    const change = { changeType: 'created', requestId: 1234567, employeeId: '3332883884017713238', policyTypeDisplayName: 'Holiday', type: 'days',
      startDate: '2024-07-01', startPortion: 'all_day', endDate: '2024-07-05', endPortion: 'morning', durationUnit: 'days', totalDuration: 4.5 };
    expect(toAbsence(change)).toMatchObject({ remoteId: '1234567', startHalfDay: false, endHalfDay: true, amount: 4.5, unit: 'DAYS', typeRemoteId: 'Holiday' });
  });

  it('toTimeOffBalance reads the documented balance', () => {
    const type = { remoteId: 'Holiday', name: 'Holiday', unit: 'DAYS' as const, halfDaysSupported: true, exactTimesSupported: false };
    expect(toTimeOffBalance('1', type, { totalBalanceAsOfDate: 14.5, totalTaken: 10.5 })).toMatchObject({ remoteId: '1:Holiday', balance: 14.5, used: 10.5, usedUnit: 'DAYS' });
  });
});
