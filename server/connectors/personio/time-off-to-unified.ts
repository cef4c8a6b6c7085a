import { BadRecordError, objectOf, remoteDataOf, type WithRemoteData } from '../http/records.ts';
import { idOf, instant, num, plainDate, str } from '../http/values.ts';
import type { TimeUnit, UnifiedAbsence, UnifiedAbsenceType, UnifiedTimeOffBalance } from '../unified-hris.ts';
import { attributesOf, FROM, valueOf } from './to-unified.ts';

/** Pure mappings from Personio's v1 time-off objects (reference notes §2) to the unified records. */

/** A timestamp with a `+0200`-style offset (as time-off objects carry them) as an instant. */
const offsetInstant = (value: unknown) => instant(str(value)?.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));

const unitOf = (value: unknown): TimeUnit | null => {
  const s = str(value)?.toLowerCase();
  return s === 'day' || s === 'days' ? 'DAYS' : s === 'hour' || s === 'hours' ? 'HOURS' : null;
};

export function toAbsenceType(raw: unknown): WithRemoteData<UnifiedAbsenceType> {
  const a = attributesOf(raw, 'The time-off type');
  const remoteId = idOf(a.id);
  if (!remoteId) throw new BadRecordError('A time-off type has no id.');
  // `half_day_requests_enabled` was removed from the API in 2024 [docs]: unknown.
  return { remoteId, name: str(a.name), unit: unitOf(a.unit), halfDaysSupported: null, exactTimesSupported: null, remoteData: remoteDataOf(FROM.timeOffTypes, raw) };
}

/** The `attributes` of a linked object (`a[key].attributes`), when there is one. */
function linkedAttributes(a: Record<string, unknown>, key: string): Record<string, unknown> | undefined {
  const linked = a[key];
  return linked && typeof linked === 'object' ? (linked as { attributes?: Record<string, unknown> }).attributes : undefined;
}

/** The id of the employee a time-off or absence period belongs to (`employee.attributes.id.value`). */
function employeeRemoteIdOf(a: Record<string, unknown>): string | null {
  const employee = linkedAttributes(a, 'employee');
  return employee ? idOf(valueOf(employee, 'id')) : null;
}

const ABSENCE_STATUS: Record<string, string> = { approved: 'APPROVED', pending: 'REQUESTED', rejected: 'DECLINED', canceled: 'CANCELLED', cancelled: 'CANCELLED' };

/** A period's status in Kombo's terms; one we do not know is passed on as Personio wrote it. */
function absenceStatus(value: unknown): string | null {
  const status = str(value)?.toLowerCase();
  return status ? (ABSENCE_STATUS[status] ?? status) : null;
}

/** A day-unit time-off period (`/v1/company/time-offs`); dates are taken textually from the offset timestamps. */
export function toAbsence(raw: unknown): WithRemoteData<UnifiedAbsence> {
  const a = attributesOf(raw, 'The time-off period');
  const remoteId = idOf(a.id);
  const employeeRemoteId = employeeRemoteIdOf(a);
  if (!remoteId || !employeeRemoteId) throw new BadRecordError('A time-off period has no id or employee.');
  const type = linkedAttributes(a, 'time_off_type');
  return {
    remoteId,
    employeeRemoteId,
    approverRemoteId: null,
    startDate: plainDate(a.start_date),
    endDate: plainDate(a.end_date),
    startHalfDay: typeof a.half_day_start === 'boolean' ? a.half_day_start : null,
    endHalfDay: typeof a.half_day_end === 'boolean' ? a.half_day_end : null,
    startTime: null,
    endTime: null,
    amount: num(a.days_count),
    unit: 'DAYS',
    status: absenceStatus(a.status),
    employeeNote: null,
    typeRemoteId: type ? idOf(type.id) : null,
    remoteCreatedAt: offsetInstant(a.created_at),
    remoteUpdatedAt: offsetInstant(a.updated_at),
    remoteData: remoteDataOf(FROM.timeOffs, raw),
  };
}

/** A formatter of wall-clock parts per time zone, made once each (UTC for a zone Intl does not know). */
const formats = new Map<string, Intl.DateTimeFormat>();
function formatIn(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    const options = { hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' } as const;
    try {
      format = new Intl.DateTimeFormat('en-CA', { ...options, timeZone });
    } catch {
      format = formatIn('UTC');
    }
    formats.set(timeZone, format);
  }
  return format;
}

/** The wall-clock date and time of an instant in a time zone (UTC when the zone is unknown). */
function localParts(instantIso: string, timeZone: string | null): { date: string; time: string } | null {
  const at = new Date(instantIso);
  if (Number.isNaN(at.getTime())) return null;
  const part = Object.fromEntries(formatIn(timeZone ?? 'UTC').formatToParts(at).map((p) => [p.type, p.value]));
  return { date: `${part.year}-${part.month}-${part.day}`, time: `${part.hour}:${part.minute}:${part.second}` };
}

/**
 * An hour-unit absence period (`/v1/company/absence-periods`, notes §2.7): `start`/`end` are UTC
 * instants shown in the period's `timezone` [spec]; `effective_duration` is in minutes [spec]. An end
 * at local midnight ends the day before, with no end time (a period covering whole days ends at the
 * next midnight [inf]).
 * Its type is the linked time-off type (`absence_type.time_off_type_id`), so it joins the types read
 * from `/v1/company/time-off-types`.
 */
export function toAbsencePeriod(raw: unknown): WithRemoteData<UnifiedAbsence> {
  const a = objectOf(raw, 'The absence period');
  const remoteId = idOf(a.id);
  const employeeRemoteId = employeeRemoteIdOf(a);
  if (!remoteId || !employeeRemoteId) throw new BadRecordError('An absence period has no id or employee.');
  const type = a.absence_type && typeof a.absence_type === 'object' ? (a.absence_type as Record<string, unknown>) : {};
  const zone = str(a.timezone);
  const start = str(a.start) === null ? null : localParts(str(a.start)!, zone);
  const endInstant = str(a.end);
  let end = endInstant === null ? null : localParts(endInstant, zone);
  if (end && start && end.time === '00:00:00' && endInstant && Date.parse(endInstant) > Date.parse(str(a.start)!)) {
    // `HH:mm:ss` has no 24:00:00: the period runs to the end of the day before, which no time of that day says.
    end = { date: localParts(new Date(Date.parse(endInstant) - 1000).toISOString(), zone)!.date, time: '' };
  }
  const minutes = num(a.effective_duration);
  return {
    remoteId,
    employeeRemoteId,
    approverRemoteId: null,
    startDate: start?.date ?? null,
    endDate: end?.date ?? null,
    startHalfDay: typeof a.half_day_start === 'boolean' ? a.half_day_start : null,
    endHalfDay: typeof a.half_day_end === 'boolean' ? a.half_day_end : null,
    startTime: start?.time ?? null,
    endTime: end?.time || null,
    amount: minutes === null ? null : Math.round((minutes / 60) * 100) / 100,
    unit: 'HOURS',
    status: absenceStatus(a.status),
    employeeNote: str(a.comment) || null,
    typeRemoteId: idOf(type.time_off_type_id),
    remoteCreatedAt: offsetInstant(a.created_at),
    remoteUpdatedAt: offsetInstant(a.updated_at),
    remoteData: remoteDataOf(FROM.absencePeriods, raw),
  };
}

/** A balance item of one employee; its unit is its type's. */
export function toTimeOffBalance(employeeRemoteId: string, raw: unknown, units: ReadonlyMap<string, TimeUnit | null>): WithRemoteData<UnifiedTimeOffBalance> {
  const b = objectOf(raw, 'The balance');
  const typeRemoteId = idOf(b.id);
  if (!typeRemoteId) throw new BadRecordError('A balance has no time-off type id.');
  const unit = units.get(typeRemoteId) ?? null;
  return { remoteId: `${employeeRemoteId}:${typeRemoteId}`, employeeRemoteId, typeRemoteId, balance: num(b.balance), balanceUnit: unit, used: null, usedUnit: unit, remoteData: remoteDataOf(FROM.balances, raw) };
}
