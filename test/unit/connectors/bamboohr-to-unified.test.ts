import { indexOptions, toAbsence, toAbsenceType, toEmployee, toEmployment, toTimeOffBalance } from '../../../server/connectors/bamboohr/to-unified.ts';
import { BadRecordError } from '../../../server/connectors/http/records.ts';

/** Example payloads of the reference notes (bamboohr.md §2). */
const EMPLOYEE = {
  id: '123', firstName: 'Ava', lastName: 'Nguyen', preferredName: '', employeeNumber: '1001', status: 'Active',
  employmentHistoryStatus: 'Full-Time', hireDate: '2019-03-04', terminationDate: '0000-00-00', jobTitle: 'Engineering Manager',
  department: 'Engineering', division: 'North America', location: 'Salt Lake City', supervisorEId: '88', workEmail: 'ava@acme.com',
  homeEmail: 'ava@gmail.com', mobilePhone: '801-555-0100', gender: 'Female', dateOfBirth: '1988-07-12', maritalStatus: 'Married',
  ethnicity: 'Asian', nationality: null, ssn: 'xxx-xx-1234', address1: '1 Main St', address2: '', city: 'Lehi', state: 'UT',
  zipcode: '84043', country: 'United States', photoUrl: 'https://cdn.example.com/p/123.jpg',
};

const OPTIONS = indexOptions([
  { alias: 'department', option: { id: 1, name: 'Engineering' } },
  { alias: 'division', option: { id: 1, name: 'North America' } },
  { alias: 'location', option: { id: 17, name: 'Salt Lake City' } },
]);

describe('BambooHR to unified', () => {
  describe('toEmployee', () => {
    it('maps the documented employee, dates textually and the zero date to null', () => {
      expect(toEmployee({ fields: EMPLOYEE }, OPTIONS, '2026-03-01')).toStrictEqual({
        remoteId: '123', employeeNumber: '1001', firstName: 'Ava', lastName: 'Nguyen', nationality: null, displayFullName: 'Ava Nguyen',
        jobTitle: 'Engineering Manager', workEmail: 'ava@acme.com', personalEmail: 'ava@gmail.com', mobilePhoneNumber: '801-555-0100',
        ssn: 'xxx-xx-1234', taxId: null, gender: 'FEMALE', ethnicity: 'ASIAN', maritalStatus: 'MARRIED', employmentStatus: 'ACTIVE',
        employmentType: 'FULL_TIME', weeklyHours: null, avatar: 'https://cdn.example.com/p/123.jpg', workLocationRemoteId: 'location:17',
        legalEntityRemoteId: null, managerRemoteId: '88',
        homeAddress: { city: 'Lehi', country: 'US', raw: null, state: 'UT', street1: '1 Main St', street2: null, zipCode: '84043' },
        bankAccounts: null, dateOfBirth: '1988-07-12T00:00:00.000Z', startDate: '2019-03-04T00:00:00.000Z', terminationDate: null,
        remoteCreatedAt: null, customFields: null, groupRemoteIds: ['department:1', 'division:1'], remoteData: { '/api/v2/datasets/employee/data': { fields: EMPLOYEE } },
      });
    });

    it('calls a future hire PENDING and a past termination INACTIVE', () => {
      expect(toEmployee({ ...EMPLOYEE, hireDate: '2026-04-01' }, OPTIONS, '2026-03-01').employmentStatus).toBe('PENDING');
      expect(toEmployee({ ...EMPLOYEE, terminationDate: '2026-02-01' }, OPTIONS, '2026-03-01').employmentStatus).toBe('INACTIVE');
    });

    it('rejects an employee without id as a bad record', () => {
      expect(() => toEmployee({ fields: { firstName: 'X' } }, OPTIONS, '2026-03-01')).toThrow(BadRecordError);
    });
  });

  it('toEmployment reads the compensation row', () => {
    const row = { id: '77', employeeId: '123', startDate: '2022-01-01', rate: { currency: 'USD', value: '120000.00' }, type: 'Salary', paidPer: 'Year', paySchedule: 'Twice a month' };
    expect(toEmployment(row)).toMatchObject({ remoteId: '77', employeeRemoteId: '123', payRate: 120000, payCurrency: 'USD', payPeriod: 'YEAR', payFrequency: 'SEMIMONTHLY', effectiveDate: '2022-01-01T00:00:00.000Z' });
  });

  it('toAbsenceType reads units', () => {
    expect(toAbsenceType({ id: 78, name: 'Vacation', units: 'hours' })).toMatchObject({ remoteId: '78', unit: 'HOURS', halfDaysSupported: false });
  });

  it('toAbsence reads the documented request, amounts given as numbers or strings', () => {
    const request = {
      id: 1348, employeeId: 5, start: '2024-07-01', end: '2024-07-03', created: '2024-06-01',
      status: { lastChanged: '2024-06-02', lastChangedByUserId: 2369, status: 'approved' }, type: { id: 78, name: 'Vacation' },
      amount: { unit: 'hours', amount: '20' }, dates: { '2024-07-01': 8, '2024-07-02': 8, '2024-07-03': 4 }, notes: { employee: 'Family trip', manager: '' },
    };
    expect(toAbsence(request)).toMatchObject({
      remoteId: '1348', employeeRemoteId: '5', startDate: '2024-07-01', endDate: '2024-07-03', startHalfDay: false, endHalfDay: true,
      amount: 20, unit: 'HOURS', status: 'APPROVED', employeeNote: 'Family trip', typeRemoteId: '78', approverRemoteId: null,
    });
    expect(toAbsence({ ...request, status: { status: 'superceded' } }).status).toBe('DELETED');
  });

  it('toTimeOffBalance reads the calculator item, ids as strings', () => {
    const item = { timeOffType: '78', name: 'Vacation', units: 'hours', balance: '24.50', end: '2024-12-31', policyType: 'accruing', usedYearToDate: '12.25' };
    expect(toTimeOffBalance('123', item)).toMatchObject({ remoteId: '123:78', typeRemoteId: '78', balance: 24.5, used: 12.25, balanceUnit: 'HOURS' });
  });
});
