import { toAllowanceInfo, toTimeOffBalance } from '../../../server/connectors/factorial/to-unified.ts';
import { foldRequestChanges } from '../../../server/connectors/hibob/read.ts';
import { DELTA_OVERLAP_MS, deltaSince } from '../../../server/connectors/http/delta-since.ts';
import { BadRecordError } from '../../../server/connectors/http/records.ts';
import { toAbsencePeriod } from '../../../server/connectors/personio/time-off-to-unified.ts';

const now = new Date('2026-03-02T10:00:00.000Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);

describe('deltaSince', () => {
  it('answers the last sync start less the overlap on a DELTA read', () => {
    expect(deltaSince({ type: 'DELTA', since: hoursAgo(3), now })).toStrictEqual(new Date(hoursAgo(3).getTime() - DELTA_OVERLAP_MS));
  });

  it('answers null (read in full) on a FULL read, without a previous sync, or beyond the feed reach', () => {
    expect(deltaSince({ type: 'FULL', since: hoursAgo(3), now })).toBeNull();
    expect(deltaSince({ type: 'DELTA', since: null, now })).toBeNull();
    expect(deltaSince({ type: 'DELTA', since: hoursAgo(3), now }, 2 * 3_600_000)).toBeNull();
  });
});

describe('HiBob foldRequestChanges', () => {
  const created = (requestId: number) => ({ changeType: 'created', requestId, employeeId: '1' });

  it('keeps created requests, drops deleted ones and names them, whatever the capitalisation', () => {
    const folded = foldRequestChanges([created(1), created(2), { ...created(1), changeType: 'Deleted' }, created(3), { changeType: 'approved', requestId: 3 }]);
    expect(folded).toStrictEqual({ created: [created(2), created(3)], deleted: ['1'] });
  });

  it('keeps a created entry without a requestId, so that the mapping reports it', () => {
    expect(foldRequestChanges([{ changeType: 'created', employeeId: '1' }]).created).toHaveLength(1);
  });
});

/** The absence-period example of the reference notes (personio.md §2.7). */
const PERIOD = {
  id: '61fe126b-a7b3-449a-b5ee-3865a6fcc546', measurement_unit: 'hours', effective_duration: 150,
  employee: { type: 'Employee', attributes: { id: { label: 'id', value: 4567, type: 'integer', universal_id: 'id' } } },
  absence_type: { id: '7a1e', name: 'Doctor appointment', time_off_type_id: 54322 },
  start: '2026-07-01T07:00:00.0Z', end: '2026-07-01T09:30:00.0Z', half_day_start: false, half_day_end: false, comment: '', status: 'pending',
  timezone: 'Europe/Berlin', created_at: '2026-05-01T10:00:00+0200', updated_at: '2026-05-01T10:00:00+02:00',
};

describe('Personio toAbsencePeriod', () => {
  it('shows the UTC instants in the period time zone (summer time), minutes as hours, under the linked time-off type', () => {
    expect(toAbsencePeriod(PERIOD)).toMatchObject({
      remoteId: PERIOD.id, employeeRemoteId: '4567', startDate: '2026-07-01', endDate: '2026-07-01', startTime: '09:00:00', endTime: '11:30:00',
      amount: 2.5, unit: 'HOURS', status: 'REQUESTED', employeeNote: null, typeRemoteId: '54322', remoteCreatedAt: '2026-05-01T08:00:00.000Z',
      remoteData: { '/v1/company/absence-periods': PERIOD },
    });
  });

  it('ends a period reaching local midnight on the day before, with no end time', () => {
    expect(toAbsencePeriod({ ...PERIOD, start: '2026-06-30T22:00:00.0Z', end: '2026-07-01T22:00:00.0Z', effective_duration: 480 })).toMatchObject({
      startDate: '2026-07-01', startTime: '00:00:00', endDate: '2026-07-01', endTime: null, amount: 8,
    });
  });

  it('falls back to UTC for an unknown time zone and refuses a period without employee', () => {
    expect(toAbsencePeriod({ ...PERIOD, timezone: 'Mars/Olympus' })).toMatchObject({ startTime: '07:00:00', endTime: '09:30:00' });
    expect(() => toAbsencePeriod({ ...PERIOD, employee: null })).toThrow(BadRecordError);
  });
});

describe('Factorial toTimeOffBalance', () => {
  const allowances = new Map([toAllowanceInfo({ id: 900, allowance_type: 'hours', leave_type_ids: [77, 78] }), toAllowanceInfo({ id: 901, allowance_type: 'days', leave_type_ids: [] })]);
  const stat = { id: '12345/900/2026-03-02', employee_id: 12345, allowance_id: 900, available_days: '12.5', used_days: '10.0' };

  it('reads decimal strings in the allowance unit, under its first leave type, with a remote ID stable across days', () => {
    expect(toTimeOffBalance(stat, allowances)).toMatchObject({
      remoteId: '12345:900', employeeRemoteId: '12345', typeRemoteId: '77', balance: 12.5, balanceUnit: 'HOURS', used: 10, usedUnit: 'HOURS',
    });
  });

  it('refuses a stat of an allowance without leave type or unknown', () => {
    expect(() => toTimeOffBalance({ ...stat, allowance_id: 901 }, allowances)).toThrow(BadRecordError);
    expect(() => toTimeOffBalance({ ...stat, allowance_id: 999 }, allowances)).toThrow(BadRecordError);
  });
});
